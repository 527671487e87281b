"""Issue 16 end to end over real HTTP: ``versiongate serve`` in a subprocess, a local receiver.

Two merchants pinned to different versions register webhook endpoints; advancing their test
clocks expires their checkouts; each receives ``checkout.expired`` in its own version's shape
with a valid signature, and the receiver that fails once gets the retry.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.server import dialects
from tests.server.conftest import API_SPECS, basic
from tests.server.live import ADMIN, LiveServer
from tests.server.test_webhooks_support import Receiver
from versioning.webhooks import verify_signature

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

EARLY = "2026-03-01T12:00:00Z"
"""The server's fixed time: 2023-03-01 is still served (its sunset is 2026-09-30)."""
OLD, HEAD = "2023-03-01", "2026-02-01"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    database: Path = tmp_path_factory.mktemp("webhooks") / "sandbox.sqlite3"
    live = LiveServer(API_SPECS, db=database, extra=["--now", EARLY, "--strict"])
    yield live
    live.stop()


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    listening = Receiver()
    yield listening
    listening.close()


def _merchant(http: httpx.Client, version: str) -> dict[str, str]:
    created = http.post("/sandbox/merchants", json={"pinned_version": version}, headers=ADMIN)
    assert created.status_code == 201, created.text
    return basic(created.json()["public_key"], created.json()["secret_key"])


def _subscribe(http: httpx.Client, auth: dict[str, str], url: str) -> str:
    body = {"url": url, "enabled_events": ["checkout.expired"]}
    created = http.post("/sandbox/webhook_endpoints", json=body, headers=auth)
    assert created.status_code == 201, created.text
    secret: str = created.json()["secret"]
    return secret


def _checkout(http: httpx.Client, auth: dict[str, str], version: str) -> dict[str, Any]:
    headers = {**auth, "Idempotency-Key": f"e2e-{version}"}
    created = http.post("/checkouts", json=dialects.checkout_body(version), headers=headers)
    assert created.status_code == 201, created.text
    checkout: dict[str, Any] = created.json()
    return checkout


def _expiry_delivery(http: httpx.Client, auth: dict[str, str]) -> dict[str, Any]:
    """The expiry event's delivery, once settled (the attempt is logged after it is sent)."""
    deadline = time.monotonic() + 10
    while True:
        events = http.get("/sandbox/events", headers=auth).json()["data"]
        expired = next(event for event in events if event["type"] == "checkout.expired")
        (delivery,) = expired["deliveries"] or [{"status": "pending"}]
        if delivery["status"] != "pending" or time.monotonic() > deadline:
            return dict(delivery)
        time.sleep(0.05)


def test_clock_advance__each_merchant_gets_its_expiry__in_its_version_signed_retried(
    server: LiveServer, receiver: Receiver
) -> None:
    started = time.monotonic()
    receiver.fail_first["/old"] = 1
    with httpx.Client(base_url=server.url, timeout=10) as http:
        old, head = _merchant(http, OLD), _merchant(http, HEAD)
        secrets = {
            "/old": _subscribe(http, old, receiver.url + "/old"),
            "/head": _subscribe(http, head, receiver.url + "/head"),
        }
        checkouts = {"/old": _checkout(http, old, OLD), "/head": _checkout(http, head, HEAD)}
        for auth in (old, head):
            advanced = http.post("/sandbox/clock", json={"by": "PT2H"}, headers=auth)
            assert advanced.status_code == 200, advanced.text
            assert [item["type"] for item in advanced.json()["expired"]] == ["checkout.expired"]

        got_old = receiver.wait_for("/old", lambda items: len(items) == 2, timeout=15)
        (got_head,) = receiver.wait_for("/head", lambda items: len(items) == 1, timeout=15)

        for path, received in (("/old", got_old[-1]), ("/head", got_head)):
            header = received.headers["versiongate-signature"]
            verify_signature(received.body, header, secrets[path], 300)
            payload = received.json()
            assert payload["type"] == "checkout.expired"
            expired = payload["data"]["object"]
            assert expired["id"] == checkouts[path]["id"]
            assert expired["status"] == "expired"
            # the object exactly as the merchant's version shows it, but expired
            assert expired == {**checkouts[path], "status": "expired"}

        old_object = got_old[-1].json()["data"]["object"]
        assert got_old[-1].json()["api_version"] == OLD
        assert "order_id" in old_object
        assert "zipcode" in old_object["billing_address"]
        assert isinstance(old_object["amount"], int)
        head_object = got_head.json()["data"]["object"]
        assert got_head.json()["api_version"] == HEAD
        assert "merchant_reference" in head_object
        assert head_object["amount"]["currency"] == "USD"
        assert got_old[0].body == got_old[1].body  # the retry sends the same event

        delivery = _expiry_delivery(http, old)
        assert [a["status_code"] for a in delivery["attempts"]] == [500, 204]
        assert delivery["status"] == "succeeded"
    assert time.monotonic() - started < 30
