"""For integers, ``exclusiveMinimum: 0`` and ``minimum: 1`` accept the same values."""

from __future__ import annotations

from typing import Any

import pytest

from tests.diff.specs import spec_with
from versioning.checker import compare


def _findings(base: dict[str, Any], revision: dict[str, Any]) -> dict[str, str]:
    found = compare(
        spec_with({"type": "object", "properties": {"n": base}}),
        spec_with({"type": "object", "properties": {"n": revision}}),
    )
    return {finding.rule: finding.message for finding in found}


@pytest.mark.parametrize(
    ("base", "revision"),
    [
        ({"minimum": 1}, {"exclusiveMinimum": 0}),
        ({"maximum": 9}, {"exclusiveMaximum": 10}),
        ({"exclusiveMinimum": 0.5}, {"minimum": 1}),
    ],
)
def test_integer_bound_respelled_exclusive__is_no_change(
    base: dict[str, Any], revision: dict[str, Any]
) -> None:
    assert _findings({"type": "integer", **base}, {"type": "integer", **revision}) == {}


def test_integer_bound_tightened_into_exclusive__named_by_the_revisions_keyword() -> None:
    found = _findings({"type": "integer", "minimum": 1}, {"type": "integer", "exclusiveMinimum": 4})
    assert found["request-property-exclusive-min-increased"].endswith("increased from 0 to 4")


def test_integer_exclusive_bounds_moved__keep_their_exclusive_ids() -> None:
    found = _findings(
        {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 100},
        {"type": "integer", "exclusiveMinimum": 1, "exclusiveMaximum": 50},
    )
    assert {rule for rule in found if rule.startswith("request-")} == {
        "request-property-exclusive-min-increased",
        "request-property-exclusive-max-decreased",
    }


def test_integer_exclusive_bound_dropped__is_unset_under_its_own_keyword() -> None:
    found = _findings({"type": "integer", "exclusiveMaximum": 10}, {"type": "integer"})
    assert {rule for rule in found if rule.startswith("request-")} == {
        "request-property-exclusive-max-unset"
    }


def test_number_bound_respelled_exclusive__still_a_change() -> None:
    assert _findings({"type": "number", "minimum": 1}, {"type": "number", "exclusiveMinimum": 0})
