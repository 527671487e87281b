"""PostgreSQL only: migrations are versioned, idempotent and safe when instances start at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest

from versioning.errors import UsageError

if TYPE_CHECKING:
    from tests.pg_cluster import PgCluster


def test_instances_starting_at_once__schema_migrated_once(pg_cluster: PgCluster) -> None:
    import psycopg

    from mock_server.postgres import PostgresStore
    from mock_server.postgres.schema import MIGRATIONS

    url = pg_cluster.create_database("schema_race")
    barrier = threading.Barrier(6)

    def start(_: int) -> PostgresStore:
        barrier.wait()
        return PostgresStore(url)

    with ThreadPoolExecutor(6) as pool:
        stores = list(pool.map(start, range(6)))
    stores.append(PostgresStore(url))  # and once more, later: nothing to do
    for store in stores:
        store.close()

    with psycopg.connect(url) as connection:
        versions = connection.execute("SELECT version FROM versiongate_schema").fetchall()
    assert [row[0] for row in versions] == list(range(1, len(MIGRATIONS) + 1))


def test_schema_newer_than_known__refused_with_a_clear_error(pg_cluster: PgCluster) -> None:
    import psycopg

    from mock_server.postgres import PostgresStore

    url = pg_cluster.create_database("schema_newer")
    PostgresStore(url).close()
    with psycopg.connect(url) as connection:
        connection.execute("INSERT INTO versiongate_schema (version) VALUES (999)")

    with pytest.raises(UsageError, match="schema is at version 999, newer than"):
        PostgresStore(url)
