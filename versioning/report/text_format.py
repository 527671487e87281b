"""The human report: findings grouped by operation, with both sides' ``file:line:column``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.report.color import Palette
from versioning.report.model import group_by_operation

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report, Summary

__all__ = ["render_text", "status_marks", "summary_line"]

_LEVEL_STYLE = {"error": ("red", "bold"), "warning": ("yellow",), "info": ("cyan",)}


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


def _mark_style(finding: Finding) -> tuple[str, ...]:
    """Uncovered stands out like a blocking level; settled findings read as dealt with."""
    if finding.coverage == "uncovered":
        return ("red", "bold")
    if finding.coverage == "covered":
        return ("green",)
    if finding.coverage == "acknowledged":
        return ("yellow",)
    return ("dim",)


def _places(finding: Finding) -> str:
    parts = []
    for label, side in (("base", finding.base), ("revision", finding.revision)):
        if side is not None:
            where = str(side.location) if side.location is not None else side.pointer or "/"
            parts.append(f"{label}: {where}")
    return "   ".join(parts)


def _finding_lines(
    finding: Finding, comparison: Comparison, palette: Palette, numbers: dict[str, int]
) -> list[str]:
    level = palette.paint(f"{finding.level:<7}", *_LEVEL_STYLE[finding.level])
    if not comparison.blocking(finding) and finding.level != "info":
        level = palette.paint(f"{finding.level:<7}", "dim")
    message = " ".join(finding.message.splitlines())  # one finding, one line of message
    lines = [f"    {level} {palette.paint(finding.rule, 'bold')}: {message}"]
    marks = status_marks(finding)
    if marks:
        mark = palette.paint(f"[{'; '.join(marks)}]", *_mark_style(finding))
        lines.append(f"            {mark}")
    places = _places(finding)
    if places:
        lines.append(palette.paint(f"            {places}", "dim"))
    if finding.coverage == "uncovered" and finding.evidence:
        lines.extend(f"            {line}" for line in finding.evidence.splitlines())
    suggestion = comparison.suggestion(finding)
    if suggestion is not None:
        lines.append(f"            suggested step: [{numbers[suggestion]}] below")
    return lines


def _subjects(findings: list[Finding]) -> str:
    rules = sorted({finding.rule for finding in findings})
    operations = sorted({finding.operation or "the document" for finding in findings})
    shown = ", ".join(operations[:3]) + (
        f" and {len(operations) - 3} more" if len(operations) > 3 else ""
    )
    return f"{', '.join(rules)} on {shown}"


def _suggestion_lines(comparison: Comparison) -> list[str]:
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary_line(summary: Summary, fail_on: str) -> str:
    """``2 errors, 1 warning, 3 info (1 ignored) → 1 breaking (fail-on error)``."""
    counts = ", ".join(
        _plural(count, word)
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


def _comparison_lines(comparison: Comparison, palette: Palette) -> list[str]:
    lines = [palette.paint(comparison.title, "bold")]
    if not comparison.findings:
        lines.append("  no changes" if not comparison.hidden else "  no changes at this level")
    numbers = {text: n for n, (text, _) in enumerate(comparison.suggested_steps(), start=1)}
    for operation, findings in group_by_operation(comparison.findings):
        lines.append(f"  {palette.paint(operation, 'bold')}")
        for finding in findings:
            lines.extend(_finding_lines(finding, comparison, palette, numbers))
    lines.extend(_suggestion_lines(comparison))
    lines.append(f"  {summary_line(comparison.summary, comparison.fail_on)}")
    return lines


def render_text(report: Report, *, color: bool = False) -> str:
    """The report for a terminal or a log; ``color`` adds ANSI styles."""
    palette = Palette(enabled=color)
    lines: list[str] = []
    for comparison in report.comparisons:
        lines.extend(_comparison_lines(comparison, palette))
        lines.append("")
    lines.extend(f"note: {note}" for note in report.notes)
    blocking = report.summary.blocking
    if blocking:
        verdict = palette.paint(f"{_plural(blocking, 'breaking change')} found", "red", "bold")
    else:
        verdict = palette.paint("no breaking changes", "green")
    lines.append(f"versiongate: {verdict}")
    return "\n".join(lines) + "\n"
