"""The human report, rolled up by change (default) or grouped by operation.

``group_by="change"`` lays each comparison out as :mod:`versioning.report.text_changes`
does: one entry per change, errors first. ``group_by="operation"`` is the earlier layout:
findings under their operation, with both sides' ``file:line:column``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.report.color import Palette
from versioning.report.model import group_by_operation
from versioning.report.text_changes import comparison_lines
from versioning.report.text_parts import (
    level_word,
    mark_style,
    places,
    plural,
    status_marks,
    suggestion_lines,
    summary_line,
)

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report
    from versioning.report.rollup import GroupBy

__all__ = ["render_text"]


def _finding_lines(
    finding: Finding, comparison: Comparison, palette: Palette, numbers: dict[str, int]
) -> list[str]:
    level = level_word(palette, finding, comparison)
    message = " ".join(finding.message.splitlines())  # one finding, one line of message
    lines = [f"    {level} {palette.paint(finding.rule, 'bold')}: {message}"]
    marks = status_marks(finding)
    if marks:
        mark = palette.paint(f"[{'; '.join(marks)}]", *mark_style(finding))
        lines.append(f"            {mark}")
    where = places(finding)
    if where:
        lines.append(palette.paint(f"            {where}", "dim"))
    if finding.coverage == "uncovered" and finding.evidence:
        lines.extend(f"            {line}" for line in finding.evidence.splitlines())
    suggestion = comparison.suggestion(finding)
    if suggestion is not None:
        lines.append(f"            suggested step: [{numbers[suggestion]}] below")
    return lines


def _operation_lines(comparison: Comparison, palette: Palette) -> list[str]:
    lines = [palette.paint(comparison.title, "bold")]
    if not comparison.findings:
        lines.append("  no changes" if not comparison.hidden else "  no changes at this level")
    numbers = {text: n for n, (text, _) in enumerate(comparison.suggested_steps(), start=1)}
    for operation, findings in group_by_operation(comparison.findings):
        lines.append(f"  {palette.paint(operation, 'bold')}")
        for finding in findings:
            lines.extend(_finding_lines(finding, comparison, palette, numbers))
    lines.extend(suggestion_lines(comparison))
    lines.append(f"  {summary_line(comparison.summary, comparison.fail_on)}")
    return lines


def _verdict(blocking_findings: int, blocking_changes: int | None, palette: Palette) -> str:
    if not blocking_findings:
        return palette.paint("no breaking changes", "green")
    if blocking_changes is None or blocking_changes == blocking_findings:
        return palette.paint(f"{plural(blocking_findings, 'breaking change')} found", "red", "bold")
    counted = f"{plural(blocking_changes, 'breaking change')} found"
    return f"{palette.paint(counted, 'red', 'bold')} ({plural(blocking_findings, 'finding')})"


def render_text(
    report: Report, *, color: bool = False, group_by: GroupBy = "change", verbose: bool = False
) -> str:
    """The report for a terminal or a log; ``color`` adds ANSI styles.

    ``verbose`` (by change only) names every operation of a change and lists covered and
    acknowledged changes in full instead of one summary line per version step.
    """
    palette = Palette(enabled=color)
    lines: list[str] = []
    blocking_changes: int | None = None if group_by == "operation" else 0
    for comparison in report.comparisons:
        if blocking_changes is None:
            lines.extend(_operation_lines(comparison, palette))
        else:
            shown, blocking = comparison_lines(comparison, palette, verbose=verbose)
            lines.extend(shown)
            blocking_changes += blocking
        lines.append("")
    lines.extend(f"note: {note}" for note in report.notes)
    verdict = _verdict(report.summary.blocking, blocking_changes, palette)
    lines.append(f"versiongate: {verdict}")
    return "\n".join(lines) + "\n"
