"""Record that a version is deprecated and when it is sunset, with the notice merchants are owed.

After its sunset a version answers 410 Gone, so the sunset is a promise: it must leave at
least ``min-sunset-window-days`` (configuration; six months by default) after the
deprecation, it may move later but never earlier once recorded, and neither the head
(nothing newer to move to) nor the default version (new merchants are pinned to it) can have
one. ``versions.yaml`` is edited as text and loaded back; a result that does not load is
undone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from versioning.catalog import CATALOG_FILE, load_catalog
from versioning.catalog_edit.text import EditableText
from versioning.catalog_edit.timeline import set_lifecycle
from versioning.catalog_edit.undo import FileEdits
from versioning.errors import UsageError, VersioningError

if TYPE_CHECKING:
    from versioning.catalog import Catalog, VersionInfo

__all__ = ["Deprecation", "deprecate_version"]


class Deprecation(msgspec.Struct, frozen=True, kw_only=True):
    """What :func:`deprecate_version` recorded, for the command to report."""

    version: str
    deprecated: dt.date
    sunset: dt.date
    window_days: int
    min_window_days: int
    catalog_file: Path


def _refuse_version(catalog: Catalog, version: str) -> VersionInfo:
    """The version's entry, unless it is unknown, the head or the default version."""
    if version not in catalog.ids:
        raise UsageError(
            f"version {version} is not listed; the versions are {', '.join(catalog.ids)}",
            location=catalog.versions[0].location,
        )
    info = catalog.version(version)
    if info is catalog.head:
        raise UsageError(
            f"{version} is the head version: nothing newer would replace it after its sunset;"
            " release a new version first (versiongate new-version)",
            location=info.location,
        )
    if version == catalog.default_version:
        raise UsageError(
            f"{version} is the default_version, the one new merchants are pinned to: set"
            " default_version to a newer version first",
            location=info.location,
        )
    return info


def _check_dates(
    info: VersionInfo,
    *,
    deprecated: dt.date,
    sunset: dt.date,
    min_window_days: int,
    config_file: str | None,
) -> int:
    """The window in days, once the dates keep every promise; else a :class:`UsageError`."""
    if deprecated < info.released:
        raise UsageError(
            f"deprecation {deprecated} is before {info.id} was released ({info.released})",
            location=info.location,
        )
    if info.sunset is not None and sunset < info.sunset:
        raise UsageError(
            f"{info.id} already has its sunset on {info.sunset}: moving it earlier, to"
            f" {sunset}, breaks the notice merchants were given",
            location=info.location,
        )
    window = (sunset - deprecated).days
    if window < min_window_days:
        where = f"min-sunset-window-days in {config_file}" if config_file else "the default"
        raise UsageError(
            f"sunset {sunset} is {window} days after the deprecation {deprecated}; merchants"
            f" are owed at least {min_window_days} days ({where}): choose a later sunset",
            location=info.location,
        )
    return window


def deprecate_version(
    folder: Path,
    version: str,
    *,
    sunset: dt.date,
    deprecated: dt.date | None,
    today: dt.date,
    min_window_days: int,
    config_file: str | None = None,
) -> Deprecation:
    """Set ``deprecated`` (given, else the one recorded, else ``today``) and ``sunset``.

    Raises:
        UsageError: The version is unknown, the head or the default; the dates break a
            promise; or the edited file does not load (it is then restored).
        VersioningError: The catalog does not load as it is (nothing is written).
    """
    catalog = load_catalog(folder, load_specs=False)
    info = _refuse_version(catalog, version)
    since = deprecated or info.deprecated or today
    window = _check_dates(
        info,
        deprecated=since,
        sunset=sunset,
        min_window_days=min_window_days,
        config_file=config_file,
    )
    path = folder / CATALOG_FILE
    edited = set_lifecycle(
        EditableText.read(path), version=version, deprecated=since, sunset=sunset
    )
    edits = FileEdits()
    try:
        edits.write(path, edited.render())
        reloaded = load_catalog(folder, load_specs=False).version(version)
        if (reloaded.deprecated, reloaded.sunset) != (since, sunset):  # pragma: no cover
            raise UsageError(f"{path}: the dates of {version} did not read back as written")
    except VersioningError as error:
        edits.undo()
        raise UsageError(f"{error}; nothing was changed") from None
    except BaseException:
        edits.undo()
        raise
    return Deprecation(
        version=version,
        deprecated=since,
        sunset=sunset,
        window_days=window,
        min_window_days=min_window_days,
        catalog_file=path,
    )
