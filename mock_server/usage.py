"""Who still calls what: the request log summed per version and per deprecated thing (issue 17).

For every version called, and every deprecated operation and deprecated field called, the
report lists the merchants with how many calls and when they last called, beside the
version's status and the sunset date (an operation's own ``x-sunset`` or its version's,
whichever comes first). Counts are exact: the store keeps them apart from the trimmed
records (:class:`~mock_server.request_log.CallCount`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import msgspec

from mock_server.lifecycle import operation_lifecycle, version_lifecycle

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mock_server.request_log import CallCount
    from versioning.catalog import Catalog

__all__ = [
    "ItemUsage",
    "MerchantUsage",
    "UsageReport",
    "calls_text",
    "iso_instant",
    "render_usage",
    "usage_report",
]


class MerchantUsage(msgspec.Struct, frozen=True, kw_only=True):
    """One merchant's calls of one thing."""

    merchant_id: str
    calls: int
    last_seen: str


class ItemUsage(msgspec.Struct, frozen=True, kw_only=True):
    """A version, a deprecated operation (of a version) or a deprecated field, and its callers."""

    version: str
    status: str
    """The version's status on the report's day (``supported``, ``deprecated``, ``sunset`` …)."""
    sunset: str | None
    merchants: list[MerchantUsage]
    operation: str | None = None
    field: str | None = None


class UsageReport(msgspec.Struct, frozen=True, kw_only=True):
    """The whole report, as ``--format json`` prints it."""

    today: str
    versions: list[ItemUsage]
    deprecated_operations: list[ItemUsage]
    deprecated_fields: list[ItemUsage]


def calls_text(calls: int) -> str:
    """``1 call``, ``2 calls``."""
    return f"{calls:,} call{'' if calls == 1 else 's'}"


def iso_instant(seconds: float) -> str:
    """``2026-03-01T12:00:00Z`` (whole seconds, UTC)."""
    moment = dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


class _Tally:
    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.last: dict[str, float] = {}

    def add(self, count: CallCount) -> None:
        merchant = count.merchant_id
        self.calls[merchant] = self.calls.get(merchant, 0) + count.calls
        self.last[merchant] = max(self.last.get(merchant, count.last_at), count.last_at)

    def merchants(self) -> list[MerchantUsage]:
        ordered = sorted(self.calls, key=lambda merchant: (-self.last[merchant], merchant))
        return [
            MerchantUsage(
                merchant_id=merchant,
                calls=self.calls[merchant],
                last_seen=iso_instant(self.last[merchant]),
            )
            for merchant in ordered
        ]


def _sunset(catalog: Catalog, version: str, operation: str | None) -> str | None:
    if version not in catalog.specs:
        return None
    lifecycle = version_lifecycle(catalog.version(version))
    if operation is not None:
        method, _, path = operation.partition(" ")
        found = catalog.specs[version].operation(method, path)
        if found is not None:
            lifecycle = lifecycle.merge(operation_lifecycle(catalog, version, found))
    return lifecycle.sunset.isoformat() if lifecycle.sunset is not None else None


def usage_report(counts: Iterable[CallCount], catalog: Catalog, today: dt.date) -> UsageReport:
    """Sum ``counts`` per version, deprecated operation and deprecated field.

    ``counts`` are the store's, or :func:`~mock_server.request_log.count_calls` of records.
    """
    versions: dict[str, _Tally] = {}
    operations: dict[tuple[str, str], _Tally] = {}
    fields: dict[tuple[str, str, str], _Tally] = {}
    for count in counts:
        if count.field:
            key = (count.version, count.operation, count.field)
            fields.setdefault(key, _Tally()).add(count)
            continue
        versions.setdefault(count.version, _Tally()).add(count)
        if count.deprecated:
            operations.setdefault((count.version, count.operation), _Tally()).add(count)

    def status(version: str) -> str:
        if version not in catalog.specs:
            return "unknown"
        if version == catalog.head.id:
            return "current"
        return catalog.version(version).status(today)

    return UsageReport(
        today=today.isoformat(),
        versions=[
            ItemUsage(
                version=version,
                status=status(version),
                sunset=_sunset(catalog, version, None),
                merchants=tally.merchants(),
            )
            for version, tally in sorted(versions.items())
        ],
        deprecated_operations=[
            ItemUsage(
                version=version,
                operation=operation,
                status=status(version),
                sunset=_sunset(catalog, version, operation),
                merchants=tally.merchants(),
            )
            for (version, operation), tally in sorted(operations.items())
        ],
        deprecated_fields=[
            ItemUsage(
                version=version,
                operation=operation,
                field=field,
                status=status(version),
                sunset=_sunset(catalog, version, operation),
                merchants=tally.merchants(),
            )
            for (version, operation, field), tally in sorted(fields.items())
        ],
    )


def _what(item: ItemUsage) -> str:
    if item.field is not None:
        return f"{item.operation} field {item.field} ({item.version})"
    if item.operation is not None:
        return f"{item.operation} ({item.version})"
    return item.version


def _callers(item: ItemUsage) -> str:
    return ", ".join(
        f"{merchant.merchant_id} ({calls_text(merchant.calls)}, last {merchant.last_seen})"
        for merchant in item.merchants
    )


def _text(report: UsageReport) -> str:
    lines = [f"Usage as of {report.today}"]
    for title, items in (
        ("Versions", report.versions),
        ("Deprecated operations", report.deprecated_operations),
        ("Deprecated fields", report.deprecated_fields),
    ):
        lines.append(f"\n{title}:")
        if not items:
            lines.append("  none called")
        for item in items:
            sunset = f", sunset {item.sunset}" if item.sunset else ""
            lines.append(f"  {_what(item)}: {item.status}{sunset}")
            lines.extend(
                f"    {merchant.merchant_id}: {calls_text(merchant.calls)},"
                f" last {merchant.last_seen}"
                for merchant in item.merchants
            )
    return "\n".join(lines) + "\n"


def _markdown(report: UsageReport) -> str:
    lines = [f"# API usage as of {report.today}"]
    for title, items in (
        ("Versions", report.versions),
        ("Deprecated operations", report.deprecated_operations),
        ("Deprecated fields", report.deprecated_fields),
    ):
        lines += ["", f"## {title}", ""]
        if not items:
            lines.append("None called.")
            continue
        lines += ["| what | status | sunset | merchants |", "| --- | --- | --- | --- |"]
        lines.extend(
            f"| `{_what(item)}` | {item.status} | {item.sunset or '—'} | {_callers(item)} |"
            for item in items
        )
    return "\n".join(lines) + "\n"


def render_usage(report: UsageReport, output_format: str) -> str:
    """The report as ``text``, ``markdown`` or ``json``."""
    if output_format == "json":
        return msgspec.json.format(msgspec.json.encode(report)).decode() + "\n"
    if output_format == "markdown":
        return _markdown(report)
    return _text(report)
