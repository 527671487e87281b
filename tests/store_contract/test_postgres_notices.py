"""PostgreSQL only: the failure-notice listener is never wrong, even while disconnected."""

from __future__ import annotations

from mock_server.store import InjectedFailure
from tests.store_contract.conftest import wait_until


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
