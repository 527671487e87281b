"""Refactorings that do not change what a schema accepts are not changes (oasdiff's false alarms).

Each case is a pair of specs that differ only in how they spell the same schema; the diff must
find nothing at all, in requests and responses alike. The oasdiff issue each case answers is
named in the test id.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.diff.specs import spec_with
from versioning.diff import SpecDiff, diff_specs

MONEY: dict[str, Any] = {
    "type": "object",
    "required": ["value", "currency"],
    "properties": {"value": {"type": "integer"}, "currency": {"type": "string", "maxLength": 3}},
}
BASE_OBJECT = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "created": {"type": "integer"}},
    "required": ["id"],
}


def _unconditional_changes(diff: SpecDiff) -> list[str]:
    return [
        f"{change.change} at {change.revision_pointer}"
        for node in diff.schemas.values()
        for change in node.changes
        if not change.conditional
    ]


def _assert_no_change(base: Any, revision: Any) -> None:
    diff = diff_specs(base, revision)
    assert _unconditional_changes(diff) == []
    assert diff.dirty == frozenset()


def test_property_moved_into_all_of_parent__is_no_change() -> None:  # oasdiff #106
    base = spec_with(
        {"type": "object", "required": ["id", "amount"],
         "properties": {"id": {"type": "string"}, "created": {"type": "integer"},
                        "amount": {"type": "integer"}}},
        components={"Base": BASE_OBJECT},
    )  # fmt: skip
    revision = spec_with(
        {"allOf": [{"$ref": "#/components/schemas/Base"},
                   {"type": "object", "required": ["amount"],
                    "properties": {"amount": {"type": "integer"}}}]},
        components={"Base": BASE_OBJECT},
    )  # fmt: skip
    _assert_no_change(base, revision)


@pytest.mark.parametrize("direction", ["inline-to-ref", "ref-to-inline"])
def test_inline_schema_swapped_for_equivalent_ref__is_no_change(direction: str) -> None:  # #154
    inline = spec_with(
        {"type": "object", "properties": {"amount": MONEY}}, components={"Money": MONEY}
    )
    by_ref = spec_with(
        {"type": "object", "properties": {"amount": {"$ref": "#/components/schemas/Money"}}},
        components={"Money": MONEY},
    )
    base, revision = (inline, by_ref) if direction == "inline-to-ref" else (by_ref, inline)
    _assert_no_change(base, revision)


NULLABLE_SPELLINGS = {
    "nullable-3.0": ({"type": "string", "maxLength": 5, "nullable": True}, "3.0.3"),
    "type-list": ({"type": ["string", "null"], "maxLength": 5}, "3.1.0"),
    "one-of-null": ({"oneOf": [{"type": "string", "maxLength": 5}, {"type": "null"}]}, "3.1.0"),
    "any-of-null-first": (
        {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 5}]},
        "3.1.0",
    ),
}


@pytest.mark.parametrize("base_name", sorted(NULLABLE_SPELLINGS))
@pytest.mark.parametrize("revision_name", sorted(NULLABLE_SPELLINGS))
def test_nullable_spellings__are_equivalent(base_name: str, revision_name: str) -> None:  # #766
    (base_schema, base_version), (revision_schema, revision_version) = (
        NULLABLE_SPELLINGS[base_name], NULLABLE_SPELLINGS[revision_name],
    )  # fmt: skip
    base = spec_with({"type": "object", "properties": {"note": base_schema}}, openapi=base_version)
    revision = spec_with(
        {"type": "object", "properties": {"note": revision_schema}}, openapi=revision_version
    )
    _assert_no_change(base, revision)


def test_nullable_ref__in_30_and_31_spellings__is_no_change() -> None:
    components = {"Money": MONEY}
    base = spec_with(
        {"type": "object", "properties": {"m": {"$ref": "#/components/schemas/Money", "nullable": True}}},
        components=components, openapi="3.0.3",
    )  # fmt: skip
    revision = spec_with(
        {"type": "object", "properties": {"m": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}]}}},
        components=components,
    )  # fmt: skip
    _assert_no_change(base, revision)


REORDERINGS = {
    "one-of": ({"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Bank"}]},
               {"oneOf": [{"$ref": "#/components/schemas/Bank"}, {"$ref": "#/components/schemas/Card"}]}),
    "any-of-inline": ({"anyOf": [{"type": "string", "maxLength": 9}, {"type": "object", "properties": {"x": {"type": "integer"}}}]},
                      {"anyOf": [{"type": "object", "properties": {"x": {"type": "integer"}}}, {"type": "string", "maxLength": 9}]}),
    "enum": ({"type": "string", "enum": ["a", "b", "c"]}, {"type": "string", "enum": ["c", "a", "b"]}),
    "required": ({"type": "object", "required": ["a", "b"], "properties": {"a": {}, "b": {}}},
                 {"type": "object", "required": ["b", "a"], "properties": {"b": {}, "a": {}}}),
    "type": ({"type": ["string", "integer"]}, {"type": ["integer", "string"]}),
}  # fmt: skip
CARD_AND_BANK = {
    "Card": {
        "type": "object",
        "required": ["number"],
        "properties": {"number": {"type": "string"}},
    },
    "Bank": {"type": "object", "required": ["iban"], "properties": {"iban": {"type": "string"}}},
}


@pytest.mark.parametrize("name", sorted(REORDERINGS))
def test_reordered_lists__are_no_change(name: str) -> None:  # oasdiff #398
    before, after = REORDERINGS[name]
    _assert_no_change(
        spec_with({"type": "object", "properties": {"v": before}}, components=CARD_AND_BANK),
        spec_with({"type": "object", "properties": {"v": after}}, components=CARD_AND_BANK),
    )


def test_description_and_example_only_change__is_no_change() -> None:
    base = spec_with(
        {"type": "object", "properties": {"a": {"type": "string", "description": "old"}}}
    )
    revision = spec_with(
        {"type": "object", "description": "new", "examples": [{"a": "x"}],
         "properties": {"a": {"type": "string", "description": "new", "title": "A"}}},
    )  # fmt: skip
    _assert_no_change(base, revision)


def test_recursive_schema__terminates_and_finds_the_nested_change() -> None:
    def tree(max_length: int) -> dict[str, Any]:
        return {
            "Node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "maxLength": max_length},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                },
            }
        }

    ref = {"$ref": "#/components/schemas/Node"}
    diff = diff_specs(spec_with(ref, components=tree(10)), spec_with(ref, components=tree(5)))
    assert _unconditional_changes(diff) == [
        "max-length-decreased at /components/schemas/Node/properties/name/maxLength"
    ]


def test_shared_component__is_compared_once() -> None:
    components = {"Money": MONEY}
    ref = {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Money"},
                                            "b": {"$ref": "#/components/schemas/Money"}}}  # fmt: skip
    changed = {**MONEY, "properties": {**MONEY["properties"], "currency": {"type": "string"}}}
    diff = diff_specs(
        spec_with(ref, components=components), spec_with(ref, components={"Money": changed})
    )
    money = ("/components/schemas/Money",)
    assert sum(1 for pair in diff.schemas if pair == (money, money)) == 1
    assert _unconditional_changes(diff) == [
        "max-length-unset at /components/schemas/Money/properties/currency"
    ]


def test_type_object_written_next_to_properties__is_no_change() -> None:
    base = spec_with({"properties": {"a": {"type": "string"}}, "required": ["a"]})
    revision = spec_with(
        {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    )
    _assert_no_change(base, revision)
