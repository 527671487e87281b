"""Error messages speak the client's version: its statuses, its objects, its field names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.server import dialects
from tests.server.conftest import API_SPECS, DEMO, Keys, authorized_transaction
from versioning.catalog import load_catalog
from versioning.changes.converters import resolve_callable
from versioning.changes.load import load_catalog_changes
from versioning.changes.steps import EnumMapped

if TYPE_CHECKING:
    from litestar import Litestar
    from litestar.testing import TestClient

    Client = TestClient[Litestar]


def _enum_maps(schema: str) -> list[dict[str, Any]]:
    catalog = load_catalog(API_SPECS)
    return [
        step.step.downgrade
        for changes in load_catalog_changes(catalog, verify=False)
        for step in changes.steps()
        if isinstance(step.step, EnumMapped) and step.step.schema == schema
    ]


def test_message_words__same_as_the_declared_enum_mappings() -> None:
    converters = resolve_callable("converters:reworded", folder=API_SPECS).__globals__
    status_words = converters["STATUS_WORDS_BEFORE_PARTIAL_REFUNDS"]
    charge_words = converters["CHARGE_WORDS"]
    assert _enum_maps("TransactionStatus") == [status_words]
    assert {"transaction": charge_words["transaction"]} in _enum_maps("Transaction")


def _partly_refunded(client: Client) -> str:
    transaction_id = authorized_transaction(client, 10000)
    for step, body in (
        ("capture", None),
        ("refund", {"amount": {"value": 100, "currency": "USD"}}),
    ):
        done = client.post(
            f"/transactions/{transaction_id}/{step}", json=body, headers={**DEMO, **Keys.next()}
        )
        assert done.status_code == 200, done.text
    return transaction_id


def test_void_message__partly_refunded_at_2024_01_15__says_refunded(client: Client) -> None:
    transaction_id = _partly_refunded(client)
    headers = {**DEMO, "API-Version": "2024-01-15"}
    read = client.get(f"/transactions/{transaction_id}", headers=headers)
    assert read.json()["status"] == "refunded"
    voided = client.post(f"/transactions/{transaction_id}/void", headers=headers)
    assert voided.status_code == 409
    message = voided.json()["error"]["message"]
    assert message.startswith(f"Transaction {transaction_id} is refunded and cannot be voided")
    assert "partially" not in message


def test_void_message__on_charges_at_2024_01_15__says_charge(client: Client) -> None:
    transaction_id = _partly_refunded(client)
    headers = {**DEMO, "API-Version": "2024-01-15"}
    voided = client.post(f"/charges/{transaction_id}/void", headers=headers)
    assert voided.status_code == 409
    message = voided.json()["error"]["message"]
    assert message == (
        f"Charge {transaction_id} is refunded and cannot be voided; only authorized charges"
        " without a capture can."
    )


def test_not_found_message__charges_at_2024_09_01__names_a_charge(client: Client) -> None:
    missing = "txn_Bq7Wn2Kx9Zr4Lm8Tv3Hp6Jsa"
    response = client.get(f"/charges/{missing}", headers={**DEMO, "API-Version": "2024-09-01"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == f"No charge with id {missing}."


def test_void_message__at_head__keeps_heads_words(client: Client) -> None:
    transaction_id = _partly_refunded(client)
    voided = client.post(f"/transactions/{transaction_id}/void", headers={**DEMO, **Keys.next()})
    assert dialects.error_code("2026-02-01", voided.json()) == "invalid_state"
    assert "is partially_refunded and cannot be voided" in voided.json()["detail"]
