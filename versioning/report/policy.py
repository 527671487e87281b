"""Apply the configuration to findings: level overrides, then ignores (with expiry).

An ignored finding stays in the report, marked with the entry's reason; it just no longer
fails the build. An entry past its ``until`` date ignores nothing, and the report says which
findings count again because of it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import msgspec

from versioning.findings import level_rank
from versioning.report.model import Comparison, is_blocking

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

    from versioning.config import Config, IgnoreEntry
    from versioning.findings import Finding, Level
    from versioning.report.model import ComparisonKind, FailOn

__all__ = ["apply_policy", "build_comparison", "expiry_notes"]


def _apply_one(
    finding: Finding, config: Config, today: dt.date, expired: Counter[IgnoreEntry]
) -> Finding:
    level = config.levels.get(finding.rule, finding.level)
    missed: IgnoreEntry | None = None
    for entry in config.ignore:
        if not entry.matches(finding.rule, finding.operation):
            continue
        if entry.active(today):
            return msgspec.structs.replace(finding, level=level, ignored=entry.reason)
        missed = missed or entry
    if missed is not None:
        expired[missed] += 1
    if level == finding.level:
        return finding
    return msgspec.structs.replace(finding, level=level)


def apply_policy(
    findings: Iterable[Finding], config: Config, *, today: dt.date
) -> tuple[list[Finding], Counter[IgnoreEntry]]:
    """Findings with levels overridden and ignores applied, and the expired entries that matched.

    The first active entry that matches a finding ignores it. The counter tells, for each
    expired entry, how many findings it would have ignored.
    """
    expired: Counter[IgnoreEntry] = Counter()
    applied = [_apply_one(finding, config, today, expired) for finding in findings]
    return applied, expired


def expiry_notes(expired: Counter[IgnoreEntry]) -> list[str]:
    """One sentence per expired ignore entry that still matches findings."""
    notes = []
    for entry, count in expired.items():
        findings = "1 finding counts" if count == 1 else f"{count} findings count"
        notes.append(
            f"{entry.describe()} expired on {entry.until}: {findings} again"
            f" (its reason was: {entry.reason})"
        )
    return notes


def build_comparison(
    findings: Iterable[Finding],
    *,
    kind: ComparisonKind,
    base: str,
    revision: str,
    config: Config,
    today: dt.date,
    fail_on: FailOn,
    min_level: Level = "info",
    settle: Callable[[list[Finding]], list[Finding]] | None = None,
    suggest: Callable[[Finding], str] | None = None,
) -> tuple[Comparison, Counter[IgnoreEntry]]:
    """Apply the configuration, settle what is covered, hide findings below ``min_level``.

    ``settle`` runs after level overrides and ignores (so it sees the levels the team chose)
    and marks findings a declared change covers; ``suggest`` then drafts a step for each
    shown finding it left uncovered. Hidden findings are counted, never dropped silently; a
    finding that would block is never hidden, whatever ``min_level`` says.
    """
    applied, expired = apply_policy(findings, config, today=today)
    if settle is not None:
        applied = settle(applied)
    threshold = level_rank(min_level)
    shown = tuple(
        finding
        for finding in applied
        if level_rank(finding.level) >= threshold or is_blocking(finding, fail_on)
    )
    suggestions = {
        finding: suggest(finding)
        for finding in shown
        if suggest is not None and finding.coverage == "uncovered"
    }
    comparison = Comparison(
        kind=kind,
        base=base,
        revision=revision,
        findings=shown,
        fail_on=fail_on,
        hidden=len(applied) - len(shown),
        suggestions=suggestions,
    )
    return comparison, expired
