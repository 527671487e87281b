"""Findings: what the compatibility checker reports. Data, never exceptions.

A finding names its rule (a stable id users configure by), a level, a message and where the
change happened in both documents, as a JSON pointer and a ``file:line:column``.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import msgspec

from versioning.spec.location import Location

__all__ = [
    "Coverage",
    "Direction",
    "Finding",
    "Level",
    "SourceRef",
    "Subject",
    "SubjectPlace",
    "level_rank",
]

Level: TypeAlias = Literal["error", "warning", "info"]
Direction: TypeAlias = Literal["request", "response", "none"]
Coverage: TypeAlias = Literal["covered", "acknowledged", "uncovered"]
SubjectPlace: TypeAlias = Literal["body", "media-type", "parameter", "header", "status"]

_RANK: dict[Level, int] = {"info": 0, "warning": 1, "error": 2}


def level_rank(level: Level) -> int:
    """Order levels: info < warning < error (for ``--fail-on`` and sorting)."""
    return _RANK[level]


class SourceRef(msgspec.Struct, frozen=True, kw_only=True):
    """A place in one of the two compared documents."""

    pointer: str
    location: Location | None = None


class Subject(msgspec.Struct, frozen=True, kw_only=True):
    """What part of an operation's request or response a finding is about, as data.

    The message names the same thing in words (``201 response property 'amount'``); tools
    such as the coverage gate read this instead, so rewording a rule never changes them.

    Attributes:
        direction: ``request`` or ``response``, as the rules judge it: a webhook's payload
            (sent by the API) is a ``response``, the client's reply to it a ``request``.
        place: ``body`` (a request or response body schema, or what is inside it),
            ``media-type`` (a body's media type itself), ``parameter`` (a request parameter,
            headers included), ``header`` (a response header) or ``status`` (a response
            status as a whole).
        status: The response status key as the document writes it (``201``, ``4XX``,
            ``default``); ``None`` for requests. For a webhook, the status of the reply.
        location: Where a parameter is sent: ``query``, ``path``, ``header`` or ``cookie``.
        webhook: The webhook's name when the body is a webhook's payload or reply.
        name: The parameter or response header name; for ``media-type``, the media type.
        path: Where inside the schema, as the rules print it (``amount.currency``,
            ``data[].captured_amount``, ``metadata.*``, ``source(card).number``); ``None``
            when the finding is about the schema (or the parameter, header …) itself.
        nested: ``True`` when ``path`` leads into a property or an item (the rules'
            ``…-property-…`` contexts); ``False`` when it only passes through branches
            (``(oneOf 1)``) of the schema itself.
    """

    direction: Direction
    place: SubjectPlace
    status: str | None = None
    location: str | None = None
    webhook: str | None = None
    name: str | None = None
    path: str | None = None
    nested: bool = False


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    """One change the checker noticed.

    Attributes:
        rule: The rule id (``request-parameter-became-required``).
        level: The effective level, after configuration overrides.
        message: A sentence naming the thing that changed and how.
        operation: ``"POST /transactions"``, or ``None`` for document-level changes.
        base: Where it was in the base document (``None`` for additions).
        revision: Where it is in the revision (``None`` for removals).
        ignored: The configured reason when an ignore entry matched (the finding stays visible).
        coverage: For catalog checks: whether a declared change covers this breaking finding.
        covered_by: The declared change that covers it, or the acknowledged reason.
        evidence: For catalog checks: what running the witnesses showed. For a covered
            finding, how many witnesses ran; otherwise the failing witness (what was sent,
            what it became, the first problem with its pointer) or why none could be built.
        subject: What part of the request or response it is about, as data; ``None`` for
            findings about an operation, a webhook, security or the document as a whole.
    """

    rule: str
    level: Level
    message: str
    operation: str | None = None
    base: SourceRef | None = None
    revision: SourceRef | None = None
    ignored: str | None = None
    coverage: Coverage | None = None
    covered_by: str | None = None
    subject: Subject | None = None
    evidence: str | None = None
