"""``versiongate usage`` and ``versiongate impact``: read the sandbox's request log (issue 17).

::

    versiongate usage [--db FILE_OR_URL] [--catalog DIR] [--now ISO] [--since ISO]
                      [--format text|markdown|json]
    versiongate impact BASE REVISION [--db FILE_OR_URL] [--version V] [--catalog DIR]
                       [--since ISO] [--format text|markdown|json]

Registered through the ``versiongate.commands`` entry point, like ``serve``: they read the
sandbox store (the ``server`` extra), imported only when they run. Exit codes: 0 clean
(``impact``: no recorded call would break), 1 ``impact`` found merchants it would break,
2 bad input (a missing database, an unreadable spec or catalog), with a one-line message.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.errors import UsageError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from mock_server.request_log import CallCount, RequestRecord
    from mock_server.store import Store

__all__ = ["register", "run_impact", "run_usage"]

_DEFAULT_DB = "versiongate-sandbox.sqlite3"  # serve's default (mock_server.cli.DEFAULT_DB)
_FORMATS = ("text", "markdown", "json")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=_DEFAULT_DB,
        metavar="FILE_OR_URL",
        help="the sandbox's state, as given to serve: a SQLite file or a postgresql:// URL"
        f" (default: $VERSIONGATE_DB, else {_DEFAULT_DB})",
    )
    parser.add_argument(
        "--since",
        default=None,
        metavar="ISO",
        help="only calls at or after this date or instant (UTC without an offset)",
    )
    parser.add_argument("--format", choices=_FORMATS, default="text")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``usage`` and ``impact``."""
    usage = commands.add_parser(
        "usage",
        help="who still calls each version and each deprecated operation or field (request log)",
    )
    usage.add_argument(
        "--catalog",
        default="api_specs",
        help="the catalog served (versions, deprecation and sunset dates; default: api_specs)",
    )
    usage.add_argument(
        "--now",
        default=None,
        metavar="ISO",
        help="judge versions' status on this date (default: today, UTC)",
    )
    _common(usage)
    usage.set_defaults(run=run_usage)
    impact = commands.add_parser(
        "impact",
        help="which merchants' recorded calls a spec change would break (exit 1 if any)",
    )
    impact.add_argument("base", help="the OpenAPI document as it is (a path or git:REF:path)")
    impact.add_argument("revision", help="the document as proposed")
    impact.add_argument(
        "--version",
        default=None,
        help="only calls made in this API version (default: calls of every version)",
    )
    impact.add_argument(
        "--catalog",
        default=None,
        metavar="DIR",
        help="follow older versions' calls through this catalog's declared changes to its head"
        " version (for a change to the head spec); default: match operations by key",
    )
    _common(impact)
    impact.set_defaults(run=run_impact)


def _instant(text: str, option: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"{option} {text[:60]!r}: not an ISO 8601 date or date-time"
        raise UsageError(msg) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _records(arguments: argparse.Namespace) -> list[RequestRecord]:
    """Every retained record of the store ``--db`` names (since ``--since``)."""
    since = _instant(arguments.since, "--since").timestamp() if arguments.since else None
    store = _open(arguments)
    try:
        return store.list_requests(None, since=since)
    finally:
        store.close()


def _open(arguments: argparse.Namespace) -> Store:
    """The store ``--db`` names, which must exist already.

    Raises:
        UsageError: ``:memory:``, a missing file, or a file that is not a sandbox database.
    """
    import sqlite3

    from mock_server.store_factory import database_target, is_postgresql, open_store

    target = database_target(arguments.db, default=_DEFAULT_DB)
    if target is None:
        msg = "--db :memory: holds no request log: give the file or URL the server used"
        raise UsageError(msg)
    if not is_postgresql(target) and not Path(target).is_file():
        msg = f"--db {arguments.db}: no such file (give the file serve --db used)"
        raise UsageError(msg)
    try:
        return open_store(target)
    except sqlite3.DatabaseError as error:
        msg = f"--db {arguments.db}: not a sandbox database ({error})"
        raise UsageError(msg) from None


def _counts(arguments: argparse.Namespace) -> list[CallCount]:
    """Exact counts from the store; summed from the retained records with ``--since``."""
    if arguments.since:
        from mock_server.request_log import count_calls

        return count_calls(_records(arguments))
    store = _open(arguments)
    try:
        return store.call_counts(None)
    finally:
        store.close()


def _to_head(folder: str) -> Callable[[RequestRecord], str | None]:
    """Where each recorded call lands in the head version of the catalog at ``folder``."""
    from mock_server.translation import load_translator
    from versioning.catalog import load_catalog

    catalog = load_catalog(folder)
    translator = load_translator(catalog)
    head = catalog.head.id
    known = set(catalog.ids)

    def operation_of(record: RequestRecord) -> str | None:
        if record.version == head or record.version not in known:
            return record.operation
        return translator.operation_in(
            record.operation, from_version=record.version, to_version=head
        )

    return operation_of


def run_usage(arguments: argparse.Namespace) -> int:
    """Print the usage report."""
    from mock_server.usage import render_usage, usage_report
    from versioning.catalog import load_catalog

    today = (
        _instant(arguments.now, "--now").astimezone(dt.UTC).date()
        if arguments.now
        else dt.datetime.now(dt.UTC).date()
    )
    counts = _counts(arguments)
    report = usage_report(counts, load_catalog(arguments.catalog), today)
    sys.stdout.write(render_usage(report, arguments.format))
    return 0


def run_impact(arguments: argparse.Namespace) -> int:
    """Print whom the change would break; 1 when anyone."""
    from mock_server.impact import impact_report, render_impact
    from versioning.checker import compare
    from versioning.gitref import load_spec_argument

    base, relabel_base = load_spec_argument(arguments.base)
    revision, relabel_revision = load_spec_argument(arguments.revision)
    findings = [relabel_revision(relabel_base(f)) for f in compare(base, revision)]
    records = _records(arguments)
    report = impact_report(
        findings,
        records,
        base=arguments.base,
        revision=arguments.revision,
        version=arguments.version,
        operation_of=_to_head(arguments.catalog) if arguments.catalog else None,
    )
    sys.stdout.write(render_impact(report, arguments.format))
    return 1 if report.impacts else 0
