"""Where each node of a parsed document sits in its source text.

YAML positions are recorded while building (:mod:`versioning.spec.yaml_positions`).
JSON is parsed by the C decoder, which forgets positions; :class:`JsonPositions` recovers
them lazily, only for the containers a lookup walks through, so a report with a few
findings pays for a few containers, not the file. Stepping over a child container uses a
table of where every container ends, built by one regular-expression pass (which also
counts the nesting depth the loader limits): re-parsing each child with the C decoder
instead parsed the file four to five times over on a big report (Stripe: 35 MB scanned for
two 3.7 MB documents, a fifth of the whole comparison).
"""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["JsonPositions", "PositionIndex"]


class PositionIndex(Protocol):
    """Maps JSON-pointer tokens to a 1-based (line, column) in the source text."""

    def locate(self, tokens: Sequence[str]) -> tuple[int, int, int]:
        """``(line, column, depth)`` of the deepest existing prefix, depth = tokens matched."""
        ...


def _is_index(token: str) -> bool:
    """ASCII digits of a sane length: ``"²".isdigit()`` is true and ``int`` refuses it."""
    return token.isascii() and token.isdigit() and len(token) <= 18


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# The C scanner's entry points: undocumented in typeshed, stable since Python 2.7.
_scan_value: Any = _DECODER.scan_once  # type: ignore[attr-defined]
_scan_string: Any = json.decoder.scanstring  # type: ignore[attr-defined]

# An object's children: key -> offset of the key << _SHIFT | offset of the value. One int, not
# a tuple of two: an object of 22,000 keys a report locates costs 2.6 MB less.
_ObjectChildren: TypeAlias = dict[str, int]
_SHIFT = 40
_VALUE_MASK = (1 << _SHIFT) - 1

# An object key without escapes (its text is its value) and the colon after it.
_PLAIN_KEY = re.compile(r'"([^"\\]*+)"[ \t\n\r]*+:[ \t\n\r]*+')
# What follows an object entry's value: a comma and the next key's offset, or the end.
_AFTER_ENTRY = re.compile(r"[ \t\n\r]*+(?:,[ \t\n\r]*+|(\}))")

# One match per bracket outside strings (group 1 opens, group 2 closes), or the end of the
# text. Possessive quantifiers never backtrack, so the pass is linear in the text's length.
_BRACKET = re.compile(
    r'[^"{}\[\]]*+(?:"[^"\\]*+(?:\\.[^"\\]*+)*+"[^"{}\[\]]*+)*+(?:([{\[])|([}\]])|\Z)',
    re.DOTALL,
)


class _ContainerEnds:
    """Where each container of a JSON text ends, by its opener's offset, in flat arrays.

    Two arrays of 64-bit offsets (openers in text order, and their ends) cost 16 bytes a
    container; a dict of ``int`` objects cost ~100, 3 to 5 bytes per byte of compact JSON
    for as long as the document lives (issue 12: no input above 10x its size in memory).
    """

    __slots__ = ("ends", "openers")

    def __init__(self, openers: array[int], ends: array[int]) -> None:
        self.openers = openers
        self.ends = ends

    def get(self, offset: int) -> int | None:
        """The offset just past the container opened at ``offset``, or ``None``."""
        openers = self.openers
        index = bisect_left(openers, offset)
        if index < len(openers) and openers[index] == offset:
            return self.ends[index]
        return None


def _container_ends(text: str) -> tuple[_ContainerEnds, int]:
    """Where each container of a well-formed JSON text ends, and how deeply they nest.

    Returns the offset just past the closer of every ``{`` and ``[``, by the opener's offset,
    and the deepest nesting (0 when the text is a scalar).
    """
    openers = array("q")
    ends = array("q")
    add_opener, add_end = openers.append, ends.append
    stack: list[int] = []
    push, pop = stack.append, stack.pop  # one match per bracket: keep the loop lean
    deepest = 0
    for match in _BRACKET.finditer(text):
        kind = match.lastindex
        if kind == 1:
            push(len(openers))
            add_opener(match.end() - 1)
            add_end(0)  # filled in at the closer
            if len(stack) > deepest:  # noqa: PLR1730 - max() would cost a call per opener
                deepest = len(stack)
        elif kind == 2:
            ends[pop()] = match.end()
        else:  # the end of the text
            break
    return _ContainerEnds(openers, ends), deepest


_LINE_CHUNK = 4096


def _line_chunks(text: str) -> tuple[list[int], list[int]]:
    """Per 4 KiB chunk of ``text``: newlines before it, and the offset of the last one (or -1).

    Counting in C per chunk costs a quarter of listing every newline's offset, and a lookup
    then scans at most one chunk, however long the lines (minified JSON is one line).
    """
    counts = [0]
    last_newlines = [-1]
    for start in range(0, len(text), _LINE_CHUNK):
        end = start + _LINE_CHUNK
        counts.append(counts[-1] + text.count("\n", start, end))
        newline = text.rfind("\n", start, end)
        last_newlines.append(newline if newline >= 0 else last_newlines[-1])
    return counts, last_newlines


class JsonPositions:
    """Lazily computed positions for a JSON text that is already known to be well formed."""

    __slots__ = ("_containers", "_deepest", "_ends", "_lines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: tuple[list[int], list[int]] | None = None
        self._ends: _ContainerEnds | None = None
        self._deepest = 0
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
                report, offset = entry >> _SHIFT, entry & _VALUE_MASK
            elif isinstance(children, list) and _is_index(token) and int(token) < len(children):
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
            result: _ObjectChildren | list[int] = self._object_children(offset)
        elif opener == "[":
            result = self._array_items(offset)
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
        text = self._text
        if self._lines is None:
            self._lines = _line_chunks(text)
        counts, last_newlines = self._lines
        chunk = offset // _LINE_CHUNK
        start = chunk * _LINE_CHUNK
        line = counts[chunk] + text.count("\n", start, offset)
        newline = text.rfind("\n", start, offset)
        if newline < 0:
            newline = last_newlines[chunk]
        return line + 1, offset - newline

    def deepest(self) -> int:
        """How deeply containers nest in the text (``{"a": []}`` is 2; a scalar text is 0).

        Counted by the same pass that finds where each container ends, so checking a depth
        limit while loading costs nothing more once a report locates its findings.
        """
        self._container_ends()
        return self._deepest

    def _container_ends(self) -> _ContainerEnds:
        if self._ends is None:
            self._ends, self._deepest = _container_ends(self._text)
        return self._ends

    def _skip(self, offset: int) -> int:
        """The offset just past the value starting at ``offset``, without decoding containers."""
        end = self._container_ends().get(offset)
        if end is not None:
            return end
        _, end = _scan_value(self._text, offset)  # a scalar: cheap to decode
        return int(end)

    def _object_children(self, offset: int) -> _ObjectChildren:
        text = self._text
        children: _ObjectChildren = {}
        index = _WHITESPACE.match(text, offset + 1).end()  # type: ignore[union-attr]
        if text[index] == "}":
            return children
        while True:  # two regex steps per entry: the key with its colon, then what follows
            key_offset = index
            plain = _PLAIN_KEY.match(text, index)
            if plain is not None:
                key, value_offset = plain.group(1), plain.end()
            else:  # the key has escapes: let the decoder read it
                key, index = _scan_string(text, index + 1)
                index = _WHITESPACE.match(text, index).end() + 1  # type: ignore[union-attr]  # ':'
                value_offset = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
            children[key] = key_offset << _SHIFT | value_offset
            after = _AFTER_ENTRY.match(text, self._skip(value_offset))
            if after.lastindex:  # type: ignore[union-attr]  # the closing brace
                return children
            index = after.end()  # type: ignore[union-attr]

    def _array_items(self, offset: int) -> list[int]:
        text = self._text
        items: list[int] = []
        index = _WHITESPACE.match(text, offset + 1).end()  # type: ignore[union-attr]
        if text[index] == "]":
            return items
        while True:
            items.append(index)
            index = _WHITESPACE.match(text, self._skip(index)).end()  # type: ignore[union-attr]
            if text[index] == "]":
                return items
            index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]

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
