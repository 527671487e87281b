"""Line and column of each key of a TOML text, since ``tomllib`` keeps no positions.

Configuration errors (:mod:`versioning.config`) point at the offending key with this scan.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["TomlPositions"]

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEYS = re.compile(rf"\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*")
_PART = re.compile(_KEY_PART)


def _key_tokens(text: str) -> tuple[str, ...]:
    tokens = []
    for part in _PART.findall(text):
        if part.startswith('"'):
            tokens.append(str(json.loads(part)))
        else:
            tokens.append(part.strip("'"))
    return tuple(tokens)


class TomlPositions:
    """Line and column of each key and table header of a TOML text.

    ``tomllib`` keeps no positions, so a light scan of the (already valid) text finds them:
    headers, ``key = value`` lines and array-of-table indexes. Keys inside inline tables fall
    back to the line of their parent key, which is close enough to point at the mistake.
    """

    __slots__ = ("_index", "_prefix")

    def __init__(self, text: str, *, prefix: Sequence[str] = ()) -> None:
        self._prefix = tuple(prefix)
        self._index: dict[tuple[str, ...], tuple[int, int]] = {}
        self._scan(text)

    def _record(self, tokens: tuple[str, ...], line: int, column: int) -> None:
        for end in range(1, len(tokens) + 1):
            self._index.setdefault(tokens[:end], (line, column))

    def _scan(self, text: str) -> None:
        table: tuple[str, ...] = ()
        arrays: dict[tuple[str, ...], int] = {}
        closing: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            if closing is not None:
                closing = None if raw.count(closing) % 2 else closing
                continue
            stripped = raw.lstrip()
            column = len(raw) - len(stripped) + 1
            if stripped.startswith("[["):
                keys = _key_tokens(stripped[2 : stripped.find("]]")])
                arrays[keys] = arrays.get(keys, -1) + 1
                table = (*keys, str(arrays[keys]))
                self._record(table, number, column)
            elif stripped.startswith("["):
                table = _key_tokens(stripped[1 : stripped.find("]")])
                self._record(table, number, column)
            elif (match := _KEYS.match(stripped)) and stripped[match.end() :].startswith("="):
                self._record((*table, *_key_tokens(match[1])), number, column)
                value = stripped[match.end() + 1 :]
                for delimiter in ('"""', "'''"):
                    if value.count(delimiter) % 2:
                        closing = delimiter

    def locate(self, tokens: Sequence[str]) -> tuple[int, int, int]:
        """``(line, column, depth)`` of the deepest known prefix of ``prefix + tokens``."""
        full = (*self._prefix, *tokens)
        for end in range(len(full), 0, -1):
            if full[:end] in self._index:
                line, column = self._index[full[:end]]
                return line, column, max(0, end - len(self._prefix))
        return 1, 1, 0
