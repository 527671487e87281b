"""Where each node of a YAML document starts, in three flat arrays (about 20 bytes a node).

A tree of tuples and dicts beside the values cost more memory than the values themselves
(issue 12 measured 88 bytes per input byte for YAML). Here nodes are numbered in document
order; node ``i`` has a packed ``line, column``, the number one past its last descendant, and
the key it sits under (``None`` in a list). The children of a container are found by
skipping subtrees, once per container that a lookup walks through, as ``JsonPositions``
does for JSON.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["YamlPositions"]

_SHIFT = 32
_MASK = (1 << _SHIFT) - 1
_LONGEST_INDEX = 18
"""Digits of the longest list index tried; more cannot be an index and ``int`` would be slow."""

# A mapping's children: explicit keys → node, and its '<<' merge entries in order.
_MappingChildren: TypeAlias = tuple[dict[str, int], list[int]]


class YamlPositions:
    """Positions recorded while building a YAML document; see the module docstring."""

    __slots__ = ("_children", "_ends", "_keys", "_marks", "_merges")

    def __init__(self) -> None:
        self._marks = array("Q")
        self._ends = array("I")
        self._keys: list[str | None] = []
        self._merges: set[int] = set()
        self._children: dict[int, _MappingChildren | list[int]] = {}

    def __len__(self) -> int:
        return len(self._marks)

    # -- recording -------------------------------------------------------------------------

    def add(self, line: int, column: int, key: str | None) -> int:
        """Record a node starting at ``line:column`` (1-based); returns its number."""
        index = len(self._marks)
        self._marks.append(line << _SHIFT | column)
        self._ends.append(index + 1)
        self._keys.append(key)
        return index

    def close(self, index: int) -> None:
        """Every node recorded since ``index`` was added is a descendant of it."""
        self._ends[index] = len(self._marks)

    def mark_merge(self, index: int) -> None:
        """Node ``index`` is the value of a ``<<`` merge key, not an ordinary entry."""
        self._merges.add(index)

    def size(self, index: int) -> int:
        """Nodes in the subtree of ``index``, itself included."""
        return self._ends[index] - index

    def repeat(self, start: int, line: int, column: int, key: str | None) -> int:
        """Record a copy of the subtree at ``start`` (an alias), its root at ``line:column``."""
        index = len(self._marks)
        end = self._ends[start]
        offset = index - start
        self._marks.extend(self._marks[start:end])
        self._marks[index] = line << _SHIFT | column
        self._ends.extend(array("I", (stop + offset for stop in self._ends[start:end])))
        self._keys.extend(self._keys[start:end])
        self._keys[index] = key
        self._merges.update(node + offset for node in self._merges if start <= node < end)
        return index

    # -- looking up ------------------------------------------------------------------------

    def locate(self, tokens: Sequence[str]) -> tuple[int, int, int]:
        """``(line, column, depth)`` of the deepest node ``tokens`` reach (depth: tokens used)."""
        node = 0
        depth = 0
        if not self._marks:
            return 1, 1, 0
        for token in tokens:
            child = self._child(node, token)
            if child is None:
                break
            node = child
            depth += 1
        packed = self._marks[node]
        return packed >> _SHIFT, packed & _MASK, depth

    def _child(self, node: int, token: str) -> int | None:
        children = self._children.get(node)
        if children is None:
            children = self._scan(node)
            self._children[node] = children
        if isinstance(children, list):
            if token.isascii() and token.isdigit() and len(token) <= _LONGEST_INDEX:
                index = int(token)
                return children[index] if index < len(children) else None
            return None
        explicit, merges = children
        found = explicit.get(token)
        if found is not None:
            return found
        for merge in merges:  # YAML merge keys: explicit keys win, then sources in order
            found = self._merged(merge, token)
            if found is not None:
                return found
        return None

    def _merged(self, merge: int, token: str) -> int | None:
        children = self._children.get(merge) or self._scan(merge)
        if isinstance(children, tuple):
            return self._child(merge, token)
        for source in children:  # a list of mappings
            found = self._child(source, token)
            if found is not None:
                return found
        return None

    def _scan(self, node: int) -> _MappingChildren | list[int]:
        ends = self._ends
        child = node + 1
        end = ends[node]
        indices: list[int] = []
        while child < end:
            indices.append(child)
            child = ends[child]
        if not indices or self._keys[indices[0]] is None:
            return indices
        explicit: dict[str, int] = {}
        merges: list[int] = []
        for index in indices:
            if index in self._merges:
                merges.append(index)
            else:
                key = self._keys[index]
                if key is not None:
                    explicit.setdefault(key, index)
        return explicit, merges
