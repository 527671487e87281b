"""Typed decoding of our own YAML files (catalog, changes) with ``file:line`` errors.

msgspec validates the shape and reports a path like ``$.versions[2].sunset``; we turn that
path into the source location of the offending key.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from versioning.errors import VersioningError
    from versioning.spec.source import ParsedSource

__all__ = ["decode_struct"]

T = TypeVar("T")

_PATH = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_STEP = re.compile(r"\.(?P<field>[A-Za-z_][A-Za-z0-9_-]*)|\[(?P<index>\d+)\]|\[(?P<key>[^\]]*)\]")
_UNKNOWN = re.compile(r"unknown field `(?P<field>[^`]+)`")


def _tokens(path: str) -> list[str]:
    tokens: list[str] = []
    for step in _STEP.finditer(path):
        tokens.append(step["field"] or step["index"] or (step["key"] or "").strip("'\""))
    return tokens


def decode_struct(
    source: ParsedSource, value: Any, target: type[T], *, error: type[VersioningError]
) -> T:
    """Convert ``value`` (read from ``source``) into ``target``, or raise ``error`` with a location.

    ``value`` may be a part of ``source.value``; then the paths msgspec reports are relative
    to it and must be prefixed by the caller — so pass the whole document where possible.
    """
    try:
        return msgspec.convert(value, type=target, strict=True)
    except msgspec.ValidationError as problem:
        text = str(problem)
        match = _PATH.search(text)
        tokens = _tokens(match["path"]) if match else []
        message = text[: match.start()] if match else text
        unknown = _UNKNOWN.search(message)
        if unknown:
            tokens.append(unknown["field"])
            message = f"unknown key {unknown['field']!r}"
        message = message.replace("Object missing required field", "missing required key")
        message = message.replace("`", "'")
        raise error(message, location=source.locate(tokens), pointer=join_pointer(tokens)) from None
