"""Every ``/sandbox`` control refuses missing and foreign credentials (issue 17).

Generated from the sandbox's own OpenAPI document: for every path and method it lists,
no credentials (and a wrong secret) answer ``401`` problem+json with a challenge; another
merchant's credentials are refused (``404`` for what names the first merchant's objects,
as for an id nobody has; ``403`` for the admin-only control; ``401`` for the checkout
page, whose only credential is the page's token), and where a control acts on the
caller's own data only, another merchant's call leaves the first one's data as it was.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.sandbox.controls import operation_keys
from mock_server.sandbox.controls_spec import sandbox_openapi
from mock_server.served import load_served_catalog
from tests.server.conftest import API_SPECS, TODAY, Keys, basic, head_checkout
from tests.server.live import ADMIN, ADMIN_KEY

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

    Client = TestClient[Litestar]

_CATALOG = load_served_catalog(API_SPECS)
DOCUMENT = sandbox_openapi(_CATALOG, operation_keys(_CATALOG))
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
]
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]


def _schemes(operation: dict[str, Any]) -> set[str]:
    return {name for requirement in operation["security"] for name in requirement}


_PARAMETER = re.compile(r"\{(\w+)\}")
_BODIES = {  # what a call without a path parameter sends, so that it really acts
    ("POST", "/sandbox/failures"): {"status": 503, "count": 5},
    ("POST", "/sandbox/clock"): {"by": "PT2H"},
    ("POST", "/sandbox/webhook_endpoints"): {"url": "http://127.0.0.1:9/b"},
}


class World:
    """Two merchants; the first owns a checkout, a webhook endpoint and an event."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.first = _merchant(client)
        self.second = _merchant(client)
        self.first_auth = basic(self.first["public_key"], self.first["secret_key"])
        self.second_auth = basic(self.second["public_key"], self.second["secret_key"])
        endpoint = client.post(
            "/sandbox/webhook_endpoints",
            json={"url": "http://127.0.0.1:9/a", "enabled_events": ["checkout.created"]},
            headers=self.first_auth,
        ).json()
        self.checkout = _checkout(client, self.first_auth)
        self.second_checkout = _checkout(client, self.second_auth)
        event = client.get("/sandbox/events", headers=self.first_auth).json()["data"][0]
        self.values = {
            "merchant_id": self.first["id"],
            "checkout_id": self.checkout["id"],
            "endpoint_id": endpoint["id"],
            "event_id": event["id"],
        }

    def path(self, template: str) -> str:
        return _PARAMETER.sub(lambda found: self.values.get(found[1], "x"), template)


def _merchant(client: Client) -> dict[str, Any]:
    created = client.post("/sandbox/merchants", json={}, headers=ADMIN)
    assert created.status_code == 201, created.text
    merchant: dict[str, Any] = created.json()
    return merchant


def _checkout(client: Client, auth: dict[str, str]) -> dict[str, Any]:
    created = client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    assert created.status_code == 201, created.text
    checkout: dict[str, Any] = created.json()
    return checkout


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    app = create_app(API_SPECS, clock=fixed_clock(TODAY), admin_key=ADMIN_KEY)
    with TestClient(app) as client:
        yield World(client)


def _call(world: World, method: str, path: str, headers: dict[str, str], query: str = "") -> Any:
    body = _BODIES.get((method, path), {}) if method in {"POST", "PATCH"} else None
    url = world.path(path) + query
    return world.client.request(method, url, json=body, headers=headers)


def _refused(response: Any, status: int | set[int]) -> None:
    allowed = {status} if isinstance(status, int) else status
    assert response.status_code in allowed, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == response.status_code
    if response.status_code == 401:
        assert response.headers["www-authenticate"]


def test_document__served_as_generated(world: World) -> None:
    assert world.client.get("/sandbox/openapi.json").json() == DOCUMENT


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_control__no_credentials__401_problem(
    world: World, method: str, path: str, operation: dict[str, Any]
) -> None:
    assert operation["security"], "every control names its credentials"
    _refused(_call(world, method, path, {}), 401)


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_control__wrong_secret_or_admin_key__401_problem(
    world: World, method: str, path: str, operation: dict[str, Any]
) -> None:
    del operation
    wrong = basic(world.first["public_key"], "sk_wrong")
    _refused(_call(world, method, path, wrong), 401)
    _refused(_call(world, method, path, {"Authorization": "Bearer vg_admin_wrong_key_1234"}), 401)


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_control__another_merchants_credentials__refused_or_own_data_only(
    world: World, method: str, path: str, operation: dict[str, Any]
) -> None:
    schemes = _schemes(operation)
    response = _call(world, method, path, world.second_auth)
    if schemes == {"adminKey"}:
        _refused(response, 403)  # a merchant's keys never create merchants
    elif "basicAuth" not in schemes:
        _refused(response, 401)  # the checkout page's form: only its token counts
    elif _PARAMETER.search(path):
        _refused(response, 404)  # the first merchant's objects: as if they did not exist
    else:
        assert response.status_code not in {401, 403, 404}, response.text  # its own data
    _first_merchant_untouched(world)


def _first_merchant_untouched(world: World) -> None:
    client, auth = world.client, world.first_auth
    checkout = client.get(f"/checkouts/{world.checkout['id']}", headers=auth)
    assert checkout.status_code == 200, checkout.text  # no injected failure, not reset
    assert checkout.json()["status"] == "pending"
    assert client.get("/sandbox/clock", headers=auth).json()["offset_seconds"] == 0
    merchant = client.get(f"/sandbox/merchants/{world.first['id']}", headers=auth).json()
    assert merchant["pinned_version"] == world.first["pinned_version"]
    endpoints = client.get("/sandbox/webhook_endpoints", headers=auth).json()["data"]
    assert [endpoint["id"] for endpoint in endpoints] == [world.values["endpoint_id"]]
    assert endpoints[0]["status"] == "enabled"
    assert client.get("/sandbox/events", headers=auth).json()["data"]


PAGES = [
    (method, path)
    for method, path, operation in OPERATIONS
    if "checkoutToken" in _schemes(operation)
]


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_control__another_checkouts_page_token__401_problem(
    world: World, method: str, path: str
) -> None:
    token = parse_qs(urlsplit(world.second_checkout["checkout_url"]).query)["token"][0]
    _refused(_call(world, method, path, {}, query=f"?token={token}"), 401)
    _first_merchant_untouched(world)


def test_merchant__own_credentials__read_and_repinned(world: World) -> None:
    client = world.client
    fresh = _merchant(client)
    auth = basic(fresh["public_key"], fresh["secret_key"])
    read = client.get(f"/sandbox/merchants/{fresh['id']}", headers=auth)
    assert read.status_code == 200
    assert "secret_key" not in read.json()
    changed = client.patch(
        f"/sandbox/merchants/{fresh['id']}", json={"pinned_version": "2024-09-01"}, headers=auth
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["pinned_version"] == "2024-09-01"
    assert client.get("/transactions", headers=auth).headers["api-version"] == "2024-09-01"
    unknown = client.patch(
        f"/sandbox/merchants/{fresh['id']}", json={"pinned_version": "1999-01-01"}, headers=auth
    )
    assert unknown.status_code == 422


def test_reset__own_data__cleared_merchant_kept(world: World) -> None:
    client = world.client
    fresh = _merchant(client)
    auth = basic(fresh["public_key"], fresh["secret_key"])
    checkout = _checkout(client, auth)
    client.post("/sandbox/clock", json={"by": "PT2H"}, headers=auth)
    client.post("/sandbox/failures", json={"status": 503, "count": 3}, headers=auth)
    client.post("/sandbox/webhook_endpoints", json={"url": "http://127.0.0.1:9/c"}, headers=auth)

    reset = client.post("/sandbox/reset", headers=auth)

    assert reset.status_code == 200, reset.text
    assert client.get(f"/checkouts/{checkout['id']}", headers=auth).status_code == 404
    assert client.get("/sandbox/clock", headers=auth).json()["offset_seconds"] == 0
    assert client.get("/sandbox/webhook_endpoints", headers=auth).json()["data"] == []
    assert client.get("/sandbox/events", headers=auth).json()["data"] == []
    again = client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    assert again.status_code == 201  # no failure left armed
    _first_merchant_untouched(world)


def test_create_merchant__merchant_keys__403_admin_key__201(world: World) -> None:
    refused = world.client.post("/sandbox/merchants", json={}, headers=world.first_auth)
    _refused(refused, 403)
    assert world.client.post("/sandbox/merchants", json={}, headers=ADMIN).status_code == 201
