"""The changelog's own pages: the timeline (``index.html``) and one page per version."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from versioning.changelog_site.html_parts import json_block, page, prose, text
from versioning.report.model import DOCUMENT_GROUP, group_by_operation

if TYPE_CHECKING:
    import datetime as dt

    from versioning.catalog import Catalog, VersionInfo
    from versioning.changelog_site.model import Migration
    from versioning.findings import Finding
    from versioning.report.changelog_format import VersionChanges

__all__ = ["index_page", "page_name", "version_page"]

_LEVEL_WORD = {"error": "Breaking", "warning": "Warning", "info": "Change"}
_LEVEL_CLASS = {"error": "breaking", "warning": "warning", "info": "muted"}


def page_name(version_id: str) -> str:
    """The file name of a version's pages: its id, with anything but ``[A-Za-z0-9._-]`` as ``_``."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", version_id) + ".html"


def _marks(catalog: Catalog, version: VersionInfo, today: dt.date) -> str:
    status = version.status(today)
    marks = [f'<span class="badge {status}">{status}</span>']
    if version.id == catalog.head.id:
        marks.append('<span class="badge">latest</span>')
    if version.id == catalog.default_version:
        marks.append('<span class="badge">default for new integrations</span>')
    return "".join(marks)


def _dates(version: VersionInfo) -> str:
    parts = [f'Released <time datetime="{version.released}">{version.released}</time>']
    if version.deprecated is not None:
        parts.append(
            f'deprecated <time datetime="{version.deprecated}">{version.deprecated}</time>'
        )
    if version.sunset is not None:
        parts.append(f'sunset <time datetime="{version.sunset}">{version.sunset}</time>')
    return ", ".join(parts) + "."


def _lifecycle(version: VersionInfo) -> str:
    if version.sunset is not None:
        return (
            f'<p class="sunset">From {version.sunset} on, requests in this version are'
            " answered <code>410 Gone</code>: move to a newer version before then.</p>"
        )
    if version.deprecated is not None:
        return '<p class="deprecated">Deprecated: move to a newer version.</p>'
    return ""


def index_page(
    catalog: Catalog, entries: tuple[VersionChanges, ...], *, today: dt.date, title: str
) -> str:
    """The timeline, newest first, then the deprecations and their sunsets."""
    items = []
    counts = {entry.version: entry for entry in entries}
    for version in sorted(catalog.versions, key=lambda v: (v.released, v.id), reverse=True):
        entry = counts[version.id]
        breaking = sum(1 for finding in entry.findings if finding.level == "error")
        summary = (
            "First release."
            if entry.older is None
            else f"{len(entry.descriptions)} declared change(s), {breaking} breaking"
            f" change(s) from {text(entry.older)}."
        )
        items.append(
            f'<li class="on-{version.status(today)}" data-version="{text(version.id)}"'
            f' data-released="{version.released}"><h3><a href="versions/'
            f'{page_name(version.id)}">{text(version.id)}</a>{_marks(catalog, version, today)}'
            f'</h3><p>{_dates(version)} {summary}</p><p><a href="reference/'
            f'{page_name(version.id)}">API reference for {text(version.id)}</a></p></li>'
        )
    deprecations = [
        f'<tr><td><a href="versions/{page_name(v.id)}">{text(v.id)}</a></td>'
        f"<td>{v.deprecated or ''}</td><td>{v.sunset or 'not set'}</td></tr>"
        for v in catalog.versions
        if v.deprecated is not None or v.sunset is not None
    ]
    body = (
        f"<p>Every version of the API, newest first. Integrations choose a version with the"
        f" <code>{text(catalog.version_header)}</code> header; new integrations start on"
        f" <strong>{text(catalog.default_version)}</strong>.</p>"
        f'<h2 id="timeline">Timeline</h2><ol class="timeline">{"".join(items)}</ol>'
        '<h2 id="deprecations">Deprecations</h2>'
    )
    if deprecations:
        body += (
            "<p>After its sunset date a version answers <code>410 Gone</code>.</p><table>"
            '<thead><tr><th scope="col">Version</th><th scope="col">Deprecated</th>'
            f'<th scope="col">Sunset</th></tr></thead><tbody>{"".join(deprecations)}'
            "</tbody></table>"
        )
    else:
        body += "<p>No version is deprecated.</p>"
    return page(
        title=f"{title}: changelog",
        heading=f"{text(title)}: changelog",
        body=body,
        root="",
        site_title=title,
    )


def _finding_item(finding: Finding) -> str:
    message = text(finding.message[:1].upper() + finding.message[1:])
    note = ""
    if finding.ignored is not None:
        note = f" <small>(accepted: {text(finding.ignored)})</small>"
    elif finding.coverage == "covered":
        note = ' <small class="covered">(older versions keep working: translated for them)</small>'
    elif finding.coverage == "acknowledged":
        note = " <small>(not translated for older versions)</small>"
    word = _LEVEL_WORD[finding.level]
    return (
        f'<li><strong class="{_LEVEL_CLASS[finding.level]}">{word}:</strong> {message}{note}</li>'
    )


def _declared(entry: VersionChanges) -> str:
    """Each declared change, with the breaking changes it settles."""
    if not entry.descriptions:
        return "<p>No changes declared.</p>"
    items = []
    for index, description in enumerate(entry.descriptions):
        keys = entry.change_keys[index] if index < len(entry.change_keys) else frozenset()
        settled = [
            finding
            for finding in entry.findings
            if finding.covered_by is not None and finding.covered_by in keys
        ]
        reasons = sorted(
            {f.covered_by for f in settled if f.coverage == "acknowledged" and f.covered_by}
        )
        item = f"<li><p>{prose(description)}</p>"
        if reasons:
            item += "".join(f'<p class="deprecated">{prose(reason)}</p>' for reason in reasons)
        if settled:
            item += f"<details><summary>{len(settled)} breaking change(s) this settles</summary>"
            item += f"<ul>{''.join(_finding_item(f) for f in settled)}</ul></details>"
        items.append(item + "</li>")
    return f"<ol>{''.join(items)}</ol>"


def _differences(found: tuple[str, ...]) -> str:
    if not found:
        return ""
    items = "".join(f"<li><code>{text(line)}</code></li>" for line in found)
    return f'<ul class="differences" aria-label="What differs">{items}</ul>'


def _migration(migration: Migration, *, older: str, newer: str) -> str:
    heading = f"<code>{text(migration.operation)}</code>"
    if migration.older_operation != migration.operation:
        heading += f" <small>(was <code>{text(migration.older_operation)}</code>)</small>"
    parts = [
        f'<section class="operation"><h3>{heading}</h3><ul>',
        "".join(f"<li>{text(message)}</li>" for message in migration.breaking),
        "</ul>",
    ]
    if not migration.examples:
        parts.append('<p class="muted">The spec\'s examples of this operation are unchanged.</p>')
    for example in migration.examples:
        parts.append(
            f'<figure class="migration"><figcaption>{text(example.label[:1].upper())}'
            f"{text(example.label[1:])}</figcaption>{_differences(example.differences)}"
            f'<div class="pair"><div><h4>Before, in'
            f" {text(older)}</h4>{json_block(example.before)}</div><div><h4>After, in"
            f" {text(newer)}</h4>{json_block(example.after)}</div></div></figure>"
        )
    return "".join(parts) + "</section>"


def _every_change(findings: tuple[Finding, ...]) -> str:
    if not findings:
        return "<p>No changes.</p>"
    parts = []
    for name, members in group_by_operation(findings):
        heading = "API-wide" if name == DOCUMENT_GROUP else f"<code>{text(name)}</code>"
        parts.append(f"<h3>{heading}</h3><ul>{''.join(_finding_item(f) for f in members)}</ul>")
    return "".join(parts)


def _neighbours(catalog: Catalog, version_id: str) -> str:
    ids = catalog.ids
    position = ids.index(version_id)
    links = [f'<a href="../reference/{page_name(version_id)}">API reference</a>']
    if position > 0:
        older = ids[position - 1]
        links.append(f'<a href="{page_name(older)}" rel="prev">Older: {text(older)}</a>')
    if position + 1 < len(ids):
        newer = ids[position + 1]
        links.append(f'<a href="{page_name(newer)}" rel="next">Newer: {text(newer)}</a>')
    return f'<nav aria-label="Versions"><p>{" · ".join(links)}</p></nav>'


def version_page(catalog: Catalog, entry: VersionChanges, *, today: dt.date, title: str) -> str:
    """A version's dates, declared changes, migration notes and every change."""
    version = catalog.version(entry.version)
    body = f"<p>{_dates(version)}</p>{_lifecycle(version)}{_neighbours(catalog, entry.version)}"
    if entry.older is None:
        body += "<p>The first release of the API.</p>"
    else:
        older = text(entry.older)
        body += f'<h2 id="changes">What changed from {older}</h2>{_declared(entry)}'
        body += f'<h2 id="migrating">Migrating from {older}</h2>'
        if entry.migrations:
            body += (
                "<p>Each example below is the API's own example, translated as the server"
                f" translates it for an integration still on {older}.</p>"
            )
            body += "".join(
                _migration(m, older=entry.older, newer=entry.version) for m in entry.migrations
            )
        else:
            body += "<p>Nothing breaks: integrations move without changes.</p>"
        body += f'<h2 id="every-change">Every change from {older}</h2>'
        body += _every_change(entry.findings)
    heading = f"Version {text(entry.version)}{_marks(catalog, version, today)}"
    return page(
        title=f"{title} {entry.version}",
        heading=heading,
        body=body,
        root="../",
        site_title=title,
    )
