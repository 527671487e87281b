"""Whom a proposed spec change would break, judged on the request log (issue 17).

The two documents are compared with :func:`versioning.checker.compare`; each breaking
(``error``) finding of an operation is matched against the recorded calls of that operation
(by its key, ``POST /checkouts``, in any version unless one is chosen):

- a finding about a request body field (``request-property-removed-closed-schema`` at
  ``merchant_reference``) breaks the calls that sent that field; one that makes a field
  required breaks the calls that did not send it;
- any other finding of the operation (its removal, a parameter, a response, security)
  breaks every call of it.

Calls are matched by operation key. With a catalog (``--catalog``), a call of an older
version is first followed through the declared changes to the catalog's head version
(``POST /charges`` of 2024-01-15 is ``POST /transactions`` at head), for a change proposed to
the head spec; its field names stay as the merchant sent them (a renamed field is not
followed).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec

from mock_server.usage import calls_text, iso_instant

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from mock_server.request_log import RequestRecord
    from versioning.findings import Finding

__all__ = ["Impact", "ImpactReport", "impact_report", "render_impact"]

_BRANCH = re.compile(r"\([^)]*\)")
"""``source(card).number`` names a ``oneOf`` branch; recorded paths do not."""


class Impact(msgspec.Struct, frozen=True, kw_only=True):
    """One merchant's calls of one operation (in one version) that one finding breaks."""

    merchant_id: str
    version: str
    operation: str
    rule: str
    message: str
    field: str | None
    calls: int
    last_seen: str


class ImpactReport(msgspec.Struct, frozen=True, kw_only=True):
    """Every broken caller, as ``--format json`` prints it."""

    base: str
    revision: str
    breaking_findings: int
    merchants: list[str]
    impacts: list[Impact]


def _field_of(finding: Finding) -> str | None:
    """The request body field a finding is about, when it is about one."""
    subject = finding.subject
    if subject is None or subject.direction != "request" or subject.place != "body":
        return None
    if not subject.path or not subject.nested:
        return None
    return _BRANCH.sub("", subject.path)


def _broken(finding: Finding, field: str | None, record: RequestRecord) -> bool:
    if field is None:
        return True
    sent = field in record.fields
    return not sent if "required" in finding.rule else sent


def impact_report(
    findings: Iterable[Finding],
    records: Iterable[RequestRecord],
    *,
    base: str,
    revision: str,
    version: str | None = None,
    operation_of: Callable[[RequestRecord], str | None] | None = None,
) -> ImpactReport:
    """Match the breaking findings of operations against ``records`` (of ``version`` only).

    ``operation_of`` names the operation of ``base`` a record's call reaches (default: the
    operation it called, by key).
    """
    breaking = [f for f in findings if f.level == "error" and f.operation is not None]
    by_operation: dict[str, list[RequestRecord]] = {}
    for record in records:
        if version is None or record.version == version:
            reached = record.operation if operation_of is None else operation_of(record)
            if reached is not None:
                by_operation.setdefault(reached, []).append(record)
    tallies: dict[tuple[str, str, str, str, str | None], tuple[int, float, str]] = {}
    for finding in breaking:
        field = _field_of(finding)
        assert finding.operation is not None
        for record in by_operation.get(finding.operation, ()):
            if not _broken(finding, field, record):
                continue
            key = (record.merchant_id, record.version, record.operation, finding.rule, field)
            calls, last, _ = tallies.get(key, (0, record.at, finding.message))
            tallies[key] = (calls + 1, max(last, record.at), finding.message)
    impacts = [
        Impact(
            merchant_id=merchant,
            version=version_id,
            operation=operation,
            rule=rule,
            message=message,
            field=field,
            calls=calls,
            last_seen=iso_instant(last),
        )
        for (merchant, version_id, operation, rule, field), (calls, last, message) in sorted(
            tallies.items(), key=lambda item: tuple(str(part) for part in item[0])
        )
    ]
    return ImpactReport(
        base=base,
        revision=revision,
        breaking_findings=len(breaking),
        merchants=sorted({impact.merchant_id for impact in impacts}),
        impacts=impacts,
    )


def _line(impact: Impact) -> str:
    sent = ""
    if impact.field is not None:
        verb = "without" if "required" in impact.rule else "sending"
        sent = f" {verb} {impact.field}"
    return (
        f"  {impact.merchant_id}: {impact.operation} ({impact.version}){sent}:"
        f" {calls_text(impact.calls)}, last {impact.last_seen} — {impact.rule}: {impact.message}"
    )


def render_impact(report: ImpactReport, output_format: str) -> str:
    """The report as ``text``, ``markdown`` or ``json``."""
    if output_format == "json":
        return msgspec.json.format(msgspec.json.encode(report)).decode() + "\n"
    count = len(report.merchants)
    summary = (
        f"{count} merchant{'s' if count != 1 else ''} would break"
        if count
        else "No recorded call would break"
    )
    head = (
        f"{summary} ({report.base} → {report.revision},"
        f" {report.breaking_findings} breaking findings)"
    )
    if output_format == "markdown":
        lines = [f"# Impact: {head}", ""]
        if report.impacts:
            lines += [
                "| merchant | operation | version | field | calls | last seen | rule |",
                "| --- | --- | --- | --- | --- | --- | --- |",
            ]
            lines.extend(
                f"| {i.merchant_id} | `{i.operation}` | {i.version} | {i.field or '—'} |"
                f" {i.calls} | {i.last_seen} | `{i.rule}` |"
                for i in report.impacts
            )
        return "\n".join(lines) + "\n"
    return "\n".join([head, *(_line(impact) for impact in report.impacts)]) + "\n"
