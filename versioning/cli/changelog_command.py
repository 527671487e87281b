"""``versiongate changelog``: every change, info included, as Markdown for people.

``changelog BASE REVISION`` compares two documents. ``changelog SPEC_DIR`` writes the
changelog of a whole catalog: per version, newest first, the descriptions declared in its
``changes.yaml``, then every change against the previous version.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from versioning.catalog import load_catalog
from versioning.changelog_site import migrations_between, site_translator, write_site
from versioning.changes.steps import Acknowledged
from versioning.cli.check_command import catalog_gates, classify_coverage
from versioning.cli.diff_command import compare_specs
from versioning.config import resolve_config
from versioning.errors import UsageError
from versioning.gitref import load_spec_argument
from versioning.report.changelog_format import (
    VersionChanges,
    render_catalog_changelog,
    render_changelog,
)
from versioning.report.output import parse_date, today_from, write_text
from versioning.report.policy import apply_policy
from versioning.spec.source import printable_name

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from versioning.catalog import Catalog
    from versioning.changes.model import Change
    from versioning.config import Config

__all__ = ["catalog_changes", "change_keys", "changes_of_catalog", "register", "run_changelog"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``changelog``."""
    parser = commands.add_parser(
        "changelog",
        help="write every change of a catalog, or between two documents, as Markdown",
        description="With a catalog folder: per version, newest first, the declared"
        " changes' descriptions and every change against the previous version. With two"
        " documents (files or git:REF:path): every change between them. Info is included;"
        " changes are grouped by operation with breaking changes first.",
    )
    parser.add_argument(
        "base",
        metavar="SPEC_DIR | BASE",
        help="a catalog folder (versions.yaml), or the older document: a file or git:REF:path",
    )
    parser.add_argument(
        "revision",
        nargs="?",
        metavar="REVISION",
        help="the newer document (a file or git:REF:path), when BASE is a document",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE | DIR",
        help="write to FILE (markdown), or into the folder DIR (html; created when missing)",
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "html"),
        default="markdown",
        help="markdown (default) or html: a static site of a catalog (plain HTML, one CSS file)",
    )
    parser.add_argument("--config", metavar="FILE", help="configuration file (levels, ignores)")
    parser.add_argument(
        "--today",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate dates (sunsets, ignore expiry) as of this day",
    )
    parser.set_defaults(run=run_changelog)


def change_keys(change: Change) -> frozenset[str]:
    """What ``covered_by`` says of a finding ``change`` settles: a step label or a reason."""
    keys = {step.label() for step in change.steps}
    keys |= {
        step.step.reason.strip() for step in change.steps if isinstance(step.step, Acknowledged)
    }
    return frozenset(keys)


def catalog_changes(folder: str, *, config: Config, today: dt.date) -> list[VersionChanges]:
    """What each version of the catalog in ``folder`` changed, oldest first.

    Breaking findings are marked covered or acknowledged by the declared changes, at the
    configuration's ``fail-on`` level, as ``versiongate check`` marks them.

    Raises:
        VersioningError: The catalog, a spec or a ``changes.yaml`` cannot be loaded.
    """
    return changes_of_catalog(load_catalog(folder), config=config, today=today)


def changes_of_catalog(catalog: Catalog, *, config: Config, today: dt.date) -> list[VersionChanges]:
    """What each version of a loaded ``catalog`` changed, oldest first (see ``catalog_changes``).

    Raises:
        VersioningError: A ``changes.yaml`` cannot be loaded.
    """
    if len(catalog.versions) == 1:
        # One version (a single document served as a catalog) changes nothing; a
        # changes.yaml that happens to sit beside it is not read.
        only = catalog.versions[0]
        entry = VersionChanges(
            version=only.id,
            older=None,
            released=only.released,
            deprecated=only.deprecated,
            sunset=only.sunset,
        )
        return [entry]
    gates = {gate.hop.newer_id: gate for gate in catalog_gates(catalog)}
    translator = site_translator(catalog)
    entries: list[VersionChanges] = []
    older = None
    for version in catalog.versions:
        entry = VersionChanges(
            version=version.id,
            older=older,
            released=version.released,
            deprecated=version.deprecated,
            sunset=version.sunset,
        )
        if older is not None:
            older_spec, newer_spec = catalog.specs[older], catalog.specs[version.id]
            gate = gates[version.id]
            changes = gate.hop.changes
            applied, _ = apply_policy(
                compare_specs(older_spec, newer_spec, config=config, today=today),
                config,
                today=today,
            )
            settled = classify_coverage(applied, gate=gate, fail_on=config.fail_on)
            entry = VersionChanges(
                version=entry.version,
                older=older,
                released=entry.released,
                deprecated=entry.deprecated,
                sunset=entry.sunset,
                descriptions=tuple(change.description for change in changes.changes),
                findings=tuple(settled),
                change_keys=tuple(change_keys(change) for change in changes.changes),
                migrations=migrations_between(
                    catalog,
                    translator,
                    older_id=older,
                    newer_id=version.id,
                    findings=tuple(settled),
                ),
            )
        entries.append(entry)
        older = version.id
    return entries


def run_changelog(arguments: argparse.Namespace) -> int:
    """Compare, apply level overrides and ignores, and write the changelog (exit 0).

    Raises:
        UsageError: One argument that is not a catalog folder.
    """
    config = resolve_config(arguments.config)
    today = today_from(arguments)
    if arguments.format == "html" and (arguments.revision is not None or not arguments.output):
        msg = "--format html writes the site of a catalog: give SPEC_DIR and --output DIR"
        raise UsageError(msg)
    if arguments.revision is None:
        if not Path(arguments.base).is_dir():
            msg = (
                f"{arguments.base} is not a catalog folder: give a folder with versions.yaml,"
                " or two documents (BASE REVISION)"
            )
            raise UsageError(msg)
        catalog = load_catalog(arguments.base)
        entries = changes_of_catalog(catalog, config=config, today=today)
        if arguments.format == "html":
            written = write_site(Path(arguments.output), catalog, tuple(entries), today=today)
            print(f"{arguments.output}: wrote {len(written)} files; open index.html")
            return 0
        text = render_catalog_changelog(tuple(entries), catalog=arguments.base)
        write_text(text, arguments.output)
        return 0
    base, relabel_base = load_spec_argument(arguments.base)
    revision, relabel_revision = load_spec_argument(arguments.revision)
    findings = compare_specs(base, revision, config=config, today=today)
    relabelled = [relabel_revision(relabel_base(finding)) for finding in findings]
    applied, _ = apply_policy(relabelled, config, today=today)
    text = render_changelog(
        tuple(applied),
        base=printable_name(arguments.base),
        revision=printable_name(arguments.revision),
    )
    write_text(text, arguments.output)
    return 0
