"""Findings are reported once per change, however many ways an operation reaches it."""

from __future__ import annotations

from typing import Any

from tests.rules.builder import load, place, skeleton
from versioning.checker import CheckOptions, compare


def _spec(schema: Any) -> Any:
    operation, _ = place("request-body", schema)
    return load(skeleton(operation), "spec.json")


def test_changes_sharing_a_pointer__different_names__are_each_reported() -> None:
    base = _spec({"type": "object"})
    revision = _spec({"type": "object", "dependentRequired": {"card": ["cvc"], "iban": ["bic"]}})
    messages = sorted(f.message for f in compare(base, revision, options=CheckOptions()))
    assert messages == [
        "request body dependentRequired for card added",
        "request body dependentRequired for iban added",
    ]


def test_one_change_reached_through_two_media_types__is_reported_once() -> None:
    components = {
        "Thing": {"type": "object", "properties": {"n": {"type": "string", "maxLength": 9}}}
    }
    changed = {"Thing": {"type": "object", "properties": {"n": {"type": "string", "maxLength": 5}}}}
    ref = {"$ref": "#/components/schemas/Thing"}
    base, revision = (
        load({**skeleton(_spec_operation(ref)), "components": {"schemas": schemas}}, name)
        for schemas, name in ((components, "base.json"), (changed, "revision.json"))
    )
    findings = compare(base, revision, options=CheckOptions())
    assert [(f.rule, f.message) for f in findings] == [
        (
            "request-property-max-length-decreased",
            "request property 'n' max length decreased from 9 to 5",
        )
    ]


def _spec_operation(schema: Any) -> dict[str, Any]:
    """An operation taking ``schema`` as JSON and as a form: two ways to the same schema."""
    operation, _ = place("request-body", schema)
    content = operation["requestBody"]["content"]
    content["application/x-www-form-urlencoded"] = content["application/json"]
    return operation


def _person_and_pet(age: dict[str, Any]) -> Any:
    ref = {"$ref": "#/components/schemas/Age"}
    document = skeleton({"responses": {
        "200": {"description": "person", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"age": ref, "spouse_age": ref}}}}},
        "202": {"description": "pet", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"age": ref}}}}},
    }})  # fmt: skip
    document["components"]["schemas"] = {"Age": age}
    return load(document, "spec.json")


def test_shared_schema_reached_by_several_properties__each_place_is_a_finding() -> None:
    findings = compare(
        _person_and_pet({"type": "integer"}), _person_and_pet({"type": "object"}),
        options=CheckOptions(),
    )  # fmt: skip
    assert sorted(f.message for f in findings) == [
        "200 response property 'age' type changed from integer to object",
        "200 response property 'spouse_age' type changed from integer to object",
        "202 response property 'age' type changed from integer to object",
    ]
    assert {f.base.pointer for f in findings if f.base} == {"/components/schemas/Age/type"}
