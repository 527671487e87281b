"""Parameter and response header examples, judged against their own schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.examples.helpers import line_of, located, write_spec
from versioning.examples import EXAMPLE_INVALID, EXAMPLE_UNDECLARED_MEMBER, example_findings
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

SPEC = """\
paths:
  /transactions/{transaction_id}:
    parameters:
      - name: transaction_id
        in: path
        required: true
        schema: {type: string, pattern: '^txn_'}
        example: %(path_example)s
    get:
      parameters:
        - name: limit
          in: query
          schema: {type: integer, maximum: 100}
          examples:
            small: {value: %(limit_example)s}
        - $ref: '#/components/parameters/Expand'
        - name: filter
          in: query
          content:
            application/json:
              schema:
                type: object
                properties:
                  status: {type: string, example: %(status_example)s}
              example:
                %(filter_member)s: captured
      responses:
        '200':
          description: OK.
          headers:
            X-Rate-Limit:
              schema: {type: integer}
              example: %(header_example)s
components:
  parameters:
    Expand:
      name: expand
      in: query
      schema: {type: array, items: {type: string}}
      example: %(expand_example)s
"""
GOOD = {
    "path_example": "txn_1",
    "limit_example": "20",
    "filter_member": "status",
    "header_example": "600",
    "expand_example": "[card]",
    "status_example": "captured",
}


def _write(tmp_path: Path, **changes: str) -> Path:
    return write_spec(tmp_path, SPEC % {**GOOD, **changes})


def test_parameter_examples__all_valid__give_no_finding(tmp_path: Path) -> None:
    assert example_findings(load_spec(_write(tmp_path))) == []


def test_query_parameter_example__wrong_type__is_invalid_at_its_value(tmp_path: Path) -> None:
    path = _write(tmp_path, limit_example="'twenty'")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "'twenty'"))
    assert finding.operation == "GET /transactions/{transaction_id}"
    assert finding.message == (
        "example 'small' of query parameter 'limit' of GET /transactions/{transaction_id}:"
        ' "twenty" is not of type "integer"'
    )
    assert finding.subject is not None
    assert (finding.subject.place, finding.subject.location, finding.subject.name) == (
        "parameter",
        "query",
        "limit",
    )


def test_query_parameter_example__above_maximum__is_invalid(tmp_path: Path) -> None:
    path = _write(tmp_path, limit_example="500")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "value: 500"))


def test_path_level_parameter_example__wrong_pattern__is_named_by_its_path(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, path_example="chk_1")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "example: chk_1"))
    assert finding.operation is None  # shared by every operation of the path
    assert finding.message.startswith(
        "example of path parameter 'transaction_id' of path /transactions/{transaction_id}: "
    )


def test_component_parameter_example__wrong_item_type__is_reported_once_at_the_component(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, expand_example="[card, 7]")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "example: [card, 7]"))
    assert finding.message.startswith(
        "example of query parameter 'expand' of #/components/parameters/Expand: /1: "
    )


def test_content_parameter_example__undeclared_member__is_reported_at_the_member(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, filter_member="state")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_UNDECLARED_MEMBER, line_of(path, "state: captured"))
    assert "query parameter 'filter' (application/json)" in finding.message


def test_response_header_example__wrong_type__is_invalid_at_its_value(tmp_path: Path) -> None:
    path = _write(tmp_path, header_example="lots")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "example: lots"))
    assert finding.message.startswith(
        "example of header 'X-Rate-Limit' of 200 response of GET /transactions/{transaction_id}:"
    )


def test_content_parameter_schema_property_example__wrong_type__is_located_in_its_content(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, status_example="42")

    [finding] = example_findings(load_spec(path))

    assert located(finding) == (EXAMPLE_INVALID, line_of(path, "example: 42"))
    assert finding.revision is not None
    assert finding.revision.pointer.endswith(
        "/get/parameters/2/content/application~1json/schema/properties/status/example"
    )
    assert finding.message.startswith(
        "example of the schema of query parameter 'filter' of GET /transactions/{transaction_id}"
        " property 'status': "
    )
