"""``versiongate changelog``: every change between two documents, written for people.

Grouped by operation; operations with breaking changes come first, then those with
warnings, then the rest; inside an operation, breaking changes lead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.findings import level_rank
from versioning.report.markdown_format import escape_cell
from versioning.report.model import DOCUMENT_GROUP, group_by_operation

if TYPE_CHECKING:
    from versioning.findings import Finding

__all__ = ["render_changelog"]

_LABEL = {"error": "**Breaking:** ", "warning": "**Warning:** ", "info": ""}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _entry(finding: Finding) -> str:
    text = escape_cell(finding.message)
    text = text[:1].upper() + text[1:]
    note = ""
    if finding.ignored is not None:
        note = f" _(accepted: {escape_cell(finding.ignored)})_"
    elif finding.coverage == "covered" and finding.covered_by:
        note = f" _(older versions keep working: {escape_cell(finding.covered_by)})_"
    return f"- {_LABEL[finding.level]}{text}{note}"


def render_changelog(findings: tuple[Finding, ...], *, base: str, revision: str) -> str:
    """A Markdown changelog from ``base`` to ``revision``."""
    groups = group_by_operation(findings)
    groups.sort(key=lambda group: -max(level_rank(finding.level) for finding in group[1]))
    breaking = sum(1 for finding in findings if finding.level == "error")
    warnings = sum(1 for finding in findings if finding.level == "warning")
    others = len(findings) - breaking - warnings
    lines = [f"# Changes from `{escape_cell(base)}` to `{escape_cell(revision)}`", ""]
    if not findings:
        return "\n".join([*lines, "No changes.", ""])
    operations = sum(1 for name, _ in groups if name != DOCUMENT_GROUP)
    lines.append(
        f"{_plural(breaking, 'breaking change')}, {_plural(warnings, 'warning')} and"
        f" {_plural(others, 'other change')} in {_plural(operations, 'operation')}."
    )
    for name, members in groups:
        heading = "API-wide" if name == DOCUMENT_GROUP else f"`{escape_cell(name)}`"
        lines += ["", f"## {heading}", ""]
        lines += [_entry(finding) for finding in members]
    return "\n".join(lines) + "\n"
