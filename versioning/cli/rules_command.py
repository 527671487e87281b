"""``versiongate rules``: the rule catalog, rendered from the rules' own docs."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING

from versioning.errors import UsageError
from versioning.report.output import write_text
from versioning.report.rule_index import known_rules
from versioning.report.rules_format import RULES_FORMATS, render_rules

if TYPE_CHECKING:
    import argparse

__all__ = ["register", "run_rules"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``rules``."""
    parser = commands.add_parser(
        "rules",
        help="list the compatibility rules with their levels and docs",
        description="List every rule id (what to configure levels and ignores by), with docs.",
    )
    parser.add_argument(
        "patterns",
        nargs="*",
        metavar="PATTERN",
        help="only rules whose id matches one of these globs (e.g. 'request-parameter-*')",
    )
    parser.add_argument("--format", "-f", choices=RULES_FORMATS, default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE")
    parser.set_defaults(run=run_rules)


def run_rules(arguments: argparse.Namespace) -> int:
    """Print the catalog (or the rules matching the patterns)."""
    rules = known_rules()
    if arguments.patterns:
        rules = [
            info
            for info in rules
            if any(fnmatch.fnmatchcase(info.id, pattern) for pattern in arguments.patterns)
        ]
        if not rules:
            raise UsageError(f"no rule matches {' or '.join(map(repr, arguments.patterns))}")
    write_text(render_rules(rules, arguments.format), arguments.output)
    return 0
