"""Compare the array keywords of two schema views: items, prefixItems, contains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.diff.collect import at
from versioning.diff.compare_objects import compare_unevaluated

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.model import EdgeKind

__all__ = ["compare_arrays", "compare_subschemas"]


def compare_arrays(collector: Collector) -> None:
    """``items`` (an absent one accepts anything), ``prefixItems`` by position, ``contains``."""
    base, revision = collector.base, collector.revision
    base_items, revision_items = base.items or (), revision.items or ()
    if base_items or revision_items:
        collector.edge(
            "items",
            "[]",
            base_items,
            revision_items,
            base_pointer=at(base, "items"),
            revision_pointer=at(revision, "items"),
        )
    for index, (before, after) in enumerate(
        zip(base.prefix_items, revision.prefix_items, strict=False)
    ):
        collector.edge(
            "prefix-item",
            str(index),
            before,
            after,
            base_pointer=before[0],
            revision_pointer=after[0],
        )
    for index in range(len(revision.prefix_items), len(base.prefix_items)):
        collector.change(
            "prefix-items-removed",
            "prefixItems",
            name=str(index),
            base_pointer=base.prefix_items[index][0],
        )
    for index in range(len(base.prefix_items), len(revision.prefix_items)):
        collector.change(
            "prefix-items-added",
            "prefixItems",
            name=str(index),
            revision_pointer=revision.prefix_items[index][0],
        )
    compare_unevaluated(collector, "unevaluatedItems", "unevaluated-items")


_SUBSCHEMAS: dict[str, tuple[str, EdgeKind]] = {
    "contains": ("contains", "contains"),
    "propertyNames": ("property-names", "property-names"),
    "contentSchema": ("content-schema", "content-schema"),
    "not": ("not", "not"),
    "if": ("if", "if"),
    "then": ("then", "then"),
    "else": ("else", "else"),
}


def compare_subschemas(collector: Collector) -> None:
    """Single-subschema keywords: added, removed, or compared as a child pair."""
    base, revision = collector.base.children, collector.revision.children
    if not base and not revision:
        return
    for keyword, (change, kind) in _SUBSCHEMAS.items():
        before, after = base.get(keyword), revision.get(keyword)
        if before is None and after is None:
            continue
        if before is None:
            collector.change(f"{change}-added", keyword)
        elif after is None:
            collector.change(f"{change}-removed", keyword)
        else:
            collector.edge(
                kind,
                keyword,
                before,
                after,
                base_pointer=before[0],
                revision_pointer=after[0],
            )
