"""Walk the schema graph below each body, parameter and header and report what changed.

The graph is shared by every operation (each pair compared once); a walk gives each change
its place in one operation: the path from the root (``amount.currency``), whether it is the
root or inside it (``request-body`` vs ``request-property``) and the direction. Walks are
cached per root and direction, so the error schema shared by 400 operations is walked once.

Nesting horizon: in heavily linked documents (Stripe's objects embed each other through
expandable fields) nearly every response can reach nearly every schema, and a change to one
small schema would be reported on hundreds of operations through ever longer paths. A change
is therefore reported on every operation that reaches it through at most ``horizon`` named
schemas, *and* always on the operations that reach it most directly — so no change is ever
dropped, only its far-away repetitions.
"""

from __future__ import annotations

import re
from collections import deque
from typing import TYPE_CHECKING

import msgspec

from versioning.diff.model import PairKey, SchemaChange
from versioning.rules.contexts import CONTEXTS, render_path
from versioning.rules.exempt import exempt_value_rule
from versioning.rules.lifecycle import report_property_lifecycle
from versioning.rules.negation import negated_change
from versioning.rules.properties import PROPERTY_CHANGES, report_property_change
from versioning.rules.schema_constraints import schema_rule_id

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.diff.model import SchemaEdge, SchemaKey, SpecDiff
    from versioning.rules.contexts import Scope
    from versioning.rules.emit import Emitter

__all__ = ["PATHS_PER_SCHEMA", "SchemaWalker"]

_NESTING = frozenset(
    {
        "property",
        "items",
        "prefix-item",
        "additional-properties",
        "pattern-property",
        "property-names",
        "contains",
        "unevaluated-items",
        "unevaluated-properties",
        "content-schema",
    }
)
_OPAQUE = {"if": "if-changed"}
"""Edges whose changes cannot be read as narrowing or widening: reported as one change."""
_LIFECYCLE = frozenset(
    {
        "property-deprecated",
        "property-reactivated",
        "property-sunset-changed",
        "property-stability-changed",
    }
)
_NAMED = re.compile(r"(?:/x-versiongate-bundled/[^/]+)?(?:/components/schemas/[^/]+)?")

Segments = tuple[tuple[str, str], ...]
PATHS_PER_SCHEMA = 3
"""How many paths of one walk may report the same schema's changes."""


class _Visit(msgspec.Struct, frozen=True):
    """A schema pair reached along one path of a walk."""

    pair: PairKey
    depth: int
    path: Segments
    nested: bool
    ancestors: tuple[PairKey, ...]
    negated: bool = False
    """Reached through an odd number of ``not``: changes read the other way round."""
    exempt: bool = False
    """Inside a property the direction ignores (``readOnly`` in a request …)."""


class _Entry(msgspec.Struct, frozen=True):
    """One change found by a walk, with where it sits below the root."""

    change: SchemaChange
    path: Segments
    nested: bool
    rule: str | None = None
    """A rule id of its own, instead of ``<context>-<change>``."""


def _skipped(edge: SchemaEdge, direction: str) -> bool:
    """``readOnly`` properties do not count in requests, nor ``writeOnly`` ones in responses."""
    attribute = "read_only" if direction == "request" else "write_only"
    for facts in (edge.base_property, edge.revision_property):
        if facts is not None and getattr(facts, attribute):
            return True
    return False


def _named(key: SchemaKey) -> bool:
    return len(key) == 1 and bool(key[0]) and _NAMED.fullmatch(key[0]) is not None


class SchemaWalker:
    """Collects the schema roots of every family, then walks them with one horizon."""

    def __init__(self, diff: SpecDiff, *, horizon: int | None) -> None:
        self.diff = diff
        self.horizon = horizon
        self._requests: list[tuple[PairKey, Scope]] = []
        self._nearest: dict[str, dict[PairKey, int]] = {}
        self._walks: dict[tuple[PairKey, str], list[_Entry]] = {}
        self._finally: list[Callable[[Emitter], None]] = []
        self._followed: dict[PairKey, list[tuple[SchemaEdge, int]]] = {}

    def walk(self, root: PairKey | None, scope: Scope) -> None:
        """Schedule reporting every change below ``root`` (a compared pair) in ``scope``."""
        if root is not None and root in self.diff.schemas:
            self._requests.append((root, scope))

    def finally_do(self, step: Callable[[Emitter], None]) -> None:
        """Run ``step`` after every schema finding is emitted (rules judging all findings)."""
        self._finally.append(step)

    def report(self, emitter: Emitter) -> None:
        """Walk every scheduled root and emit its findings, then run the final steps.

        The checker calls this once, after every family: it is the one point where all
        findings exist, so rules that judge them (the versioning policy) run here.
        """
        for root, scope in self._requests:
            for entry in self._entries(root, scope.direction):
                _report(entry, scope, emitter)
        for step in self._finally:
            step(emitter)

    # -- graph walking -------------------------------------------------------------------

    def _edges(self, pair: PairKey) -> list[tuple[SchemaEdge, int]]:
        """The edges worth following from ``pair``, with their horizon cost (0 or 1).

        Remembered per pair: every walk through a shared schema asks again (Stripe: four
        times per pair on average).
        """
        found = self._followed.get(pair)
        if found is None:
            noted = self.diff.noted or self.diff.dirty
            found = self._followed[pair] = [
                (edge, 1 if _named(edge.child[1]) else 0)
                for edge in self.diff.schemas[pair].edges
                if edge.child in noted and edge.kind not in _OPAQUE
            ]
        return found

    def _nearest_depths(self, direction: str) -> dict[PairKey, int]:
        """For every pair, the fewest named schemas any root of ``direction`` reaches it through."""
        cached = self._nearest.get(direction)
        if cached is not None:
            return cached
        depth: dict[PairKey, int] = {}
        queue: deque[PairKey] = deque()
        for root, scope in self._requests:
            if scope.direction == direction and root not in depth:
                depth[root] = 0
                queue.append(root)
        self._zero_one_bfs(depth, queue)
        self._nearest[direction] = depth
        return depth

    def _zero_one_bfs(self, depth: dict[PairKey, int], queue: deque[PairKey]) -> None:
        """Shortest depths by named-schema count from every pair already in ``queue``."""
        done: set[PairKey] = set()
        while queue:
            pair = queue.popleft()
            if pair in done:
                continue
            done.add(pair)
            here = depth[pair]
            for edge, cost in self._edges(pair):
                child, reached = edge.child, here + cost
                if child in depth and depth[child] <= reached:
                    continue
                depth[child] = reached
                if cost:
                    queue.append(child)
                else:
                    queue.appendleft(child)

    def _within(self, depth: int, nearest: int) -> bool:
        return self.horizon is None or depth <= self.horizon or depth <= nearest

    def _entries(self, root: PairKey, direction: str) -> list[_Entry]:
        """The changes below ``root``, each along up to three paths (fewest named schemas first).

        A shared schema reached through several properties (``age`` and ``spouse_age`` both
        ``$ref: Age``) is a change for each of them; a few paths per schema name them without
        enumerating every path of a densely linked document.
        """
        cached = self._walks.get((root, direction))
        if cached is not None:
            return cached
        nearest = self._nearest_depths(direction) if self.horizon is not None else {}
        queue: deque[_Visit] = deque([_Visit(root, 0, (), False, (root,))])
        visits: dict[PairKey, int] = {}
        entries: list[_Entry] = []
        while queue:
            visit = queue.popleft()
            pair = visit.pair
            seen = visits.get(pair, 0)
            if seen >= PATHS_PER_SCHEMA or not self._within(visit.depth, nearest.get(pair, 0)):
                continue
            visits[pair] = seen + 1
            entries.extend(
                self._changes(
                    pair,
                    visit.path,
                    visit.nested,
                    negated=visit.negated,
                    exempt=direction if visit.exempt else None,
                )
            )
            for edge, cost in self._edges(pair):
                if edge.child in visit.ancestors or visits.get(edge.child, 0) >= PATHS_PER_SCHEMA:
                    continue
                step = _Visit(
                    edge.child,
                    visit.depth + cost,
                    (*visit.path, (edge.kind, edge.label)),
                    visit.nested or edge.kind in _NESTING,
                    (*visit.ancestors, edge.child),
                    visit.negated != (edge.kind == "not"),
                    visit.exempt or _skipped(edge, direction),
                )
                if cost:
                    queue.append(step)
                else:
                    queue.appendleft(step)
        self._walks[(root, direction)] = entries
        return entries

    def _changes(
        self, pair: PairKey, path: Segments, nested: bool, *, negated: bool, exempt: str | None
    ) -> list[_Entry]:
        node = self.diff.schemas[pair]
        dirty = pair in self.diff.dirty
        found = [
            _Entry(
                change if dirty or not change.conditional else _annotation_only(change),
                path,
                nested,
            )
            for change in node.changes
        ]
        if negated:
            found = [negated_entry for entry in found if (negated_entry := _negated(entry))]
        if exempt is not None:
            found = [
                msgspec.structs.replace(entry, rule=rule)
                for entry in found
                if (rule := exempt_value_rule(exempt, entry.change.change)) is not None
            ]
        for edge in node.edges:
            if edge.kind in _OPAQUE and edge.child in self.diff.dirty:
                opaque = SchemaChange(
                    change=_OPAQUE[edge.kind],
                    base_pointer=edge.base_pointer,
                    revision_pointer=edge.revision_pointer,
                )
                found.append(_Entry(opaque, path, nested))
        return found


def _negated(entry: _Entry) -> _Entry | None:
    """A change found under ``not``, as what it does to the schema around it."""
    change = negated_change(entry.change)
    if change is None:
        return None
    if entry.change.change in PROPERTY_CHANGES:
        return _Entry(change, (*entry.path, ("property", entry.change.name or "")), True)
    return _Entry(change, entry.path, entry.nested)


def _as_text(change: SchemaChange, direction: str) -> bool:
    """A type change to ``string`` (request) or from it (response): every old value reads."""
    return bool((change.after if direction == "request" else change.before) == "string")


def _annotation_only(change: SchemaChange) -> SchemaChange:
    """A conditional change (an ``allOf`` member) where the merged schema did not change."""
    return msgspec.structs.replace(change, change=f"{change.change}-annotation-only")


def _report(entry: _Entry, scope: Scope, emitter: Emitter) -> None:
    change, path = entry.change, entry.path
    if change.change in PROPERTY_CHANGES and entry.rule is None:
        subject = scope.subject(render_path((*path, ("property", change.name or ""))), nested=True)
        report = (
            report_property_lifecycle if change.change in _LIFECYCLE else (report_property_change)
        )
        report(
            change,
            context=scope.nested,
            subject=subject,
            operation=scope.operation,
            emitter=emitter,
        )
        return
    context = scope.nested if entry.nested else scope.root
    assert CONTEXTS[context].direction == scope.direction
    kind = change.change
    if kind == "type-changed" and scope.text and _as_text(change, scope.direction):
        kind = "type-compatible"
    emitter.emit(
        entry.rule or schema_rule_id(context, kind),
        operation=scope.operation,
        base=change.base_pointer,
        revision=change.revision_pointer,
        subject=scope.subject(render_path(path), nested=entry.nested),
        before=change.before,
        after=change.after,
        name=change.name,
    )
