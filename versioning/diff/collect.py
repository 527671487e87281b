"""Collects the changes and child edges found while comparing one pair of schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.diff.model import EdgeKind, PropertyFacts, SchemaChange, SchemaEdge

if TYPE_CHECKING:
    from versioning.diff.conformance import Conformance
    from versioning.diff.identity import Identity
    from versioning.diff.model import SchemaKey
    from versioning.diff.schema_view import SchemaView

__all__ = ["Collector", "at"]


def at(view: SchemaView, keyword: str) -> str:
    """The pointer of ``keyword`` in ``view``, or of the schema itself when it is absent."""
    return view.pointers.get(keyword, view.pointer)


class Collector:
    """The comparison of one pair in progress: two views, changes and edges found so far."""

    def __init__(
        self, base: SchemaView, revision: SchemaView, identity: Identity, conformance: Conformance
    ) -> None:
        self.base = base
        self.revision = revision
        self.identity = identity
        self.conformance = conformance
        self.changes: list[SchemaChange] = []
        self.edges: list[SchemaEdge] = []

    def change(
        self,
        change: str,
        keyword: str | None = None,
        *,
        before: Any = None,
        after: Any = None,
        name: str | None = None,
        base_pointer: str | None = None,
        revision_pointer: str | None = None,
        base_property: PropertyFacts | None = None,
        revision_property: PropertyFacts | None = None,
        conditional: bool = False,
        closed: bool = False,
    ) -> None:
        """Record a change; pointers default to ``keyword`` in each view (or the schema)."""
        if base_pointer is None:
            base_pointer = at(self.base, keyword) if keyword else self.base.pointer
        if revision_pointer is None:
            revision_pointer = at(self.revision, keyword) if keyword else self.revision.pointer
        self.changes.append(
            SchemaChange(
                change=change,
                base_pointer=base_pointer,
                revision_pointer=revision_pointer,
                before=before,
                after=after,
                name=name,
                base_property=base_property,
                revision_property=revision_property,
                conditional=conditional,
                closed=closed,
            )
        )

    def edge(
        self,
        kind: EdgeKind,
        label: str,
        base: SchemaKey,
        revision: SchemaKey,
        *,
        base_pointer: str,
        revision_pointer: str,
        base_property: PropertyFacts | None = None,
        revision_property: PropertyFacts | None = None,
    ) -> None:
        """Link to a child pair, unless both children are identical (nothing to find there)."""
        if base and revision and self.identity.same_keys(base, revision):
            return
        if not base and not revision:
            return
        self.edges.append(
            SchemaEdge(
                kind=kind,
                label=label,
                child=(base, revision),
                base_pointer=base_pointer,
                revision_pointer=revision_pointer,
                base_property=base_property,
                revision_property=revision_property,
            )
        )
