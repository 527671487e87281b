"""Which store ``--db`` (or ``VERSIONGATE_DB``) names, and opening it.

- a path: the SQLite store in that file (the default; several workers of one machine);
- ``:memory:``: SQLite in memory (one worker, nothing kept);
- ``postgresql://…`` (or ``postgres://…``): the PostgreSQL store, for many instances on
  many machines sharing one state (issue 18; see docs/postgresql.md).

Any other URL is refused with one line (exit 2), never taken as a path. A URL may hold a
password, so messages and the banner show it without one (:func:`describe_target`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mock_server.sqlite_store import DEFAULT_IDEMPOTENCY_RETENTION
from versioning.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mock_server.store import Store

__all__ = [
    "DB_VARIABLE",
    "POOL_VARIABLE",
    "POSTGRESQL_SCHEMES",
    "database_target",
    "describe_target",
    "is_postgresql",
    "open_store",
]

DB_VARIABLE = "VERSIONGATE_DB"
"""The environment variable naming the database when ``--db`` is left at its default."""
POOL_VARIABLE = "VERSIONGATE_DB_POOL_SIZE"
"""At most this many PostgreSQL connections per worker process (default 16)."""
POSTGRESQL_SCHEMES = ("postgresql", "postgres")
"""The URL schemes libpq accepts, so the ones we do."""

_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):(//)?")
"""A URL's scheme (two letters at least, so a Windows drive ``C:\\`` is a path)."""


def database_target(
    value: str, *, default: str | None = None, environment: Mapping[str, str] | None = None
) -> str | None:
    """What to open: a SQLite file (absolute), a PostgreSQL URL, or ``None`` for ``:memory:``.

    ``value`` is ``--db``; when it is ``default`` (not given), ``$VERSIONGATE_DB`` wins if set.

    Raises:
        UsageError: A URL of an unsupported scheme (``sqlite:///…``, ``mysql://…``); the URL
            itself is not repeated, since it may hold a password.
    """
    if default is not None and value == default:
        found = (os.environ if environment is None else environment).get(DB_VARIABLE, "")
        value = found.strip() or value
    if value == ":memory:":
        return None
    matched = _URL.match(value)
    if matched is None:
        return str(Path(value).resolve())
    scheme = matched["scheme"]
    if scheme.lower() in POSTGRESQL_SCHEMES:
        return value
    raise UsageError(
        f"--db {scheme}:… is a database URL of a kind versiongate does not support: give"
        " postgresql://user:password@host:5432/database, a SQLite file path, or ':memory:'"
    )


def is_postgresql(target: str | None) -> bool:
    """Whether ``target`` (from :func:`database_target`) is a PostgreSQL URL."""
    matched = _URL.match(target or "")
    return matched is not None and matched["scheme"].lower() in POSTGRESQL_SCHEMES


def describe_target(target: str | None) -> str:
    """``target`` for people (the banner, errors): a URL without its password."""
    if target is None:
        return "in memory (lost on exit)"
    if not is_postgresql(target):
        return f"SQLite {target}"
    parts = urlsplit(target)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a port that is not a number
        port = ":?"
    user = f"{parts.username}@" if parts.username else ""
    return f"PostgreSQL {user}{parts.hostname or 'localhost'}{port}{parts.path or '/'}"


def open_store(
    target: str | None, *, idempotency_retention: float = DEFAULT_IDEMPOTENCY_RETENTION
) -> Store:
    """Open the store ``target`` names (SQLite unless it is a PostgreSQL URL).

    Raises:
        UsageError: PostgreSQL cannot be reached, or its schema is newer than we know.
    """
    if not is_postgresql(target):
        from mock_server.sqlite_store import SqliteStore

        return SqliteStore(target, idempotency_retention=idempotency_retention)
    assert target is not None
    import psycopg
    from psycopg_pool import PoolTimeout

    from mock_server.postgres import PostgresStore
    from mock_server.postgres.store import DEFAULT_MAX_CONNECTIONS

    size = os.environ.get(POOL_VARIABLE, "").strip() or str(DEFAULT_MAX_CONNECTIONS)
    if not size.isdigit() or int(size) < 1:
        raise UsageError(
            f"{POOL_VARIABLE}={size!r} is not a whole number of connections (1 or more)"
        )
    try:
        return PostgresStore(
            target, idempotency_retention=idempotency_retention, max_connections=int(size)
        )
    except (psycopg.Error, PoolTimeout) as error:
        lines = str(error).strip().splitlines()
        reason = lines[0] if lines else type(error).__name__
        raise UsageError(f"cannot open {describe_target(target)}: {reason}") from None
