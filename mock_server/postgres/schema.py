"""Versioned schema migrations of the PostgreSQL store, applied when a store opens.

Each migration is a numbered list of statements; ``versiongate_schema`` records which ran.
Every store runs :func:`migrate` on start: one transaction that first takes a
transaction-scoped advisory lock, so when several instances start at once one migrates and
the others wait, then find nothing left to do. DDL is transactional in PostgreSQL, so a
migration that fails leaves the schema as it was. A migration, once released, is never
edited: a change is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.errors import UsageError

if TYPE_CHECKING:
    import psycopg

__all__ = ["MIGRATIONS", "MIGRATION_LOCK", "migrate"]

MIGRATION_LOCK = 0x76_67_73_63_68_65_6D_61  # "vgschema": one advisory lock key, any database
"""The advisory lock key that serialises migrations across instances."""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the SQLite store's tables. Documents and responses are msgspec JSON in bytea: the
    # bytes come back as they went in (jsonb would reorder keys) and nothing parses them.
    (
        "CREATE TABLE merchants (id text PRIMARY KEY, public_key text NOT NULL UNIQUE,"
        " secret_key text NOT NULL, pinned_version text NOT NULL, created_at text NOT NULL)",
        "CREATE TABLE objects (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        " merchant_id text NOT NULL, id text NOT NULL, kind text NOT NULL,"
        " document bytea NOT NULL, UNIQUE (merchant_id, id))",
        "CREATE INDEX objects_by_kind ON objects (merchant_id, kind, seq)",
        # The primary key is what makes concurrent retries of one key, on any instance,
        # record exactly one response: the second insert waits for the first transaction
        # and then does nothing.
        "CREATE TABLE idempotency (merchant_id text NOT NULL, key text NOT NULL,"
        " response bytea NOT NULL, created_at double precision NOT NULL,"
        " PRIMARY KEY (merchant_id, key))",
        "CREATE INDEX idempotency_by_age ON idempotency (created_at)",
        "CREATE TABLE failures (merchant_id text PRIMARY KEY, failure bytea NOT NULL)",
    ),
    # 2: the request log (issue 17): one row per merchant per written batch, its records a
    # msgpack array (see mock_server.request_log_sql); trimmed per merchant, oldest first.
    (
        "CREATE TABLE request_log_chunks (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        " merchant_id text NOT NULL, last_at double precision NOT NULL, count integer NOT NULL,"
        " records bytea NOT NULL)",
        "CREATE INDEX request_log_chunks_by_merchant ON request_log_chunks (merchant_id, seq)",
    ),
    # 3: exact call counts per merchant, version, operation and deprecated field (issue 17),
    # kept apart from the trimmed records so usage counts stay exact.
    (
        "CREATE TABLE request_counts (merchant_id text NOT NULL, version text NOT NULL,"
        " operation text NOT NULL, field text NOT NULL, deprecated boolean NOT NULL,"
        " calls bigint NOT NULL, last_at double precision NOT NULL,"
        " PRIMARY KEY (merchant_id, version, operation, field))",
    ),
)
"""Migration ``n`` is ``MIGRATIONS[n - 1]``."""


def migrate(connection: psycopg.Connection[tuple[Any, ...]]) -> int:
    """Bring the schema to the newest version; the version it is at afterwards.

    ``connection`` must be in autocommit mode (the migration is its own transaction).

    Raises:
        UsageError: The database was migrated by a newer versiongate.
    """
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS versiongate_schema (version integer PRIMARY KEY,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        row = connection.execute("SELECT max(version) FROM versiongate_schema").fetchone()
        current = int(row[0]) if row is not None and row[0] is not None else 0
        if current > len(MIGRATIONS):
            raise UsageError(
                f"the database's sandbox schema is at version {current}, newer than this"
                f" versiongate knows ({len(MIGRATIONS)}): upgrade versiongate"
            )
        for version in range(current + 1, len(MIGRATIONS) + 1):
            for statement in MIGRATIONS[version - 1]:
                connection.execute(statement.encode())
            connection.execute("INSERT INTO versiongate_schema (version) VALUES (%s)", (version,))
    return len(MIGRATIONS)
