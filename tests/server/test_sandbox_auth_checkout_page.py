"""The hosted checkout page without a browser: escaping, headers, decisions, events, clocks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from tests.server.conftest import API_SPECS, TODAY, Keys, basic, head_checkout
from tests.server.live import ADMIN, ADMIN_KEY

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

    Client = TestClient[Litestar]

HOSTILE = "<script>alert(1)</script>"
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    app = create_app(API_SPECS, clock=fixed_clock(TODAY), admin_key=ADMIN_KEY)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def auth(client: Client) -> dict[str, str]:
    merchant = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    return basic(merchant["public_key"], merchant["secret_key"])


def _checkout(client: Client, auth: dict[str, str], **changes: Any) -> dict[str, Any]:
    body = {**head_checkout(), **changes}
    created = client.post("/checkouts", json=body, headers={**auth, **Keys.next()})
    assert created.status_code == 201, created.text
    checkout: dict[str, Any] = created.json()
    return checkout


def _page_path(checkout: dict[str, Any]) -> str:
    parts = urlsplit(checkout["checkout_url"])
    return f"{parts.path}?{parts.query}"


def _decide(client: Client, checkout: dict[str, Any], decision: str, **headers: str) -> Any:
    return client.post(
        _page_path(checkout),
        content=f"decision={decision}",
        headers={**FORM, **headers},
        follow_redirects=False,
    )


def test_page__hostile_order_text__escaped_with_strict_headers(
    client: Client, auth: dict[str, str]
) -> None:
    items = [{"name": HOSTILE, "quantity": 1, "unit_price": 129900}]
    checkout = _checkout(client, auth, items=items, merchant_reference='"><img src=x>')

    page = client.get(_page_path(checkout))  # no Authorization header

    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert HOSTILE not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<img" not in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # none at all: default-src 'none'
    assert "form-action 'self' https://shop.example.com;" in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"


def test_page__approve__303_to_redirect_url_with_event(
    client: Client, auth: dict[str, str]
) -> None:
    client.post(
        "/sandbox/webhook_endpoints",
        json={"url": "http://127.0.0.1:9/hook", "enabled_events": ["checkout.approved"]},
        headers=auth,
    )
    checkout = _checkout(client, auth)

    answer = _decide(client, checkout, "approve", **{"sec-fetch-site": "same-origin"})

    assert answer.status_code == 303
    assert answer.headers["location"] == checkout["redirect_url"]
    found = client.get(f"/checkouts/{checkout['id']}", headers=auth).json()
    assert found["status"] == "approved"
    events = client.get("/sandbox/events", headers=auth).json()["data"]
    assert [event["type"] for event in events] == ["checkout.approved"]
    again = _decide(client, checkout, "approve")  # a double click: on to the merchant again
    assert again.headers["location"] == checkout["redirect_url"]
    other = _decide(client, checkout, "decline")  # decided already: back to the page
    assert other.status_code == 303
    assert other.headers["location"].startswith(checkout["id"] + "?token=")


def test_page__decline__declined_and_redirected(client: Client, auth: dict[str, str]) -> None:
    checkout = _checkout(client, auth)

    answer = _decide(client, checkout, "decline")

    assert answer.headers["location"] == checkout["redirect_url"]
    found = client.get(f"/checkouts/{checkout['id']}", headers=auth).json()
    assert found["status"] == "declined"


def test_page__merchant_clock_past_expiry__expired_no_buttons(
    client: Client, auth: dict[str, str]
) -> None:
    checkout = _checkout(client, auth)
    client.post("/sandbox/clock", json={"by": "PT2H"}, headers=auth)

    page = client.get(_page_path(checkout))
    answer = _decide(client, checkout, "approve")

    assert "This checkout is expired." in page.text
    assert "<form" not in page.text
    assert answer.status_code == 303
    assert not answer.headers["location"].startswith("https://")
    assert client.get(f"/checkouts/{checkout['id']}", headers=auth).json()["status"] == "expired"


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "https://evil.example"},
        {"origin": "null"},
    ],
)
def test_page__post_from_another_site__403_nothing_decided(
    client: Client, auth: dict[str, str], headers: dict[str, str]
) -> None:
    checkout = _checkout(client, auth)

    answer = _decide(client, checkout, "approve", **headers)

    assert answer.status_code == 403
    assert answer.headers["content-type"] == "application/problem+json"
    assert client.get(f"/checkouts/{checkout['id']}", headers=auth).json()["status"] == "pending"


def test_page__no_decision__422(client: Client, auth: dict[str, str]) -> None:
    checkout = _checkout(client, auth)

    assert _decide(client, checkout, "maybe").status_code == 422


def test_page__redirect_url_not_http__stays_on_the_page(
    client: Client, auth: dict[str, str]
) -> None:
    checkout = _checkout(client, auth, redirect_url="javascript:alert(1)")

    answer = _decide(client, checkout, "approve")

    assert answer.status_code == 303
    assert answer.headers["location"].startswith(checkout["id"] + "?token=")
    assert "javascript" not in answer.headers["content-security-policy"]


def test_page__merchant_keys_without_token__status_json(
    client: Client, auth: dict[str, str]
) -> None:
    checkout = _checkout(client, auth)

    found = client.get(f"/sandbox/checkouts/{checkout['id']}", headers=auth)

    assert found.json() == {"id": checkout["id"], "object": "checkout", "status": "pending"}
