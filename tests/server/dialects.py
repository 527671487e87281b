"""How each bundled API version spells the same requests and responses (for the tests)."""

from __future__ import annotations

from typing import Any

SUPPORTED = ("2024-01-15", "2024-09-01", "2025-06-30", "2026-02-01")
"""Versions served on the tests' fixed date (2023-03-01 is sunset then)."""
ALL = ("2023-03-01", *SUPPORTED)
MONEY = frozenset({"2024-09-01", "2025-06-30", "2026-02-01"})
PROBLEMS = frozenset({"2025-06-30", "2026-02-01"})


def amount(version: str, value: int, currency: str = "USD") -> dict[str, Any]:
    """The ``amount`` (and, before money objects, ``currency``) members of a request."""
    if version in MONEY:
        return {"amount": {"value": value, "currency": currency}}
    return {"amount": value, "currency": currency}


def partial_amount(version: str, value: int, currency: str = "USD") -> dict[str, Any]:
    """A capture or refund ``amount`` (no separate currency before money objects)."""
    if version in MONEY:
        return {"amount": {"value": value, "currency": currency}}
    return {"amount": value}


def checkout_body(version: str, value: int = 129900) -> dict[str, Any]:
    """A valid ``CheckoutCreate`` of ``version``."""
    postal = "zipcode" if version == "2023-03-01" else "postal_code"
    reference = "order_id" if version == "2023-03-01" else "merchant_reference"
    return {
        **amount(version, value),
        reference: "ORD-7",
        "shopper": {"email": "maya.chen@example.com"},
        "billing_address": {
            "line1": "1 Main St",
            "city": "Austin",
            postal: "78701",
            "country": "US",
        },
        "items": [{"name": "Bike", "quantity": 1, "unit_price": value}],
        "redirect_url": "https://shop.example.com/done",
    }


def payments(version: str) -> str:
    """The collection payments are created in: ``/charges`` in 2023-03-01."""
    return "/charges" if version == "2023-03-01" else "/transactions"


def value_of(money: Any) -> int:
    """An amount as an integer, whatever the version's shape (``None`` is 0)."""
    if money is None:
        return 0
    return int(money["value"]) if isinstance(money, dict) else int(money)


def refunded(version: str, transaction: dict[str, Any]) -> int:
    """What was refunded so far, in any version's shape."""
    if version in MONEY:
        return sum(value_of(item["amount"]) for item in transaction["refunds"])
    return int(transaction["refunded_amount"])


def error_code(version: str, body: dict[str, Any]) -> str:
    """The stable error code, from a problem (2025-06-30+) or an ``{error: …}`` envelope."""
    return str(body["code"] if version in PROBLEMS else body["error"]["code"])


def error_media_type(version: str) -> str:
    """The media type of the version's errors."""
    return "application/problem+json" if version in PROBLEMS else "application/json"
