"""Per-merchant test clocks: ``/sandbox/clock``, expiries, and lifecycle by the caller's time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from mock_server.sandbox.clock_controls import parse_duration
from tests.server.conftest import Keys, authorized_transaction, basic, head_checkout
from tests.server.live import ADMIN, ADMIN_KEY

if TYPE_CHECKING:
    from litestar import Litestar
    from litestar.testing import TestClient

    Client = TestClient[Litestar]


def _merchant(client: Client, version: str | None = None) -> dict[str, str]:
    body = {} if version is None else {"pinned_version": version}
    created = client.post("/sandbox/merchants", json=body, headers=ADMIN).json()
    return basic(created["public_key"], created["secret_key"])


def _checkout(client: Client, auth: dict[str, str]) -> str:
    created = client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    assert created.status_code == 201, created.text
    checkout_id: str = created.json()["id"]
    return checkout_id


def _advance(client: Client, auth: dict[str, str], **body: Any) -> Any:
    return client.post("/sandbox/clock", json=body, headers=auth)


def test_clock__new_merchant__reads_the_server_time(client: Client) -> None:
    auth = _merchant(client)
    clock = client.get("/sandbox/clock", headers=auth).json()
    assert clock == {"object": "clock", "now": "2026-11-25T12:00:00Z", "offset_seconds": 0}


def test_clock__advanced_by_two_hours__pending_checkout_expires(client: Client) -> None:
    auth = _merchant(client)
    checkout_id = _checkout(client, auth)
    advanced = _advance(client, auth, by="PT2H")
    assert advanced.status_code == 200, advanced.text
    assert advanced.json()["now"] == "2026-11-25T14:00:00Z"
    assert advanced.json()["expired"] == [{"type": "checkout.expired", "id": checkout_id}]
    read = client.get(f"/checkouts/{checkout_id}", headers=auth).json()
    assert read["status"] == "expired"
    approve = client.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=auth)
    assert approve.status_code == 409


def test_clock__one_merchant_advances__another_keeps_its_time(client: Client) -> None:
    mover, stayer = _merchant(client), _merchant(client)
    kept = _checkout(client, stayer)
    _advance(client, mover, by=7200)
    assert client.get(f"/checkouts/{kept}", headers=stayer).json()["status"] == "pending"
    assert client.get("/sandbox/clock", headers=stayer).json()["offset_seconds"] == 0


def test_clock__to_an_instant__new_objects_carry_that_time(client: Client) -> None:
    auth = _merchant(client)
    assert _advance(client, auth, to="2026-12-24T18:00:00Z").status_code == 200
    created = client.post("/checkouts", json=head_checkout(), headers={**auth, **Keys.next()})
    assert created.json()["created_at"] == "2026-12-24T18:00:00Z"
    assert created.json()["expires_at"] == "2026-12-24T19:00:00Z"


@pytest.mark.parametrize(
    "body", [{"to": "2026-01-01T00:00:00Z"}, {"by": -5}, {"by": "-PT1H"}],
    ids=["instant-before", "negative-seconds", "negative-duration"],
)  # fmt: skip
def test_clock__backwards__422_and_unchanged(client: Client, body: dict[str, Any]) -> None:
    auth = _merchant(client)
    refused = _advance(client, auth, **body)
    assert refused.status_code == 422
    assert client.get("/sandbox/clock", headers=auth).json()["offset_seconds"] == 0


@pytest.mark.parametrize(
    ("body", "pointer"),
    [({}, ""), ({"to": "2026-12-01T00:00:00Z", "by": 5}, ""), ({"by": "soon"}, "/by"),
     ({"to": "tomorrow"}, "/to"), ({"to": "2026-12-01T00:00:00"}, "/to"),
     ({"to": "9999-12-31T00:00:00Z"}, "/to"), ({"by": 1e300}, "/by"),
     ({"by": "P999999999999D"}, "/by")],
    ids=["neither", "both", "bad-duration", "bad-instant", "no-zone", "far-instant",
         "huge-seconds", "huge-duration"],
)  # fmt: skip
def test_clock__invalid_body__422_with_pointer(
    client: Client, body: dict[str, Any], pointer: str
) -> None:
    refused = _advance(client, _merchant(client), **body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == pointer


def test_clock__without_credentials__401(client: Client) -> None:
    assert client.get("/sandbox/clock").status_code == 401
    assert client.post("/sandbox/clock", json={"by": 1}).status_code == 401


def test_clock__eight_days__uncaptured_authorization_is_voided(client: Client) -> None:
    auth = _merchant(client)
    transaction_id = authorized_transaction(client, auth=auth)
    advanced = _advance(client, auth, by="P8D").json()
    assert {"type": "transaction.voided", "id": transaction_id} in advanced["expired"]
    read = client.get(f"/transactions/{transaction_id}", headers=auth).json()
    assert read["status"] == "voided"
    assert read["updated_at"] == "2026-12-02T12:00:00Z"  # seven days after authorizing
    capture = client.post(
        f"/transactions/{transaction_id}/capture", json={}, headers={**auth, **Keys.next()}
    )
    assert capture.status_code == 409


def test_clock__six_days__authorization_still_capturable(client: Client) -> None:
    auth = _merchant(client)
    transaction_id = authorized_transaction(client, auth=auth)
    assert _advance(client, auth, by="P6D").json()["expired"] == []
    capture = client.post(
        f"/transactions/{transaction_id}/capture", json={}, headers={**auth, **Keys.next()}
    )
    assert capture.status_code == 200, capture.text


def test_clock__past_a_sunset__that_merchant_gets_410_others_do_not(client: Client) -> None:
    late, early = _merchant(client, "2024-01-15"), _merchant(client, "2024-01-15")
    assert _advance(client, late, to="2027-07-01T00:00:00Z").status_code == 200
    gone = client.get("/checkouts/chk_x", headers=late)
    assert gone.status_code == 410
    assert gone.json()["error"]["code"] == "version_sunset"
    assert client.get("/checkouts/chk_x", headers=early).status_code != 410


def test_clock__before_a_deprecation__no_deprecation_header(client: Client) -> None:
    # The server's date is past 2024-01-15's deprecation; a merchant's clock never goes back,
    # so the headers stay — and they follow the caller: the version header still echoes.
    auth = _merchant(client, "2024-01-15")
    response = client.get("/checkouts/chk_x", headers=auth)
    assert response.headers["deprecation"]
    assert response.headers["api-version"] == "2024-01-15"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("PT2H", 7200), ("P7D", 604800), ("P1DT30M", 88200), ("PT0.5S", 0.5), ("P1W", 604800)],
)
def test_parse_duration__iso_8601__seconds(text: str, seconds: float) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.total_seconds() == seconds


@pytest.mark.parametrize("text", ["P", "PT", "P1DT", "2 hours", "-PT1H"])
def test_parse_duration__not_a_duration__none(text: str) -> None:
    assert parse_duration(text) is None


def _schema(client: Client, name: str) -> Any:
    document = client.get("/sandbox/openapi.json").json()
    schema = dict(document["components"]["schemas"][name])
    schema["$defs"] = document["components"]["schemas"]
    return schema


def test_clock__responses__match_the_sandbox_document(client: Client) -> None:
    import jsonschema_rs

    validator = jsonschema_rs.Draft202012Validator(_schema(client, "Clock"))
    auth = _merchant(client)
    _checkout(client, auth)
    for body in (
        client.get("/sandbox/clock", headers=auth).json(),
        _advance(client, auth, by="PT2H").json(),
    ):
        assert validator.is_valid(body), body


def test_clock__advance_by_zero__writes_down_what_real_time_expired() -> None:
    from litestar.testing import TestClient

    from mock_server.app import create_app
    from tests.server.conftest import API_SPECS

    now = [dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)]
    with TestClient(create_app(API_SPECS, admin_key=ADMIN_KEY, clock=lambda: now[0])) as client:
        auth = _merchant(client)
        checkout_id = _checkout(client, auth)
        now[0] += dt.timedelta(hours=2)  # the server's own time moves on
        assert client.get(f"/checkouts/{checkout_id}", headers=auth).json()["status"] == "expired"
        swept = _advance(client, auth, by=0).json()
        assert swept["expired"] == [{"type": "checkout.expired", "id": checkout_id}]
        assert swept["offset_seconds"] == 0
