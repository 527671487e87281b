"""PostgreSQL only: a cut listener or dead pooled connections never make a request wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.store import InjectedFailure
from tests.store_contract.conftest import wait_until

if TYPE_CHECKING:
    from tests.pg_cluster import PgCluster


def test_listener_cut__no_stale_cache__reconnects_and_injects(
    pg_url: str, merchant_id: str
) -> None:
    import psycopg

    from mock_server.postgres import PostgresStore
    from mock_server.postgres.notices import CHANNEL

    store = PostgresStore(pg_url)
    other = PostgresStore(pg_url)
    try:
        assert store.take_failure(merchant_id, "POST /x") is None  # cached: none armed
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE query LIKE %s AND pid <> pg_backend_pid()",
                (f"LISTEN {CHANNEL}%",),
            )
        # Armed meanwhile by another instance, whose notice the cut listeners may miss.
        other.save_failure(merchant_id, InjectedFailure(status=503, latency_ms=0, remaining=1))
        assert wait_until(lambda: store.take_failure(merchant_id, "POST /x") is not None)
        assert store.take_failure(merchant_id, "POST /x") is None
    finally:
        store.close()
        other.close()


def test_idle_connections_killed__next_read_and_transaction_still_work(
    pg_cluster: PgCluster, merchant_id: str
) -> None:
    """A server restart (or a proxy's idle timeout) leaves dead connections in the pool."""
    import psycopg

    from mock_server.postgres import PostgresStore

    pg_url = pg_cluster.create_database("dead_connections")
    store = PostgresStore(pg_url)
    try:
        store.save_object(merchant_id, "o1", "thing", {"id": "o1"})
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert store.get_object(merchant_id, "o1") == {"id": "o1"}
        with store.atomic():
            store.save_object(merchant_id, "o2", "thing", {"id": "o2"})
        assert store.get_object(merchant_id, "o2") == {"id": "o2"}
    finally:
        store.close()
