"""The bundled API at head, in process: lifecycle, validation, auth, idempotency, errors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.problems import ApiError
from mock_server.sandbox import domain
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import (
    API_SPECS,
    DEMO,
    HEAD,
    Keys,
    authorized_transaction,
    basic,
    head_checkout,
)
from tests.server.live import ADMIN, ADMIN_KEY

if TYPE_CHECKING:
    from litestar import Litestar

    Client = TestClient[Litestar]


def _post(client: Client, path: str, body: Any = None, **headers: str) -> Any:
    return client.post(path, json=body, headers={**DEMO, **Keys.next(), **headers})


def test_transaction_lifecycle__partial_capture_then_partial_refunds__amounts_add_up(
    client: Client,
) -> None:
    transaction_id = authorized_transaction(client, 10000)
    first = _post(
        client,
        f"/transactions/{transaction_id}/capture",
        {"amount": {"value": 6000, "currency": "USD"}},
    )
    assert first.json()["captured_amount"] == {"value": 6000, "currency": "USD"}
    rest = _post(client, f"/transactions/{transaction_id}/capture")
    assert rest.status_code == 200
    assert rest.json()["captured_amount"]["value"] == 10000
    partial = _post(
        client,
        f"/transactions/{transaction_id}/refund",
        {"amount": {"value": 2500, "currency": "USD"}, "reason": "duplicate"},
    )
    assert partial.json()["status"] == "partially_refunded"
    assert [r["amount"]["value"] for r in partial.json()["refunds"]] == [2500]
    full = _post(client, f"/transactions/{transaction_id}/refund")
    assert full.json()["status"] == "refunded"
    assert [r["amount"]["value"] for r in full.json()["refunds"]] == [2500, 7500]
    read = client.get(f"/transactions/{transaction_id}", headers=DEMO)
    assert read.json() == full.json()


def test_capture__more_than_left__422_amount_exceeds_authorized_with_pointer(
    client: Client,
) -> None:
    transaction_id = authorized_transaction(client, 10000)
    _post(
        client,
        f"/transactions/{transaction_id}/capture",
        {"amount": {"value": 4000, "currency": "USD"}},
    )
    over = _post(
        client,
        f"/transactions/{transaction_id}/capture",
        {"amount": {"value": 6001, "currency": "USD"}},
    )
    assert over.status_code == 422
    assert over.headers["content-type"] == "application/problem+json"
    assert over.json()["code"] == "amount_exceeds_authorized"
    assert over.json()["errors"] == [{"pointer": "/amount/value", "message": "At most 6000."}]


def test_refund__more_than_captured__422_amount_exceeds_captured(client: Client) -> None:
    transaction_id = authorized_transaction(client, 10000)
    _post(
        client,
        f"/transactions/{transaction_id}/capture",
        {"amount": {"value": 3000, "currency": "USD"}},
    )
    over = _post(
        client,
        f"/transactions/{transaction_id}/refund",
        {"amount": {"value": 3001, "currency": "USD"}},
    )
    assert over.status_code == 422
    assert over.json()["code"] == "amount_exceeds_captured"


def test_void__after_capture__409_invalid_state(client: Client) -> None:
    transaction_id = authorized_transaction(client, 10000)
    _post(client, f"/transactions/{transaction_id}/capture")
    refused = _post(client, f"/transactions/{transaction_id}/void")
    assert refused.status_code == 409
    assert refused.json()["code"] == "invalid_state"


def test_void__before_capture__voided_and_then_capture_is_409(client: Client) -> None:
    transaction_id = authorized_transaction(client, 10000)
    assert _post(client, f"/transactions/{transaction_id}/void").json()["status"] == "voided"
    assert _post(client, f"/transactions/{transaction_id}/capture").status_code == 409


def test_authorize__pending_checkout__409_with_checkout_pointer(client: Client) -> None:
    checkout = _post(client, "/checkouts", head_checkout()).json()
    refused = _post(
        client,
        "/transactions",
        {"checkout_id": checkout["id"], "amount": {"value": 100, "currency": "USD"}},
    )
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["pointer"] == "/checkout_id"


def test_authorize__declined_checkout__409(client: Client) -> None:
    checkout = _post(client, "/checkouts", head_checkout()).json()
    assert (
        client.post(f"/sandbox/checkouts/{checkout['id']}/decline", headers=DEMO).json()["status"]
        == "declined"
    )
    refused = _post(
        client,
        "/transactions",
        {"checkout_id": checkout["id"], "amount": {"value": 100, "currency": "USD"}},
    )
    assert refused.status_code == 409


def test_validation__many_mistakes__422_lists_every_pointer(client: Client) -> None:
    body = head_checkout()
    body["shopper"]["email"] = "maya.chen"
    body["billing_address"]["postal_code"] = "9"
    body["amount"]["value"] = "lots"
    del body["items"]
    body["surprise"] = True
    response = client.post("/checkouts?", json=body, headers=DEMO)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    pointers = sorted(error["pointer"] for error in response.json()["errors"])
    assert pointers == sorted(
        [
            "/Idempotency-Key",
            "/shopper/email",
            "/billing_address/postal_code",
            "/amount/value",
            "/items",
            "/surprise",
        ]
    )


def test_validation__float_with_zero_fraction__accepted_as_integer(client: Client) -> None:
    body = head_checkout()
    body["amount"]["value"] = 129900.0
    assert _post(client, "/checkouts", body).status_code == 201


def test_validation__query_parameter_out_of_range__422_pointer_to_parameter(client: Client) -> None:
    response = client.get("/transactions?limit=500", headers=DEMO)
    assert response.status_code == 422
    assert [error["pointer"] for error in response.json()["errors"]] == ["/limit"]


def test_validation__malformed_json__400_invalid_request(client: Client) -> None:
    response = client.post(
        "/checkouts",
        content=b'{"amount": ',
        headers={**DEMO, **Keys.next(), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_validation__wrong_content_type__415(client: Client) -> None:
    response = client.post(
        "/checkouts",
        content=b"amount=1",
        headers={**DEMO, **Keys.next(), "Content-Type": "text/plain"},
    )
    assert response.status_code == 415


def test_auth__missing_credentials__401(client: Client) -> None:
    response = client.get("/transactions")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_auth__wrong_private_key__401(client: Client) -> None:
    assert client.get("/transactions", headers=basic("pk_test_demo", "sk_wrong")).status_code == 401


def test_isolation__another_merchants_transaction__404(client: Client) -> None:
    transaction_id = authorized_transaction(client, 5000)
    other = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    other_auth = basic(other["public_key"], other["secret_key"])
    response = client.get(f"/transactions/{transaction_id}", headers=other_auth)
    assert response.status_code == 404
    assert transaction_id not in [
        t["id"] for t in client.get("/transactions", headers=other_auth).json()["data"]
    ]


def test_idempotency__same_key_same_body__replays_without_second_effect(client: Client) -> None:
    key = Keys.next()
    first = client.post("/checkouts", json=head_checkout(), headers={**DEMO, **key})
    again = client.post("/checkouts", json=head_checkout(), headers={**DEMO, **key})
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"


def test_idempotency__partial_capture_retried__captured_once(client: Client) -> None:
    transaction_id = authorized_transaction(client, 10000)
    key = Keys.next()
    capture = {"amount": {"value": 3000, "currency": "USD"}}
    path = f"/transactions/{transaction_id}/capture"

    first = client.post(path, json=capture, headers={**DEMO, **key})
    again = client.post(path, json=capture, headers={**DEMO, **key})

    assert first.status_code == again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    read = client.get(f"/transactions/{transaction_id}", headers=DEMO).json()
    assert read["captured_amount"] == {"value": 3000, "currency": "USD"}


def test_idempotency__same_key_other_body__409_idempotency_conflict(client: Client) -> None:
    key = Keys.next()
    client.post("/checkouts", json=head_checkout(100), headers={**DEMO, **key})
    conflict = client.post("/checkouts", json=head_checkout(200), headers={**DEMO, **key})
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "idempotency_conflict"


def test_listing__cursor_pages__newest_first_without_overlap(client: Client) -> None:
    merchant = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    created = [authorized_transaction(client, 1000 + n, auth) for n in range(3)]
    first = client.get("/transactions?limit=2", headers=auth).json()
    assert [t["id"] for t in first["data"]] == created[::-1][:2]
    assert first["has_more"] is True
    second = client.get(
        f"/transactions?limit=2&starting_after={first['data'][-1]['id']}", headers=auth
    ).json()
    assert [t["id"] for t in second["data"]] == [created[0]]
    assert second["has_more"] is False


def test_routing__unknown_method__405_with_allow(client: Client) -> None:
    response = client.delete("/transactions", headers=DEMO)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, OPTIONS, POST"


def test_head_version__response_echoes_version_without_deprecation(client: Client) -> None:
    response = client.get("/transactions", headers=DEMO)
    assert response.headers["api-version"] == HEAD
    assert "deprecation" not in response.headers


def test_injected_failure__next_call_fails_then_recovers(client: Client) -> None:
    merchant = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    armed = client.post("/sandbox/failures", json={"status": 503, "count": 1}, headers=auth)
    assert armed.status_code == 201
    assert client.get("/transactions", headers=auth).status_code == 503
    assert client.get("/transactions", headers=auth).status_code == 200


def test_injected_failure__invalid_request__422_pointers(client: Client) -> None:
    response = client.post("/sandbox/failures", json={"status": 200, "count": 0}, headers=DEMO)
    assert response.status_code == 422
    assert sorted(e["pointer"] for e in response.json()["errors"]) == ["/count", "/status"]


def test_checkout__pending_past_an_hour__reads_expired(client: Client) -> None:
    store = SqliteStore()
    with TestClient(
        create_app(
            API_SPECS, admin_key=ADMIN_KEY, store=store, clock=fixed_clock("2026-11-25T12:00:00Z")
        )
    ) as early:
        checkout = early.post(
            "/checkouts", json=head_checkout(), headers={**DEMO, **Keys.next()}
        ).json()
    with TestClient(
        create_app(
            API_SPECS, admin_key=ADMIN_KEY, store=store, clock=fixed_clock("2026-11-25T13:00:01Z")
        )
    ) as late:
        assert late.get(f"/checkouts/{checkout['id']}", headers=DEMO).json()["status"] == "expired"


def test_routing__options__204_with_declared_methods(client: Client) -> None:
    response = client.options("/transactions/txn_Bq7Wn2Kx9Zr4Lm8Tv3Hp6Jsa/capture", headers=DEMO)
    assert response.status_code == 204
    assert response.headers["allow"] == "OPTIONS, POST"


def test_validation__unknown_query_parameter__422_pointer(client: Client) -> None:
    response = client.get("/transactions?limit=5&colour=red", headers=DEMO)
    assert response.status_code == 422
    assert [error["pointer"] for error in response.json()["errors"]] == ["/colour"]


def test_problem__odd_path__instance_is_a_percent_encoded_uri_reference(client: Client) -> None:
    response = client.get("/transactions/\u00bf\u00a8 x", headers=DEMO)
    assert response.status_code == 422
    assert response.json()["instance"] == "/transactions/%C2%BF%C2%A8%20x"


def test_problem__huge_unknown_property__pointer_cut_to_255(client: Client) -> None:
    body = head_checkout()
    body["k" * 400] = 1
    response = client.post("/checkouts", json=body, headers={**DEMO, **Keys.next()})
    pointers = [error["pointer"] for error in response.json()["errors"]]
    assert pointers == ["/" + "k" * 254]


def test_refund__hundred_refunds_already__409_instead_of_an_invalid_transaction() -> None:
    transaction = {
        "id": "txn_x",
        "status": "partially_refunded",
        "amount": {"value": 1000, "currency": "USD"},
        "captured_amount": {"value": 1000, "currency": "USD"},
        "refunds": [{"amount": {"value": 1, "currency": "USD"}}] * 100,
    }
    with pytest.raises(ApiError) as caught:
        domain.refund(transaction, None, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert caught.value.status == 409


def test_routing__head__answers_like_get_without_a_body(client: Client) -> None:
    response = client.head("/transactions", headers=DEMO)
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


@pytest.mark.parametrize(
    "body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000]
)
def test_validation__hostile_nesting__400_not_a_crash(client: Client, body: bytes) -> None:
    headers = {**DEMO, **Keys.next(), "Content-Type": "application/json"}
    response = client.post("/checkouts", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_validation__body_nested_past_the_schema_validators_limit__422_not_a_crash(
    client: Client,
) -> None:
    body = b'{"shopper":' + b'{"a":' * 300 + b"1" + b"}" * 300 + b"}"
    headers = {**DEMO, **Keys.next(), "Content-Type": "application/json"}
    response = client.post("/checkouts", content=body, headers=headers)
    assert response.status_code == 422
    assert {"pointer": "", "message": "The value is nested too deeply to be checked."} in (
        response.json()["errors"]
    )


def test_validation__body_over_ten_megabytes__413(client: Client) -> None:
    body = b'{"a":"' + b"x" * 10_000_001 + b'"}'
    headers = {**DEMO, **Keys.next(), "Content-Type": "application/json"}
    response = client.post("/checkouts", content=body, headers=headers)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_checkout__host_header__checkout_url_on_that_host(client: Client) -> None:
    created = _post(client, "/checkouts", head_checkout(), Host="shop.example:8123")

    assert created.status_code == 201, created.text
    assert created.json()["checkout_url"].startswith("http://shop.example:8123/sandbox/checkouts/")


def test_routing__method_litestar_does_not_route__405_with_version_header(client: Client) -> None:
    answered = client.request("TRACE", "/transactions", headers={**DEMO, "API-Version": HEAD})

    assert answered.status_code == 405
    assert answered.headers["api-version"] == HEAD
