"""Compare the members of ``allOf``: which components (and written-in-place members) it lists.

``allOf`` members are merged into one schema before comparing, so whatever a new member
changes (a required property, a tighter bound) is reported by its own rule. The members
themselves are still recorded, *conditionally*: the walker reports them as ``all-of-added``
where the merged schema changed at or below them, and as annotation-only otherwise. A
schema that is a reference to component ``A`` counts ``A`` among its members, so
``$ref: A`` becoming ``allOf: [A, B]`` adds only ``B``. Members written in place are
compared by content, and only when their number changes (an edited member is compared
through the merged schema, not reported as removed and added).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from versioning.diff.schema_view import canonical

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.schema_view import SchemaView
    from versioning.diff.view_builder import SchemaViews

__all__ = ["compare_all_of"]

_COMPONENT = re.compile(r"(?:/x-versiongate-bundled/[^/]+)?/components/schemas/[^/]+")


def _components(view: SchemaView) -> frozenset[str]:
    """The components the schema is made of: its ``allOf`` references, and itself if named."""
    named = view.key[0] if len(view.key) == 1 else ""
    return view.all_of_refs | {named} if _COMPONENT.fullmatch(named) else view.all_of_refs


def _inline(views: SchemaViews, view: SchemaView) -> dict[str, str]:
    """Members written in place, by canonical content (the first pointer of each)."""
    found: dict[str, str] = {}
    for pointer in view.all_of_inline:
        found.setdefault(canonical(views.node(pointer)), pointer)
    return found


def compare_all_of(collector: Collector) -> None:
    """``allOf`` members added or removed (conditional: see the module docstring)."""
    base, revision = collector.base, collector.revision
    if not (
        base.all_of_refs or revision.all_of_refs or base.all_of_inline or revision.all_of_inline
    ):
        return
    before, after = _components(base), _components(revision)
    for pointer in sorted(before - after):
        collector.change(
            "all-of-removed", "allOf", name=pointer.rsplit("/", 1)[-1], conditional=True
        )
    for pointer in sorted(after - before):
        collector.change("all-of-added", "allOf", name=pointer.rsplit("/", 1)[-1], conditional=True)
    if len(base.all_of_inline) == len(revision.all_of_inline):
        return
    old = _inline(collector.identity.base, base)
    new = _inline(collector.identity.revision, revision)
    for content, pointer in old.items():
        if content not in new:
            collector.change(
                "all-of-removed",
                "allOf",
                name=_label(pointer),
                base_pointer=pointer,
                conditional=True,
            )
    for content, pointer in new.items():
        if content not in old:
            collector.change(
                "all-of-added",
                "allOf",
                name=_label(pointer),
                revision_pointer=pointer,
                conditional=True,
            )


def _label(pointer: str) -> str:
    """``#1``: an in-place member is named by its position in its ``allOf``."""
    return f"#{pointer.rsplit('/', 1)[-1]}"
