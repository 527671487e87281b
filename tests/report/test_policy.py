"""Building a comparison: settled findings, hidden ones, and steps drafted for uncovered ones."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import msgspec

from tests.report.samples import ADDED, BREAKING, COVERED
from versioning.config import Config
from versioning.report.policy import build_comparison

if TYPE_CHECKING:
    from versioning.findings import Finding


def _settle(findings: list[Finding]) -> list[Finding]:
    """Mark every error that is not covered yet as uncovered, as the coverage gate does."""
    return [
        msgspec.structs.replace(finding, coverage="uncovered")
        if finding.level == "error" and finding.coverage is None
        else finding
        for finding in findings
    ]


def test_build_comparison__suggest__drafts_a_step_only_for_uncovered_findings() -> None:
    asked: list[str] = []

    def suggest(finding: Finding) -> str:
        asked.append(finding.rule)
        return f"- step: acknowledged\n  reason: {finding.rule}"

    comparison, _ = build_comparison(
        [BREAKING, COVERED, ADDED], kind="adjacent", base="2024-01-15", revision="2024-09-01",
        config=Config(), today=dt.date(2025, 1, 1), fail_on="error", min_level="warning",
        settle=_settle, suggest=suggest,
    )  # fmt: skip
    assert asked == [BREAKING.rule]
    [uncovered, covered] = comparison.findings
    assert comparison.suggestion(uncovered) == f"- step: acknowledged\n  reason: {BREAKING.rule}"
    assert comparison.suggestion(covered) is None
    assert comparison.hidden == 1  # the info finding, below the shown level


def test_build_comparison__no_suggest__no_suggestions() -> None:
    comparison, _ = build_comparison(
        [BREAKING], kind="diff", base="a.yaml", revision="b.yaml", config=Config(),
        today=dt.date(2025, 1, 1), fail_on="error", settle=_settle,
    )  # fmt: skip
    [finding] = comparison.findings
    assert finding.coverage == "uncovered"
    assert comparison.suggestion(finding) is None
