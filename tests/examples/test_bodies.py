"""Request and response body examples: types, required members, undeclared members, direction."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from tests.examples.helpers import line_of, located, write_spec
from versioning.examples import EXAMPLE_INVALID, EXAMPLE_UNDECLARED_MEMBER, example_findings
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.findings import Finding

SPEC = """\
paths:
  /transactions:
    post:
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Transaction'}}
            examples:
              authorize:
                value:
{request}
      responses:
        '201':
          description: Created.
  /transactions/{{transaction_id}}:
    get:
      parameters:
        - {{name: transaction_id, in: path, required: true, schema: {{type: string}}}}
      responses:
        '200':
          description: The transaction.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Transaction'}}
              examples:
                captured:
                  value:
{response}
components:
  schemas:
    Transaction:
      type: object
      required: [id, amount]
      properties:
        id: {{type: string, readOnly: true}}
        amount: {{type: integer, minimum: 1}}
        amount_captured: {{type: integer}}
        card:
          type: object
          properties:
            last4: {{type: string}}
"""

GOOD_REQUEST = """\
amount: 500
"""
GOOD_RESPONSE = """\
id: txn_1
amount: 500
amount_captured: 500
card:
  last4: '4242'
"""


def _write(tmp_path: Path, *, request: str = GOOD_REQUEST, response: str = GOOD_RESPONSE) -> Path:
    def block(value: str) -> str:
        return textwrap.indent(textwrap.dedent(value), " " * 20).rstrip("\n")

    return write_spec(tmp_path, SPEC.format(request=block(request), response=block(response)))


def _findings(path: Path) -> list[Finding]:
    return example_findings(load_spec(path))


def test_body_examples__all_valid__give_no_finding(tmp_path: Path) -> None:
    assert _findings(_write(tmp_path)) == []


def test_response_example__renamed_field_kept__is_an_undeclared_member_at_its_line(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, response="id: txn_1\namount: 500\ncaptured_amount: 500\n")

    [finding] = _findings(path)

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "captured_amount"))
    assert finding.message == (
        "example 'captured' of 200 response (application/json) of"
        " GET /transactions/{transaction_id}: /captured_amount is not a member the schema declares"
    )
    assert finding.level == "error"
    assert finding.operation == "GET /transactions/{transaction_id}"
    assert finding.base is None
    assert finding.revision is not None
    assert finding.revision.pointer == (
        "/paths/~1transactions~1{transaction_id}/get/responses/200/content/application~1json"
        "/examples/captured/value/captured_amount"
    )


def test_response_example__nested_undeclared_member__is_located_at_the_nested_line(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path, response="id: txn_1\namount: 500\ncard:\n  last4: '4242'\n  cvc: '123'\n"
    )

    [finding] = _findings(path)

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "cvc"))
    assert finding.message.endswith(": /card/cvc is not a member the schema declares")


def test_response_example__wrong_type__is_invalid_at_the_member_line(tmp_path: Path) -> None:
    path = _write(tmp_path, response="id: txn_1\namount: five hundred\n")

    [finding] = _findings(path)

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "five hundred"))
    assert finding.message.endswith(': /amount: "five hundred" is not of type "integer"')


def test_request_example__below_minimum__is_invalid_with_the_request_operation(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, request="amount: 0\n")

    [finding] = _findings(path)

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "amount: 0"))
    assert finding.operation == "POST /transactions"
    assert finding.message.startswith(
        "example 'authorize' of request body (application/json) of POST /transactions: /amount:"
    )


def test_response_example__required_property_missing__is_invalid_at_the_object(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, response="id: txn_1\namount_captured: 500\n")

    [finding] = _findings(path)

    assert finding.rule == EXAMPLE_INVALID
    assert finding.message.endswith(": /amount: Missing required property")
    # The member does not exist, so the finding points at the example value that lacks it.
    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "captured:", exact=True) + 1)


def test_request_example__read_only_required_property_absent__gives_no_finding(
    tmp_path: Path,
) -> None:
    assert _findings(_write(tmp_path, request="amount: 500\n")) == []


def test_response_example__read_only_required_property_absent__is_invalid(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, response="amount: 500\n")

    [finding] = _findings(path)

    assert finding.rule == EXAMPLE_INVALID
    assert finding.message.endswith(": /id: Missing required property")


def test_response_example__several_problems__are_ordered_by_line(tmp_path: Path) -> None:
    path = _write(tmp_path, response="id: 7\namount: 500\nzeta: 1\nalpha: 2\n")

    found = _findings(path)

    assert [located(f) for f in found] == [
        (EXAMPLE_INVALID, line_of(path, "id: 7")),
        (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "zeta")),
        (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "alpha")),
    ]
    assert _findings(path) == found
