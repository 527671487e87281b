"""Where our default level differs from oasdiff's for the same rule id, and why.

Users carry oasdiff configurations over by id, so a different default must be visible: the
rule records ``oasdiff_level`` and its doc says why we chose otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from versioning.findings import Level

__all__ = ["OASDIFF_LEVELS", "oasdiff_level", "oasdiff_note"]

OASDIFF_LEVELS: dict[str, Level] = {}
"""oasdiff's level for each id whose default level we set differently."""

_REASONS: dict[str, str] = {}
"""Why, by rule id or by the id's change suffix (the longest matching suffix wins)."""


def oasdiff_level(rule_id: str, level: str) -> Level | None:
    """The level oasdiff gives ``rule_id`` when it differs from ``level``, else ``None``."""
    theirs = OASDIFF_LEVELS.get(rule_id)
    return theirs if theirs is not None and theirs != level else None


def oasdiff_note(rule_id: str, level: str) -> str:
    """A sentence for the doc when oasdiff rates the rule differently."""
    theirs = oasdiff_level(rule_id, level)
    if theirs is None:
        return ""
    reason = _REASONS.get(rule_id)
    if reason is None:
        suffixes = [s for s in _REASONS if rule_id.endswith(s)]
        reason = _REASONS[max(suffixes, key=len)] if suffixes else ""
    return f"oasdiff rates this {theirs}; we rate it {level}{': ' + reason if reason else '.'}"
