"""Test clocks and webhooks over the PostgreSQL store (issue 18's): nothing assumes SQLite.

The delivery thread reads events through its own pooled connection, so it may look before
the recording transaction commits; it looks again (``mock_server/webhooks/dispatcher.py``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.store_factory import open_store
from tests.pg_cluster import in_ci, running_cluster, unavailable_reason
from tests.server.conftest import API_SPECS, basic, head_checkout
from tests.server.live import ADMIN, ADMIN_KEY
from tests.server.test_webhooks_support import Receiver
from versioning.webhooks import verify_signature

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    reason = unavailable_reason()
    if reason is not None and not in_ci():
        pytest.skip(reason)
    with running_cluster() as cluster:
        yield cluster.create_database("webhooks")


def test_postgres__clock_advance__expiry_delivered_signed_in_the_pinned_version(
    database_url: str,
) -> None:
    store = open_store(database_url)
    receiver = Receiver()
    try:
        app = create_app(
            API_SPECS, admin_key=ADMIN_KEY, store=store, clock=fixed_clock("2026-03-01T12:00:00Z")
        )
        with TestClient(app) as client:
            created = client.post(
                "/sandbox/merchants", json={"pinned_version": "2024-01-15"}, headers=ADMIN
            )
            auth = basic(created.json()["public_key"], created.json()["secret_key"])
            endpoint = client.post(
                "/sandbox/webhook_endpoints", json={"url": receiver.url + "/pg"}, headers=auth
            ).json()
            headers = {**auth, "API-Version": "2026-02-01", "Idempotency-Key": "pg-1"}
            checkout = client.post("/checkouts", json=head_checkout(), headers=headers).json()
            advanced = client.post("/sandbox/clock", json={"by": "PT2H"}, headers=auth).json()
            assert advanced["expired"] == [{"type": "checkout.expired", "id": checkout["id"]}]
            got = receiver.wait_for("/pg", lambda items: len(items) == 2)
            for received in got:
                header = received.headers["versiongate-signature"]
                verify_signature(received.body, header, endpoint["secret"])
                assert received.json()["data"]["object"]["amount"] == 129900  # 2024-01-15
            assert [item.json()["type"] for item in got] == ["checkout.created", "checkout.expired"]
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                events = client.get("/sandbox/events", headers=auth).json()["data"]
                if all(
                    e["deliveries"] and e["deliveries"][0]["status"] == "succeeded" for e in events
                ):
                    break
                time.sleep(0.05)
            assert [e["deliveries"][0]["status"] for e in events] == ["succeeded", "succeeded"]
    finally:
        receiver.close()
        store.close()
