"""Where each node of a parsed document sits in its source text.

YAML positions come for free from the composed node graph and are kept as a small tree.
JSON is parsed by the C decoder, which forgets positions; :class:`JsonPositions` recovers
them lazily, only for the containers a lookup walks through, so loading stays as fast as
``json.loads`` and a report with a few findings pays for a few containers, not the file.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["JsonPositions", "PositionIndex", "YamlPositionNode", "YamlPositions"]

# (line, column, children): children is a dict for mappings, a list for sequences, else None.
# The line/column of a mapping entry is where its key starts.
YamlPositionNode: TypeAlias = tuple[
    int, int, "dict[str, YamlPositionNode] | list[YamlPositionNode] | None"
]


class PositionIndex(Protocol):
    """Maps JSON-pointer tokens to a 1-based (line, column) in the source text."""

    def locate(self, tokens: Sequence[str]) -> tuple[int, int, int]:
        """``(line, column, depth)`` of the deepest existing prefix, depth = tokens matched."""
        ...


class YamlPositions:
    """Positions recorded while constructing a YAML document."""

    __slots__ = ("_root",)

    def __init__(self, root: YamlPositionNode) -> None:
        self._root = root

    def locate(self, tokens: Sequence[str]) -> tuple[int, int, int]:
        """Walk the position tree as far as ``tokens`` go."""
        node = self._root
        depth = 0
        for token in tokens:
            children = node[2]
            if isinstance(children, dict):
                child = children.get(token)
            elif isinstance(children, list) and token.isdigit() and int(token) < len(children):
                child = children[int(token)]
            else:
                child = None
            if child is None:
                break
            node = child
            depth += 1
        return node[0], node[1], depth


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# The C scanner's entry points: undocumented in typeshed, stable since Python 2.7.
_scan_value: Any = _DECODER.scan_once  # type: ignore[attr-defined]
_scan_string: Any = json.decoder.scanstring  # type: ignore[attr-defined]

# An object's children: key -> (offset of the key, offset of the value).
_ObjectChildren: TypeAlias = dict[str, tuple[int, int]]


class JsonPositions:
    """Lazily computed positions for a JSON text that is already known to be well formed."""

    __slots__ = ("_containers", "_newlines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines: list[int] | None = None
        self._containers: dict[int, _ObjectChildren | list[int]] = {}

    def locate(self, tokens: Sequence[str]) -> tuple[int, int, int]:
        """Walk the text as far as ``tokens`` go, caching every container it scans."""
        offset = _WHITESPACE.match(self._text, 0).end()  # type: ignore[union-attr]
        report = offset
        depth = 0
        for token in tokens:
            children = self.children(offset)
            if isinstance(children, dict):
                entry = children.get(token)
                if entry is None:
                    break
                report, offset = entry
            elif isinstance(children, list) and token.isdigit() and int(token) < len(children):
                report = offset = children[int(token)]
            else:
                break
            depth += 1
        line, column = self.line_column(report)
        return line, column, depth

    def children(self, offset: int) -> _ObjectChildren | list[int] | None:
        """Scan the container starting at ``offset`` once; ``None`` for a scalar."""
        cached = self._containers.get(offset)
        if cached is not None:
            return cached
        opener = self._text[offset : offset + 1]
        if opener == "{":
            result: _ObjectChildren | list[int] = self._scan_object(offset)
        elif opener == "[":
            result = self._scan_array(offset)
        else:
            return None
        self._containers[offset] = result
        return result

    def duplicate_key(self) -> tuple[str, int, int] | None:
        """Find the first repeated key in any object: ``(key, line, column)`` or ``None``."""
        stack = [_WHITESPACE.match(self._text, 0).end()]  # type: ignore[union-attr]
        while stack:
            offset = stack.pop()
            opener = self._text[offset : offset + 1]
            if opener == "{":
                seen: set[str] = set()
                for key, key_offset, value_offset in self._iter_object(offset):
                    if key in seen:
                        return (key, *self.line_column(key_offset))
                    seen.add(key)
                    stack.append(value_offset)
            elif opener == "[":
                stack.extend(self._scan_array(offset))
        return None

    def line_column(self, offset: int) -> tuple[int, int]:
        """Convert a character offset into a 1-based line and column."""
        if self._newlines is None:
            self._newlines = [match.start() for match in re.finditer("\n", self._text)]
        line = bisect.bisect_left(self._newlines, offset)
        line_start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1

    def _scan_object(self, offset: int) -> _ObjectChildren:
        return {key: (k, v) for key, k, v in self._iter_object(offset)}

    def _iter_object(self, offset: int) -> list[tuple[str, int, int]]:
        text = self._text
        entries: list[tuple[str, int, int]] = []
        index = _WHITESPACE.match(text, offset + 1).end()  # type: ignore[union-attr]
        if text[index] == "}":
            return entries
        while True:
            key_offset = index
            key, index = _scan_string(text, index + 1)
            index = _WHITESPACE.match(text, index).end() + 1  # type: ignore[union-attr]  # ':'
            value_offset = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
            entries.append((key, key_offset, value_offset))
            _, index = _scan_value(text, value_offset)
            index = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
            if text[index] == "}":
                return entries
            index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]  # ','

    def _scan_array(self, offset: int) -> list[int]:
        text = self._text
        items: list[int] = []
        index = _WHITESPACE.match(text, offset + 1).end()  # type: ignore[union-attr]
        if text[index] == "]":
            return items
        while True:
            items.append(index)
            _, index = _scan_value(text, index)
            index = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
            if text[index] == "]":
                return items
            index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]
