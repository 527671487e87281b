"""``versiongate diff BASE REVISION``: the changes between two documents, as a report.

Each side is a file or ``git:REF:path``. Exit 0 when nothing blocks, 1 when a finding at or
above ``--fail-on`` is neither ignored nor covered, 2 for bad input.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from versioning.checker import DEFAULT_MIN_SUNSET_DAYS, CheckOptions, compare
from versioning.config import resolve_config
from versioning.gitref import load_spec_argument
from versioning.report.model import Report
from versioning.report.output import (
    add_report_arguments,
    effective_fail_on,
    today_from,
    write_report,
)
from versioning.report.policy import build_comparison, expiry_notes
from versioning.spec.source import printable_name

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from versioning.config import Config
    from versioning.findings import Finding
    from versioning.spec.bundle import MissingRefs
    from versioning.spec.model import Spec

__all__ = ["compare_specs", "print_load_warnings", "register", "run_diff"]


def compare_specs(base: Spec, revision: Spec, *, config: Config, today: dt.date) -> list[Finding]:
    """Every finding between two specs, with the configured deprecation windows."""
    options = CheckOptions(
        today=today, min_sunset_days={**DEFAULT_MIN_SUNSET_DAYS, **config.min_sunset_days}
    )
    return compare(base, revision, options=options)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``diff``."""
    parser = commands.add_parser(
        "diff",
        help="report the breaking changes between two OpenAPI documents",
        description="Compare two OpenAPI documents (files or git:REF:path) and report changes.",
    )
    parser.add_argument("base", help="the older document: a file or git:REF:path")
    parser.add_argument("revision", help="the newer document: a file or git:REF:path")
    parser.add_argument(
        "--lenient-refs", action="store_true", help="warn about $refs to nothing instead of failing"
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what oasdiff reads: null OpenAPI fields as absent and $refs to nothing as"
        " unconstrained, each with a warning (implies --lenient-refs)",
    )
    add_report_arguments(parser)
    parser.set_defaults(run=run_diff)


def print_load_warnings(*specs: Spec) -> None:
    """What loading tolerated (``--lenient``, ``--lenient-refs``), located, on stderr."""
    for spec in specs:
        for warning in spec.warnings:
            print(f"warning: {warning}", file=sys.stderr)


def run_diff(arguments: argparse.Namespace) -> int:
    """Load both sides, compare, apply the configuration and write the report."""
    config = resolve_config(arguments.config)
    today = today_from(arguments)
    missing_refs: MissingRefs = "warn" if arguments.lenient_refs else "error"
    lenient: bool = arguments.lenient
    base, relabel_base = load_spec_argument(
        arguments.base, missing_refs=missing_refs, lenient=lenient
    )
    revision, relabel_revision = load_spec_argument(
        arguments.revision, missing_refs=missing_refs, lenient=lenient
    )
    print_load_warnings(base, revision)
    findings = [
        relabel_revision(relabel_base(finding))
        for finding in compare_specs(base, revision, config=config, today=today)
    ]
    comparison, expired = build_comparison(
        findings,
        kind="diff",
        base=printable_name(arguments.base),
        revision=printable_name(arguments.revision),
        config=config,
        today=today,
        fail_on=effective_fail_on(arguments, config),
        min_level=arguments.min_level,
    )
    report = Report(comparisons=(comparison,), notes=tuple(expiry_notes(expired)))
    return write_report(report, arguments)
