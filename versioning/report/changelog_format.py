"""``versiongate changelog``: every change between versions, written for people.

For two documents: the findings grouped by operation; operations with breaking changes come
first, then those with warnings, then the rest; inside an operation, breaking changes lead.
For a catalog: one section per version, newest first, with the descriptions the API team
declared in its ``changes.yaml``, a migration note per operation with breaking changes (the
spec's own examples before and after the translation), and then the findings against the
previous version. The text is for merchants: no ``changes.yaml:24`` references (those stay in
``versiongate check``).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import msgspec

from versioning.changelog_site.model import Migration
from versioning.findings import Finding, level_rank
from versioning.report.markdown_parts import escape_cell
from versioning.report.model import DOCUMENT_GROUP, group_by_operation

__all__ = ["VersionChanges", "render_catalog_changelog", "render_changelog"]

_LABEL = {"error": "**Breaking:** ", "warning": "**Warning:** ", "info": ""}


class VersionChanges(msgspec.Struct, frozen=True, kw_only=True):
    """What one catalog version changed: its dates, declared descriptions and findings.

    Attributes:
        version: The version id.
        older: The previous version, or ``None`` for the first release.
        released: The release date.
        deprecated: The deprecation date, if any.
        sunset: The sunset date, if any.
        descriptions: The ``description`` of each declared change, in file order.
        findings: Every finding against ``older`` (info included).
        change_keys: Per declared change, what a finding it settles names in ``covered_by``:
            its steps' labels and its acknowledged reasons.
        migrations: A migration note per operation with breaking changes.
    """

    version: str
    older: str | None
    released: dt.date
    deprecated: dt.date | None = None
    sunset: dt.date | None = None
    descriptions: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    change_keys: tuple[frozenset[str], ...] = ()
    migrations: tuple[Migration, ...] = ()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _entry(finding: Finding) -> str:
    text = escape_cell(finding.message)
    text = text[:1].upper() + text[1:]
    note = ""
    if finding.ignored is not None:
        note = f" _(accepted: {escape_cell(finding.ignored)})_"
    elif finding.coverage == "covered":
        # covered_by names a changes.yaml line: internal, so merchants get the outcome only.
        note = " _(older versions keep working: it is translated for them)_"
    elif finding.coverage == "acknowledged" and finding.covered_by:
        note = f" _(not translated for older versions: {escape_cell(finding.covered_by)})_"
    return f"- {_LABEL[finding.level]}{text}{note}"


def _grouped(findings: tuple[Finding, ...], *, level: int) -> list[str]:
    """A count line, then one heading of depth ``level`` per operation with its entries."""
    groups = group_by_operation(findings)
    groups.sort(key=lambda group: -max(level_rank(finding.level) for finding in group[1]))
    breaking = sum(1 for finding in findings if finding.level == "error")
    warnings = sum(1 for finding in findings if finding.level == "warning")
    others = len(findings) - breaking - warnings
    operations = sum(1 for name, _ in groups if name != DOCUMENT_GROUP)
    lines = [
        f"{_plural(breaking, 'breaking change')}, {_plural(warnings, 'warning')} and"
        f" {_plural(others, 'other change')} in {_plural(operations, 'operation')}."
    ]
    for name, members in groups:
        heading = "API-wide" if name == DOCUMENT_GROUP else f"`{escape_cell(name)}`"
        lines += ["", f"{'#' * level} {heading}", ""]
        lines += [_entry(finding) for finding in members]
    return lines


def render_changelog(findings: tuple[Finding, ...], *, base: str, revision: str) -> str:
    """A Markdown changelog from ``base`` to ``revision``."""
    lines = [f"# Changes from `{escape_cell(base)}` to `{escape_cell(revision)}`", ""]
    if not findings:
        return "\n".join([*lines, "No changes.", ""])
    return "\n".join([*lines, *_grouped(findings, level=2)]) + "\n"


def _dates(entry: VersionChanges) -> str:
    dates = [f"Released {entry.released}"]
    if entry.deprecated is not None:
        dates.append(f"deprecated {entry.deprecated}")
    if entry.sunset is not None:
        dates.append(f"sunset {entry.sunset}")
    text = ", ".join(dates) + "."
    if entry.sunset is not None:
        text += f" From {entry.sunset} on, requests in this version are answered `410 Gone`."
    return text


def _description(text: str) -> str:
    """A declared description as one bullet; it is Markdown already, so only lines are joined."""
    return "- " + " ".join(text.split())


def _version_lines(entry: VersionChanges) -> list[str]:
    lines = ["", f"## {escape_cell(entry.version)}", "", _dates(entry)]
    if entry.older is None:
        return [*lines, "", "First release."]
    lines += ["", f"### Declared changes from {escape_cell(entry.older)}", ""]
    lines += [_description(text) for text in entry.descriptions] or ["None declared."]
    if entry.migrations:
        lines += ["", f"### Migrating from {escape_cell(entry.older)}"]
        for migration in entry.migrations:
            lines += _migration_lines(migration, older=entry.older, newer=entry.version)
    lines += ["", f"### Every change from {escape_cell(entry.older)}", ""]
    if not entry.findings:
        return [*lines, "No changes."]
    return [*lines, *_grouped(entry.findings, level=4)]


def _json_lines(value: object) -> list[str]:
    """A fenced JSON block whose fence is longer than any run of backticks inside it."""
    shown = json.dumps(value, indent=2, ensure_ascii=False)
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}json", shown, fence]


def _migration_lines(migration: Migration, *, older: str, newer: str) -> list[str]:
    """One operation's breaking changes, then each example before and after."""
    heading = f"`{escape_cell(migration.operation)}`"
    if migration.older_operation != migration.operation:
        heading += f" (was `{escape_cell(migration.older_operation)}`)"
    lines = ["", f"#### {heading}", ""]
    lines += [f"- {escape_cell(message)}" for message in migration.breaking]
    for example in migration.examples:
        lines += ["", f"{escape_cell(example.label[:1].upper() + example.label[1:])}:", ""]
        lines += [f"- `{escape_cell(line)}`" for line in example.differences]
        lines += [""] if example.differences else []
        lines += [f"In {escape_cell(older)}:", "", *_json_lines(example.before), ""]
        lines += [f"In {escape_cell(newer)}:", "", *_json_lines(example.after)]
    return lines


def render_catalog_changelog(entries: tuple[VersionChanges, ...], *, catalog: str) -> str:
    """A Markdown changelog of a catalog from its versions (oldest first), newest on top."""
    lines = [f"# Changelog of `{escape_cell(catalog)}`"]
    for entry in reversed(entries):
        lines += _version_lines(entry)
    return "\n".join(lines) + "\n"
