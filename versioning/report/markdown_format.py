"""The Markdown report, for a pull-request comment or a job summary: tables, then details.

By change (the default): a headline, the table of comparisons, a table per severity and
rule, then each comparison's changes (:mod:`versioning.report.markdown_changes`). By
operation: the table of comparisons, then a table of findings per operation. GitHub refuses
comments over 65,536 characters, so the details stop at a budget and say how much was left
out; the tables above them are always complete (the rule table counts its long tail in one
row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.findings import level_rank
from versioning.report.markdown_changes import change_details, rule_table
from versioning.report.markdown_parts import (
    MARKDOWN_BUDGET,
    Budget,
    code,
    escape_cell,
    suggestion_block,
    where,
)
from versioning.report.model import group_by_operation
from versioning.report.rollup import reading_order
from versioning.report.text_parts import plural, status_marks

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report
    from versioning.report.rollup import Change, GroupBy

__all__ = ["MARKDOWN_BUDGET", "escape_cell", "render_markdown"]


def _summary_table(report: Report) -> list[str]:
    lines = [
        "| comparison | errors | warnings | info | ignored | breaking |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for comparison in report.comparisons:
        summary = comparison.summary
        blocking = f"**{summary.blocking}**" if summary.blocking else "0"
        lines.append(
            f"| {escape_cell(comparison.title)} | {summary.error} | {summary.warning}"
            f" | {summary.info} | {summary.ignored} | {blocking} |"
        )
    return lines


def _finding_row(finding: Finding, comparison: Comparison) -> str:
    level = f"**{finding.level}**" if comparison.blocking(finding) else finding.level
    change = escape_cell(finding.message)
    marks = status_marks(finding)
    if marks:
        change += f" _({escape_cell('; '.join(marks))})_"
    return f"| {level} | {code(finding.rule)} | {change} | {where(finding)} |"


def _weight(findings: list[Finding], comparison: Comparison) -> tuple[bool, int]:
    blocking = any(comparison.blocking(finding) for finding in findings)
    return (not blocking, -max(level_rank(finding.level) for finding in findings))


def _operation_details(comparison: Comparison, budget: Budget, out: list[str]) -> None:
    if not budget.take(["", f"### {escape_cell(comparison.title)}"], out):
        budget.left_out += len(comparison.findings)
        return
    if not comparison.findings:
        budget.take(["", "No changes."], out)
        return
    groups = group_by_operation(comparison.findings)
    # Blocking groups first, then by severity: when the budget runs out, info goes first.
    groups.sort(key=lambda group: _weight(group[1], comparison))
    for operation, findings in groups:
        header = ["", f"#### {code(operation)}", ""]
        header += ["| level | rule | change | where |", "| --- | --- | --- | --- |"]
        if not budget.take(header, out, findings=len(findings)):
            continue
        for finding in findings:
            budget.take([_finding_row(finding, comparison)], out, findings=1)
    for suggestion, suggested in comparison.suggested_steps():
        budget.take(suggestion_block(suggested, suggestion, comparison), out)


def _headline(report: Report, ordered: list[tuple[Comparison, list[Change]]] | None) -> str:
    """Counts blocking findings, and blocking changes too when rolled up by change."""
    blocking = report.summary.blocking
    if not blocking:
        return "## versiongate: no breaking changes"
    findings = f"{blocking} breaking change{'s' if blocking != 1 else ''}"
    if ordered is None:
        return f"## versiongate: {findings}"
    changes = len(
        {
            (position, change.key)
            for position, (comparison, shown) in enumerate(ordered)
            for change in shown
            if comparison.blocking(change.lead)
        }
    )
    if changes == blocking:
        return f"## versiongate: {findings}"
    return f"## versiongate: {plural(changes, 'breaking change')} ({blocking} findings)"


def _left_out(budget: Budget, *, by_change: bool) -> list[str]:
    if not budget.left_out:
        return []
    what = f"{budget.left_out} more findings are"
    if by_change:
        what = f"{budget.changes_left_out} more changes ({budget.left_out} findings) are"
    return [
        "",
        f"_{what} left out to keep this comment short;"
        " run `versiongate` with `--format json` or `--format text` for all of them._",
    ]


def render_markdown(
    report: Report,
    *,
    budget: int = MARKDOWN_BUDGET,
    group_by: GroupBy = "change",
    verbose: bool = False,
) -> str:
    """The report as GitHub-flavoured Markdown, details cut at ``budget`` characters.

    ``verbose`` (by change only) names every operation of a change and lists covered and
    acknowledged changes in full.
    """
    ordered = None
    if group_by == "change":
        ordered = [(comparison, reading_order(comparison)) for comparison in report.comparisons]
    lines = [_headline(report, ordered), "", *_summary_table(report)]
    rules = rule_table(ordered) if ordered is not None else []
    lines += ["", *rules] if rules else []
    if report.notes:
        lines += ["", *(f"> **Note:** {escape_cell(note)}" for note in report.notes)]
    room = Budget(budget - sum(len(line) + 1 for line in lines))
    if ordered is None:
        for comparison in report.comparisons:
            _operation_details(comparison, room, lines)
    else:
        for comparison, changes in ordered:
            change_details(comparison, changes, room, lines, verbose=verbose)
    lines += _left_out(room, by_change=ordered is not None)
    return "\n".join(lines) + "\n"
