"""The payment lifecycle as pure functions on head-shaped documents.

checkout (pending) → approved | declined → transaction authorized → captured (in parts, never
more than authorized) → partially_refunded / refunded (never more than captured); voided only
before any capture. Each function returns new documents and never mutates its inputs.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
import string
from functools import lru_cache
from typing import Any

from mock_server.problems import ApiError, Violation

__all__ = [
    "AUTHORIZATION_LIFETIME",
    "CHECKOUT_LIFETIME",
    "apply_authorization_expiry",
    "apply_checkout_expiry",
    "authorize",
    "capture",
    "decide_checkout",
    "new_checkout",
    "new_id",
    "refund",
    "timestamp",
    "void",
]

_ALPHABET = string.ascii_letters + string.digits
CHECKOUT_LIFETIME = dt.timedelta(hours=1)
AUTHORIZATION_LIFETIME = dt.timedelta(days=7)
"""An authorization with nothing captured this long after it was made is voided."""
MOST_REFUNDS = 100
"""``Transaction.refunds`` holds at most 100 entries (``maxItems`` in every version)."""


_TO_ALPHABET = bytes(ord(_ALPHABET[byte % len(_ALPHABET)]) for byte in range(256))


def new_id(prefix: str) -> str:
    """``chk_`` / ``txn_`` / ``rfd_`` followed by 24 random letters and digits.

    One read of 24 random bytes, each mapped onto the 62 letters and digits (the slight
    bias of ``% 62`` does not matter for sandbox ids, and it is 20 times faster than
    drawing each character with ``secrets.choice``).
    """
    return prefix + secrets.token_bytes(24).translate(_TO_ALPHABET).decode("ascii")


@lru_cache(maxsize=64)
def _format_second(second: int) -> str:
    utc = dt.datetime.fromtimestamp(second, tz=dt.UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )


def timestamp(moment: dt.datetime) -> str:
    """RFC 3339 UTC timestamp with a ``Z``, to the second (formatted once per second)."""
    return _format_second(math.floor(moment.timestamp()))


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def new_checkout(
    body: dict[str, Any], *, now: dt.datetime, checkout_base_url: str
) -> dict[str, Any]:
    """A pending checkout for a (validated) head ``CheckoutCreate`` body."""
    checkout_id = new_id("chk_")
    checkout: dict[str, Any] = {
        "id": checkout_id,
        "object": "checkout",
        "status": "pending",
        "amount": dict(body["amount"]),
        "merchant_reference": body.get("merchant_reference"),
        "shopper": body["shopper"],
        "billing_address": body["billing_address"],
        "items": body["items"],
        "redirect_url": body["redirect_url"],
        "checkout_url": f"{checkout_base_url.rstrip('/')}/{checkout_id}",
    }
    if "metadata" in body:
        checkout["metadata"] = body["metadata"]
    checkout["created_at"] = timestamp(now)
    checkout["expires_at"] = timestamp(now + CHECKOUT_LIFETIME)
    return checkout


def apply_checkout_expiry(checkout: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The checkout as of ``now``: a pending one past ``expires_at`` reads as ``expired``."""
    if checkout["status"] == "pending" and now >= _parse(checkout["expires_at"]):
        return {**checkout, "status": "expired"}
    return checkout


def apply_authorization_expiry(transaction: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The transaction as of ``now``: an authorization never captured expires (``voided``).

    Its ``updated_at`` is the moment it expired, seven days after it was authorized.
    """
    if transaction["status"] != "authorized" or transaction.get("captured_amount"):
        return transaction
    expires = _parse(transaction["created_at"]) + AUTHORIZATION_LIFETIME
    if now < expires:
        return transaction
    return {**transaction, "status": "voided", "updated_at": timestamp(expires)}


def decide_checkout(checkout: dict[str, Any], decision: str, now: dt.datetime) -> dict[str, Any]:
    """Approve or decline a pending checkout (the sandbox stands in for the shopper)."""
    current = apply_checkout_expiry(checkout, now)
    if current["status"] != "pending":
        raise ApiError(
            409,
            "invalid_state",
            f"Checkout {checkout['id']} is {current['status']}; only pending checkouts can be"
            f" {decision}.",
        )
    return {**current, "status": decision}


def _money_violation(amount: dict[str, Any], currency: str, what: str) -> ApiError | None:
    if amount["currency"] != currency:
        return ApiError(
            422,
            "validation_failed",
            f"The {what} is in {currency}; the amount must be in {currency} too,"
            f" not {amount['currency']}.",
            errors=(
                Violation(
                    pointer="/amount/currency",
                    message=f"Must be {currency}, the {what}'s currency.",
                ),
            ),
        )
    return None


def _over_limit(limit: int, code: str, message: str) -> ApiError:
    """422 pointing at ``/amount/value``: the amount asked for is more than ``limit``."""
    at_most = Violation(pointer="/amount/value", message=f"At most {limit}.")
    return ApiError(422, code, message, errors=(at_most,))


def authorize(
    checkout: dict[str, Any], body: dict[str, Any], *, now: dt.datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Authorize (and maybe capture) a transaction; returns (transaction, completed checkout)."""
    current = apply_checkout_expiry(checkout, now)
    if current["status"] != "approved":
        raise ApiError(
            409,
            "invalid_state",
            f"Checkout {checkout['id']} is {current['status']}; only approved checkouts can be"
            " authorized.",
            errors=(
                Violation(
                    pointer="/checkout_id",
                    message=f"The checkout is {current['status']}, not approved.",
                ),
            ),
        )
    amount = dict(body["amount"])
    mismatch = _money_violation(amount, checkout["amount"]["currency"], "checkout")
    if mismatch is not None:
        raise mismatch
    limit = checkout["amount"]["value"]
    if amount["value"] > limit:
        raise _over_limit(
            limit,
            "validation_failed",
            f"Cannot authorize {amount['value']} {amount['currency']}; the checkout is for"
            f" {limit}.",
        )
    stamp = timestamp(now)
    transaction: dict[str, Any] = {
        "id": new_id("txn_"),
        "object": "transaction",
        "checkout_id": checkout["id"],
        "status": "captured" if body.get("capture") else "authorized",
        "amount": amount,
        "captured_amount": dict(amount) if body.get("capture") else None,
        "refunds": [],
        "merchant_reference": body.get("merchant_reference", checkout.get("merchant_reference")),
        "billing_address": checkout["billing_address"],
    }
    if "metadata" in body:
        transaction["metadata"] = body["metadata"]
    transaction["created_at"] = stamp
    transaction["updated_at"] = stamp
    return transaction, {**current, "status": "completed"}


def _captured(transaction: dict[str, Any]) -> int:
    captured = transaction["captured_amount"]
    return int(captured["value"]) if captured else 0


def _refunded(transaction: dict[str, Any]) -> int:
    return sum(int(item["amount"]["value"]) for item in transaction["refunds"])


def capture(
    transaction: dict[str, Any], body: dict[str, Any] | None, *, now: dt.datetime
) -> dict[str, Any]:
    """Capture all or part of what is left of the authorization."""
    status = transaction["status"]
    left = int(transaction["amount"]["value"]) - _captured(transaction)
    if status not in {"authorized", "captured"} or left <= 0:
        reason = "fully captured" if status == "captured" else status
        raise ApiError(
            409,
            "invalid_state",
            f"Transaction {transaction['id']} is {reason} and cannot be captured.",
        )
    currency = transaction["amount"]["currency"]
    requested = (body or {}).get("amount") or {"value": left, "currency": currency}
    mismatch = _money_violation(requested, currency, "transaction")
    if mismatch is not None:
        raise mismatch
    if requested["value"] > left:
        raise _over_limit(
            left,
            "amount_exceeds_authorized",
            f"Cannot capture {requested['value']} {currency}; only {left} of the authorized"
            " amount is left.",
        )
    captured = _captured(transaction) + int(requested["value"])
    return {
        **transaction,
        "status": "captured",
        "captured_amount": {"value": captured, "currency": currency},
        "updated_at": timestamp(now),
    }


def void(transaction: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    """Cancel an authorization that has nothing captured."""
    if transaction["status"] != "authorized":
        raise ApiError(
            409,
            "invalid_state",
            f"Transaction {transaction['id']} is {transaction['status']} and cannot be voided;"
            " only authorized transactions without a capture can.",
        )
    return {**transaction, "status": "voided", "updated_at": timestamp(now)}


def refund(
    transaction: dict[str, Any], body: dict[str, Any] | None, *, now: dt.datetime
) -> dict[str, Any]:
    """Refund all or part of what was captured and not yet refunded."""
    status = transaction["status"]
    captured = _captured(transaction)
    left = captured - _refunded(transaction)
    if status not in {"captured", "partially_refunded"} or left <= 0:
        raise ApiError(
            409,
            "invalid_state",
            f"Transaction {transaction['id']} is {status} and cannot be refunded.",
        )
    if len(transaction["refunds"]) >= MOST_REFUNDS:
        raise ApiError(
            409,
            "invalid_state",
            f"Transaction {transaction['id']} already has {MOST_REFUNDS} refunds, the most"
            " one transaction can have.",
        )
    currency = transaction["amount"]["currency"]
    body = body or {}
    requested = body.get("amount") or {"value": left, "currency": currency}
    mismatch = _money_violation(requested, currency, "transaction")
    if mismatch is not None:
        raise mismatch
    if requested["value"] > left:
        raise _over_limit(
            left,
            "amount_exceeds_captured",
            f"Cannot refund {requested['value']} {currency}; only {captured} was captured and"
            f" {captured - left} refunded.",
        )
    stamp = timestamp(now)
    entry = {
        "id": new_id("rfd_"),
        "object": "refund",
        "amount": {"value": int(requested["value"]), "currency": currency},
        "reason": body.get("reason"),
        "created_at": stamp,
    }
    fully = requested["value"] == left
    return {
        **transaction,
        "status": "refunded" if fully else "partially_refunded",
        "refunds": [*transaction["refunds"], entry],
        "updated_at": stamp,
    }
