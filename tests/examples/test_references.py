"""Examples reached through ``$ref``, written as ``example:``, in other files and in webhooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.examples.helpers import line_of, located, write_spec
from versioning.examples import EXAMPLE_INVALID, EXAMPLE_UNDECLARED_MEMBER, example_findings
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

SPEC = """\
paths:
  /transactions:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Transaction'}
            examples:
              shared: {$ref: '#/components/examples/Captured'}
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Transaction'}
              example:
                amount: 500
                %(single_member)s: 500
components:
  examples:
    Captured:
      summary: A captured transaction
      value:
        amount: 500
        %(shared_member)s: 500
  schemas:
    Transaction:
      type: object
      properties:
        amount: {type: integer}
        amount_captured: {type: integer}
"""
GOOD = {"single_member": "amount_captured", "shared_member": "amount_captured"}


def _write(tmp_path: Path, **changes: str) -> Path:
    return write_spec(tmp_path, SPEC % {**GOOD, **changes})


def test_referenced_and_single_examples__valid__give_no_finding(tmp_path: Path) -> None:
    assert example_findings(load_spec(_write(tmp_path))) == []


def test_referenced_example__undeclared_member__is_reported_where_the_value_is_written(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, shared_member="captured_amount")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "captured_amount"))
    assert finding.operation == "POST /transactions"
    assert finding.message == (
        "example 'shared' ($ref #/components/examples/Captured) of request body"
        " (application/json) of POST /transactions:"
        " /captured_amount is not a member the schema declares"
    )
    assert finding.revision is not None
    assert finding.revision.pointer == "/components/examples/Captured/value/captured_amount"


def test_single_media_type_example__undeclared_member__is_located_under_example(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, single_member="captured_amount")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "captured_amount"))
    assert finding.message.startswith(
        "example of 201 response (application/json) of POST /transactions: "
    )
    assert finding.revision is not None
    assert finding.revision.pointer == (
        "/paths/~1transactions/post/responses/201/content/application~1json/example/captured_amount"
    )


def test_example_in_another_file__wrong_type__is_located_in_that_file(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    example_file = tmp_path / "examples" / "captured.yaml"
    example_file.write_text("summary: Captured\nvalue:\n  amount: lots\n", encoding="utf-8")
    spec = (SPEC % GOOD).replace(
        "shared: {$ref: '#/components/examples/Captured'}",
        "shared: {$ref: 'examples/captured.yaml'}",
    )
    path = write_spec(tmp_path, spec)

    [finding] = example_findings(load_spec(path))

    assert finding.rule == EXAMPLE_INVALID
    assert finding.revision is not None
    assert finding.revision.location is not None
    assert finding.revision.location.file.endswith("examples/captured.yaml")
    assert finding.revision.location.line == 3
    assert "($ref examples/captured.yaml#) of request body" in finding.message


def test_webhook_payload_example__read_only_required_absent__is_judged_as_a_response(
    tmp_path: Path,
) -> None:
    body = """\
    webhooks:
      paid:
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [id]
                  properties:
                    id: {type: string, readOnly: true}
                example: {}
          responses:
            '200':
              description: Received.
    """
    path = write_spec(tmp_path, body)

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "example: {}"))
    assert finding.operation == "POST webhook:paid"
    assert finding.subject is not None
    assert (finding.subject.direction, finding.subject.webhook) == ("response", "paid")


def test_shared_component_response_example__used_twice__is_reported_once_by_its_component(
    tmp_path: Path,
) -> None:
    body = """\
    paths:
      /a:
        get:
          responses:
            '404': {$ref: '#/components/responses/NotFound'}
      /b:
        get:
          responses:
            '404': {$ref: '#/components/responses/NotFound'}
    components:
      responses:
        NotFound:
          description: Not found.
          content:
            application/problem+json:
              schema:
                type: object
                properties:
                  title: {type: string}
              examples:
                missing:
                  value: {title: Not found, detail: gone}
    """
    path = write_spec(tmp_path, body)

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "detail: gone"))
    assert finding.operation is None
    assert finding.message == (
        "example 'missing' of response (application/problem+json) of"
        " #/components/responses/NotFound: /detail is not a member the schema declares"
    )
