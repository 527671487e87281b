"""Versioned, signed webhooks: endpoints, events, rendering per version, retries, resend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jsonschema_rs
import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.served import load_served_catalog
from mock_server.translation import load_translator
from mock_server.webhooks.render import WebhookRenderer
from tests.server import dialects
from tests.server.conftest import API_SPECS, HEAD, Keys, basic, head_checkout
from tests.server.live import ADMIN, ADMIN_KEY
from tests.server.test_webhooks_support import Receiver
from versioning.webhooks import verify_signature

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

    Client = TestClient[Litestar]

EARLY = "2026-03-01T12:00:00Z"
"""A date when 2023-03-01 is still served (its sunset is 2026-09-30)."""
CATALOG = load_served_catalog(API_SPECS)


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    listening = Receiver()
    yield listening
    listening.close()


@pytest.fixture(scope="module")
def early() -> Iterator[Client]:
    with TestClient(
        create_app(API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock(EARLY))
    ) as test_client:
        yield test_client


def _merchant(client: Client, version: str = HEAD) -> dict[str, str]:
    created = client.post(
        "/sandbox/merchants", json={"pinned_version": version}, headers=ADMIN
    ).json()
    return basic(created["public_key"], created["secret_key"])


def _endpoint(client: Client, auth: dict[str, str], url: str, **extra: Any) -> dict[str, Any]:
    created = client.post("/sandbox/webhook_endpoints", json={"url": url, **extra}, headers=auth)
    assert created.status_code == 201, created.text
    endpoint: dict[str, Any] = created.json()
    return endpoint


_PATHS = iter(range(10_000))


def _path() -> str:
    return f"/hook-{next(_PATHS)}"


def _validator(version: str, schema: str) -> jsonschema_rs.Draft202012Validator:
    document = CATALOG.specs[version].document
    return jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/components/schemas/{schema}", "components": document["components"]}
    )


def _payload_valid(version: str, payload: dict[str, Any]) -> list[str]:
    """Problems of ``payload``: its envelope, and ``data.object`` against ``version``'s schema.

    The versions' documents do not declare ``webhooks:`` yet (``check`` cannot prove webhook
    payloads covered; see notes/clocks-webhooks.md), so the object is checked against the
    schema the version's responses use for it.
    """
    problems = [] if set(payload) == _ENVELOPE else [f"envelope members {sorted(payload)}"]
    if payload["api_version"] != version:
        problems.append(f"api_version {payload['api_version']}")
    kind = payload["type"].split(".")[0]
    name = (
        "Checkout" if kind == "checkout" else "Charge" if version == "2023-03-01" else "Transaction"
    )
    validator = _validator(version, name)
    problems.extend(str(error) for error in validator.iter_errors(payload["data"]["object"]))
    return problems


_ENVELOPE = {"id", "object", "type", "api_version", "created_at", "data"}


def test_endpoint__created__secret_returned_once(client: Client, receiver: Receiver) -> None:
    auth = _merchant(client)
    endpoint = _endpoint(client, auth, receiver.url + _path(), enabled_events=["checkout.created"])
    assert endpoint["secret"].startswith("whsec_")
    listed = client.get("/sandbox/webhook_endpoints", headers=auth).json()["data"]
    assert [item["id"] for item in listed] == [endpoint["id"]]
    assert "secret" not in listed[0]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [({"url": "ftp://example.com/x"}, "/url"), ({"url": "http:///x"}, "/url"),
     ({"url": "http://x.example", "enabled_events": ["charge.paid"]}, "/enabled_events/0"),
     ({"url": "http://x.example", "enabled_events": []}, "/enabled_events"),
     ({"url": "http://x.example", "api_version": "2020-01-01"}, "/api_version")],
    ids=["scheme", "no-host", "unknown-event", "no-events", "unknown-version"],
)  # fmt: skip
def test_endpoint__invalid__422_with_pointer(
    client: Client, body: dict[str, Any], pointer: str
) -> None:
    refused = client.post("/sandbox/webhook_endpoints", json=body, headers=_merchant(client))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == pointer


def test_event__checkout_created__signed_head_payload(client: Client, receiver: Receiver) -> None:
    auth, path = _merchant(client), _path()
    secret = _endpoint(client, auth, receiver.url + path)["secret"]
    created = client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    (got,) = receiver.wait_for(path, lambda items: len(items) == 1)
    verify_signature(got.body, got.headers["versiongate-signature"], secret)
    payload = got.json()
    assert payload["type"] == "checkout.created"
    assert payload["api_version"] == HEAD
    assert payload["data"]["object"] == created.json()
    assert _payload_valid(HEAD, payload) == []


def test_event__endpoint_version__overrides_the_pin(client: Client, receiver: Receiver) -> None:
    auth, path = _merchant(client), _path()
    _endpoint(client, auth, receiver.url + path, api_version="2024-01-15")
    client.post("/checkouts", json=head_checkout(4200), headers={**auth, **Keys.next()})
    (got,) = receiver.wait_for(path, lambda items: len(items) == 1)
    checkout = got.json()["data"]["object"]
    assert (checkout["amount"], checkout["currency"]) == (4200, "USD")
    assert _payload_valid("2024-01-15", got.json()) == []


def test_event__renamed_fields__arrive_renamed_for_2023_03_01(
    early: Client, receiver: Receiver
) -> None:
    auth, path = _merchant(early, "2023-03-01"), _path()
    _endpoint(early, auth, receiver.url + path)
    body = dialects.checkout_body("2023-03-01")
    checkout = early.post("/checkouts", json=body, headers=auth).json()
    early.post(f"/sandbox/checkouts/{checkout['id']}/approve", headers=auth)
    charge = early.post(
        "/charges",
        json={"checkout_id": checkout["id"], **dialects.amount("2023-03-01", 129900)},
        headers=auth,
    )
    assert charge.status_code == 201, charge.text
    got = receiver.wait_for(path, lambda items: len(items) == 4)
    by_type = {item.json()["type"]: item.json() for item in got}
    created = by_type["checkout.created"]["data"]["object"]
    assert "order_id" in created
    assert "merchant_reference" not in created
    assert "zipcode" in created["billing_address"]
    authorized = by_type["transaction.authorized"]["data"]["object"]
    assert authorized["object"] == "charge"
    assert "order_id" in authorized
    assert "merchant_reference" not in authorized
    # the checkout and the charge as 2023-03-01 responses have them
    assert _payload_valid("2023-03-01", by_type["checkout.approved"]) == []
    assert _payload_valid("2023-03-01", by_type["transaction.authorized"]) == []


def test_event__clock_advance__expiry_delivered(client: Client, receiver: Receiver) -> None:
    auth, path = _merchant(client), _path()
    _endpoint(client, auth, receiver.url + path, enabled_events=["checkout.expired"])
    checkout_id = client.post(
        "/checkouts", json=head_checkout(), headers={**auth, **Keys.next()}
    ).json()["id"]
    client.post("/sandbox/clock", json={"by": "PT61M"}, headers=auth)
    (got,) = receiver.wait_for(path, lambda items: len(items) == 1)
    assert got.json()["type"] == "checkout.expired"
    assert got.json()["data"]["object"]["id"] == checkout_id
    assert got.json()["created_at"] == "2026-11-25T13:00:00Z"  # when it expired, on its clock


def test_event__receiver_fails_once__retried_and_logged(client: Client, receiver: Receiver) -> None:
    auth, path = _merchant(client), _path()
    receiver.fail_first[path] = 1
    _endpoint(client, auth, receiver.url + path, enabled_events=["checkout.created"])
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    first, second = receiver.wait_for(path, lambda items: len(items) == 2)
    assert first.body == second.body
    delivery = _delivery(client, auth, lambda d: d["status"] == "succeeded")
    assert [attempt["status_code"] for attempt in delivery["attempts"]] == [500, 204]


def _delivery(client: Client, auth: dict[str, str], until: Any) -> dict[str, Any]:
    """The newest event's only delivery, once ``until`` holds for it."""
    for _ in range(500):
        event = client.get("/sandbox/events", params={"limit": 1}, headers=auth).json()["data"][0]
        if event["deliveries"] and until(event["deliveries"][0]):
            delivery: dict[str, Any] = event["deliveries"][0]
            return delivery
        receiver_pause()
    raise AssertionError


def receiver_pause() -> None:
    import time

    time.sleep(0.02)


def test_event__resend__delivered_again(client: Client, receiver: Receiver) -> None:
    auth, path = _merchant(client), _path()
    _endpoint(client, auth, receiver.url + path)
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    receiver.wait_for(path, lambda items: len(items) == 1)
    event_id = client.get("/sandbox/events", headers=auth).json()["data"][0]["id"]
    assert client.post(f"/sandbox/events/{event_id}/resend", headers=auth).status_code == 202
    first, again = receiver.wait_for(path, lambda items: len(items) == 2)
    assert first.json() == again.json()


def test_events__another_merchants__404(client: Client, receiver: Receiver) -> None:
    owner, other = _merchant(client), _merchant(client)
    _endpoint(client, owner, receiver.url + _path())
    client.post("/checkouts", json=head_checkout(), headers={**owner, **Keys.next()})
    event_id = client.get("/sandbox/events", headers=owner).json()["data"][0]["id"]
    assert client.get(f"/sandbox/events/{event_id}", headers=owner).status_code == 200
    assert client.get(f"/sandbox/events/{event_id}", headers=other).status_code == 404
    assert client.post(f"/sandbox/events/{event_id}/resend", headers=other).status_code == 404


def test_events__idempotent_retry__one_event(client: Client, receiver: Receiver) -> None:
    auth, key = _merchant(client), Keys.next()
    _endpoint(client, auth, receiver.url + _path())
    for _ in range(2):
        client.post("/checkouts", json=head_checkout(), headers={**auth, **key})
    events = client.get("/sandbox/events", headers=auth).json()["data"]
    assert [event["type"] for event in events] == ["checkout.created"]


def test_events__each_state_change__its_event(client: Client, receiver: Receiver) -> None:
    auth = _merchant(client)
    _endpoint(client, auth, receiver.url + _path())
    checkout_id = client.post(
        "/checkouts", json=head_checkout(), headers={**auth, **Keys.next()}
    ).json()["id"]
    client.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=auth)
    transaction_id = client.post(
        "/transactions",
        json={"checkout_id": checkout_id, "amount": {"value": 129900, "currency": "USD"}},
        headers={**auth, **Keys.next()},
    ).json()["id"]
    for action in ("capture", "refund"):
        client.post(
            f"/transactions/{transaction_id}/{action}", json={}, headers={**auth, **Keys.next()}
        )
    events = client.get("/sandbox/events", headers=auth).json()["data"]
    assert [event["type"] for event in reversed(events)] == [
        "checkout.created", "checkout.approved", "checkout.completed",
        "transaction.authorized", "transaction.captured", "transaction.refunded",
    ]  # fmt: skip


def test_events__no_endpoint_wants_them__none_recorded(client: Client, receiver: Receiver) -> None:
    auth = _merchant(client)
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    _endpoint(client, auth, receiver.url + _path(), enabled_events=["checkout.expired"])
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    assert client.get("/sandbox/events", headers=auth).json()["data"] == []
    client.post("/sandbox/clock", json={"by": "PT2H"}, headers=auth)
    events = client.get("/sandbox/events", headers=auth).json()["data"]
    assert [event["type"] for event in events] == ["checkout.expired"] * 2


def test_disabled_endpoint__receives_nothing(client: Client, receiver: Receiver) -> None:
    auth, path = _merchant(client), _path()
    endpoint = _endpoint(client, auth, receiver.url + path)
    disabled = client.delete(f"/sandbox/webhook_endpoints/{endpoint['id']}", headers=auth)
    assert disabled.json()["status"] == "disabled"
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    marker = _path()
    _endpoint(client, auth, receiver.url + marker)
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    receiver.wait_for(marker, lambda items: len(items) == 1)
    assert receiver.at(path) == []


@pytest.mark.parametrize("version", dialects.ALL)
def test_render__every_version__valid_payload_of_that_version(version: str) -> None:
    renderer = WebhookRenderer(CATALOG, load_translator(CATALOG))
    examples = CATALOG.specs[HEAD].document["paths"]["/transactions/{transaction_id}"]["get"]
    transaction = next(iter(examples["responses"]["200"]["content"]["application/json"]["examples"].values()))["value"]  # fmt: skip
    event = {
        "id": "evt_" + "a" * 24, "type": "transaction.refunded",
        "created_at": "2026-03-01T12:00:00Z", "data": {"object": transaction},
    }  # fmt: skip
    payload = renderer.render(event, version)
    assert payload["api_version"] == version
    assert _payload_valid(version, payload) == []


def test_controls__responses__match_the_sandbox_document(
    client: Client, receiver: Receiver
) -> None:
    document = client.get("/sandbox/openapi.json").json()

    def valid(name: str, value: Any) -> bool:
        schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
        return bool(jsonschema_rs.Draft202012Validator(schema).is_valid(value))

    auth, path = _merchant(client), _path()
    endpoint = _endpoint(client, auth, receiver.url + path)
    assert valid("WebhookEndpoint", endpoint)
    client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    receiver.wait_for(path, lambda items: len(items) == 1)
    event = client.get("/sandbox/events", headers=auth).json()["data"][0]
    delivery = _delivery(client, auth, lambda d: d["status"] == "succeeded")
    assert valid("Event", event)
    assert valid("Delivery", delivery)
    listed = client.get("/sandbox/webhook_endpoints", headers=auth).json()["data"]
    assert all(valid("WebhookEndpoint", item) for item in listed)
