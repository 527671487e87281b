"""Expiries a clock advance passes: pending checkouts and uncaptured authorizations.

Reads already show an object as of the merchant's clock (``domain.apply_*_expiry``); an
advance also writes the expired state down, so each expiry is one state change, announced
once by its event (``checkout.expired``, ``transaction.voided``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from mock_server.sandbox import domain

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mock_server.store import Store

__all__ = ["Expired", "expire_due", "expired_at"]

_PAGE = 100

Expired = tuple[str, dict[str, Any]]
"""An event type and the object (head shape) as it is after expiring."""

_RULES: tuple[tuple[str, str, Callable[[dict[str, Any], dt.datetime], dict[str, Any]]], ...] = (
    ("checkout", "checkout.expired", domain.apply_checkout_expiry),
    ("transaction", "transaction.voided", domain.apply_authorization_expiry),
)


def _every(store: Store, merchant_id: str, kind: str) -> Iterator[dict[str, Any]]:
    cursor: str | None = None
    while True:
        page = store.list_objects(merchant_id, kind, limit=_PAGE, starting_after=cursor)
        for item in page.items:
            if isinstance(item, dict):
                yield item
        if not page.has_more or not page.items:
            return
        cursor = page.items[-1]["id"]


def expire_due(store: Store, merchant_id: str, now: dt.datetime) -> list[Expired]:
    """Write down every expiry due by ``now``; the changes, in the order they happened.

    Call inside ``store.atomic()``. Every object of the merchant is read once (a sandbox
    merchant has few; an advance is rare).
    """
    changes: list[Expired] = []
    for kind, event_type, expire in _RULES:
        for document in list(_every(store, merchant_id, kind)):
            current = expire(document, now)
            if current is not document:
                store.save_object(merchant_id, current["id"], kind, current)
                changes.append((event_type, current))
    changes.sort(key=lambda change: expired_at(change[1]))  # in the order they happened
    return changes


def expired_at(document: dict[str, Any]) -> dt.datetime:
    """When an expired object expired: a checkout at ``expires_at``, a transaction when voided."""
    stamp = document["expires_at"] if document["object"] == "checkout" else document["updated_at"]
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
