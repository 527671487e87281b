"""``from_schema`` honours each JSON Schema keyword.

Every value it draws validates, and the keyword's effect (a required field present, a
readOnly field absent …) shows in the values.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compat_tests.strategies import (
    SchemaGenerationError,
    UnsatisfiableSchemaError,
    from_schema,
)
from tests.generators.validation import schema_problems

FEW = settings(max_examples=15, deadline=None)


def _assert_valid(schema: Any, value: Any) -> None:
    errors = schema_problems(schema, schema, value)
    assert not errors, (value, errors)


KEYWORD_SCHEMAS: dict[str, dict[str, Any]] = {
    "type-list-with-null": {"type": ["string", "null"], "minLength": 2},
    "integer-bounds-exclusive": {"type": "integer", "exclusiveMinimum": 3, "maximum": 7},
    "integer-multiple": {"type": "integer", "multipleOf": 7, "minimum": -50, "maximum": 50},
    "number-float-multiple": {"type": "number", "multipleOf": 0.25, "maximum": 10},
    "number-exclusive": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "int32-format": {"type": "integer", "format": "int32"},
    "string-lengths": {"type": "string", "minLength": 3, "maxLength": 5},
    "pattern-with-lengths": {"type": "string", "pattern": "^[a-z]+[0-9]*$", "minLength": 4, "maxLength": 8},
    "unanchored-pattern-padded": {"type": "string", "pattern": "ab", "minLength": 6},
    "enum-filtered-by-siblings": {"type": "string", "enum": ["a", "bbb", "cc"], "minLength": 2},
    "const": {"const": {"nested": [1, 2]}},
    "array-unique": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 4}, "uniqueItems": True, "minItems": 3},
    "prefix-items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}], "items": False, "minItems": 2},
    "contains": {"type": "array", "items": {"type": "integer"}, "contains": {"const": 42}},
    "object-additional-schema": {"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 2, "maxProperties": 4},
    "object-closed-with-min": {"type": "object", "properties": {"a": {}, "b": {}, "c": {}}, "additionalProperties": False, "minProperties": 2},
    "property-names": {"type": "object", "propertyNames": {"pattern": "^x_[a-z]{1,5}$"}, "additionalProperties": {"type": "boolean"}, "minProperties": 1},
    "pattern-properties": {"type": "object", "patternProperties": {"^n_": {"type": "number"}, "^s_": {"type": "string"}}, "additionalProperties": False, "minProperties": 1},
    "untyped-any": {},
    "not": {"type": "integer", "not": {"enum": [0, 1, 2]}, "minimum": 0, "maximum": 5},
    "if-then-else": {"type": "object", "properties": {"kind": {"enum": ["a", "b"]}}, "required": ["kind"], "if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"]}},
    "dependent-required": {"type": "object", "properties": {"card": {"type": "string"}, "cvc": {"type": "string"}}, "dependentRequired": {"card": ["cvc"]}},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(KEYWORD_SCHEMAS))
def test_from_schema__keyword__every_value_validates(name: str) -> None:
    schema = KEYWORD_SCHEMAS[name]

    @FEW
    @given(from_schema(schema))
    def check(value: Any) -> None:
        _assert_valid(schema, value)

    check()


FORMATS = ["date-time", "date", "time", "email", "uuid", "uri", "uri-reference", "ipv4", "ipv6", "hostname", "byte"]  # fmt: skip


@pytest.mark.parametrize("name", FORMATS)
def test_from_schema__format__values_conform(name: str) -> None:
    schema = {"type": "string", "format": name, "maxLength": 120}

    @FEW
    @given(from_schema(schema))
    def check(value: str) -> None:
        _assert_valid(schema, value)
        if name == "uri":
            assert re.match(r"^[a-z][a-z0-9+.-]*://", value)
        if name == "hostname":
            assert all(0 < len(label) <= 63 for label in value.split("."))

    check()


def test_from_schema__ecma_named_group__is_read_as_python_named_group() -> None:
    @FEW
    @given(from_schema({"type": "string", "pattern": "^(?<year>[0-9]{4})$"}))
    def check(value: str) -> None:
        assert re.fullmatch(r"[0-9]{4}", value)

    check()


def test_from_schema__pattern__fully_matches_without_trailing_newline() -> None:
    schema = {"type": "string", "pattern": r"^\d{3}-[A-Z]{2}$"}

    @FEW
    @given(from_schema(schema))
    def check(value: str) -> None:
        assert re.fullmatch(r"[0-9]{3}-[A-Z]{2}", value)

    check()


DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Account": {
                "type": "object",
                "required": ["id", "password", "name"],
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "password": {"type": "string", "writeOnly": True, "minLength": 8},
                    "name": {"type": "string"},
                    "created": {"$ref": "#/components/schemas/Timestamp"},
                },
            },
            "Timestamp": {"type": "string", "format": "date-time", "readOnly": True},
            "Node": {
                "type": "object",
                "required": ["value"],
                "properties": {
                    "value": {"type": "integer"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                },
            },
            "Cat": {"type": "object", "required": ["kind", "meows"], "properties": {"kind": {"type": "string"}, "meows": {"type": "boolean"}}},
            "Dog": {"type": "object", "required": ["kind", "barks"], "properties": {"kind": {"type": "string"}, "barks": {"type": "integer"}}},
            "Pet": {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {"propertyName": "kind", "mapping": {"kitty": "#/components/schemas/Cat"}},
            },
            "Overlapping": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "integer", "maximum": 10}]},
            "Closed": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
            "ClosedPlusB": {"allOf": [{"$ref": "#/components/schemas/Closed"}, {"properties": {"b": {"type": "integer"}}}]},
            "Merged": {"allOf": [{"type": "integer", "minimum": 5}, {"maximum": 9, "multipleOf": 3}]},
            "MergedStrings": {"allOf": [{"type": "string", "pattern": "^[a-z]+$"}, {"minLength": 2, "maxLength": 6}]},
            "Nullable": {"anyOf": [{"$ref": "#/components/schemas/Closed"}, {"type": "null"}]},
        }
    }
}  # fmt: skip


def _strategy(name: str, direction: str = "response") -> st.SearchStrategy[Any]:
    from compat_tests.strategies import schema_strategies

    builder = schema_strategies(DOCUMENT, direction=direction)  # type: ignore[arg-type]
    return builder.for_schema({"$ref": f"#/components/schemas/{name}"})


def _validate_in_document(name: str, value: Any, direction: str) -> None:
    schema = DOCUMENT["components"]["schemas"][name]
    errors = schema_problems(DOCUMENT, schema, value, direction)  # type: ignore[arg-type]
    assert not errors, (value, errors)


@pytest.mark.parametrize("name", sorted(DOCUMENT["components"]["schemas"]))
@pytest.mark.parametrize("direction", ["request", "response"])
def test_from_schema__document_schema__validates_in_its_direction(
    name: str, direction: str
) -> None:
    @FEW
    @given(_strategy(name, direction))
    def check(value: Any) -> None:
        _validate_in_document(name, value, direction)

    check()


@FEW
@given(_strategy("Account", "request"))
def test_from_schema__request__leaves_read_only_properties_out(value: dict[str, Any]) -> None:
    assert "id" not in value
    assert "created" not in value  # readOnly behind a $ref
    assert len(value["password"]) >= 8


@FEW
@given(_strategy("Account", "response"))
def test_from_schema__response__leaves_write_only_properties_out(value: dict[str, Any]) -> None:
    assert "password" not in value
    assert "id" in value


def _depth(node: dict[str, Any]) -> int:
    return 1 + max((_depth(child) for child in node.get("children", [])), default=0)


@FEW
@given(_strategy("Node"))
def test_from_schema__recursive_ref__stays_within_the_depth_limit(value: dict[str, Any]) -> None:
    assert _depth(value) <= 5


@FEW
@given(_strategy("Pet"))
def test_from_schema__discriminator__sets_the_mapped_or_schema_name(value: dict[str, Any]) -> None:
    assert value["kind"] == ("kitty" if "meows" in value else "Dog")


@FEW
@given(_strategy("ClosedPlusB"))
def test_from_schema__all_of_with_closed_member__never_adds_the_other_members_property(
    value: dict[str, Any],
) -> None:
    assert "b" not in value


@FEW
@given(_strategy("Merged"))
def test_from_schema__all_of__merges_bounds_and_multiples(value: int) -> None:
    assert value in {6, 9}


UNSATISFIABLE: dict[str, Any] = {
    "false": False,
    "min-above-max": {"type": "integer", "minimum": 5, "maximum": 4},
    "length-conflict": {"type": "string", "minLength": 5, "maxLength": 2},
    "types-disjoint": {"allOf": [{"type": "string"}, {"type": "integer"}]},
    "enum-vs-type": {"type": "integer", "enum": ["a", "b"]},
    "required-but-forbidden": {"type": "object", "required": ["a"], "additionalProperties": False},
    "too-many-required": {"type": "object", "required": ["a", "b"], "maxProperties": 1},
    "items-forbidden": {"type": "array", "items": False, "minItems": 1},
    "no-branch": {"anyOf": [{"type": "integer", "minimum": 3, "maximum": 1}, False]},
}


@pytest.mark.parametrize("name", sorted(UNSATISFIABLE))
def test_from_schema__unsatisfiable_schema__raises_with_a_reason(name: str) -> None:
    with pytest.raises(UnsatisfiableSchemaError) as caught:
        from_schema(UNSATISFIABLE[name])
    assert caught.value.message


def test_from_schema__unreadable_pattern__is_a_generation_error() -> None:
    with pytest.raises(SchemaGenerationError, match="not a regex we can read"):
        from_schema({"type": "string", "pattern": r"\p{L}+("})


def test_from_schema__recursion_without_base__is_reported() -> None:
    schema = {
        "$ref": "#/$defs/Loop",
        "$defs": {"Loop": {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/$defs/Loop"}}}},
    }  # fmt: skip
    with pytest.raises(SchemaGenerationError, match="recurses"):
        from_schema(schema)
