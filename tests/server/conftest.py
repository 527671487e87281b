"""Shared fixtures for the mock server tests: an app on a fixed clock, credentials, bodies."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from tests.server.live import ADMIN_KEY

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

ROOT = Path(__file__).resolve().parents[2]
API_SPECS = ROOT / "api_specs"
TODAY = "2026-11-25T12:00:00Z"
HEAD = "2026-02-01"


def basic(public_key: str = "pk_test_demo", secret_key: str = "sk_test_demo") -> dict[str, str]:
    """An ``Authorization`` header for a key pair."""
    token = base64.b64encode(f"{public_key}:{secret_key}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


DEMO = basic()


def head_checkout(amount: int = 129900, currency: str = "USD") -> dict[str, Any]:
    """A valid head ``CheckoutCreate`` body."""
    return {
        "amount": {"value": amount, "currency": currency},
        "merchant_reference": "ORD-1",
        "shopper": {"email": "maya.chen@example.com"},
        "billing_address": {
            "line1": "1450 Valencia Street",
            "city": "San Francisco",
            "postal_code": "94110",
            "country": "US",
        },
        "items": [{"name": "Bike", "quantity": 1, "unit_price": amount}],
        "redirect_url": "https://shop.example.com/done",
    }


@pytest.fixture(scope="module")
def app() -> Litestar:
    return create_app(API_SPECS, clock=fixed_clock(TODAY), admin_key=ADMIN_KEY)


@pytest.fixture
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app) as test_client:
        yield test_client


class Keys:
    """Idempotency keys that never repeat within a test session."""

    count = 0

    @classmethod
    def next(cls) -> dict[str, str]:
        cls.count += 1
        return {"Idempotency-Key": f"key-{cls.count}"}


def approved_checkout(
    client: TestClient[Any], amount: int = 129900, auth: dict[str, str] = DEMO
) -> str:
    """Create a checkout at head and approve it through the sandbox; returns its id."""
    created = client.post("/checkouts", json=head_checkout(amount), headers={**auth, **Keys.next()})
    assert created.status_code == 201, created.text
    checkout_id: str = created.json()["id"]
    approved = client.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=auth)
    assert approved.status_code == 200, approved.text
    return checkout_id


def authorized_transaction(
    client: TestClient[Any], amount: int = 129900, auth: dict[str, str] = DEMO
) -> str:
    """An authorized head transaction of ``amount`` USD; returns its id."""
    checkout_id = approved_checkout(client, amount, auth)
    created = client.post(
        "/transactions",
        json={"checkout_id": checkout_id, "amount": {"value": amount, "currency": "USD"}},
        headers={**auth, **Keys.next()},
    )
    assert created.status_code == 201, created.text
    transaction_id: str = created.json()["id"]
    return transaction_id
