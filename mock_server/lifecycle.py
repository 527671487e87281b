"""Deprecation and sunset headers: RFC 9745 ``Deprecation``, RFC 8594 ``Sunset``, ``Link``.

A version (from ``versions.yaml``) or an operation (``deprecated: true`` with ``x-sunset``)
can be deprecated. When both apply, the client sees the earliest of each date: the resource
has been deprecated since the first of them and goes away at the first sunset.
"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from typing import TYPE_CHECKING

import msgspec

from versioning.sunset import sunset_date

if TYPE_CHECKING:
    from versioning.catalog import Catalog, VersionInfo
    from versioning.spec.model import Operation

__all__ = [
    "Lifecycle",
    "epoch_seconds",
    "imf_fixdate",
    "lifecycle_headers",
    "operation_lifecycle",
    "version_lifecycle",
]


class Lifecycle(msgspec.Struct, frozen=True, kw_only=True):
    """When something was (or will be) deprecated and when it goes away, and where to read why."""

    deprecated: dt.date | None = None
    sunset: dt.date | None = None
    link: str | None = None

    def merge(self, other: Lifecycle) -> Lifecycle:
        """The earliest deprecation and sunset of the two (this one's link wins)."""
        return Lifecycle(
            deprecated=_earliest(self.deprecated, other.deprecated),
            sunset=_earliest(self.sunset, other.sunset),
            link=self.link or other.link,
        )


def _earliest(first: dt.date | None, second: dt.date | None) -> dt.date | None:
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def epoch_seconds(day: dt.date) -> int:
    """Seconds since the Unix epoch at midnight UTC of ``day``."""
    return int(_midnight(day).timestamp())


def imf_fixdate(day: dt.date) -> str:
    """``Wed, 30 Jun 2027 00:00:00 GMT`` (RFC 9110 IMF-fixdate, always GMT)."""
    return format_datetime(_midnight(day), usegmt=True)


def lifecycle_headers(lifecycle: Lifecycle) -> list[tuple[str, str]]:
    """The response headers announcing ``lifecycle`` (none when nothing is deprecated)."""
    headers: list[tuple[str, str]] = []
    if lifecycle.deprecated is not None:
        # RFC 9745: a Structured Field Date, "@" followed by the epoch seconds.
        headers.append(("deprecation", f"@{epoch_seconds(lifecycle.deprecated)}"))
    if lifecycle.sunset is not None:
        headers.append(("sunset", imf_fixdate(lifecycle.sunset)))
    if lifecycle.deprecated is not None and lifecycle.link is not None:
        headers.append(("link", f'<{lifecycle.link}>; rel="deprecation"; type="text/html"'))
    return headers


def version_lifecycle(version: VersionInfo) -> Lifecycle:
    """A version's own dates from the catalog; its docs page explains the deprecation."""
    if version.deprecated is None:
        return Lifecycle()
    return Lifecycle(
        deprecated=version.deprecated, sunset=version.sunset, link=f"/docs/{version.id}"
    )


def operation_lifecycle(catalog: Catalog, version_id: str, operation: Operation) -> Lifecycle:
    """An operation's deprecation as ``version_id`` declares it.

    The spec only says ``deprecated: true`` (and maybe ``x-sunset``), not since when, so the
    deprecation date is the release of the earliest version in the unbroken run of versions,
    up to this one, that declare the same operation deprecated.
    """
    if not operation.deprecated:
        return Lifecycle()
    since = catalog.version(version_id).released
    for version in reversed(catalog.versions[: catalog.ids.index(version_id)]):
        older = catalog.specs[version.id].operation(operation.method, operation.path)
        if older is None or not older.deprecated:
            break
        since = version.released
    sunset = sunset_date(operation.sunset)
    return Lifecycle(deprecated=since, sunset=sunset, link=f"/docs/{version_id}")
