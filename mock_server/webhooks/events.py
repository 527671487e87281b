"""Events and webhook endpoints, kept as sandbox objects of their merchant.

Every state change of a checkout or transaction records an event (kind ``event``) holding
the object as head shows it, in the same store transaction as the change: a change rolled
back (an idempotent retry's) leaves no event. The dispatcher is told after that; it reads
the event back, so an event that never committed is never sent.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Protocol

from mock_server.sandbox.domain import new_id, timestamp

if TYPE_CHECKING:
    import datetime as dt

    from mock_server.store import Merchant, Store

__all__ = [
    "ENDPOINT_KIND",
    "EVENT_KIND",
    "EVENT_TYPES",
    "MOST_ENDPOINTS",
    "EventLog",
    "Notifier",
    "endpoint_view",
    "new_endpoint",
    "wants",
]

EVENT_KIND = "event"
ENDPOINT_KIND = "webhook_endpoint"
MOST_ENDPOINTS = 16
"""Endpoints a merchant may register."""
EVENT_TYPES = (
    "checkout.created",
    "checkout.approved",
    "checkout.declined",
    "checkout.completed",
    "checkout.expired",
    "transaction.authorized",
    "transaction.captured",
    "transaction.voided",
    "transaction.refunded",
)
"""Every event type, as each version's ``webhooks:`` declare them."""


class Notifier(Protocol):
    """What is told about a new event (the dispatcher)."""

    def notify(self, merchant: Merchant, event_id: str) -> None:
        """``event_id`` of ``merchant`` was recorded (it may yet be rolled back)."""
        ...


class EventLog:
    """Records events in ``store`` and tells ``notifier`` about each."""

    def __init__(self, store: Store, notifier: Notifier | None = None) -> None:
        """Record into ``store``; ``notifier`` (the dispatcher) is told of every event."""
        self.store = store
        self.notifier = notifier

    def record(
        self, merchant: Merchant, event_type: str, document: dict[str, Any], now: dt.datetime
    ) -> dict[str, Any]:
        """Record that ``document`` (head shape) changed; call inside the change's transaction."""
        event: dict[str, Any] = {
            "id": new_id("evt_"),
            "object": "event",
            "type": event_type,
            "created_at": timestamp(now),
            "data": {"object": document},
            "deliveries": [],
        }
        self.store.save_object(merchant.id, event["id"], EVENT_KIND, event)
        if self.notifier is not None and self._wanted(merchant.id, event_type):
            self.notifier.notify(merchant, event["id"])
        return event

    def _wanted(self, merchant_id: str, event_type: str) -> bool:
        """Whether an endpoint of the merchant wants the event (one query; no thread wakes)."""
        if not self.store.count_objects(merchant_id, ENDPOINT_KIND):  # the usual case: cheaper
            return False
        page = self.store.list_objects(merchant_id, ENDPOINT_KIND, limit=MOST_ENDPOINTS)
        return any(isinstance(item, dict) and wants(item, event_type) for item in page.items)


def new_endpoint(
    *, url: str, enabled_events: list[str], api_version: str | None, now: dt.datetime
) -> dict[str, Any]:
    """A webhook endpoint with a fresh signing secret."""
    return {
        "id": new_id("we_"),
        "object": "webhook_endpoint",
        "url": url,
        "enabled_events": enabled_events,
        "api_version": api_version,
        "secret": "whsec_" + secrets.token_hex(24),
        "status": "enabled",
        "created_at": timestamp(now),
    }


def endpoint_view(endpoint: dict[str, Any], *, with_secret: bool = False) -> dict[str, Any]:
    """The endpoint as the controls show it: the secret only once, when it is created."""
    return {key: value for key, value in endpoint.items() if with_secret or key != "secret"}


def wants(endpoint: dict[str, Any], event_type: str) -> bool:
    """Whether the (enabled) endpoint subscribed to ``event_type``."""
    if endpoint.get("status") != "enabled":
        return False
    enabled = endpoint.get("enabled_events") or ["*"]
    return "*" in enabled or event_type in enabled
