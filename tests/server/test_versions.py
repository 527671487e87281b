"""Every supported version served through translation from the head sandbox, in process."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.sqlite_store import SqliteStore
from tests.server import dialects
from tests.server.conftest import API_SPECS, DEMO, TODAY, Keys, authorized_transaction, basic
from tests.server.live import ADMIN, ADMIN_KEY

if TYPE_CHECKING:
    import httpx
    from litestar import Litestar

    from mock_server.store import StoredResponse

    Client = TestClient[Litestar]


def _send(client: httpx.Client, version: str, method: str, path: str, body: Any = None) -> Any:
    headers = {**DEMO, **Keys.next(), "API-Version": version}
    return client.request(method, path, json=body, headers=headers)


def run_flow(client: httpx.Client, version: str) -> dict[str, Any]:
    """Checkout → approve → authorize → partial capture → rest → partial refund; checks each."""
    created = _send(client, version, "POST", "/checkouts", dialects.checkout_body(version, 10000))
    assert created.status_code == 201, created.text
    assert created.headers["api-version"] == version
    checkout_id = created.json()["id"]
    assert client.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=DEMO).status_code == 200
    assert _send(client, version, "GET", f"/checkouts/{checkout_id}").json()["status"] == "approved"
    base = dialects.payments(version)
    body = {"checkout_id": checkout_id, **dialects.amount(version, 10000)}
    authorized = _send(client, version, "POST", base, body)
    assert authorized.status_code == 201, authorized.text
    payment = authorized.json()
    assert payment["status"] == "authorized"
    assert dialects.value_of(payment["captured_amount"]) == 0
    path = f"{base}/{payment['id']}"
    captured = _send(
        client, version, "POST", f"{path}/capture", dialects.partial_amount(version, 4000)
    )
    assert captured.status_code == 200, captured.text
    assert dialects.value_of(captured.json()["captured_amount"]) == 4000
    rest = _send(client, version, "POST", f"{path}/capture")
    assert dialects.value_of(rest.json()["captured_amount"]) == 10000
    refund = _send(
        client, version, "POST", f"{path}/refund", dialects.partial_amount(version, 2500)
    )
    assert refund.status_code == 200, refund.text
    partial = "partially_refunded" if version in dialects.MONEY else "refunded"
    assert refund.json()["status"] == partial
    assert dialects.refunded(version, refund.json()) == 2500
    over = _send(client, version, "POST", f"{path}/refund", dialects.partial_amount(version, 9000))
    assert over.status_code == 422
    assert over.headers["content-type"] == dialects.error_media_type(version)
    assert dialects.error_code(version, over.json()) == "amount_exceeds_captured"
    read = _send(client, version, "GET", path)
    assert read.json() == refund.json()
    return dict(read.json())


@pytest.mark.parametrize("version", dialects.SUPPORTED)
def test_merchant_flow__each_supported_version__lifecycle_in_its_own_shape(
    client: Client, version: str
) -> None:
    run_flow(client, version)


def test_merchant_flow__oldest_version_before_its_sunset__served_through_every_hop() -> None:
    app = create_app(API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock("2026-06-01T00:00:00Z"))
    with TestClient(app) as client:
        charge = run_flow(client, "2023-03-01")
        assert charge["object"] == "charge"
        assert "zipcode" in charge["billing_address"]
        head = client.get(
            f"/transactions/{charge['id']}", headers={**DEMO, "API-Version": "2026-02-01"}
        )
        assert head.json()["refunds"][0]["amount"] == {"value": 2500, "currency": "USD"}


@pytest.mark.parametrize("created_in", dialects.SUPPORTED)
def test_cross_version_read__object_created_in_one_version__readable_in_every_other(
    client: Client, created_in: str
) -> None:
    payment = run_flow(client, created_in)
    for version in dialects.SUPPORTED:
        read = _send(client, version, "GET", f"/transactions/{payment['id']}")
        assert read.status_code == 200, (version, read.text)
        assert read.json()["id"] == payment["id"]
        assert dialects.value_of(read.json()["captured_amount"]) == 10000
        assert dialects.refunded(version, read.json()) == 2500


def test_deprecated_charges__2024_01_15__served_with_object_charge_and_operation_sunset(
    client: Client,
) -> None:
    created = _send(
        client, "2024-01-15", "POST", "/checkouts", dialects.checkout_body("2024-01-15", 500)
    )
    checkout_id = created.json()["id"]
    client.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=DEMO)
    charge = _send(
        client, "2024-01-15", "POST", "/charges", {"checkout_id": checkout_id, "amount": 500}
    )
    assert charge.status_code == 201, charge.text
    assert charge.json()["object"] == "charge"
    assert charge.json()["amount"] == 500
    assert charge.json()["currency"] == "USD"
    # /charges is deprecated since 2024-01-15 (the version that replaced it); the version itself
    # since 2025-06-30: the earliest date wins. Both end on 2027-06-30.
    assert charge.headers["deprecation"] == "@1705276800"
    assert charge.headers["sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert charge.headers["link"] == '</docs/2024-01-15>; rel="deprecation"; type="text/html"'


def test_deprecated_version__2024_01_15__headers_byte_exact(client: Client) -> None:
    response = _send(client, "2024-01-15", "GET", "/transactions")
    assert response.status_code == 200
    assert response.headers["api-version"] == "2024-01-15"
    assert response.headers["deprecation"] == "@1751241600"  # 2025-06-30T00:00:00Z
    assert response.headers["sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response.headers["link"] == '</docs/2024-01-15>; rel="deprecation"; type="text/html"'


def test_supported_version__no_deprecation_headers(client: Client) -> None:
    response = _send(client, "2024-09-01", "GET", "/transactions")
    assert response.headers["api-version"] == "2024-09-01"
    assert "deprecation" not in response.headers
    assert "sunset" not in response.headers


def test_sunset_version__any_request__410_in_its_own_shape_naming_successors(
    client: Client,
) -> None:
    response = _send(client, "2023-03-01", "GET", "/charges")
    assert response.status_code == 410
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "version_sunset"
    assert ", ".join(dialects.SUPPORTED) in error["message"]
    assert response.headers["api-version"] == "2023-03-01"


def test_unknown_version__400_problem_listing_valid_versions(client: Client) -> None:
    response = client.get("/transactions", headers={**DEMO, "API-Version": "2026-02-30"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "unsupported_version"
    assert body["valid_versions"] == list(dialects.SUPPORTED)
    assert "2024-01-15, 2024-09-01, 2025-06-30, 2026-02-01" in body["detail"]


def test_unknown_version__keys_pinned_to_an_old_version__400_in_that_versions_shape(
    client: Client,
) -> None:
    merchant = client.post(
        "/sandbox/merchants", json={"pinned_version": "2024-01-15"}, headers=ADMIN
    ).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    response = client.get("/transactions", headers={**auth, "API-Version": "2024-01-5"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.headers["api-version"] == "2024-01-15"
    assert response.json()["error"]["code"] == "unsupported_version"


def test_pinned_version__no_header__merchant_pin_is_used(client: Client) -> None:
    merchant = client.post(
        "/sandbox/merchants", json={"pinned_version": "2024-09-01"}, headers=ADMIN
    ).json()
    response = client.get(
        "/transactions", headers=basic(merchant["public_key"], merchant["secret_key"])
    )
    assert response.headers["api-version"] == "2024-09-01"


def test_no_header_no_credentials__catalog_default_version(client: Client) -> None:
    response = client.get("/transactions")
    assert response.status_code == 401
    assert response.headers["api-version"] == "2026-02-01"


def test_old_version_validation__422_in_legacy_error_shape(client: Client) -> None:
    body = dialects.checkout_body("2024-01-15")
    body["shopper"]["email"] = "not-an-email"
    response = _send(client, "2024-01-15", "POST", "/checkouts", body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["code"] == "validation_failed"
    assert response.json()["error"]["field"] == "shopper.email"


def test_old_version_without_idempotency_key__head_requirement_is_met_by_translation(
    client: Client,
) -> None:
    response = client.post(
        "/checkouts",
        json=dialects.checkout_body("2025-06-30"),
        headers={**DEMO, "API-Version": "2025-06-30"},
    )
    assert response.status_code == 201, response.text


def test_old_version_without_idempotency_key__each_post_acts__no_record_kept() -> None:
    store = _CountingStore()
    with TestClient(
        create_app(API_SPECS, admin_key=ADMIN_KEY, store=store, clock=fixed_clock(TODAY))
    ) as fresh:
        headers = {**DEMO, "API-Version": "2025-06-30"}
        body = dialects.checkout_body("2025-06-30")
        first = fresh.post("/checkouts", json=body, headers=headers)
        second = fresh.post("/checkouts", json=body, headers=headers)
        keyed = fresh.post("/checkouts", json=body, headers={**headers, **Keys.next()})

    assert first.status_code == second.status_code == keyed.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert "idempotent-replayed" not in second.headers
    assert store.recorded == 1  # only the key the client sent


class _CountingStore(SqliteStore):
    """Counts the idempotency records saved."""

    recorded = 0

    def add_response(self, merchant_id: str, key: str, response: StoredResponse) -> bool:
        self.recorded += 1
        return super().add_response(merchant_id, key, response)


def test_offset_paging__2024_09_01__total_and_offset(client: Client) -> None:
    merchant = client.post(
        "/sandbox/merchants", json={"pinned_version": "2024-09-01"}, headers=ADMIN
    ).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    ids = [authorized_transaction(client, 100 + n, auth) for n in range(3)]
    page = client.get("/transactions?offset=1&limit=1", headers=auth).json()
    assert [item["id"] for item in page["data"]] == [ids[1]]
    assert page["total"] == 3


def test_old_version__integral_float_amount__accepted_and_translated_as_an_integer(
    client: Client,
) -> None:
    body = dialects.checkout_body("2024-01-15", 1500)
    body["amount"] = 1500.0
    body["items"][0]["quantity"] = 1.0
    response = _send(client, "2024-01-15", "POST", "/checkouts", body)
    assert response.status_code == 201, response.text
    assert response.json()["amount"] == 1500


def test_old_version__exponent_amount__accepted_as_an_integer(client: Client) -> None:
    body = dialects.checkout_body("2024-01-15", 1500)
    text = json.dumps({**body, "amount": "AMOUNT"}).replace('"AMOUNT"', "15E2")
    response = client.post(
        "/checkouts",
        content=text,
        headers={**DEMO, "API-Version": "2024-01-15", "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text
    assert type(response.json()["amount"]) is int
    assert response.json()["amount"] == 1500


def test_idempotency__retry_under_another_version__replayed_in_that_versions_shape(
    client: Client,
) -> None:
    key = {"Idempotency-Key": "cross-version-retry"}
    old = client.post(
        "/checkouts",
        json=dialects.checkout_body("2024-01-15", 4200),
        headers={**DEMO, **key, "API-Version": "2024-01-15"},
    )
    new = client.post(
        "/checkouts",
        json=dialects.checkout_body("2024-09-01", 4200),
        headers={**DEMO, **key, "API-Version": "2024-09-01"},
    )
    assert old.status_code == new.status_code == 201
    assert new.json()["id"] == old.json()["id"]
    assert old.json()["amount"] == 4200
    assert new.json()["amount"] == {"value": 4200, "currency": "USD"}
    assert new.headers["idempotent-replayed"] == "true"
    other = client.post(
        "/checkouts",
        json=dialects.checkout_body("2024-01-15", 4300),
        headers={**DEMO, **key, "API-Version": "2024-01-15"},
    )
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_conflict"
