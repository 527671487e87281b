"""A ``const`` facing an ``enum`` is a one-value enum: only the values really dropped count."""

from __future__ import annotations

from typing import Any

from tests.diff.specs import spec_with
from versioning.checker import compare

TWO_VALUES: dict[str, Any] = {"type": "string", "enum": ["transaction", "charge"]}
ONE_CONST: dict[str, Any] = {"type": "string", "const": "transaction"}


def _rules(base: dict[str, Any], revision: dict[str, Any]) -> dict[str, str]:
    findings = compare(
        spec_with({"type": "object", "properties": {"object": base}}),
        spec_with({"type": "object", "properties": {"object": revision}}),
    )
    return {finding.rule: finding.level for finding in findings}


def test_enum_narrowed_to_const__in_a_response__is_a_removed_value_not_an_error() -> None:
    rules = _rules(TWO_VALUES, ONE_CONST)
    assert rules.get("response-property-enum-value-removed") == "info"
    assert "response-property-enum-removed" not in rules
    assert "response-property-const-added" not in rules
    assert "error" not in {level for rule, level in rules.items() if rule.startswith("response")}


def test_enum_narrowed_to_const__in_a_request__breaks_as_a_removed_value() -> None:
    rules = _rules(TWO_VALUES, ONE_CONST)
    assert rules.get("request-property-enum-value-removed") == "error"
    assert "request-property-const-added" not in rules


def test_const_widened_to_enum__in_a_response__warns_of_the_added_value_only() -> None:
    rules = _rules(ONE_CONST, TWO_VALUES)
    assert rules.get("response-property-enum-value-added") == "warning"
    assert "response-property-const-removed" not in rules
    assert "response-property-became-enum" not in rules
    assert rules.get("request-property-enum-value-added") == "info"


def test_enum_narrowed_to_const__removed_value__points_at_enum_item_and_const() -> None:
    findings = compare(
        spec_with({"type": "object", "properties": {"object": TWO_VALUES}}),
        spec_with({"type": "object", "properties": {"object": ONE_CONST}}),
    )
    removed = [f for f in findings if f.rule == "request-property-enum-value-removed"]
    assert removed
    base, revision = removed[0].base, removed[0].revision
    assert base is not None
    assert base.pointer.endswith("/enum/1")
    assert revision is not None
    assert revision.pointer.endswith("/const")
