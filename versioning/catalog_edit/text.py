"""In-place edits of one-line scalars in YAML or JSON text, so comments and layout survive.

The catalog's files are written by people: re-dumping them would drop their comments, quoting
and key order. These helpers find a key through the parser's positions (the same ones error
messages use), then change only the characters of its value, or add one line beside it. Only
what can be edited safely is: a value that sits on its key's line as one plain or quoted
scalar, a key that starts its own line. Anything else (block scalars, values on the next
line, anchors, tags) is a :class:`UsageError` asking for the edit by hand. Callers parse the
result again to check it says what they meant.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from typing import TYPE_CHECKING

from versioning.errors import UsageError
from versioning.spec.location import Location
from versioning.spec.source import parse_text

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.spec.source import ParsedSource

__all__ = [
    "EditableText",
    "quote_like",
    "read_text_exactly",
    "write_text_exactly",
]

_BOM = "\ufeff"
_PLAIN_END = re.compile(r"[ \t]+#|[\r\n]|[,}\]]")  # a comment, the line's end, a flow mark
_NOT_EDITABLE = frozenset("|>[{&*!%@`")  # block scalars, flow collections, anchors, tags


def read_text_exactly(path: Path) -> str:
    """The file's text, line endings untouched (``read_text`` would turn CRLF into LF)."""
    return path.read_bytes().decode("utf-8")


def write_text_exactly(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 without translating line endings."""
    path.write_bytes(text.encode("utf-8"))


def quote_like(value: str, example: str) -> str:
    """``value`` as a quoted scalar in the style of ``example`` (single quotes, else double).

    Plain style is never used: a YAML 1.1 reader would turn a date into a date object.
    """
    if example.startswith("'"):
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _quoted_end(text: str, start: int) -> int:
    """Offset just past the quoted scalar opening at ``start`` (``-1`` if it never closes)."""
    quote = text[start]
    index = start + 1
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return -1


class EditableText:
    """The text of one YAML or JSON file, parsed, with the positions of its keys.

    Attributes:
        text: The text without a byte-order mark (it is put back by :meth:`render`).
        source: The parsed value and positions of ``text``.
        newline: The file's line ending, used for added lines.
    """

    __slots__ = ("bom", "file", "json_syntax", "newline", "source", "starts", "text")

    def __init__(self, text: str, *, file: str, json_syntax: bool = False) -> None:
        self.bom = text.startswith(_BOM)
        self.text = text.removeprefix(_BOM)
        self.file = file
        self.json_syntax = json_syntax
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self.source: ParsedSource = parse_text(self.text, file=file, json_syntax=json_syntax)
        # Offsets of line starts, 8 bytes each: a list of ints took 36 bytes a line (9x the
        # input on YAML of 4-byte lines, twice per edit, issue 12).
        self.starts = array("q", [0])
        self.starts.extend(match.end() for match in re.finditer("\n", self.text))

    @classmethod
    def read(cls, path: Path, *, file: str | None = None) -> EditableText:
        """Read ``path`` (JSON when its suffix is ``.json``)."""
        return cls(
            read_text_exactly(path),
            file=file if file is not None else str(path),
            json_syntax=path.suffix.lower() == ".json",
        )

    def render(self) -> str:
        """The full text to write back, byte-order mark included if there was one."""
        return (_BOM if self.bom else "") + self.text

    def edited(self, start: int, end: int, replacement: str) -> EditableText:
        """A new parsed text with ``text[start:end]`` replaced (may raise a ``SpecError``)."""
        return EditableText(
            self.edited_text(start, end, replacement), file=self.file, json_syntax=self.json_syntax
        )

    def edited_text(self, start: int, end: int, replacement: str) -> str:
        """The file's text with ``text[start:end]`` replaced, not parsed (see :meth:`edited`)."""
        return (_BOM if self.bom else "") + self.text[:start] + replacement + self.text[end:]

    # -- finding things ----------------------------------------------------------------------

    def location(self, offset: int) -> Location:
        """``file:line:column`` of a character offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return Location(file=self.file, line=line + 1, column=offset - self.starts[line] + 1)

    def key_offset(self, tokens: list[str]) -> int | None:
        """Offset of the key (or list item) at ``tokens``; ``None`` when it is absent."""
        line, column, depth = self.source.positions.locate(tokens)
        if depth < len(tokens):
            return None
        return self.starts[line - 1] + column - 1

    def line_end(self, offset: int) -> int:
        """Offset just past the line holding ``offset`` (its newline included)."""
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end + 1

    def line_prefix(self, offset: int) -> str:
        """The characters of ``offset``'s line before it."""
        return self.text[self.text.rfind("\n", 0, offset) + 1 : offset]

    def refuse(self, offset: int, message: str) -> UsageError:
        """A located error asking for an edit by hand."""
        return UsageError(f"{message}; edit it by hand", location=self.location(offset))

    def value_span(self, tokens: list[str]) -> tuple[int, int]:
        """Start and end offsets of the one-line scalar value of the key at ``tokens``.

        Raises:
            UsageError: The key is absent, or its value is not a one-line scalar on its line.
        """
        offset = self.key_offset(tokens)
        if offset is None:
            raise UsageError(f"{self.file}: no key {'.'.join(tokens)} to edit")
        index = offset
        if self.text[index] in "\"'":
            index = _quoted_end(self.text, index)
        colon = self.text.find(":", max(index, offset))
        if index < 0 or colon < 0 or "\n" in self.text[offset:colon]:
            raise self.refuse(offset, f"cannot find the value of {tokens[-1]!r}")
        start = colon + 1
        while self.text[start : start + 1] in {" ", "\t"}:
            start += 1
        first = self.text[start : start + 1]
        if first in {"", "\r", "\n", "#"} or first in _NOT_EDITABLE:
            raise self.refuse(offset, f"the value of {tokens[-1]!r} is not a one-line scalar")
        if first in "\"'":
            end = _quoted_end(self.text, start)
            if end < 0 or "\n" in self.text[start:end]:
                raise self.refuse(offset, f"the value of {tokens[-1]!r} spans several lines")
            return start, end
        found = _PLAIN_END.search(self.text, start)
        end = found.start() if found is not None else len(self.text)
        return start, len(self.text[start:end].rstrip()) + start

    def starts_its_line(self, offset: int, *, item: bool = False) -> int | None:
        """The key's indentation when it starts its line (after ``- `` if ``item``), else None."""
        prefix = self.line_prefix(offset)
        pattern = r"[ ]*(?:-[ ]+)?" if item else r"[ ]*"
        return len(prefix) if re.fullmatch(pattern, prefix) else None
