"""Reading ``<version>/changes.yaml`` into a typed :class:`ChangeSet` with located errors.

::

    changes:
      - description: "`order_id` is renamed `merchant_reference`."
        steps:
          - step: field_renamed
            schema: Transaction
            from: order_id
            to: merchant_reference
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.changes.model import Change, ChangeSet, LocatedStep
from versioning.changes.steps import Step
from versioning.errors import ChangesError, SpecError
from versioning.spec.decode import decode_struct
from versioning.spec.location import Location
from versioning.spec.source import read_source

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.catalog import Catalog
    from versioning.spec.source import ParsedSource

__all__ = ["CHANGES_FILE", "load_catalog_changes", "load_changes"]

CHANGES_FILE = "changes.yaml"
_STEP_NAMES = (
    "operation_moved, schema_renamed, field_renamed, field_added, field_defaulted,"
    " field_removed, enum_mapped,"
    " value_converted, error_body_converted, parameter_added, parameter_defaulted,"
    " parameter_renamed, parameter_removed, request_converted, response_converted,"
    " status_mapped, acknowledged"
)


class _ChangeEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    description: str
    steps: list[Step]


class _ChangesFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    changes: list[_ChangeEntry]


def load_changes(path: Path, *, version: str, older: str, display: str | None = None) -> ChangeSet:
    """Read one ``changes.yaml`` (the changes from ``older`` to ``version``).

    Raises:
        ChangesError: Malformed YAML, an unknown step or key, a missing key, a wrong type, or
            a change without a description or steps.
        SpecError: The file cannot be read safely.
    """
    try:
        source = read_source(path, display=display)
    except SpecError as error:  # malformed YAML: same message and place, our error class
        raise ChangesError(error.message, location=error.location) from None
    try:
        raw = decode_struct(source, source.value, _ChangesFile, error=ChangesError)
    except ChangesError as error:
        if error.pointer is not None and error.pointer.endswith("/step"):
            error = ChangesError(
                f"{error.message}: unknown step; expected one of {_STEP_NAMES}",
                location=error.location,
                pointer=error.pointer,
            )
        raise error from None
    changes: list[Change] = []
    for index, entry in enumerate(raw.changes):
        base = ["changes", str(index)]
        if not entry.description.strip():
            raise ChangesError(
                "a change needs a description (it feeds the changelog)",
                location=source.locate([*base, "description"]),
            )
        if not entry.steps:
            raise ChangesError(
                "a change needs at least one step", location=source.locate([*base, "steps"])
            )
        steps = tuple(
            LocatedStep(
                step=step,
                location=source.locate([*base, "steps", str(number)]),
                tokens=(*base, "steps", str(number)),
                change=entry.description.strip(),
                keys=_key_locations(source, [*base, "steps", str(number)]),
            )
            for number, step in enumerate(entry.steps)
        )
        changes.append(
            Change(description=entry.description.strip(), steps=steps, location=source.locate(base))
        )
    return ChangeSet(version=version, older=older, file=source.file, changes=tuple(changes))


def load_catalog_changes(catalog: Catalog, *, verify: bool = True) -> list[ChangeSet]:
    """The change sets of every adjacent pair of the catalog, oldest first.

    A version without a ``changes.yaml`` gets an empty set (nothing to translate). When the
    catalog was loaded with its specs, each step is also checked against them (``verify``),
    so ``check`` refuses an unknown schema, field or converter instead of passing it by.

    Args:
        catalog: The catalog; its specs are needed only for ``verify``.
        verify: Check every step against both versions' specs and resolve its converters
            (the translator turns this off: compiling its hops does the same checks).

    Raises:
        ChangesError: A file is malformed, the oldest version has one (it has no previous
            version to change from), or a step names something that does not exist.
    """
    first = catalog.versions[0]
    first_file = first.spec_path.parent / CHANGES_FILE
    if first_file.is_file():
        raise ChangesError(
            f"{first.id} is the oldest version: it has no previous version to change from",
            location=Location(file=_display(catalog, first_file), line=1, column=1),
        )
    sets: list[ChangeSet] = []
    for older, newer in catalog.pairs():
        path = newer.spec_path.parent / CHANGES_FILE
        if path.is_file():
            sets.append(
                load_changes(
                    path, version=newer.id, older=older.id, display=_display(catalog, path)
                )
            )
        else:
            sets.append(ChangeSet(version=newer.id, older=older.id, file=None))
    if verify and len(catalog.specs) == len(catalog.versions):
        _verify(catalog, sets)
    return sets


def _verify(catalog: Catalog, sets: list[ChangeSet]) -> None:
    """Check every step against the two specs it bridges, as compiling a hop does."""
    from versioning.translate.hop import Hop  # translate builds on this package

    for changes in sets:
        if changes.file is not None:
            Hop(
                older=catalog.specs[changes.older],
                newer=catalog.specs[changes.version],
                changes=changes,
                folder=catalog.folder,
            )


def _key_locations(source: ParsedSource, tokens: list[str]) -> dict[str, Location]:
    node = source.value
    for token in tokens:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return {str(key): source.locate([*tokens, str(key)]) for key in node}


def _display(catalog: Catalog, path: Path) -> str:
    try:
        return str(catalog.folder / path.relative_to(catalog.folder.resolve()))
    except ValueError:
        return str(path)
