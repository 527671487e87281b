"""The shopper's decision on a checkout: one code path for the control and the hosted page.

``POST /sandbox/checkouts/{id}/approve`` (the merchant's keys) and the hosted checkout page
(the page's token) both call :func:`decide`: the same state change on the merchant's test
clock, the same ``checkout.approved``/``checkout.declined`` event, announced to the
merchant's webhook endpoints once the change has committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.problems import ApiError
from mock_server.sandbox import domain

if TYPE_CHECKING:
    from mock_server.sandbox.clocks import MerchantClocks
    from mock_server.store import Merchant, Store
    from mock_server.webhooks.events import EventLog

__all__ = ["DECISIONS", "decide", "owned_checkout"]

DECISIONS = ("approved", "declined")


def owned_checkout(store: Store, merchant: Merchant, checkout_id: str) -> dict[str, Any]:
    """The merchant's checkout with this id.

    Raises:
        ApiError: 404 when the merchant has none (another merchant's reads the same).
    """
    checkout = store.get_object(merchant.id, checkout_id)
    if not isinstance(checkout, dict) or checkout.get("object") != "checkout":
        raise ApiError(404, "not_found", f"No checkout with id {checkout_id[:100]}.")
    return checkout


def decide(
    store: Store,
    clocks: MerchantClocks,
    events: EventLog | None,
    merchant: Merchant,
    *,
    checkout_id: str,
    decision: str,
) -> dict[str, Any]:
    """Approve or decline the merchant's pending checkout; the checkout after.

    Raises:
        ApiError: 404 for no such checkout of this merchant, 409 when it is not pending.
    """
    memo: dict[str, Any] = {}
    with store.atomic():
        checkout = owned_checkout(store, merchant, checkout_id)
        now = clocks.now_for(merchant.id)
        updated = domain.decide_checkout(checkout, decision, now)
        store.save_object(merchant.id, checkout_id, "checkout", updated)
        if events is not None:
            events.record(merchant, f"checkout.{decision}", updated, now, memo=memo)
    if events is not None:
        events.announce(merchant, memo)  # committed
    return updated
