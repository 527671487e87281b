"""Two ``versiongate serve`` instances on different ports, one PostgreSQL (issue 18).

Both start at once (migrations and the demo merchant are seeded once between them);
concurrent retries with the same Idempotency-Keys, spread over both, act once per key; an
instance killed with SIGKILL under load loses none of the writes it acknowledged.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx

from tests.server.conftest import API_SPECS, DEMO, HEAD, head_checkout
from tests.server.live import LiveServer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.pg_cluster import PgCluster

import pytest

KEYS = 6
RETRIES = 4


@pytest.fixture(scope="module")
def database(pg_cluster: PgCluster) -> str:
    return pg_cluster.create_database("two_instances")


@pytest.fixture(scope="module")
def servers(database: str) -> Iterator[list[LiveServer]]:
    url = database
    with ThreadPoolExecutor(2) as pool:
        started = list(
            pool.map(lambda _: LiveServer(API_SPECS, db=None, extra=("--db", url)), range(2))
        )
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def _post(url: str, key: str | None) -> httpx.Response:
    headers = {**DEMO, "API-Version": HEAD, "Idempotency-Key": key or os.urandom(8).hex()}
    return httpx.post(f"{url}/checkouts", json=head_checkout(1000), headers=headers, timeout=30)


def _checkouts(database: str) -> int:
    """How many checkouts the demo merchant has, read from the database itself."""
    from mock_server.postgres import PostgresStore

    store = PostgresStore(database)
    try:
        merchant = store.merchant_by_public_key("pk_test_demo")
        assert merchant is not None
        return store.count_objects(merchant.id, "checkout")
    finally:
        store.close()


def _found(url: str, checkout_id: str) -> bool:
    headers = {**DEMO, "API-Version": HEAD}
    return (
        httpx.get(f"{url}/checkouts/{checkout_id}", headers=headers, timeout=30).status_code == 200
    )


def test_same_keys_over_two_instances__one_effect_per_key(
    servers: list[LiveServer], database: str
) -> None:
    before = _checkouts(database)
    start = threading.Barrier(KEYS * RETRIES)

    def send(number: int) -> tuple[str, httpx.Response]:
        key = f"two-instances-{number % KEYS}"
        start.wait()
        return key, _post(servers[number % 2].url, key)

    with ThreadPoolExecutor(KEYS * RETRIES) as pool:
        answers = list(pool.map(send, range(KEYS * RETRIES)))

    by_key: dict[str, set[str]] = {}
    for key, response in answers:
        assert response.status_code == 201, response.text
        by_key.setdefault(key, set()).add(response.json()["id"])
    assert all(len(ids) == 1 for ids in by_key.values()), by_key
    assert _checkouts(database) - before == KEYS
    assert all(_found(servers[1].url, next(iter(ids))) for ids in by_key.values())


def test_kill_9_under_load__every_acknowledged_write_kept(
    servers: list[LiveServer], database: str
) -> None:
    survivor = servers[0]
    victim = LiveServer(API_SPECS, db=None, extra=("--db", database))  # a third, to kill
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            try:
                response = _post(victim.url, None)
            except httpx.TransportError:
                return
            if response.status_code == 201:
                with lock:
                    acknowledged.append(response.json()["id"])

    workers = [threading.Thread(target=load) for _ in range(4)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(victim.process.pid, signal.SIGKILL)
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    victim.stop()

    assert len(acknowledged) >= 20
    assert all(_found(survivor.url, checkout_id) for checkout_id in acknowledged)
