"""Issue 12's spec classes never crash generic mode: startup survives, requests get answers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from mock_server.generic_startup import generic_report
from mock_server.served import load_served_catalog
from tests.server.generic.support import generic_client, spec_document

if TYPE_CHECKING:
    from pathlib import Path


def _document(schema: Any, **schemas: Any) -> dict[str, Any]:
    content = {"application/json": {"schema": schema}}
    operation = {
        "requestBody": {"content": content},
        "responses": {"200": {"description": "x", "content": content}},
    }
    return spec_document({"/x": {"post": operation}}, schemas=schemas)


UNCOMPILABLE = {
    "minimum-as-text": _document({"type": "integer", "minimum": "0"}),
    "invalid-pattern": _document({"type": "string", "pattern": "(["}),
    "additional-properties-5": _document({"type": "object", "additionalProperties": 5}),
    "ref-not-a-string": _document({"$ref": 5}),
}
CYCLES = {
    "all-of-one-of-any-of": _document(
        {"$ref": "#/components/schemas/A"},
        A={"allOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/B"}]},
        B={
            "oneOf": [
                {"$ref": "#/components/schemas/A"},
                {"anyOf": [{"$ref": "#/components/schemas/A"}]},
            ]
        },
    ),
    "required-recursive-items": _document(
        {"$ref": "#/components/schemas/L"},
        L={"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/L"}},
    ),
}


@pytest.mark.parametrize("name", sorted(UNCOMPILABLE))
def test_generic_weird_spec__schema_cannot_compile__500_problem_naming_it(
    tmp_path: Path, name: str
) -> None:
    with generic_client(tmp_path, UNCOMPILABLE[name]) as client:
        response = client.post("/x", json={"a": 1})
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "spec_schema_invalid"
    assert "/paths/~1x/post" in body["detail"]


@pytest.mark.parametrize("name", sorted(UNCOMPILABLE))
def test_generic_report__schema_cannot_compile__located_warning(tmp_path: Path, name: str) -> None:
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(UNCOMPILABLE[name]))
    report = generic_report(load_served_catalog(path))
    assert f"{path}:1:" in report
    assert "POST /x answers 500 until fixed" in report


@pytest.mark.parametrize("name", sorted(CYCLES))
def test_generic_weird_spec__ref_cycle__answers_without_5xx(tmp_path: Path, name: str) -> None:
    values: list[Any] = [{}, [], 1]
    with generic_client(tmp_path, CYCLES[name]) as client:
        statuses = {client.post("/x", json=value).status_code for value in values}
    assert statuses <= {200, 422}


def test_generic_report__example_breaks_schema__listed_with_line(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(
        "openapi: 3.1.0\n"
        "info: {title: T, version: '1'}\n"
        "paths:\n"
        "  /x:\n"
        "    get:\n"
        "      responses:\n"
        "        '200':\n"
        "          description: x\n"
        "          content:\n"
        "            application/json:\n"
        "              schema: {type: object, properties: {n: {type: integer}}}\n"
        "              example: {n: text}\n"
    )
    report = generic_report(load_served_catalog(path))
    assert f"{path}:12:" in report
    assert "is not served" in report
