"""The version catalog: ``versions.yaml`` (the timeline) and one spec per version.

::

    version_header: API-Version        # optional, this is the default
    default_version: "2026-02-01"      # for new merchants; must be listed below
    versions:                          # oldest first
      - id: "2023-03-01"               # ISO date; also the folder of its spec
        released: "2023-03-01"
        deprecated: "2024-01-15"       # optional
        sunset: "2026-09-30"           # optional; needs `deprecated`, not before it
        spec: 2023-03-01/openapi.yaml  # optional; default: the openapi.yaml or openapi.json there

A version's document is ``<id>/openapi.yaml`` or ``<id>/openapi.json`` (published specs such
as Stripe's are JSON); a folder holding both is an error, because which one is checked would be
a guess. A folder named like a version that holds a document but is not listed is not an
error — it may be a draft — but it is checked and served by nothing, so loading records a
warning (:attr:`Catalog.warnings`) that the commands print.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

import msgspec

from versioning.errors import CatalogError, SpecError, SpecLimitError
from versioning.spec.decode import decode_struct
from versioning.spec.loader import load_spec
from versioning.spec.location import Location
from versioning.spec.model import Spec
from versioning.spec.source import ParsedSource, read_source

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CATALOG_FILE",
    "SPEC_FILES",
    "Catalog",
    "VersionInfo",
    "VersionStatus",
    "load_catalog",
    "load_version_spec",
]

CATALOG_FILE = "versions.yaml"
SPEC_FILES = ("openapi.yaml", "openapi.json")
"""The names a version's document may have inside its folder, in the order they are sought."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
VersionStatus: TypeAlias = Literal["upcoming", "supported", "deprecated", "sunset"]
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 field-name token


class _VersionEntry(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    id: str
    released: str
    deprecated: str | None = None
    sunset: str | None = None
    spec: str | None = None


class _CatalogFile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    versions: list[_VersionEntry]
    default_version: str | None = None
    version_header: str = "API-Version"


class VersionInfo(msgspec.Struct, frozen=True, kw_only=True):
    """One dated version on the timeline."""

    id: str
    released: dt.date
    deprecated: dt.date | None
    sunset: dt.date | None
    spec_path: Path
    location: Location
    """Where the version is declared in ``versions.yaml``."""

    def status(self, today: dt.date) -> VersionStatus:
        """Where the version stands on ``today`` (the clock is always injected)."""
        if self.sunset is not None and today >= self.sunset:
            return "sunset"
        if self.deprecated is not None and today >= self.deprecated:
            return "deprecated"
        if today < self.released:
            return "upcoming"
        return "supported"


class Catalog(msgspec.Struct, frozen=True, kw_only=True):
    """A loaded catalog: the timeline plus each version's :class:`Spec`."""

    folder: Path
    file: str
    version_header: str
    default_version: str
    versions: tuple[VersionInfo, ...]
    specs: dict[str, Spec]
    warnings: tuple[CatalogError, ...] = ()
    """Problems that do not stop loading: version folders ``versions.yaml`` does not list."""

    @property
    def head(self) -> VersionInfo:
        """The newest version."""
        return self.versions[-1]

    @property
    def ids(self) -> tuple[str, ...]:
        """Version ids, oldest first."""
        return tuple(version.id for version in self.versions)

    def version(self, version_id: str) -> VersionInfo:
        """The version with this id.

        Raises:
            KeyError: No such version.
        """
        for version in self.versions:
            if version.id == version_id:
                return version
        raise KeyError(version_id)

    def pairs(self) -> list[tuple[VersionInfo, VersionInfo]]:
        """Adjacent (older, newer) pairs, oldest first."""
        return list(zip(self.versions, self.versions[1:], strict=False))


def _date(text: str, source: ParsedSource, tokens: list[str], what: str) -> dt.date:
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CatalogError(
            f"{what} {text!r} is not a date in YYYY-MM-DD form", location=source.locate(tokens)
        ) from None


def _version(entry: _VersionEntry, index: int, source: ParsedSource, folder: Path) -> VersionInfo:
    base = ["versions", str(index)]
    released = _date(entry.released, source, [*base, "released"], "released")
    _date(entry.id, source, [*base, "id"], "version id")
    deprecated = (
        _date(entry.deprecated, source, [*base, "deprecated"], "deprecated")
        if entry.deprecated is not None
        else None
    )
    sunset = _date(entry.sunset, source, [*base, "sunset"], "sunset") if entry.sunset else None
    if deprecated is not None and deprecated < released:
        raise CatalogError(
            f"version {entry.id}: deprecated {deprecated} is before its release {released}",
            location=source.locate([*base, "deprecated"]),
        )
    if sunset is not None:
        if deprecated is None:
            raise CatalogError(
                f"version {entry.id}: a sunset date needs a deprecation date first",
                location=source.locate([*base, "sunset"]),
            )
        if sunset < deprecated:
            raise CatalogError(
                f"version {entry.id}: sunset {sunset} is before its deprecation {deprecated}",
                location=source.locate([*base, "sunset"]),
            )
    spec_path = (
        _resolve(folder / entry.spec, source.locate([*base, "spec"]))
        if entry.spec is not None
        else _default_spec(folder, entry.id, source.locate(base))
    )
    if not spec_path.is_relative_to(folder.resolve()):
        raise CatalogError(
            f"version {entry.id}: spec {entry.spec!r} is outside the catalog folder",
            location=source.locate([*base, "spec"]),
        )
    return VersionInfo(
        id=entry.id,
        released=released,
        deprecated=deprecated,
        sunset=sunset,
        spec_path=spec_path,
        location=source.locate(base),
    )


def _resolve(path: Path, location: Location) -> Path:
    """``path`` made absolute through its links; a link loop is the catalog's error, located."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a link loop, before Python 3.13
        reason = getattr(error, "strerror", None) or "it is a symbolic link loop"
        raise CatalogError(f"{path} cannot be opened: {reason}", location=location) from None


def _default_spec(folder: Path, version_id: str, location: Location) -> Path:
    """``<id>/openapi.yaml`` or ``<id>/openapi.json``, whichever exists (the first if neither)."""
    candidates = [_resolve(folder / version_id / name, location) for name in SPEC_FILES]
    present = [candidate for candidate in candidates if candidate.is_file()]
    if len(present) > 1:
        names = " and ".join(f"{version_id}/{name}" for name in SPEC_FILES)
        raise CatalogError(
            f"version {version_id} has both {names}: keep one, or name it with 'spec:'",
            location=location,
        )
    return present[0] if present else candidates[0]


def _unlisted_folders(folder: Path, versions: list[VersionInfo]) -> list[CatalogError]:
    """A warning per folder named like a version, holding a document, that nothing lists."""
    listed = {version.spec_path.parent for version in versions}
    ids = {version.id for version in versions}
    warnings: list[CatalogError] = []
    try:
        children = sorted(folder.iterdir())
    except OSError:  # pragma: no cover - versions.yaml was just read from this folder
        return warnings
    for child in children:
        if not _DATE.fullmatch(child.name) or child.name in ids or not child.is_dir():
            continue
        if child.resolve() in listed:
            continue
        document = next((name for name in SPEC_FILES if (child / name).is_file()), None)
        if document is not None:
            warnings.append(
                CatalogError(
                    f"version folder {child.name} is not listed in {CATALOG_FILE}, so nothing"
                    f" checks or serves it: list it under 'versions' (versiongate new-version"
                    f" creates both), or move it out of the catalog",
                    location=Location(file=str(folder / child.name / document), line=1, column=1),
                )
            )
    return warnings


def _check_timeline(versions: list[VersionInfo], source: ParsedSource) -> None:
    for index, (older, newer) in enumerate(itertools.pairwise(versions), start=1):
        if newer.id <= older.id:
            raise CatalogError(
                f"versions must be listed oldest first, without repeats:"
                f" {newer.id} comes after {older.id}",
                location=source.locate(["versions", str(index), "id"]),
            )
        if newer.released < older.released:
            raise CatalogError(
                f"version {newer.id} is released ({newer.released}) before"
                f" the older {older.id} ({older.released})",
                location=source.locate(["versions", str(index), "released"]),
            )
    if versions[-1].sunset is not None:
        raise CatalogError(
            f"the newest version {versions[-1].id} cannot have a sunset: nothing would replace it",
            location=source.locate(["versions", str(len(versions) - 1), "sunset"]),
        )


def load_catalog(
    folder: str | Path,
    *,
    load_specs: bool = True,
    validate: bool = False,
    on_invalid: Callable[[SpecError], None] | None = None,
) -> Catalog:
    """Load and check ``folder/versions.yaml`` and every version's spec.

    Version folders the file does not list are not errors; they are returned as
    :attr:`Catalog.warnings` for the caller to print.

    Args:
        folder: The catalog folder.
        load_specs: Also load every version's spec (``False``: the timeline only).
        validate: Check each spec against the OpenAPI schema as it loads (what
            ``load_spec(..., validate=True)`` does): one load, one copy in memory; what
            validation noted is in each spec's :attr:`~versioning.spec.model.Spec.warnings`.
        on_invalid: With ``validate``, a spec that fails validation but can still be loaded
            is passed here and loaded without validation, so the caller can report every
            version (``check``); without it, the first such spec raises.

    Raises:
        CatalogError: The timeline is inconsistent or a version's spec is missing.
        SpecError: A version's spec cannot be loaded.
    """
    folder = Path(folder)
    catalog_path = folder / CATALOG_FILE
    if not catalog_path.is_file():
        raise CatalogError(
            f"no {CATALOG_FILE} in {folder}: a catalog folder needs one (see the README)",
            location=Location(file=str(catalog_path), line=1, column=1),
        )
    source = read_source(catalog_path)
    raw = decode_struct(source, source.value, _CatalogFile, error=CatalogError)
    if not raw.versions:
        raise CatalogError(
            "'versions' must list at least one version", location=source.locate(["versions"])
        )
    versions = [_version(entry, index, source, folder) for index, entry in enumerate(raw.versions)]
    _check_timeline(versions, source)
    ids = [version.id for version in versions]
    default = raw.default_version or ids[-1]
    if default not in ids:
        raise CatalogError(
            f"default_version {default!r} is not one of the listed versions: {', '.join(ids)}",
            location=source.locate(["default_version"]),
        )
    if not _TOKEN.fullmatch(raw.version_header):
        raise CatalogError(
            f"version_header {raw.version_header!r} is not a valid HTTP header name",
            location=source.locate(["version_header"]),
        )
    specs: dict[str, Spec] = {}
    for index, (entry, version) in enumerate(zip(raw.versions, versions, strict=True)):
        if not version.spec_path.is_file():
            also = " (nor openapi.json beside it)" if entry.spec is None else ""
            raise CatalogError(
                f"version {version.id} has no spec: {version.spec_path} does not exist{also}",
                location=source.locate(["versions", str(index)]),
            )
        if load_specs:
            specs[version.id] = _load_version_spec(
                version, folder, validate=validate, on_invalid=on_invalid
            )
    return Catalog(
        folder=folder,
        file=str(catalog_path),
        version_header=raw.version_header,
        default_version=default,
        versions=tuple(versions),
        specs=specs,
        warnings=tuple(_unlisted_folders(folder, versions)),
    )


def load_version_spec(catalog: Catalog, version_id: str) -> Spec:
    """One version's spec, for a catalog loaded with ``load_specs=False``.

    Checked as :func:`load_catalog` checks it (its ``info.version`` must be the version's id).

    Raises:
        KeyError: No such version.
        CatalogError: The spec names another version.
        SpecError: The spec cannot be loaded.
    """
    return _load_version_spec(
        catalog.version(version_id), catalog.folder, validate=False, on_invalid=None
    )


def _load_version_spec(
    version: VersionInfo,
    folder: Path,
    *,
    validate: bool,
    on_invalid: Callable[[SpecError], None] | None,
) -> Spec:
    try:
        display = str(folder / version.spec_path.relative_to(folder.resolve()))
    except ValueError:  # pragma: no cover - checked in _version
        display = str(version.spec_path)
    invalid: SpecError | None = None
    try:
        spec = load_spec(version.spec_path, display=display, validate=validate)
    except SpecError as error:
        if not validate or on_invalid is None or isinstance(error, SpecLimitError):
            raise
        # Dropping the traceback (and the context's) frees the failed load's document before
        # the next load: never two copies at once.
        invalid = error.with_traceback(None)
        invalid.__context__ = invalid.__cause__ = None
    if invalid is not None and on_invalid is not None:
        # What a plain load cannot read either raises here, as it does without validation.
        spec = load_spec(version.spec_path, display=display)
        on_invalid(invalid)
    if spec.version and spec.version != version.id:
        raise CatalogError(
            f"{display} says info.version {spec.version!r},"
            f" but the catalog lists it as {version.id}",
            location=spec.locate("/info/version"),
        )
    return spec
