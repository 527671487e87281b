"""OpenAPI 3.0 idioms reach later stages in their 3.1 form."""

from __future__ import annotations

from typing import Any

import pytest

from versioning.spec.loader import load_spec_text


def _schema(schema_yaml: str, *, openapi: str = "3.0.3") -> dict[str, Any]:
    text = (
        f'openapi: "{openapi}"\ninfo: {{title: t, version: "1"}}\npaths: {{}}\n'
        f"components:\n  schemas:\n    S: {schema_yaml}\n"
    )
    return load_spec_text(text, file="t.yaml").schemas["S"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{type: string, nullable: true}", {"type": ["string", "null"]}),
        ("{type: string, nullable: false}", {"type": "string"}),
        ("{type: [integer], nullable: true}", {"type": ["integer", "null"]}),
        ("{type: string, enum: [a, b], nullable: true}", {"type": ["string", "null"], "enum": ["a", "b", None]}),
        ("{anyOf: [{type: string}], nullable: true}", {"anyOf": [{"type": "string"}, {"type": "null"}]}),
        ("{oneOf: [{type: string}], nullable: true}", {"oneOf": [{"type": "string"}, {"type": "null"}]}),
        ('{$ref: "#/components/schemas/S", nullable: true}',
         {"anyOf": [{"$ref": "#/components/schemas/S"}, {"type": "null"}]}),
        ("{allOf: [{type: object}], nullable: true}", {"anyOf": [{"allOf": [{"type": "object"}]}, {"type": "null"}]}),
        ("{nullable: true, description: any}", {"description": "any"}),
        ("{type: number, minimum: 1, exclusiveMinimum: true}", {"type": "number", "exclusiveMinimum": 1}),
        ("{type: number, maximum: 9, exclusiveMaximum: false}", {"type": "number", "maximum": 9}),
        ("{type: string, example: hi}", {"type": "string", "examples": ["hi"]}),
    ],
)  # fmt: skip
def test_openapi30_schema__normalised__takes_31_form(source: str, expected: dict[str, Any]) -> None:
    assert _schema(source) == expected


def test_openapi31_schema__nullable_keyword__is_not_a_31_keyword_and_stays() -> None:
    assert _schema("{type: string, nullable: true}", openapi="3.1.0") == {
        "type": "string",
        "nullable": True,
    }


def test_nested_schemas__inside_properties_items_and_combinators__are_normalised() -> None:
    schema = _schema(
        "{type: object, properties: {a: {type: array, items: {type: integer, nullable: true}}},"
        " additionalProperties: {type: string, nullable: true}, not: {type: string, example: x}}"
    )
    assert schema["properties"]["a"]["items"] == {"type": ["integer", "null"]}
    assert schema["additionalProperties"] == {"type": ["string", "null"]}
    assert schema["not"] == {"type": "string", "examples": ["x"]}


def test_media_type_example__single_example__becomes_examples_map() -> None:
    text = """openapi: "3.0.3"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}, example: abc}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object}
              example: {id: 1}
"""
    operation = load_spec_text(text, file="t.yaml").operations[0]
    assert operation.parameters[0].examples == {"example": "abc"}
    assert operation.responses["200"].content["application/json"].examples == {"example": {"id": 1}}


def test_nullable_ref__error_inside__reports_the_source_pointer() -> None:
    text = """openapi: "3.0.3"
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    S: {$ref: "#/components/schemas/Missing", nullable: true}
"""
    with pytest.raises(Exception, match="at /components/schemas/S/\\$ref"):
        load_spec_text(text, file="t.yaml")
