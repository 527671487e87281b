"""``versiongate deprecate CATALOG VERSION --sunset DATE``: announce the end of a version.

Records ``deprecated`` (``--deprecated``, else the date already recorded, else today) and
``sunset`` in ``versions.yaml`` as a text edit. The sunset must leave at least
``min-sunset-window-days`` (configuration, default 183) after the deprecation, may not move
earlier once set, and neither the head nor the default version can be given one (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from versioning.catalog_edit import deprecate_version, parse_version_date
from versioning.config import resolve_config
from versioning.errors import UsageError
from versioning.report.output import today_from

__all__ = ["register", "run_deprecate"]


def _date(text: str) -> object:
    try:
        return parse_version_date(text, what="date")
    except UsageError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``deprecate``."""
    parser = commands.add_parser(
        "deprecate",
        help="record a version's deprecation and sunset in versions.yaml",
        description="Set a version's deprecated and sunset dates in versions.yaml, keeping its"
        " comments and layout. The sunset must leave min-sunset-window-days (configuration,"
        " default 183) after the deprecation.",
    )
    parser.add_argument("catalog", metavar="CATALOG", help="catalog folder (with versions.yaml)")
    parser.add_argument("version", metavar="VERSION", help="the version to deprecate")
    parser.add_argument(
        "--sunset",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="the day the version stops answering (410 Gone from then on)",
    )
    parser.add_argument(
        "--deprecated",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day it is deprecated (default: the date already recorded, else today)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="versiongate.toml or pyproject.toml to use (default: the nearest one upward)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day taken as today (default: today in UTC)",
    )
    parser.set_defaults(run=run_deprecate)


def run_deprecate(arguments: argparse.Namespace) -> int:
    """Check the dates against the configuration, edit the file and say what was recorded."""
    config = resolve_config(arguments.config)
    done = deprecate_version(
        Path(arguments.catalog),
        arguments.version,
        sunset=arguments.sunset,
        deprecated=arguments.deprecated,
        today=today_from(arguments),
        min_window_days=config.min_sunset_window_days,
        config_file=config.file,
    )
    print(
        f"{done.catalog_file}: {done.version} deprecated {done.deprecated}, sunset"
        f" {done.sunset} ({done.window_days} days of notice; at least {done.min_window_days})",
        file=sys.stdout,
    )
    return 0
