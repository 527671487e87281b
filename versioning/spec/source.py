"""Reading a spec file safely: size limit, strict UTF-8, and the YAML-or-JSON choice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.errors import SpecLimitError, SpecSyntaxError
from versioning.spec.json_reader import read_json
from versioning.spec.location import Location
from versioning.spec.yaml_reader import read_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.spec.positions import PositionIndex

__all__ = ["MAX_BYTES", "ParsedSource", "parse_text", "read_source"]

MAX_BYTES = 64 * 1024 * 1024
"""Largest spec file accepted; the biggest public specs are around 10 MB."""

_JSON_SUFFIXES = frozenset({".json"})


class ParsedSource:
    """One parsed file: its display name, its value and where each node came from."""

    __slots__ = ("file", "positions", "value")

    def __init__(self, *, file: str, value: Any, positions: PositionIndex) -> None:
        self.file = file
        self.value = value
        self.positions = positions

    def locate(self, tokens: list[str]) -> Location:
        """The closest source position for ``tokens`` (the deepest prefix that exists)."""
        line, column, _ = self.positions.locate(tokens)
        return Location(file=self.file, line=line, column=column)


def _decode(data: bytes, file: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpecSyntaxError(
            "UTF-16 is not supported: save the file as UTF-8",
            location=Location(file=file, line=1, column=1),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise SpecSyntaxError(
            f"not valid UTF-8: byte 0x{data[error.start]:02x} cannot start or continue a character",
            location=Location(file=file, line=line, column=column),
        ) from None


def parse_text(text: str, *, file: str, json_syntax: bool | None = None) -> ParsedSource:
    """Parse ``text`` as JSON or YAML; ``json_syntax=None`` guesses from the first character."""
    if json_syntax is None:
        json_syntax = text.lstrip()[:1] in {"{", "["}
    if json_syntax:
        value, positions = read_json(text, file=file)
        return ParsedSource(file=file, value=value, positions=positions)
    yaml_value, yaml_positions = read_yaml(text, file=file)
    return ParsedSource(file=file, value=yaml_value, positions=yaml_positions)


def read_source(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES
) -> ParsedSource:
    """Read and parse one spec file.

    Args:
        path: The file to read.
        display: How to name the file in locations (defaults to ``str(path)``).
        max_bytes: Refuse larger files before reading them whole.

    Raises:
        SpecSyntaxError: Unreadable, not UTF-8, or malformed.
        SpecLimitError: Larger than ``max_bytes`` or nested too deeply.
    """
    file = display if display is not None else str(path)
    start = Location(file=file, line=1, column=1)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            msg = f"file is {size:,} bytes; the limit is {max_bytes:,}"
            raise SpecLimitError(msg, location=start)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SpecSyntaxError("file not found", location=start) from None
    except IsADirectoryError:
        raise SpecSyntaxError("is a directory, not a spec file", location=start) from None
    except OSError as error:
        raise SpecSyntaxError(f"cannot read file: {error.strerror}", location=start) from None
    if len(data) > max_bytes:  # grew while we looked (or a special file)
        raise SpecLimitError(
            f"file is larger than the limit of {max_bytes:,} bytes", location=start
        )
    text = _decode(data, file)
    suffix = path.suffix.lower()
    json_syntax = True if suffix in _JSON_SUFFIXES else None
    if suffix in {".yaml", ".yml"}:
        json_syntax = False
    return parse_text(text, file=file, json_syntax=json_syntax)
