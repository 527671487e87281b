"""Source positions and JSON pointers (RFC 6901), shared by every stage that reports a place."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Location", "join_pointer", "pointer_tokens", "resolve_pointer"]


class Location(msgspec.Struct, frozen=True, kw_only=True):
    """A 1-based ``file:line:column`` position of a node in a source file."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


_LONGEST_INDEX = 18
"""Digits of the longest array index converted; longer ones are past any array's end."""


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def join_pointer(tokens: Iterable[str | int]) -> str:
    """Build a JSON pointer from reference tokens: ``("paths", "/a")`` → ``/paths/~1a``."""
    return "".join("/" + _escape(str(token)) for token in tokens)


def pointer_tokens(pointer: str) -> list[str]:
    """Split a JSON pointer into unescaped tokens; ``""`` and ``"/"``-less input give ``[]``.

    Raises:
        ValueError: The pointer is not empty and does not start with ``/``.
    """
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        msg = f"JSON pointer must start with '/': {pointer!r}"
        raise ValueError(msg)
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def resolve_pointer(document: object, tokens: Iterable[str]) -> object:
    """Return the node at ``tokens`` inside ``document``.

    Raises:
        LookupError: Some token does not exist (the message names it).
    """
    node = document
    for token in tokens:
        if isinstance(node, dict):
            if token not in node:
                msg = f"no key {token!r}"
                raise LookupError(msg)
            node = node[token]
        elif isinstance(node, list):
            # ASCII digits only: "²".isdigit() is true and int() refuses it (issue 12).
            if not (token.isascii() and token.isdigit()) or (
                len(token) > 1 and token.startswith("0")
            ):
                msg = f"{token!r} is not an array index"
                raise LookupError(msg)
            if len(token) > _LONGEST_INDEX or int(token) >= len(node):
                shown = token if len(token) <= _LONGEST_INDEX else token[:_LONGEST_INDEX] + "…"
                msg = f"index {shown} is past the end of an array of {len(node)}"
                raise LookupError(msg)
            node = node[int(token)]
        else:
            msg = f"cannot descend into a scalar with {token!r}"
            raise LookupError(msg)
    return node
