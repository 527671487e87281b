"""Pieces the text layouts (by operation, by change) and the other formats share.

Why a finding does not count (``status_marks``), how to colour that, both sides'
``file:line:column``, the per-comparison summary line and the suggested steps printed once
per version step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.color import Palette
    from versioning.report.model import Comparison, Summary

__all__ = [
    "LEVEL_STYLE",
    "level_word",
    "mark_style",
    "places",
    "plural",
    "status_marks",
    "suggestion_lines",
    "summary_line",
]

LEVEL_STYLE: dict[str, tuple[str, ...]] = {
    "error": ("red", "bold"),
    "warning": ("yellow",),
    "info": ("cyan",),
}


def status_marks(finding: Finding) -> list[str]:
    """Why a finding does or does not count: ignored, covered, acknowledged, uncovered."""
    marks: list[str] = []
    if finding.ignored is not None:
        marks.append(f"ignored: {finding.ignored}")
    if finding.coverage == "covered":
        marks.append(f"covered by {finding.covered_by}" if finding.covered_by else "covered")
    elif finding.coverage == "acknowledged":
        reason = f": {finding.covered_by}" if finding.covered_by else ""
        marks.append(f"acknowledged break{reason}")
    elif finding.coverage == "uncovered":
        marks.append("uncovered: the declared changes do not translate it")
    return marks


def mark_style(finding: Finding) -> tuple[str, ...]:
    """Uncovered stands out like a blocking level; settled findings read as dealt with."""
    if finding.coverage == "uncovered":
        return ("red", "bold")
    if finding.coverage == "covered":
        return ("green",)
    if finding.coverage == "acknowledged":
        return ("yellow",)
    return ("dim",)


def places(finding: Finding) -> str:
    """``base: file:line:col   revision: file:line:col`` (the pointer when not located)."""
    parts = []
    for label, side in (("base", finding.base), ("revision", finding.revision)):
        if side is not None:
            where = str(side.location) if side.location is not None else side.pointer or "/"
            parts.append(f"{label}: {where}")
    return "   ".join(parts)


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``, ``3 info``."""
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary_line(summary: Summary, fail_on: str) -> str:
    """``2 errors, 1 warning, 3 info (1 ignored) → 1 breaking (fail-on error)``."""
    counts = ", ".join(
        plural(count, word)
        for count, word in ((summary.error, "error"), (summary.warning, "warning"))
    )
    counts += f", {summary.info} info"
    extra = [f"{summary.ignored} ignored"] if summary.ignored else []
    if summary.settled:
        extra.append(f"{summary.settled} covered")
    if summary.hidden:
        extra.append(f"{summary.hidden} below the shown level")
    details = f" ({', '.join(extra)})" if extra else ""
    return f"{counts}{details} → {summary.blocking} breaking (fail-on {fail_on})"


def _subjects(findings: list[Finding]) -> str:
    rules = sorted({finding.rule for finding in findings})
    operations = sorted({finding.operation or "the document" for finding in findings})
    shown = ", ".join(operations[:3]) + (
        f" and {len(operations) - 3} more" if len(operations) > 3 else ""
    )
    return f"{', '.join(rules)} on {shown}"


def suggestion_lines(comparison: Comparison) -> list[str]:
    """The suggested steps of a version step, each once, numbered, with what it is for."""
    steps = comparison.suggested_steps()
    if not steps:
        return []
    lines = [
        f"  suggested steps for {comparison.revision}/changes.yaml (paste under a change's"
        " steps; a step without a '# or' note was run and makes check pass):"
    ]
    for number, (text, findings) in enumerate(steps, start=1):
        count = f"{len(findings)} findings" if len(findings) > 1 else "1 finding"
        lines.append(f"    [{number}] for {count}: {_subjects(findings)}")
        lines.extend(f"      {line}" for line in text.splitlines())
    return lines


def level_word(palette: Palette, finding: Finding, comparison: Comparison) -> str:
    """The finding's level, padded, in its colour (dimmed when it does not block)."""
    if not comparison.blocking(finding) and finding.level != "info":
        return palette.paint(f"{finding.level:<7}", "dim")
    return palette.paint(f"{finding.level:<7}", *LEVEL_STYLE[finding.level])
