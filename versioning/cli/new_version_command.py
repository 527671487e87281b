"""``versiongate new-version CATALOG DATE``: start the next dated version from the head.

Creates ``CATALOG/DATE/openapi.yaml`` (or ``.json``, like the head) with ``info.version`` set,
the files it references, an empty ``changes.yaml``, and lists ``DATE`` last in
``versions.yaml`` — all as text edits that keep the files' comments and layout. Refuses a
malformed date, a date not after the head and an existing folder (exit 2, nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.catalog_edit import create_version

if TYPE_CHECKING:
    import argparse

__all__ = ["register", "run_new_version"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``new-version``."""
    parser = commands.add_parser(
        "new-version",
        help="add a dated version after the head: copy its spec, empty changes.yaml, list it",
        description="Create CATALOG/DATE from the head version's spec (info.version set, its"
        " $ref files copied), an empty changes.yaml, and list DATE last in versions.yaml,"
        " keeping the files' comments and layout.",
    )
    parser.add_argument("catalog", metavar="CATALOG", help="catalog folder (with versions.yaml)")
    parser.add_argument("date", metavar="DATE", help="the new version's id, YYYY-MM-DD")
    parser.set_defaults(run=run_new_version)


def run_new_version(arguments: argparse.Namespace) -> int:
    """Create the version and say what was written."""
    made = create_version(Path(arguments.catalog), arguments.date)
    out = sys.stdout
    print(f"created {made.spec}: the spec of {made.head}, info.version {made.version}", file=out)
    for path in made.copied:
        print(f"copied {path}: a file the spec references", file=out)
    print(f"created {made.changes}: no changes declared yet", file=out)
    if made.default_version == made.version:
        default = f"new merchants get {made.version} (default_version is not set)"
    else:
        default = f"default_version stays {made.default_version}"
    print(f"listed {made.version} last in {made.catalog_file}; {default}", file=out)
    return 0
