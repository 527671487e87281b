"""Whether a new union branch admits values clients never handled, and whether branches overlap."""

from __future__ import annotations

from typing import Any

import pytest

from tests.diff.specs import spec_with
from versioning.diff.conformance import Conformance, may_overlap
from versioning.diff.identity import Identity
from versioning.diff.view_builder import SchemaViews

_BASE = {
    "Open": {"type": "object", "properties": {"id": {"type": "string"}}},
    "Guaranteed": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
    "Closed": {"type": "object", "additionalProperties": False,
               "properties": {"id": {"type": "string"}}},
    "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
    "Short": {"type": "string", "maxLength": 10},
}  # fmt: skip


def _conformance(revision: dict[str, Any]) -> Conformance:
    base_views = SchemaViews(spec_with({"type": "object"}, components=_BASE))
    revision_views = SchemaViews(spec_with({"type": "object"}, components=revision))
    return Conformance(Identity(base_views, revision_views))


def _key(name: str) -> tuple[str]:
    return (f"/components/schemas/{name}",)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ({"type": "object", "properties": {"id": {"type": "string"}, "note": {}}}, "Open"),
        ({"type": "object", "required": ["id", "kind"], "properties": {"kind": {"const": "a"}}},
         "Guaranteed"),
        ({"type": "object", "properties": {"next": {"$ref": "#/components/schemas/New"}}}, "Node"),
        ({"type": "string", "maxLength": 5, "pattern": "^a"}, "Short"),
        ({"const": "abc"}, "Short"),
    ],
)  # fmt: skip
def test_within__new_branch_every_client_handles__is_within(new: dict[str, Any], old: str) -> None:
    assert _conformance({"New": new}).within(_key("New"), _key(old))


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ({"type": "object", "properties": {"id": {"type": "integer"}}}, "Open"),
        ({"type": "object", "properties": {"note": {"type": "string"}}}, "Guaranteed"),
        ({"type": "object", "properties": {"id": {"type": "string"}, "x": {}}}, "Closed"),
        ({"type": "object", "properties": {"next": {"type": "string"}}}, "Node"),
        ({"type": "string"}, "Short"),
        ({"type": "integer"}, "Open"),
    ],
)
def test_within__new_branch_with_unhandled_values__is_not_within(
    new: dict[str, Any], old: str
) -> None:
    assert not _conformance({"New": new}).within(_key("New"), _key(old))


def _views(components: dict[str, Any]) -> SchemaViews:
    return SchemaViews(spec_with({"type": "object"}, components=components))


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ({"type": "string"}, {"type": "integer"}, False),
        ({"enum": ["a", "b"]}, {"enum": ["c"]}, False),
        ({"type": "object", "required": ["kind"], "properties": {"kind": {"const": "card"}}},
         {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "bank"}}},
         False),
        ({"type": "object", "additionalProperties": False, "properties": {"a": {}}},
         {"type": "object", "required": ["b"]}, False),
        ({"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}, True),
        ({"type": "number"}, {"type": "integer"}, True),
    ],
)  # fmt: skip
def test_may_overlap__branches__only_provably_disjoint_ones_are_not(
    first: dict[str, Any], second: dict[str, Any], overlap: bool
) -> None:
    views = _views({"A": first, "B": second})
    assert may_overlap(views, views.view(_key("A")), views, views.view(_key("B"))) is overlap
