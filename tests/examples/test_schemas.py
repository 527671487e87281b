"""``example``/``examples`` keywords inside schemas, judged by the schema that holds them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.examples.helpers import line_of, located, write_spec
from versioning.examples import EXAMPLE_INVALID, EXAMPLE_UNDECLARED_MEMBER, example_findings
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.findings import Finding

SPEC = """\
paths:
  /refunds:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/RefundCreate'}
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema:
                type: object
                properties:
                  money: {$ref: '#/components/schemas/Money'}
                  reason:
                    type: string
                    maxLength: 8
                    example: %(inline_example)s
components:
  schemas:
    Money:
      type: object
      required: [value, currency]
      properties:
        value: {type: integer, example: %(value_example)s}
        currency: {type: string}
      examples:
        - {value: 100, currency: USD}
        - %(second_money)s
    RefundCreate:
      type: object
      required: [id, amount]
      properties:
        id: {type: string, readOnly: true}
        amount: {type: integer}
      example: %(refund_create)s
    Unused:
      type: object
      required: [id]
      properties:
        id: {type: string, readOnly: true}
      example: %(unused)s
"""
GOOD = {
    "inline_example": "fraud",
    "value_example": "100",
    "second_money": "{value: 250, currency: EUR}",
    "refund_create": "{amount: 100}",
    "unused": "{id: x_1}",
}


def _check(tmp_path: Path, **changes: str) -> tuple[Path, list[Finding]]:
    path = write_spec(tmp_path, SPEC % {**GOOD, **changes})
    return path, example_findings(load_spec(path))


def test_schema_examples__all_valid__give_no_finding(tmp_path: Path) -> None:
    assert _check(tmp_path)[1] == []


def test_component_schema_examples_list__second_item_wrong__is_located_at_that_item(
    tmp_path: Path,
) -> None:
    path, [finding] = _check(tmp_path, second_money="{value: 250, currency: EUR, cents: 1}")

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "cents: 1"))
    assert finding.operation is None
    assert finding.message == (
        "examples[1] of schema 'Money': /cents is not a member the schema declares"
    )
    assert finding.revision is not None
    assert finding.revision.pointer == "/components/schemas/Money/examples/1/cents"


def test_component_property_example__wrong_type__is_located_at_the_example_keyword(
    tmp_path: Path,
) -> None:
    path, [finding] = _check(tmp_path, value_example="'a hundred'")

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "'a hundred'"))
    assert finding.message == (
        "example of schema 'Money' property 'value': \"a hundred\" is not of type \"integer\""
    )
    assert finding.revision is not None
    assert finding.revision.pointer == "/components/schemas/Money/properties/value/example"


def test_inline_schema_property_example__too_long__belongs_to_its_operation(
    tmp_path: Path,
) -> None:
    path, [finding] = _check(tmp_path, inline_example="requested_by_customer")

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "requested_by_customer"))
    assert finding.operation == "POST /refunds"
    assert finding.message.startswith(
        "example of the schema of 201 response (application/json) of POST /refunds"
        " property 'reason': "
    )


def test_request_only_component_example__read_only_required_absent__gives_no_finding(
    tmp_path: Path,
) -> None:
    assert _check(tmp_path, refund_create="{amount: 100}")[1] == []


def test_request_only_component_example__wrong_type__is_invalid_at_the_member(
    tmp_path: Path,
) -> None:
    path, [finding] = _check(tmp_path, refund_create="{amount: lots}")

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "{amount: lots}"))
    assert finding.message.startswith("example of schema 'RefundCreate': /amount: ")


def test_unused_component_example__read_only_required_absent__is_judged_as_a_response(
    tmp_path: Path,
) -> None:
    path, [finding] = _check(tmp_path, unused="{}")

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "example: {}"))
    assert finding.message == "example of schema 'Unused': /id: Missing required property"


def test_component_used_in_a_response__read_only_required_absent__is_invalid(
    tmp_path: Path,
) -> None:
    spec = (SPEC % GOOD).replace(
        "money: {$ref: '#/components/schemas/Money'}",
        "money: {$ref: '#/components/schemas/RefundCreate'}",
    )
    path = write_spec(tmp_path, spec)

    [finding] = example_findings(load_spec(path))

    assert finding.message == "example of schema 'RefundCreate': /id: Missing required property"


OPENAPI_30 = """\
openapi: 3.0.3
info: {title: Shop, version: '2025-06-30'}
"""


def test_openapi30_nullable_wrapped_schema_example__is_located_where_the_file_writes_it(
    tmp_path: Path,
) -> None:
    body = """\
    paths: {}
    components:
      schemas:
        Money:
          type: object
          properties:
            value: {type: integer}
        Refund:
          type: object
          properties:
            amount:
              allOf: [{$ref: '#/components/schemas/Money'}]
              nullable: true
              example:
                value: 100
                cents: 1
    """
    path = write_spec(tmp_path, body, header=OPENAPI_30)

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "cents: 1"))
    assert finding.revision is not None
    assert finding.revision.pointer == (
        "/components/schemas/Refund/properties/amount/example/cents"
    )
