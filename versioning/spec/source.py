"""Reading a spec file safely: regular files only, size limit, strict UTF-8, YAML or JSON."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from typing import TYPE_CHECKING, Any

from versioning.errors import SpecLimitError, SpecSyntaxError
from versioning.spec.json_reader import read_json
from versioning.spec.limits import Limits, limits_from_environment
from versioning.spec.location import Location
from versioning.spec.yaml_reader import read_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.spec.positions import PositionIndex

__all__ = [
    "LEAST_BYTES_PER_BYTE",
    "MAX_BYTES",
    "MEMORY_ADVICE",
    "ParsedSource",
    "parse_text",
    "printable_name",
    "read_regular_file",
    "read_source",
]

MAX_BYTES = Limits().max_bytes
"""Largest spec file accepted by default; the biggest public specs are around 10 MB."""

_JSON_SUFFIXES = frozenset({".json"})
_YAML_SUFFIXES = frozenset({".yaml", ".yml"})
_CHECK_CHUNK = 1 << 20
_LEADING_SPACE = re.compile(rb"[ \t\r\n]*")
LEAST_BYTES_PER_BYTE = 7
"""Memory a load takes per byte of spec, at the least (YAML 7.7-8.1x, compact JSON 12-17x:
``benchmarks/memory.py``); a file that needs more than the process may still map is refused
before it is read."""
MEMORY_ADVICE = (
    "raise the memory limit, or set VERSIONGATE_MAX_SPEC_BYTES lower to refuse such files"
    " before reading them"
)
_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


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


def printable_name(name: str) -> str:
    r"""``name`` with bytes that are not UTF-8 shown as ``\xff``, so every report can print it.

    A file name from ``argv`` keeps such bytes as lone surrogates (PEP 383), which no UTF-8
    output (text, JSON, SARIF) can encode; the file itself is still opened by its real name.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = name.encode("utf-8", "backslashreplace")
        return raw.decode("utf-8", "backslashreplace")
    return name


def _utf8_error(data: bytes, start: int, file: str) -> SpecSyntaxError:
    before = data[:start]
    line = before.count(b"\n") + 1
    column = start - (before.rfind(b"\n") + 1) + 1
    return SpecSyntaxError(
        f"not valid UTF-8: byte 0x{data[start]:02x} cannot start or continue a character",
        location=Location(file=file, line=line, column=column),
    )


def _check_utf8(data: bytes, file: str) -> bytes:
    """``data`` without a UTF-8 BOM, checked chunk by chunk (no second copy of the file)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpecSyntaxError(
            "UTF-16 is not supported: save the file as UTF-8",
            location=Location(file=file, line=1, column=1),
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for offset in range(0, len(data), _CHECK_CHUNK):
            decoder.decode(view[offset : offset + _CHECK_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        # Decode once more, whole, only to find the offending byte's place.
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _utf8_error(data, error.start, file) from None
    finally:
        view.release()
    return data


def parse_text(
    text: str, *, file: str, json_syntax: bool | None = None, limits: Limits | None = None
) -> ParsedSource:
    """Parse ``text`` as JSON or YAML; ``json_syntax=None`` guesses from the first character."""
    limits = limits if limits is not None else limits_from_environment()
    if json_syntax is None:
        json_syntax = text.lstrip()[:1] in {"{", "["}
    if json_syntax:
        value, positions = read_json(text, file=file, limits=limits)
        return ParsedSource(file=file, value=value, positions=positions)
    yaml_value, yaml_positions = read_yaml(text, file=file, limits=limits)
    return ParsedSource(file=file, value=yaml_value, positions=yaml_positions)


def _spare_address_space() -> int | None:
    """Bytes this process may still map under ``RLIMIT_AS``; ``None``: no limit, or unknown."""
    try:
        import resource  # Unix only
    except ImportError:  # pragma: no cover - Windows
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123 - Linux only
            for line in status:
                if line.startswith("VmSize:"):
                    return soft - int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _check_memory(size: int, start: Location) -> None:
    """Refuse a file that cannot fit in the memory the process has left (``RLIMIT_AS``)."""
    spare = _spare_address_space()
    if spare is not None and size * LEAST_BYTES_PER_BYTE > spare:
        raise SpecLimitError(
            f"file is {size:,} bytes; loading it takes at least {LEAST_BYTES_PER_BYTE}x that,"
            f" more than the {max(spare, 0) // 2**20:,} MiB this process may still use:"
            f" {MEMORY_ADVICE}",
            location=start,
        )


def _read_bytes(path: Path, limit: int, start: Location) -> bytes:
    """The file's bytes; never blocks on a FIFO or device, never reads past ``limit``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SpecSyntaxError("file not found", location=start) from None
    except IsADirectoryError:
        raise SpecSyntaxError("is a directory, not a file", location=start) from None
    except OSError as error:
        reason = "symbolic link loop" if error.errno == errno.ELOOP else error.strerror
        raise SpecSyntaxError(f"cannot read file: {reason}", location=start) from None
    except ValueError:  # a NUL in the path
        raise SpecSyntaxError("file name contains a NUL character", location=start) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        kind = stat.S_IFMT(status.st_mode)
        if kind != stat.S_IFREG:
            what = _NOT_REGULAR.get(kind, "a special file")
            raise SpecSyntaxError(f"is {what}, not a regular file", location=start)
        if status.st_size > limit:
            msg = f"file is {status.st_size:,} bytes; the limit is {limit:,}"
            raise SpecLimitError(msg, location=start)
        _check_memory(status.st_size, start)
        os.set_blocking(descriptor, True)
        try:
            # Ask for the size the file has (read(n) allocates n bytes first: asking for the
            # limit cost 64 MiB of address space for any spec), then for any growth.
            data = handle.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += handle.read(limit + 1 - len(data))
        except OSError as error:
            raise SpecSyntaxError(f"cannot read file: {error.strerror}", location=start) from None
    if len(data) > limit:  # grew while we looked
        raise SpecLimitError(f"file is larger than the limit of {limit:,} bytes", location=start)
    return data


def read_regular_file(path: Path, *, display: str | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, never blocking on a FIFO.

    For every file a command reads besides specs (configuration, ``changes.yaml``): a FIFO
    given as any of them blocked the command forever (issue 12).

    Raises:
        SpecSyntaxError: Missing, unreadable, or not a regular file (a FIFO, a device …).
        SpecLimitError: Larger than ``limit``.
    """
    file = printable_name(display if display is not None else str(path))
    return _read_bytes(path, limit, Location(file=file, line=1, column=1))


def read_source(
    path: Path,
    *,
    display: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> ParsedSource:
    """Read and parse one spec file.

    Args:
        path: The file to read.
        display: How to name the file in locations (defaults to ``str(path)``).
        max_bytes: Refuse larger files before reading them whole (default: ``limits``').
        limits: The safety limits (default: :func:`limits_from_environment`).

    Raises:
        SpecSyntaxError: Unreadable, not a regular file, not UTF-8, or malformed.
        SpecLimitError: Larger than ``max_bytes`` or beyond another limit.
    """
    limits = limits if limits is not None else limits_from_environment()
    file = printable_name(display if display is not None else str(path))
    start = Location(file=file, line=1, column=1)
    data = _read_bytes(path, max_bytes if max_bytes is not None else limits.max_bytes, start)
    data = _check_utf8(data, file)
    suffix = path.suffix.lower()
    first = _LEADING_SPACE.match(data).end()  # type: ignore[union-attr]  # always matches
    if suffix in _JSON_SUFFIXES or (
        suffix not in _YAML_SUFFIXES and data[first : first + 1] in {b"{", b"["}
    ):
        text = data.decode("utf-8")
        del data  # the text and the values are enough; the bytes would add their size again
        return parse_text(text, file=file, json_syntax=True, limits=limits)
    # YAML: libyaml reads the checked bytes directly, so the text never exists as a str.
    value, positions = read_yaml(data, file=file, limits=limits)
    return ParsedSource(file=file, value=value, positions=positions)
