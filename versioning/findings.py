"""Findings: what the compatibility checker reports. Data, never exceptions.

A finding names its rule (a stable id users configure by), a level, a message and where the
change happened in both documents, as a JSON pointer and a ``file:line:column``.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import msgspec

from versioning.spec.location import Location

__all__ = ["Coverage", "Direction", "Finding", "Level", "SourceRef", "level_rank"]

Level: TypeAlias = Literal["error", "warning", "info"]
Direction: TypeAlias = Literal["request", "response", "none"]
Coverage: TypeAlias = Literal["covered", "acknowledged", "uncovered"]

_RANK: dict[Level, int] = {"info": 0, "warning": 1, "error": 2}


def level_rank(level: Level) -> int:
    """Order levels: info < warning < error (for ``--fail-on`` and sorting)."""
    return _RANK[level]


class SourceRef(msgspec.Struct, frozen=True, kw_only=True):
    """A place in one of the two compared documents."""

    pointer: str
    location: Location | None = None


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
