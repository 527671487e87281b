"""GitHub Actions workflow commands: annotations on the pull request.

By change (the default) each change is one annotation at its place in the spec, titled with
its rule and how many operations it affects, the operations named in the message; by
operation each finding is one. Blocking ones are ``::error``, other errors and warnings
``::warning``, and info or settled (ignored, covered, acknowledged) ones ``::notice``;
blocking ones come first because GitHub shows only so many per step. Escaping follows the
Actions toolkit: ``%``, CR and LF in the message; also ``:`` and ``,`` in property values.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.report.model import is_settled, primary_location
from versioning.report.rollup import list_operations, reading_order
from versioning.report.text_parts import status_marks, summary_line

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report
    from versioning.report.rollup import Change, GroupBy
    from versioning.spec.location import Location

__all__ = [
    "OPERATIONS_NAMED",
    "escape_data",
    "escape_property",
    "render_github",
    "workspace_path",
]

OPERATIONS_NAMED = 10
"""Operations named in a change's annotation before the rest become a count."""


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file``, ``title`` …)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(file: str, workspace: Path | None = None) -> str | None:
    """``file`` relative to the checkout, or ``None`` when it is not a file in the checkout.

    Annotations only attach to files of the repository; a ``git:REF:path`` location names a
    file at another revision, whose lines would be wrong on the checked-out one.
    """
    if file.startswith("git:"):
        return None
    root = workspace or Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    path = Path(file)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _command(finding: Finding, comparison: Comparison) -> str:
    if comparison.blocking(finding):
        return "error"
    if finding.level == "info" or is_settled(finding):
        return "notice"
    return "warning"


def _properties(location: Location | None, title: str) -> str:
    properties = []
    file = workspace_path(location.file) if location is not None else None
    if location is not None and file is not None:
        properties += [f"file={escape_property(file)}", f"line={location.line}"]
        properties.append(f"col={location.column}")
    properties.append(f"title={escape_property(title)}")
    return ",".join(properties)


def _annotation(finding: Finding, comparison: Comparison, *, change: Change | None = None) -> str:
    """The command for ``finding``, or for ``change`` led by it (its operations named)."""
    location = primary_location(finding)
    title = f"{finding.rule} ({finding.operation})" if finding.operation else finding.rule
    message = finding.message
    marks = status_marks(finding)
    if marks:
        message += f" [{'; '.join(marks)}]"
    if change is not None and len(change.operations) > 1:
        title = f"{finding.rule} ({len(change.operations)} operations)"
        message += f"\non {list_operations(change.operations, limit=OPERATIONS_NAMED)}"
    if finding.base is not None and finding.base.location is not None and finding.revision:
        message += f"\nbase: {finding.base.location}"
    elif location is not None and workspace_path(location.file) is None:
        message += f"\nat {location}"
    command = _command(finding, comparison)
    return f"::{command} {_properties(location, title)}::{escape_data(message)}"


def render_github(report: Report, *, group_by: GroupBy = "change") -> str:
    """One workflow command per change, or per finding (blocking ones first)."""
    lines: list[str] = []
    for comparison in report.comparisons:
        if group_by == "change":
            changes = reading_order(comparison)
            changes.sort(key=lambda change: not comparison.blocking(change.lead))
            lines.extend(_annotation(c.lead, comparison, change=c) for c in changes)
        else:
            ordered = sorted(comparison.findings, key=lambda f: not comparison.blocking(f))
            lines.extend(_annotation(finding, comparison) for finding in ordered)
        summary = summary_line(comparison.summary, comparison.fail_on)
        lines.append(escape_data(f"{comparison.title}: {summary}"))
    lines.extend(f"::notice title=versiongate::{escape_data(note)}" for note in report.notes)
    return "\n".join(lines) + "\n"
