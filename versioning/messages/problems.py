"""A problem with a message: where it is, what is wrong, and which schema keyword said so."""

from __future__ import annotations

from typing import Literal, TypeAlias

import msgspec

__all__ = ["Part", "Problem"]

Part: TypeAlias = Literal[
    "operation", "path", "query", "header", "cookie", "body", "status", "content-type"
]
"""The part of an HTTP message a problem is in."""


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    """One way a message breaks its operation.

    Attributes:
        part: Where in the message: a parameter's location, ``body``, ``status`` …
        pointer: A JSON pointer into that part: ``/amount/value`` in a body, ``/limit`` for
            the query parameter ``limit`` (``/created/gte`` inside a ``deepObject``).
        message: What is wrong, for people.
        parameter: The parameter or header name, for problems about one.
        schema_pointer: The JSON pointer, in the spec document, of the schema keyword that
            failed (``/components/schemas/Metadata/maxProperties``), when a schema said so.
        undeclared: The problem is a member the version does not declare (strict checks).
    """

    part: Part
    pointer: str
    message: str
    parameter: str | None = None
    schema_pointer: str | None = None
    undeclared: bool = False

    def __str__(self) -> str:
        where = self.part if self.parameter is None else f"{self.part} {self.parameter!r}"
        pointer = self.pointer if self.parameter is None else _inside(self.pointer)
        return f"{where} {pointer}: {self.message}" if pointer else f"{where}: {self.message}"


def _inside(pointer: str) -> str:
    """A parameter problem's pointer without the parameter's own name (``/limit`` → ``""``)."""
    _, _, rest = pointer[1:].partition("/")
    return f"/{rest}" if rest else ""
