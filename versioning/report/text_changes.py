"""The text report rolled up by change: severity sections, one entry per change.

Each entry names the rule and the change once, then the operations it affects (the first
few and a count, or all of them with ``--verbose``), why it does or does not count, both
sides' positions, the failing witness of an uncovered change and its suggested step
number. What fails the build leads (see :func:`~versioning.report.rollup.reading_order`);
covered and acknowledged changes are one summary line per version step unless
``--verbose`` asks for them in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.report.rollup import list_operations, reading_order
from versioning.report.text_parts import (
    LEVEL_STYLE,
    mark_style,
    places,
    plural,
    status_marks,
    suggestion_lines,
    summary_line,
)

if TYPE_CHECKING:
    from versioning.report.color import Palette
    from versioning.report.model import Comparison
    from versioning.report.rollup import Change

__all__ = ["OPERATIONS_SHOWN", "change_sections", "comparison_lines"]

OPERATIONS_SHOWN = 5
"""Operations named under a change before the rest become a count (all with ``--verbose``)."""

_DECLARED = frozenset({"covered", "acknowledged"})
_SETTLED_SECTION = "covered or acknowledged"


def _section(change: Change) -> str:
    lead = change.lead
    if lead.ignored is not None:
        return "ignored"
    if lead.coverage in _DECLARED:
        return _SETTLED_SECTION
    return lead.level


def change_sections(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """Consecutive changes of one section (a level, ``ignored``, covered or acknowledged)."""
    sections: list[tuple[str, list[Change]]] = []
    for change in changes:
        name = _section(change)
        if not sections or sections[-1][0] != name:
            sections.append((name, []))
        sections[-1][1].append(change)
    return sections


def _heading(name: str, changes: list[Change], comparison: Comparison, palette: Palette) -> str:
    findings = sum(len(change.findings) for change in changes)
    label = f"{name}s" if name in {"error", "warning"} else name
    text = f"{label}: {plural(len(changes), 'change')} ({plural(findings, 'finding')})"
    if comparison.blocking(changes[0].lead):
        return palette.paint(f"{text}, failing the build", *LEVEL_STYLE[name])
    return palette.paint(text, "bold" if name in LEVEL_STYLE else "dim")


def _where(change: Change, previous: Change | None, *, verbose: bool) -> str:
    """``on 43 operations (52 findings): GET /a, …``, or ``the same`` as the change above."""
    operations = change.operations
    findings = len(change.findings)
    if len(operations) == 1:
        counted = f" ({findings} findings)" if findings > 1 else ""
        return f"on {operations[0]}{counted}"
    counted = f" ({findings} findings)" if findings != len(operations) else ""
    if previous is not None and previous.operations == operations:
        return f"on the same {len(operations)} operations as the change above{counted}"
    named = list_operations(operations, limit=None if verbose else OPERATIONS_SHOWN)
    return f"on {len(operations)} operations{counted}: {named}"


def _step_numbers(change: Change, comparison: Comparison, numbers: dict[str, int]) -> str | None:
    texts = [comparison.suggestion(finding) for finding in change.findings]
    found = sorted({numbers[text] for text in texts if text is not None})
    if not found:
        return None
    listed = ", ".join(f"[{number}]" for number in found)
    return f"suggested step{'s' if len(found) > 1 else ''}: {listed} below"


def _change_lines(
    change: Change,
    previous: Change | None,
    comparison: Comparison,
    palette: Palette,
    numbers: dict[str, int],
    *,
    verbose: bool,
) -> list[str]:
    lead = change.lead
    message = " ".join(lead.message.splitlines())  # one change, one line of message
    # Ignored and settled sections mix levels, so there each change says its own.
    level = "" if _section(change) == lead.level else f"{lead.level} "
    lines = [f"    {level}{palette.paint(lead.rule, 'bold')}: {message}"]
    lines.append(f"      {_where(change, previous, verbose=verbose)}")
    marks = status_marks(lead)
    if marks:
        mark = "[" + "; ".join(marks) + "]"
        lines.append(f"      {palette.paint(mark, *mark_style(lead))}")
    where = places(lead)
    if where:
        lines.append(palette.paint(f"      {where}", "dim"))
    if lead.coverage == "uncovered" and lead.evidence:
        lines.extend(f"      {line}" for line in lead.evidence.splitlines())
    steps = _step_numbers(change, comparison, numbers)
    if steps is not None:
        lines.append(f"      {steps}")
    return lines


def _settled_line(changes: list[Change]) -> str:
    parts = []
    for coverage in ("covered", "acknowledged"):
        chosen = [change for change in changes if change.lead.coverage == coverage]
        if chosen:
            findings = sum(len(change.findings) for change in chosen)
            parts.append(
                f"{plural(len(chosen), 'change')} {coverage} ({plural(findings, 'finding')})"
            )
    return f"  settled by declared changes: {', '.join(parts)}; --verbose lists them"


def comparison_lines(
    comparison: Comparison, palette: Palette, *, verbose: bool = False
) -> tuple[list[str], int]:
    """The lines of one comparison, and how many of its changes fail the build."""
    lines = [palette.paint(comparison.title, "bold")]
    if not comparison.findings:
        lines.append("  no changes" if not comparison.hidden else "  no changes at this level")
    numbers = {text: n for n, (text, _) in enumerate(comparison.suggested_steps(), start=1)}
    changes = reading_order(comparison)
    folded: list[Change] = []
    for name, members in change_sections(changes):
        if name == _SETTLED_SECTION and not verbose:
            folded = members
            continue
        lines.append(f"  {_heading(name, members, comparison, palette)}")
        previous: Change | None = None
        for change in members:
            lines.extend(
                _change_lines(change, previous, comparison, palette, numbers, verbose=verbose)
            )
            previous = change
    if folded:
        lines.append(_settled_line(folded))
    lines.extend(suggestion_lines(comparison))
    lines.append(f"  {summary_line(comparison.summary, comparison.fail_on)}")
    blocking = sum(1 for change in changes if comparison.blocking(change.lead))
    return lines, blocking
