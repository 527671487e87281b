"""Add a dated version after the head: its folder, spec, empty ``changes.yaml`` and timeline entry.

What an API designer did by hand (issue 15): make the folder, copy the head's spec, fix
``info.version``, write ``changes.yaml``, append to ``versions.yaml``. Every mistake that can be
seen before writing is refused first (a malformed date, a date not after the head, a folder
that exists); then the files are written, and the timeline and the new spec are loaded back
(the other specs are the files that loaded a moment before, untouched), so a result that
would not load is undone, not left half-made. One loaded document at a time: the catalog is
dropped before the head's text is parsed for editing, and that before the new spec loads.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from pathlib import Path

import msgspec

from versioning.catalog import CATALOG_FILE, load_catalog, load_version_spec
from versioning.catalog_edit.spec_copy import copy_head, referenced_files
from versioning.catalog_edit.text import EditableText
from versioning.catalog_edit.timeline import append_version
from versioning.catalog_edit.undo import FileEdits
from versioning.changes.load import CHANGES_FILE, load_changes
from versioning.errors import UsageError, VersioningError

__all__ = ["NewVersion", "create_version", "parse_version_date"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHANGES_TEMPLATE = """\
# Declared changes from {older} to {version}. Every breaking change between the two specs
# needs a change here whose steps translate it for older clients (docs/translation.md).
# `versiongate check --write-suggestions` appends the steps it drafted and proved.
changes: []
"""


class NewVersion(msgspec.Struct, frozen=True, kw_only=True):
    """What :func:`create_version` made, for the command to report."""

    version: str
    head: str
    spec: Path
    changes: Path
    catalog_file: Path
    copied: tuple[Path, ...]
    """Files the head's spec references, copied beside the new spec."""
    default_version: str


def parse_version_date(text: str, *, what: str = "version") -> dt.date:
    """A version id or date in ``YYYY-MM-DD`` form (the only form ``versions.yaml`` accepts).

    Raises:
        UsageError: Any other form, or a day that does not exist.
    """
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a date in YYYY-MM-DD form") from None


def create_version(folder: Path, version: str) -> NewVersion:
    """Create ``folder/version`` from the head and list it last in ``versions.yaml``.

    Raises:
        UsageError: The date is malformed or not after the head, the folder exists, or the
            result does not load (everything written is then undone).
        VersioningError: The catalog does not load as it is (nothing is written).
    """
    released = parse_version_date(version)
    catalog = load_catalog(folder)
    head = catalog.head
    head_file = catalog.specs[head.id].file
    referenced = referenced_files(catalog.specs[head.id])
    del catalog  # every spec loaded (the catalog is sound); only the head's text is copied
    gc.collect()  # the specs hold reference cycles: freed now, not at the next full sweep
    if version <= head.id or released < head.released:
        raise UsageError(
            f"{version} is not after the head version {head.id} (released {head.released}):"
            " a new version goes at the end of the timeline",
            location=head.location,
        )
    target = folder / version
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists: remove it, or choose another date")
    timeline = EditableText.read(folder / CATALOG_FILE)
    edits = FileEdits()
    try:
        edits.make_folder(target)
        spec = copy_head(
            head,
            file=head_file,
            referenced=referenced,
            target=target,
            version=version,
            edits=edits,
        )
        changes = target / CHANGES_FILE
        edits.write(changes, _CHANGES_TEMPLATE.format(older=head.id, version=version))
        edits.write(
            folder / CATALOG_FILE,
            append_version(timeline, version=version, released=released).render(),
        )
        reloaded = _reload(folder, version)
        load_changes(changes, version=version, older=head.id)
    except VersioningError as error:
        edits.undo()
        raise UsageError(f"{error}; nothing was changed") from None
    except BaseException:
        edits.undo()
        raise
    copied = tuple(
        path for path in sorted(target.rglob("*")) if path.is_file() and path not in {spec, changes}
    )
    return NewVersion(
        version=version,
        head=head.id,
        spec=spec,
        changes=changes,
        catalog_file=folder / CATALOG_FILE,
        copied=copied,
        default_version=reloaded,
    )


def _reload(folder: Path, version: str) -> str:
    """Load the edited timeline and the new version's spec; return the default version."""
    catalog = load_catalog(folder, load_specs=False)
    if catalog.head.id != version:  # pragma: no cover - append_version read it back
        raise UsageError(f"{version} did not become the head of {folder / CATALOG_FILE}")
    load_version_spec(catalog, version)
    return catalog.default_version
