"""Compare schemas pair by pair into a finite graph, memoised and cycle-safe.

Each pair of schema keys is compared once (:class:`SchemaNodeDiff`): its own changes plus
edges to the child pairs that differ. A work list, not recursion, walks the children, so a
recursive schema (a tree node whose children are tree nodes) ends when it meets a pair it has
already compared, and a component shared by hundreds of operations costs one comparison.
Pairs whose two sides are identical data (references included) are never entered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.diff.collect import Collector
from versioning.diff.compare_all_of import compare_all_of
from versioning.diff.compare_arrays import compare_arrays, compare_subschemas
from versioning.diff.compare_branches import combinator_mismatch, compare_branches
from versioning.diff.compare_discriminator import compare_discriminator
from versioning.diff.compare_objects import compare_objects
from versioning.diff.compare_values import compare_nullable, compare_values
from versioning.diff.conformance import Conformance
from versioning.diff.identity import Identity
from versioning.diff.model import SchemaNodeDiff

if TYPE_CHECKING:
    from versioning.diff.model import PairKey, SchemaKey
    from versioning.diff.view_builder import SchemaViews

__all__ = ["SchemaComparer"]


class SchemaComparer:
    """Compares schemas of one base and one revision document, caching every pair."""

    def __init__(self, base: SchemaViews, revision: SchemaViews) -> None:
        self.base = base
        self.revision = revision
        self.identity = Identity(base, revision)
        self.conformance = Conformance(self.identity)
        self.nodes: dict[PairKey, SchemaNodeDiff] = {}

    def compare(
        self, base: SchemaKey, revision: SchemaKey, *, base_pointer: str, revision_pointer: str
    ) -> PairKey | None:
        """Compare two schemas (and everything below them); ``None`` when they are identical."""
        if self.identity.same_keys(base, revision):
            return None
        root: PairKey = (base, revision)
        pending = [(root, base_pointer, revision_pointer)]
        while pending:
            pair, fallback_base, fallback_revision = pending.pop()
            if pair in self.nodes:
                continue
            node = self._compare_pair(pair, fallback_base, fallback_revision)
            self.nodes[pair] = node
            pending.extend(
                (edge.child, edge.base_pointer, edge.revision_pointer)
                for edge in node.edges
                if edge.child not in self.nodes
            )
        return root

    def _compare_pair(
        self, pair: PairKey, base_pointer: str, revision_pointer: str
    ) -> SchemaNodeDiff:
        base = self.base.view(pair[0], base_pointer)
        revision = self.revision.view(pair[1], revision_pointer)
        collector = Collector(base, revision, self.identity, self.conformance)
        if combinator_mismatch(collector):
            compare_nullable(collector)  # the rest lives in the matched branch
        elif compare_values(collector):
            compare_objects(collector)
            compare_arrays(collector)
        compare_subschemas(collector)
        compare_branches(collector)
        compare_all_of(collector)
        compare_discriminator(collector)
        return SchemaNodeDiff(
            key=pair,
            base_pointer=base.pointer,
            revision_pointer=revision.pointer,
            changes=tuple(collector.changes),
            edges=tuple(collector.edges),
        )

    def dirty(self) -> tuple[frozenset[PairKey], frozenset[PairKey]]:
        """Pairs with an unconditional change at or below them, and pairs with any change.

        The second set holds the first and the pairs whose only changes (at or below them)
        are conditional ones: an ``allOf`` member that changed nothing is still worth an
        annotation-only finding.
        """
        parents: dict[PairKey, list[PairKey]] = {}
        for pair, node in self.nodes.items():
            for edge in node.edges:
                parents.setdefault(edge.child, []).append(pair)
        changed = {p for p, node in self.nodes.items() if node.changes}
        dirty = _upward(
            parents, {p for p in changed if any(not c.conditional for c in self.nodes[p].changes)}
        )
        noted = _upward(parents, {p for p in changed if p not in dirty}, known=dirty)
        return dirty, dirty | noted


def _upward(
    parents: dict[PairKey, list[PairKey]],
    marked: set[PairKey],
    *,
    known: frozenset[PairKey] = frozenset(),
) -> frozenset[PairKey]:
    """``marked`` and every pair above one of them (``known`` pairs' ancestors are known)."""
    queue = list(marked)
    while queue:
        for parent in parents.get(queue.pop(), ()):
            if parent not in marked and parent not in known:
                marked.add(parent)
                queue.append(parent)
    return frozenset(marked)
