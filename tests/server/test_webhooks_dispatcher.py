"""The delivery thread alone: bounded retries with backoff, late-visible events, rendering."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest

from mock_server.served import load_served_catalog
from mock_server.sqlite_store import SqliteStore
from mock_server.store import Merchant
from mock_server.translation import load_translator
from mock_server.webhooks.dispatcher import WebhookDispatcher
from mock_server.webhooks.events import ENDPOINT_KIND, EventLog, new_endpoint
from mock_server.webhooks.render import WebhookRenderer
from tests.server.conftest import API_SPECS
from versioning.webhooks import verify_signature

CATALOG = load_served_catalog(API_SPECS)
RENDERER = WebhookRenderer(CATALOG, load_translator(CATALOG))
MERCHANT = Merchant(
    id="mer_dispatch", public_key="pk_d", secret_key="sk_d", pinned_version="2024-01-15",
    created_at="2026-03-01T12:00:00Z",
)  # fmt: skip
NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
CHECKOUT = {
    "id": "chk_" + "a" * 24, "object": "checkout", "status": "expired",
    "amount": {"value": 500, "currency": "USD"}, "merchant_reference": None,
    "shopper": {"email": "a@example.com"},
    "billing_address": {"line1": "1 Main St", "city": "Oakland", "postal_code": "94601",
                        "country": "US"},
    "items": [{"name": "Cap", "quantity": 1, "unit_price": 500}],
    "redirect_url": "https://shop.example.com/done", "checkout_url": "http://x/c",
    "created_at": "2026-03-01T11:00:00Z", "expires_at": "2026-03-01T12:00:00Z",
}  # fmt: skip


class _Recorder:
    """A ``send`` that answers with the given statuses in turn (the last one repeats)."""

    def __init__(self, *statuses: int | None) -> None:
        self.statuses = list(statuses)
        self.calls: list[tuple[str, bytes, dict[str, str]]] = []
        self.done = threading.Event()

    def __call__(
        self, url: str, body: bytes, headers: dict[str, str], timeout: float
    ) -> tuple[int | None, str | None]:
        del timeout
        self.calls.append((url, body, headers))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        self.done.set()
        return (status, None) if status is not None else (None, "ConnectionRefusedError")


def _setup(
    send: _Recorder, **options: Any
) -> tuple[SqliteStore, WebhookDispatcher, dict[str, Any]]:
    store = SqliteStore()
    dispatcher = WebhookDispatcher(store, RENDERER, send=send, **options)
    endpoint = new_endpoint(url="http://hooks.example/x", enabled_events=["*"], api_version=None, now=NOW)  # fmt: skip
    store.save_object(MERCHANT.id, endpoint["id"], ENDPOINT_KIND, endpoint)
    return store, dispatcher, endpoint


def _deliveries(store: SqliteStore, event_id: str, settled: str) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        event = store.get_object(MERCHANT.id, event_id)
        if event["deliveries"] and event["deliveries"][0]["status"] == settled:
            deliveries: list[dict[str, Any]] = event["deliveries"]
            return deliveries
        time.sleep(0.01)
    raise AssertionError(store.get_object(MERCHANT.id, event_id))


def test_dispatcher__always_failing__bounded_attempts_then_failed() -> None:
    send = _Recorder(500)
    store, dispatcher, _ = _setup(send, attempts=3, backoff=0.01)
    event = EventLog(store, dispatcher).record(MERCHANT, "checkout.expired", CHECKOUT, NOW)
    assert event is not None
    (delivery,) = _deliveries(store, event["id"], "failed")
    assert [attempt["attempt"] for attempt in delivery["attempts"]] == [1, 2, 3]
    assert len(send.calls) == 3
    dispatcher.close()


def test_dispatcher__backoff__doubles() -> None:
    send = _Recorder(None, None, 204)
    store, dispatcher, _ = _setup(send, attempts=5, backoff=0.1)
    started = time.monotonic()
    event = EventLog(store, dispatcher).record(MERCHANT, "checkout.expired", CHECKOUT, NOW)
    assert event is not None
    (delivery,) = _deliveries(store, event["id"], "succeeded")
    assert time.monotonic() - started >= 0.3  # 0.1 s, then 0.2 s
    assert [attempt["error"] is not None for attempt in delivery["attempts"]] == [True, True, False]
    dispatcher.close()


def test_dispatcher__event_visible_late__still_delivered_signed_in_the_pinned_version() -> None:
    send = _Recorder(200)
    store, dispatcher, endpoint = _setup(send)
    event: dict[str, Any] = {
        "id": "evt_" + "l" * 24, "object": "event", "type": "checkout.expired",
        "created_at": "2026-03-01T12:00:00Z", "data": {"object": CHECKOUT}, "deliveries": [],
    }  # fmt: skip
    dispatcher.notify(MERCHANT, event["id"])  # before ``store`` shows it
    time.sleep(0.08)
    store.save_object(MERCHANT.id, event["id"], "event", event)
    assert send.done.wait(5)
    _, body, headers = send.calls[0]
    verify_signature(body, headers["versiongate-signature"], endpoint["secret"])
    assert b'"amount":500,"currency":"USD"' in body  # 2024-01-15, the pinned version
    dispatcher.close()


@pytest.mark.parametrize("enabled", [["transaction.captured"], ["*"]])
def test_event_log__only_wanted_events__recorded_and_sent(enabled: list[str]) -> None:
    told: list[str] = []

    class Notifier:
        def notify(self, merchant: Merchant, event_id: str) -> None:
            told.append(event_id)

    store = SqliteStore()
    endpoint = new_endpoint(url="http://hooks.example/x", enabled_events=enabled, api_version=None, now=NOW)  # fmt: skip
    store.save_object(MERCHANT.id, endpoint["id"], ENDPOINT_KIND, endpoint)
    recorded = EventLog(store, Notifier()).record(MERCHANT, "checkout.expired", CHECKOUT, NOW)
    assert len(told) == (enabled == ["*"])
    assert (recorded is not None) == (enabled == ["*"])  # unwanted events are not recorded
