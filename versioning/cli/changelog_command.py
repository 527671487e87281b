"""``versiongate changelog BASE REVISION``: every change, info included, as Markdown for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.cli.diff_command import compare_specs
from versioning.config import resolve_config
from versioning.gitref import load_spec_argument
from versioning.report.changelog_format import render_changelog
from versioning.report.output import parse_date, today_from, write_text
from versioning.report.policy import apply_policy

if TYPE_CHECKING:
    import argparse

__all__ = ["register", "run_changelog"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``changelog``."""
    parser = commands.add_parser(
        "changelog",
        help="write every change between two OpenAPI documents as a Markdown changelog",
        description="Every change between two documents (files or git:REF:path), info"
        " included, grouped by operation with breaking changes first.",
    )
    parser.add_argument("base", help="the older document: a file or git:REF:path")
    parser.add_argument("revision", help="the newer document: a file or git:REF:path")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE")
    parser.add_argument("--config", metavar="FILE", help="configuration file (levels, ignores)")
    parser.add_argument(
        "--today", type=parse_date, default=None, metavar="YYYY-MM-DD",
        help="evaluate dates (sunsets, ignore expiry) as of this day",
    )  # fmt: skip
    parser.set_defaults(run=run_changelog)


def run_changelog(arguments: argparse.Namespace) -> int:
    """Compare, apply level overrides and ignores, and write the changelog (exit 0)."""
    config = resolve_config(arguments.config)
    today = today_from(arguments)
    base, relabel_base = load_spec_argument(arguments.base)
    revision, relabel_revision = load_spec_argument(arguments.revision)
    findings = compare_specs(base, revision, config=config, today=today)
    relabelled = [relabel_revision(relabel_base(finding)) for finding in findings]
    applied, _ = apply_policy(relabelled, config, today=today)
    text = render_changelog(tuple(applied), base=arguments.base, revision=arguments.revision)
    write_text(text, arguments.output)
    return 0
