"""Events and webhook endpoints, kept as sandbox objects of their merchant.

Every state change of a checkout or transaction that an endpoint of the merchant wants
records an event (kind ``event``) holding the object as head shows it, in the same store
transaction as the change: a change rolled back (an idempotent retry's) leaves no event.
The dispatcher is told after that; it reads the event back, so an event that never
committed is never sent.
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
    """Records the events some endpoint wants, and tells ``notifier`` about each.

    An event no endpoint of the merchant wants (a merchant without endpoints, the usual
    case under load) is not recorded: checking costs one ``COUNT``, recording an insert of
    the object's snapshot, and issue 16 asks the API path to stay within its budget.
    """

    def __init__(self, store: Store, notifier: Notifier | None = None) -> None:
        """Record into ``store``; ``notifier`` (the dispatcher) is told of every event."""
        self.store = store
        self.notifier = notifier

    def record(
        self,
        merchant: Merchant,
        event_type: str,
        document: dict[str, Any],
        now: dt.datetime,
        *,
        memo: dict[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        """Record that ``document`` (head shape) changed, if an endpoint wants to know.

        Call inside the change's transaction. ``memo`` (one per request) keeps the
        merchant's endpoints between the events of one change, and the events to announce:
        :meth:`announce` tells the dispatcher once the transaction has committed. Without a
        memo the dispatcher is told at once (it looks again for an event not visible yet).
        Returns the event, or ``None`` when no endpoint wants it.
        """
        if not any(wants(endpoint, event_type) for endpoint in self._endpoints(merchant, memo)):
            return None
        event: dict[str, Any] = {
            "id": new_id("evt_"),
            "object": "event",
            "type": event_type,
            "created_at": timestamp(now),
            "data": {"object": document},
            "deliveries": [],
        }
        self.store.save_object(merchant.id, event["id"], EVENT_KIND, event)
        if memo is not None:
            memo.setdefault("pending", []).append(event["id"])
        elif self.notifier is not None:
            self.notifier.notify(merchant, event["id"])
        return event

    def announce(self, merchant: Merchant, memo: dict[str, Any]) -> None:
        """Tell the dispatcher of the events recorded with ``memo`` (after their commit)."""
        pending: list[str] = memo.pop("pending", [])
        if self.notifier is not None:
            for event_id in pending:
                self.notifier.notify(merchant, event_id)

    def _endpoints(self, merchant: Merchant, memo: dict[str, Any] | None) -> list[Any]:
        if memo is not None and memo.get("merchant") == merchant.id:
            endpoints: list[Any] = memo["endpoints"]
            return endpoints
        endpoints = []
        if self.store.count_objects(merchant.id, ENDPOINT_KIND):  # none: the usual case
            page = self.store.list_objects(merchant.id, ENDPOINT_KIND, limit=MOST_ENDPOINTS)
            endpoints = [item for item in page.items if isinstance(item, dict)]
        if memo is not None:
            memo.update(merchant=merchant.id, endpoints=endpoints)
        return endpoints


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
