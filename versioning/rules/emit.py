"""Where rule families put what they find: pending findings, deduplicated, located later.

A family calls :meth:`Emitter.emit` with a rule id, the operation and the two pointers; the
rule's template is filled in here, so every message of a rule reads the same. Locations are
not computed here: locating costs time, so the checker locates each distinct pointer once,
after every family has run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from versioning.diff.compare_values import describe
from versioning.findings import Level
from versioning.rules.registry import get_rule

__all__ = ["Emitter", "PendingFinding", "Policy"]


class Policy(msgspec.Struct, frozen=True, kw_only=True):
    """The deprecation policy the lifecycle rules apply."""

    today: dt.date
    min_sunset_days: dict[str, int]
    """Minimum days between deprecation and sunset per ``x-stability-level``."""


class PendingFinding(msgspec.Struct, frozen=True, kw_only=True):
    """A finding before its pointers are located in the two documents."""

    rule: str
    level: Level
    message: str
    operation: str | None
    base: str | None
    revision: str | None


class Emitter:
    """Collects pending findings; the same rule at the same place is reported once."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._found: dict[tuple[object, ...], PendingFinding] = {}

    def emit(
        self,
        rule_id: str,
        *,
        operation: str | None,
        base: str | None = None,
        revision: str | None = None,
        **fields: Any,
    ) -> None:
        """Report rule ``rule_id``; ``fields`` fill the rule's message template.

        A finding that repeats another exactly (same rule, places and message, as when one
        schema serves two media types of a response) is reported once.
        """
        info = get_rule(rule_id)
        values = {
            name: describe(value) if value is not None else "none" for name, value in fields.items()
        }
        message = info.message.format(**values)
        key = (rule_id, operation, base, revision, message)
        if key in self._found:
            return
        self._found[key] = PendingFinding(
            rule=rule_id,
            level=info.level,
            message=message,
            operation=operation,
            base=base,
            revision=revision,
        )

    def findings(self) -> list[PendingFinding]:
        """Everything emitted so far, in emission order."""
        return list(self._found.values())
