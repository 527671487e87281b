"""The command-line face of reports: the shared options and where the text goes.

``diff`` and ``check`` take the same report options, declared once here: ``--format``,
``--output``, ``--summary-file``, ``--color``, ``--fail-on``, ``--min-level``,
``--group-by``, ``--verbose``, ``--config`` and ``--today``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from versioning.errors import UsageError
from versioning.findings import Level
from versioning.report.color import ColorMode, use_color
from versioning.report.markdown_format import render_markdown
from versioning.report.model import FailOn
from versioning.report.render import FORMATS, render
from versioning.report.rollup import GROUP_BY

if TYPE_CHECKING:
    from versioning.config import Config
    from versioning.report.model import Report
    from versioning.report.rollup import GroupBy

__all__ = [
    "add_report_arguments",
    "effective_fail_on",
    "parse_date",
    "today_from",
    "write_report",
    "write_text",
]


def parse_date(text: str) -> dt.date:
    """``--today``-style argument: an ISO date, or a usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a date in YYYY-MM-DD form"
        raise argparse.ArgumentTypeError(msg) from None


def today_from(arguments: argparse.Namespace) -> dt.date:
    """``--today`` if given, else today's date in UTC (the clock is injected in tests)."""
    today: dt.date | None = getattr(arguments, "today", None)
    return today or dt.datetime.now(tz=dt.UTC).date()


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options every reporting command shares."""
    group = parser.add_argument_group("report")
    group.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="text (default), json, markdown, junit, github (Actions annotations) or sarif",
    )
    group.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    group.add_argument(
        "--summary-file",
        metavar="FILE",
        help="also append the Markdown report to FILE (for example $GITHUB_STEP_SUMMARY)",
    )
    group.add_argument(
        "--color",
        choices=get_args(ColorMode),
        default="auto",
        help="colour the text report: auto (a terminal without NO_COLOR), always or never",
    )
    group.add_argument(
        "--fail-on",
        choices=get_args(FailOn),
        default=None,
        help="lowest level that fails the build (default: the configuration's, else error)",
    )
    group.add_argument(
        "--min-level",
        choices=get_args(Level),
        default="warning",
        help="lowest level shown (default warning; blocking findings are always shown)",
    )
    group.add_argument(
        "--group-by",
        choices=GROUP_BY,
        default="change",
        help="change (default): each change once, with the operations it affects;"
        " operation: every finding under its operation",
    )
    group.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="name every affected operation and list covered and acknowledged changes in"
        " full (text and markdown)",
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        help="versiongate.toml or pyproject.toml to use (default: the nearest one upward)",
    )
    group.add_argument(
        "--today",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate dates (sunsets, ignore expiry) as of this day",
    )


def effective_fail_on(arguments: argparse.Namespace, config: Config) -> FailOn:
    """``--fail-on`` wins over the configuration file."""
    fail_on: FailOn = arguments.fail_on or config.fail_on
    return fail_on


def write_text(text: str, output: str | None, *, append: bool = False) -> None:
    """Write to ``output`` (a file) or to standard output.

    Raises:
        UsageError: The file cannot be written.
    """
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with Path(output).open("a" if append else "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None


def write_report(report: Report, arguments: argparse.Namespace) -> int:
    """Render ``report`` as asked on the command line; returns its exit code (0 or 1).

    Colour goes only to a terminal (``--color auto``) or where ``--color always`` asks.
    """
    if arguments.output is None:
        color = use_color(arguments.color, sys.stdout)
    else:
        color = arguments.color == "always"
    group_by: GroupBy = getattr(arguments, "group_by", "change")
    verbose = bool(getattr(arguments, "verbose", False))
    text = render(report, arguments.format, color=color, group_by=group_by, verbose=verbose)
    write_text(text, arguments.output)
    if arguments.summary_file:
        summary = render_markdown(report, group_by=group_by, verbose=verbose)
        write_text(summary, arguments.summary_file, append=True)
    return report.exit_code
