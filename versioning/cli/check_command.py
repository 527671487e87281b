"""``versiongate check [SPEC_DIR]``: the catalog's health and every version step's changes.

1. Load the catalog and schema-validate every spec; print the timeline. Every example of
   every version must satisfy its own schema and declare no member the schema lacks.
2. Compare each adjacent pair of versions; a breaking change must be covered by a declared
   change of the newer version's ``changes.yaml``, proved by running witnesses of each
   break through the declared steps (:func:`classify_coverage`).
3. With ``--base REF``: compare the catalog at that git revision with the working tree. A
   published version's spec may only change additively (any warning fails), and versions
   may only be appended, never removed or inserted before a published one.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from versioning.catalog import load_catalog
from versioning.changes.append import DRAFTED_DESCRIPTION, append_steps
from versioning.changes.load import CHANGES_FILE
from versioning.cli.diff_command import compare_specs
from versioning.config import resolve_config
from versioning.coverage import CoverageGate, Drafter
from versioning.errors import SpecError, VersioningError
from versioning.examples import example_findings
from versioning.findings import Finding, SourceRef, level_rank
from versioning.gitref import relative_to_working_directory, snapshot
from versioning.messages import MessageValidator
from versioning.report.model import Report
from versioning.report.output import (
    add_report_arguments,
    effective_fail_on,
    today_from,
    write_report,
)
from versioning.report.policy import build_comparison, expiry_notes
from versioning.translate import Translator

if TYPE_CHECKING:
    import argparse
    import datetime as dt
    from collections.abc import Callable

    from versioning.catalog import Catalog, VersionInfo
    from versioning.changes.model import ChangeSet
    from versioning.config import Config, IgnoreEntry
    from versioning.findings import Level
    from versioning.report.model import Comparison, ComparisonKind, FailOn

__all__ = [
    "catalog_gates",
    "classify_coverage",
    "drafted_descriptions",
    "register",
    "run_check",
    "timeline_findings",
    "write_suggestions",
]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check``."""
    check = commands.add_parser(
        "check",
        help="check a version catalog: specs, timeline, and the changes between versions",
        description="Load and validate a version catalog (versions.yaml + one spec per"
        " version), then report the changes between adjacent versions.",
    )
    check.add_argument(
        "spec_dir", nargs="?", default="api_specs", help="catalog folder (default: api_specs)"
    )
    check.add_argument(
        "--base",
        metavar="REF",
        help="also compare with the catalog at this git revision: published versions may"
        " only change additively, and versions may only be appended",
    )
    check.add_argument(
        "--write-suggestions",
        action="store_true",
        help="append every suggested step that was proved to work to its version's"
        " changes.yaml, in a new change whose description you fill in",
    )
    add_report_arguments(check)
    check.set_defaults(run=run_check)


def write_suggestions(
    catalog: Catalog, comparisons: list[Comparison], drafters: dict[str, Drafter]
) -> None:
    """Append the proved drafts of each version step to its ``changes.yaml`` (text edit).

    Drafts that were not proved (a converter to write, a reason to give) are only counted;
    the report shows them.
    """
    for comparison in comparisons:
        drafter = drafters.get(comparison.revision)
        if comparison.kind != "adjacent" or drafter is None:
            continue
        proved: list[str] = []
        unproved = 0
        for finding in comparison.suggestions:
            draft = drafter.draft(finding)
            if not draft.works:
                unproved += 1
            elif draft.text() not in proved:
                proved.append(draft.text())
        path = catalog.folder / comparison.revision / CHANGES_FILE
        if proved:
            append_steps(path, version=comparison.revision, older=comparison.base, steps=proved)
            print(
                f"{path}: appended a change with {len(proved)} drafted step(s);"
                " write its description, then run check again",
                file=sys.stderr,
            )
        if unproved:
            print(
                f"{comparison.revision}: {unproved} finding(s) need a step that could not be"
                " drafted to work (a converter to write or a reason to give): see the report",
                file=sys.stderr,
            )


def classify_coverage(
    findings: list[Finding], *, gate: CoverageGate, fail_on: FailOn
) -> list[Finding]:
    """Judge, by running witnesses through the gate's hop, each breaking finding of one step.

    Breaking here means what would fail the build: at or above ``fail_on`` and not ignored.
    """
    threshold = level_rank(fail_on)
    return [
        gate.judge(finding)
        if finding.ignored is None
        and level_rank(finding.level) >= threshold
        and finding.rule not in _NOT_TRANSLATED
        else finding
        for finding in findings
    ]


_NOT_TRANSLATED = frozenset({"changes-description-drafted"})
"""Findings about the catalog's own files: no declared step could translate them."""


def drafted_descriptions(changes: ChangeSet) -> list[Finding]:
    """A finding for each change whose description is still ``--write-suggestions``' TODO."""
    return [
        Finding(
            rule="changes-description-drafted",
            level="error",
            message=f"a drafted change of {changes.version} still has its placeholder"
            " description: write what changed, for merchants, then run check again",
            revision=SourceRef(pointer="/changes", location=change.location),
        )
        for change in changes.changes
        if change.description.startswith(DRAFTED_DESCRIPTION.split("(", 1)[0].strip())
    ]


def catalog_gates(catalog: Catalog) -> list[CoverageGate]:
    """The coverage gate of each version step of ``catalog``, oldest first.

    One message validator per version is shared by the two steps it takes part in, so each
    version's schemas compile once.

    Raises:
        ChangesError: A ``changes.yaml`` is malformed or names what does not exist.
    """
    validators = {version: MessageValidator(spec) for version, spec in catalog.specs.items()}
    return [
        CoverageGate(hop, older=validators[hop.older_id], newer=validators[hop.newer_id])
        for hop in Translator.from_catalog(catalog).hops
    ]


def _load_validated(folder: str) -> tuple[Catalog, int]:
    """The catalog, each spec validated as OpenAPI as it loads (one copy of each in memory).

    A spec that fails validation is printed as an error and loaded as it is, so the report
    still covers it (and ``check`` exits 1); one that cannot be loaded at all raises. The
    specs' warnings say what validation could not finish (the semantic checks stop after
    their time budget on huge documents), so they are shown as ``validate`` shows them.
    """
    invalid: list[SpecError] = []

    def report(error: SpecError) -> None:
        print(f"error: {error}", file=sys.stderr)
        invalid.append(error)

    catalog = load_catalog(folder, validate=True, on_invalid=report)
    # Unlisted version folders, then what validation could not finish: reported, not failing.
    warnings = [*catalog.warnings, *(w for spec in catalog.specs.values() for w in spec.warnings)]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return catalog, len(invalid)


def _print_timeline(catalog: Catalog, today: dt.date, stream: TextIO) -> None:
    print(
        f"{catalog.file}: {len(catalog.versions)} versions, header {catalog.version_header},"
        f" default {catalog.default_version} (as of {today})",
        file=stream,
    )
    for version in catalog.versions:
        spec = catalog.specs[version.id]
        dates = [f"released {version.released}"]
        if version.deprecated:
            dates.append(f"deprecated {version.deprecated}")
        if version.sunset:
            dates.append(f"sunset {version.sunset}")
        marker = " (head)" if version is catalog.head else ""
        status = version.status(today)
        count = len(spec.operations)
        print(
            f"  {version.id}{marker:7} {status:10} {count:3} operations  {', '.join(dates)}",
            file=stream,
        )


def _at(version: VersionInfo, index: int) -> SourceRef:
    return SourceRef(pointer=f"/versions/{index}", location=version.location)


def timeline_findings(base: Catalog, revision: Catalog, *, today: dt.date) -> list[Finding]:
    """Versions removed, inserted before a published one, or reordered since ``base``."""
    findings: list[Finding] = []
    kept = [version.id for version in base.versions if version.id in revision.ids]
    for index, version in enumerate(base.versions):
        if version.id not in revision.ids:
            findings.append(
                Finding(
                    rule="catalog-version-removed",
                    level="error",
                    base=_at(version, index),
                    message=f"version {version.id} was published and is no longer in the catalog",
                )
            )
    published = [version.id for version in base.versions if version.released <= today]
    for index, version in enumerate(revision.versions):
        later = [other for other in published if other > version.id and other in revision.ids]
        if version.id not in base.ids and later:
            findings.append(
                Finding(
                    rule="catalog-version-inserted",
                    level="error",
                    revision=_at(version, index),
                    message=f"new version {version.id} is inserted before the published"
                    f" version {later[0]}",
                )
            )
    now = [version_id for version_id in revision.ids if version_id in kept]
    if now != kept:
        findings.append(
            Finding(
                rule="catalog-versions-reordered",
                level="error",
                message=f"published versions {', '.join(kept)} are listed in a different order",
            )
        )
    return findings


class _Context:
    """What every comparison of one ``check`` run shares."""

    __slots__ = ("config", "fail_on", "min_level", "today")

    def __init__(self, *, config: Config, today: dt.date, fail_on: FailOn, min_level: Level):
        self.config = config
        self.today = today
        self.fail_on: FailOn = fail_on
        self.min_level: Level = min_level

    def wrap(
        self,
        findings: list[Finding],
        *,
        kind: ComparisonKind,
        base: str,
        revision: str,
        fail_on: FailOn | None = None,
        settle: Callable[[list[Finding]], list[Finding]] | None = None,
        suggest: Callable[[Finding], str] | None = None,
    ) -> tuple[Comparison, Counter[IgnoreEntry]]:
        """Apply the configuration to ``findings`` and wrap them for the report."""
        return build_comparison(
            findings,
            kind=kind,
            base=base,
            revision=revision,
            config=self.config,
            today=self.today,
            fail_on=fail_on or self.fail_on,
            min_level=self.min_level,
            settle=settle,
            suggest=suggest,
        )


def _adjacent_comparisons(
    catalog: Catalog, context: _Context, drafters: dict[str, Drafter]
) -> tuple[list[Comparison], Counter[IgnoreEntry]]:
    comparisons: list[Comparison] = []
    expired: Counter[IgnoreEntry] = Counter()
    for (older, newer), gate in zip(catalog.pairs(), catalog_gates(catalog), strict=True):
        drafters[newer.id] = drafter = Drafter(gate)
        older_spec, newer_spec = catalog.specs[older.id], catalog.specs[newer.id]
        # Deprecation windows between two published versions are judged on the day the newer
        # one was released: a pair that was fine then stays fine, instead of failing on its
        # own once a sunset date passes. Unreleased versions are judged today.
        judged_on = min(newer.released, context.today)
        findings = compare_specs(older_spec, newer_spec, config=context.config, today=judged_on)
        findings += drafted_descriptions(gate.hop.changes)
        if not catalog.folder.is_absolute():
            findings = [relative_to_working_directory(finding) for finding in findings]
        comparison, more = context.wrap(
            findings,
            kind="adjacent",
            base=older.id,
            revision=newer.id,
            settle=functools.partial(classify_coverage, gate=gate, fail_on=context.fail_on),
            suggest=drafter.suggestion,
        )
        comparisons.append(comparison)
        expired.update(more)
    return comparisons, expired


def _example_comparisons(
    catalog: Catalog, context: _Context
) -> tuple[list[Comparison], Counter[IgnoreEntry]]:
    """One comparison per version whose examples break their own schemas."""
    comparisons: list[Comparison] = []
    expired: Counter[IgnoreEntry] = Counter()
    for version in catalog.versions:
        findings = example_findings(catalog.specs[version.id])
        if not findings:
            continue
        if not catalog.folder.is_absolute():
            findings = [relative_to_working_directory(finding) for finding in findings]
        comparison, more = context.wrap(
            findings, kind="examples", base=version.id, revision=version.id, fail_on="error"
        )
        comparisons.append(comparison)
        expired.update(more)
    return comparisons, expired


def _published_comparisons(
    catalog: Catalog, ref: str, context: _Context
) -> tuple[list[Comparison], Counter[IgnoreEntry]]:
    comparisons: list[Comparison] = []
    expired: Counter[IgnoreEntry] = Counter()
    with snapshot(ref, catalog.folder, folder=True) as exported:
        try:
            base = load_catalog(exported.local(exported.path))
        except VersioningError as error:
            raise exported.relabel_error(error) from None
        moved = timeline_findings(base, catalog, today=context.today)
        timeline, more = context.wrap(
            [exported.relabel(finding) for finding in moved],
            kind="catalog",
            base=exported.display(base.file),
            revision=catalog.file,
            fail_on="error",
        )
        expired.update(more)
        if timeline.findings or timeline.hidden:
            comparisons.append(timeline)
        for version in base.versions:
            if version.id not in catalog.ids or version.released > context.today:
                continue  # removed (reported above) or not yet published: free to change
            findings = compare_specs(
                base.specs[version.id],
                catalog.specs[version.id],
                config=context.config,
                today=context.today,
            )
            if not findings:
                continue
            shown = [exported.relabel(finding) for finding in findings]
            if not catalog.folder.is_absolute():
                shown = [relative_to_working_directory(finding) for finding in shown]
            comparison, more = context.wrap(
                shown,
                kind="published",
                base=f"{version.id} at {ref}",
                revision=version.id,
                fail_on="warning",
            )
            comparisons.append(comparison)
            expired.update(more)
    return comparisons, expired


def run_check(arguments: argparse.Namespace) -> int:
    """Validate the catalog, print its timeline, compare its versions and report."""
    config = resolve_config(arguments.config)
    today = today_from(arguments)
    context = _Context(
        config=config,
        today=today,
        fail_on=effective_fail_on(arguments, config),
        min_level=arguments.min_level,
    )
    catalog, problems = _load_validated(arguments.spec_dir)
    # The timeline shares stdout only with the text report; other formats must stay parseable.
    human = arguments.format == "text" and arguments.output is None
    _print_timeline(catalog, today, sys.stdout if human else sys.stderr)
    if human:
        print()
    drafters: dict[str, Drafter] = {}
    comparisons, expired = _example_comparisons(catalog, context)
    adjacent, more = _adjacent_comparisons(catalog, context, drafters)
    comparisons += adjacent
    expired.update(more)
    if arguments.base is not None:
        published, more = _published_comparisons(catalog, arguments.base, context)
        comparisons += published
        expired.update(more)
    report = Report(comparisons=tuple(comparisons), notes=tuple(expiry_notes(expired)))
    code = write_report(report, arguments)
    if arguments.write_suggestions:
        write_suggestions(catalog, comparisons, drafters)
    return 1 if problems else code
