"""Where a schema sits in an operation: the first half of every schema rule id.

A schema change means different things in a request (narrowing breaks clients) and in a
response (widening does), at the root of a body or deep inside it. Each :class:`Context`
names one such place; rule ids are ``<context>-<change>`` (``request-property-max-length-
decreased``), the same scheme oasdiff uses, so its ids carry over.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import msgspec

from versioning.findings import Subject

__all__ = ["CONTEXTS", "Context", "ContextName", "Scope", "is_json", "render_path"]

ContextName: TypeAlias = Literal[
    "request-body",
    "request-property",
    "request-parameter",
    "request-parameter-property",
    "request-header-property",
    "response-body",
    "response-property",
    "response-header",
    "response-header-property",
]


class Context(msgspec.Struct, frozen=True, kw_only=True):
    """One place a schema can sit, with how docs describe it."""

    name: ContextName
    direction: Literal["request", "response"]
    nested: bool
    area: str
    place: str
    """How rule docs name the place: ``a property inside a request body``."""
    mirror: ContextName | None = None
    no_mirror: str | None = None


_NO_QUERY_MIRROR = (
    "query, path and cookie parameters exist only in requests, so a property inside one has"
    " no response counterpart; response headers mirror header parameters instead"
)

CONTEXTS: dict[str, Context] = {
    context.name: context
    for context in (
        Context(
            name="request-body",
            direction="request",
            nested=False,
            area="schema",
            place="the schema of a request body",
            mirror="response-body",
        ),
        Context(
            name="request-property",
            direction="request",
            nested=True,
            area="schema",
            place="a property (or item) inside a request body",
            mirror="response-property",
        ),
        Context(
            name="request-parameter",
            direction="request",
            nested=False,
            area="parameters",
            place="the schema of a request parameter",
            mirror="response-header",
        ),
        Context(
            name="request-parameter-property",
            direction="request",
            nested=True,
            area="parameters",
            place="a property inside an object-valued query, path or cookie parameter",
            no_mirror=_NO_QUERY_MIRROR,
        ),
        Context(
            name="request-header-property",
            direction="request",
            nested=True,
            area="parameters",
            place="a property inside an object-valued header parameter",
            mirror="response-header-property",
        ),
        Context(
            name="response-body",
            direction="response",
            nested=False,
            area="schema",
            place="the schema of a response body",
            mirror="request-body",
        ),
        Context(
            name="response-property",
            direction="response",
            nested=True,
            area="schema",
            place="a property (or item) inside a response body",
            mirror="request-property",
        ),
        Context(
            name="response-header",
            direction="response",
            nested=False,
            area="headers",
            place="the schema of a response header",
            mirror="request-parameter",
        ),
        Context(
            name="response-header-property",
            direction="response",
            nested=True,
            area="headers",
            place="a property inside an object-valued response header",
            mirror="request-header-property",
        ),
    )
}


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    """Where one walked schema is: the operation, its contexts and what findings are about.

    ``about`` is the schema's own subject (the request body, the request query parameter
    ``limit`` …); :meth:`subject` places a change at a path inside it.
    """

    operation: str | None
    root: ContextName
    nested: ContextName
    about: Subject
    text: bool = False
    """Values travel as text (a parameter, a header, a form or text body) rather than JSON,
    so a type changed to (request) or from (response) ``string`` keeps every old value."""

    @property
    def direction(self) -> Literal["request", "response"]:
        """``request`` or ``response``."""
        return CONTEXTS[self.root].direction

    def subject(self, path: str, *, nested: bool) -> Subject:
        """The changed schema at ``path`` (``""``: the root itself) as a finding's subject."""
        return msgspec.structs.replace(self.about, path=path or None, nested=nested)


def is_json(media_type: str) -> bool:
    """``application/json`` and ``+json`` types: the only bodies where ``1`` is not ``"1"``."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence in {"application/json", "*/*", "application/*"} or essence.endswith("+json")


_SEGMENTS = {
    "items": "[]",
    "additional-properties": "*",
    "property-names": "(propertyNames)",
    "contains": "(contains)",
    "unevaluated-items": "(unevaluatedItems)",
    "unevaluated-properties": "(unevaluatedProperties)",
    "content-schema": "(contentSchema)",
    "then": "(then)",
    "else": "(else)",
}


def render_path(segments: tuple[tuple[str, str], ...]) -> str:
    """``amount.currency``, ``refunds[].amount``, ``metadata.*``, ``source(card).number``."""
    text = ""
    for kind, label in segments:
        if kind == "property":
            text += f".{label}" if text else label
        elif kind == "additional-properties":
            text += ".*" if text else "*"
        elif kind == "pattern-property":
            text += f"./{label}/" if text else f"/{label}/"
        elif kind == "prefix-item":
            text += f"[{label}]"
        elif kind in {"any-of", "one-of", "wrapped"}:
            text += f"({label})"
        elif kind == "dependent-schema":
            text += f"(dependentSchemas {label})"
        else:
            text += _SEGMENTS.get(kind, f"({kind})")
    return text
