"""The Markdown report rolled up by change: a table per severity and rule, then the changes.

The rule table is bounded (the rules with the most breaking changes first, the rest one
counted row per severity), so it always fits; the details then list each change once, what
fails the build first, with its first operations and both sides' positions, until the
budget runs out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.findings import level_rank
from versioning.report.markdown_parts import code, escape_cell, suggestion_block, where
from versioning.report.rollup import list_operations
from versioning.report.text_changes import OPERATIONS_SHOWN, change_sections
from versioning.report.text_parts import plural, status_marks

if TYPE_CHECKING:
    from versioning.findings import Level
    from versioning.report.markdown_parts import Budget
    from versioning.report.model import Comparison
    from versioning.report.rollup import Change, ChangeKey

__all__ = ["RULES_SHOWN", "change_details", "rule_table"]

RULES_SHOWN = 15
"""Rules listed per severity in the summary table; the others share one counted row."""

_SETTLED = "covered or acknowledged"


class _Tally:
    """Counts for one row of the rule table; a change counts once whatever its verdicts."""

    __slots__ = ("blocking", "changes", "findings", "operations")

    def __init__(self) -> None:
        self.changes: set[tuple[int, ChangeKey]] = set()
        self.blocking: set[tuple[int, ChangeKey]] = set()
        self.findings = 0
        self.operations: set[str] = set()

    def add(self, change: Change, comparison: Comparison, position: int) -> None:
        key = (position, change.key)
        self.changes.add(key)
        if comparison.blocking(change.lead):
            self.blocking.add(key)
        self.findings += len(change.findings)
        self.operations.update(change.operations)

    def merge(self, other: _Tally) -> None:
        self.changes |= other.changes
        self.blocking |= other.blocking
        self.findings += other.findings
        self.operations |= other.operations

    def cells(self, level: str, rule: str) -> str:
        breaking = f"**{len(self.blocking)}**" if self.blocking else "0"
        return (
            f"| {level} | {rule} | {len(self.changes)} | {self.findings}"
            f" | {len(self.operations)} | {breaking} |"
        )


def rule_table(ordered: list[tuple[Comparison, list[Change]]]) -> list[str]:
    """Changes, findings, operations and breaking changes per severity and per rule.

    ``ordered`` holds each comparison with its changes (:func:`reading_order`). A change
    here is one change of one comparison, whatever its verdicts (covered on some
    operations, ignored on others …); it is breaking when any of its findings blocks.
    """
    tallies: dict[Level, dict[str, _Tally]] = {}
    for position, (comparison, changes) in enumerate(ordered):
        for change in changes:
            by_rule = tallies.setdefault(change.lead.level, {})
            by_rule.setdefault(change.rule, _Tally()).add(change, comparison, position)
    if not tallies:
        return []
    lines = [
        "| level | rule | changes | findings | operations | breaking changes |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for level in sorted(tallies, key=level_rank, reverse=True):
        rules = sorted(
            tallies[level].items(),
            key=lambda item: (-len(item[1].blocking), -len(item[1].changes), item[0]),
        )
        total = _Tally()
        for _, tally in rules:
            total.merge(tally)
        lines.append(total.cells(f"**{level}**", f"_{plural(len(rules), 'rule')}_"))
        lines += [tally.cells(level, code(rule)) for rule, tally in rules[:RULES_SHOWN]]
        if len(rules) > RULES_SHOWN:
            rest = _Tally()
            for _, tally in rules[RULES_SHOWN:]:
                rest.merge(tally)
            lines.append(rest.cells(level, f"_{len(rules) - RULES_SHOWN} more rules_"))
    return lines


def _row(change: Change, comparison: Comparison, *, verbose: bool) -> str:
    lead = change.lead
    rule = code(lead.rule)
    if comparison.blocking(lead):
        rule = f"**{rule}**"
    text = escape_cell(lead.message)
    marks = status_marks(lead)
    if marks:
        text += f" _({escape_cell('; '.join(marks))})_"
    named = tuple(code(operation) for operation in change.operations)
    operations = list_operations(named, limit=None if verbose else OPERATIONS_SHOWN)
    if len(change.findings) > len(change.operations):
        operations += f" ({len(change.findings)} findings)"
    return f"| {rule} | {text} | {operations} | {where(lead)} |"


def _heading(name: str, changes: list[Change], comparison: Comparison) -> str:
    findings = sum(len(change.findings) for change in changes)
    label = name.capitalize() + ("s" if name in {"error", "warning"} else "")
    counts = f"{plural(len(changes), 'change')} ({plural(findings, 'finding')})"
    failing = ", failing the build" if comparison.blocking(changes[0].lead) else ""
    return f"#### {label}: {counts}{failing}"


def _settled_line(changes: list[Change]) -> str:
    parts = []
    for coverage in ("covered", "acknowledged"):
        chosen = [change for change in changes if change.lead.coverage == coverage]
        if chosen:
            findings = sum(len(change.findings) for change in chosen)
            parts.append(
                f"{plural(len(chosen), 'change')} {coverage} ({plural(findings, 'finding')})"
            )
    return f"Settled by declared changes: {', '.join(parts)}; `--verbose` lists them."


def change_details(
    comparison: Comparison,
    changes: list[Change],
    budget: Budget,
    out: list[str],
    *,
    verbose: bool = False,
) -> None:
    """One comparison's ``changes`` (in reading order) under ``### title``, then its drafts."""
    if not budget.take(["", f"### {escape_cell(comparison.title)}"], out):
        budget.left_out += len(comparison.findings)
        budget.changes_left_out += len(changes)
        return
    if not comparison.findings:
        budget.take(["", "No changes."], out)
        return
    for name, members in change_sections(changes):
        findings = sum(len(change.findings) for change in members)
        if name == _SETTLED and not verbose:
            budget.take(["", _settled_line(members)], out, findings=findings, changes=len(members))
            continue
        header = ["", _heading(name, members, comparison), ""]
        header += ["| rule | change | operations | where |", "| --- | --- | --- | --- |"]
        if not budget.take(header, out, findings=findings, changes=len(members)):
            continue
        for change in members:
            row = [_row(change, comparison, verbose=verbose)]
            budget.take(row, out, findings=len(change.findings), changes=1)
    for suggestion, suggested in comparison.suggested_steps():
        budget.take(suggestion_block(suggested, suggestion, comparison), out)
