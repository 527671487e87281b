"""The Markdown report, for a pull-request comment or a job summary: a table, then details.

GitHub refuses comments over 65,536 characters, so the details stop at a budget and say how
many findings were left out; the summary table is always complete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.findings import level_rank
from versioning.report.model import group_by_operation
from versioning.report.text_format import status_marks

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report

__all__ = ["MARKDOWN_BUDGET", "escape_cell", "render_markdown"]

MARKDOWN_BUDGET = 60_000
"""Characters of details at most, leaving room under GitHub's 65,536-character comment cap."""


def escape_cell(text: str) -> str:
    """Make ``text`` safe inside a table cell: no pipes, HTML or line breaks leak through."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    padding = " " if "`" in text else ""
    return f"{fence}{padding}{escape_cell(text)}{padding}{fence}"


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


def _where(finding: Finding) -> str:
    places = []
    for label, side in (("base", finding.base), ("revision", finding.revision)):
        if side is not None and side.location is not None:
            places.append(f"{label} {_code(str(side.location))}")
    return "<br>".join(places)


def _finding_row(finding: Finding, comparison: Comparison) -> str:
    level = f"**{finding.level}**" if comparison.blocking(finding) else finding.level
    change = escape_cell(finding.message)
    marks = status_marks(finding)
    if marks:
        change += f" _({escape_cell('; '.join(marks))})_"
    return f"| {level} | {_code(finding.rule)} | {change} | {_where(finding)} |"


def _suggestion_block(
    findings: list[Finding], suggestion: str, comparison: Comparison
) -> list[str]:
    """A folded block after the tables: one suggested step and the findings it is for."""
    fence = "~~~~" if "```" in suggestion else "```"
    first = findings[0]
    more = f" (and {len(findings) - 1} more like it)" if len(findings) > 1 else ""
    summary = (
        f"Suggested step for <code>{escape_cell(comparison.revision)}/changes.yaml</code>:"
        f" {escape_cell(first.message)}{more}"
    )
    return [
        "", "<details>", f"<summary>{summary}</summary>", "",
        f"{fence}yaml", *suggestion.splitlines(), fence, "", "</details>",
    ]  # fmt: skip


class _Budget:
    """Characters left for details; counts what no longer fits."""

    __slots__ = ("left", "left_out")

    def __init__(self, characters: int) -> None:
        self.left = characters
        self.left_out = 0

    def take(self, lines: list[str], out: list[str], *, findings: int = 0) -> bool:
        """Append ``lines`` to ``out`` if they fit; otherwise count ``findings`` as left out."""
        size = sum(len(line) + 1 for line in lines)
        if self.left_out or size > self.left:
            self.left_out += findings
            return False
        self.left -= size
        out.extend(lines)
        return True


def _weight(findings: list[Finding], comparison: Comparison) -> tuple[bool, int]:
    blocking = any(comparison.blocking(finding) for finding in findings)
    return (not blocking, -max(level_rank(finding.level) for finding in findings))


def _details(comparison: Comparison, budget: _Budget, out: list[str]) -> None:
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
        header = ["", f"#### {_code(operation)}", ""]
        header += ["| level | rule | change | where |", "| --- | --- | --- | --- |"]
        if not budget.take(header, out, findings=len(findings)):
            continue
        for finding in findings:
            budget.take([_finding_row(finding, comparison)], out, findings=1)
    for suggestion, suggested in comparison.suggested_steps():
        budget.take(_suggestion_block(suggested, suggestion, comparison), out)


def render_markdown(report: Report, *, budget: int = MARKDOWN_BUDGET) -> str:
    """The report as GitHub-flavoured Markdown, details cut at ``budget`` characters."""
    blocking = report.summary.blocking
    headline = (
        f"## versiongate: {blocking} breaking change{'s' if blocking != 1 else ''}"
        if blocking
        else "## versiongate: no breaking changes"
    )
    lines = [headline, "", *_summary_table(report)]
    if report.notes:
        lines += ["", *(f"> **Note:** {escape_cell(note)}" for note in report.notes)]
    room = _Budget(budget - sum(len(line) + 1 for line in lines))
    for comparison in report.comparisons:
        _details(comparison, room, lines)
    if room.left_out:
        lines += [
            "",
            f"_{room.left_out} more findings are left out to keep this comment short;"
            " run `versiongate` with `--format json` or `--format text` for all of them._",
        ]
    return "\n".join(lines) + "\n"
