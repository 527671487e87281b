"""Which schema subtrees are byte-for-byte the same in both documents, references included.

Most of a large document does not change between two versions (391 of Stripe's 480 schemas
stay identical over six months). Comparing those semantically would cost most of the time,
so a pair of nodes that are equal as data — and whose ``$ref`` targets are, transitively,
equal too — is skipped outright. Reference targets form cyclic graphs, so their verdicts are
computed per newly explored region: a target is identical unless it can reach a target that
differs (a greatest fixpoint), which terminates on any cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from versioning.diff.model import SchemaKey
    from versioning.diff.view_builder import SchemaViews

__all__ = ["Identity"]


class Identity:
    """Answers "are these two schemas identical, references and all?" with caching."""

    def __init__(self, base: SchemaViews, revision: SchemaViews) -> None:
        self.base = base
        self.revision = revision
        self._refs: dict[int, frozenset[str]] = {}
        self._verdicts: dict[str, bool] = {}
        self._same: dict[tuple[str, str], bool] = {}

    def same_keys(self, base: SchemaKey, revision: SchemaKey) -> bool:
        """Whether two schema keys denote identical schemas."""
        if len(base) != len(revision):
            return False
        if len(base) == 1:  # the usual key: one schema, no allOf members
            return self.same(base[0], revision[0])
        return all(self.same(b, r) for b, r in zip(base, revision, strict=True))

    def same(self, base_pointer: str, revision_pointer: str) -> bool:
        """Whether the node at ``base_pointer`` equals the one at ``revision_pointer`` deeply.

        Remembered per pair: a shared component is asked about once per operation reaching
        it (Stripe's ``error`` ~400 times), and comparing it as data is a deep walk.
        """
        pair = (base_pointer, revision_pointer)
        verdict = self._same.get(pair)
        if verdict is None:
            verdict = self._same[pair] = self._same_now(base_pointer, revision_pointer)
        return verdict

    def _same_now(self, base_pointer: str, revision_pointer: str) -> bool:
        base_node = self.base.node(base_pointer)
        if base_node is None or base_node != self.revision.node(revision_pointer):
            return False
        return all(self._target_same(target) for target in self.refs_inside(base_node))

    def refs_inside(self, node: Any) -> frozenset[str]:
        """The local ``$ref`` targets (pointers) written anywhere inside ``node``."""
        if not isinstance(node, dict | list):
            return frozenset()
        cached = self._refs.get(id(node))
        if cached is not None:
            return cached
        found: set[str] = set()
        stack: list[Any] = [node]
        containers = (dict, list)  # a tuple: isinstance checks it faster than `dict | list`
        while stack:
            current = stack.pop()
            if isinstance(current, dict):
                ref = current.get("$ref")
                if isinstance(ref, str) and ref.startswith("#"):
                    found.add(ref[1:])
                values: Any = current.values()
            else:
                values = current
            stack.extend([v for v in values if isinstance(v, containers)])
        result = frozenset(found)
        self._refs[id(node)] = result
        return result

    def _target_same(self, target: str) -> bool:
        verdict = self._verdicts.get(target)
        if verdict is not None:
            return verdict
        explored, successors = self._explore(target)
        differing = {
            name
            for name in explored
            if successors[name] is None
            or any(self._verdicts.get(s) is False for s in successors[name] or ())
        }
        predecessors: dict[str, list[str]] = {}
        for name in explored:
            for successor in successors[name] or ():
                if successor in successors:
                    predecessors.setdefault(successor, []).append(name)
        queue = list(differing)
        while queue:
            for predecessor in predecessors.get(queue.pop(), ()):
                if predecessor not in differing:
                    differing.add(predecessor)
                    queue.append(predecessor)
        for name in explored:
            self._verdicts[name] = name not in differing
        return self._verdicts[target]

    def _explore(self, start: str) -> tuple[list[str], dict[str, frozenset[str] | None]]:
        """Every target reachable from ``start`` without a verdict yet, with its successors.

        A successor set of ``None`` marks a target whose two nodes differ as data.
        """
        explored: list[str] = []
        successors: dict[str, frozenset[str] | None] = {start: None}
        stack = [start]
        while stack:
            name = stack.pop()
            explored.append(name)
            base_node = self.base.node(name)
            if base_node is None or base_node != self.revision.node(name):
                successors[name] = None
                continue
            inside = self.refs_inside(base_node)
            successors[name] = inside
            for successor in inside:
                if successor not in self._verdicts and successor not in successors:
                    successors[successor] = None
                    stack.append(successor)
        return explored, successors
