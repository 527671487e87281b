"""The contract checks on hand-written messages: acknowledged breaks pass, real breaks fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from compat_tests.properties import ContractContext, ContractViolationError
from versioning.catalog import load_catalog
from versioning.translate import ApiRequest, ApiResponse, Translator

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "api_specs")
CONTEXT = ContractContext(CATALOG, Translator.from_catalog(CATALOG))


def _transaction_request(metadata: dict[str, str]) -> ApiRequest:
    return ApiRequest(
        operation="POST /transactions",
        headers={"content-type": "application/json"},
        body={
            "checkout_id": "chk_Hn4Q8vXk2Lp9Ws6Tz3Rb7Ycd",
            "amount": {"value": 1000, "currency": "USD"},
            "metadata": metadata,
        },
    )


def test_upgrade_chain__metadata_within_old_limits_over_new__is_an_acknowledged_stop() -> None:
    request = _transaction_request({f"key{index}": "v" for index in range(30)})
    chain = CONTEXT.upgrade_chain(request, from_version="2025-06-30", to_version="2026-02-01")
    assert chain == [request]  # head refuses it, as the acknowledged step says; no violation


def test_upgrade_chain__valid_request__reaches_head_with_a_generated_idempotency_key() -> None:
    request = _transaction_request({"cart": "c-1"})
    chain = CONTEXT.upgrade_chain(request, from_version="2025-06-30", to_version="2026-02-01")
    assert len(chain) == 2
    assert chain[-1].headers["idempotency-key"]


def test_upgrade_chain__invalid_result__names_the_hop_and_the_problem() -> None:
    request = ApiRequest(
        operation="POST /transactions",
        headers={"content-type": "application/json"},
        body={
            "checkout_id": "chk_Hn4Q8vXk2Lp9Ws6Tz3Rb7Ycd",
            "amount": {"value": 1000, "currency": "USD"},
            "surprise": 1,
        },
    )
    with pytest.raises(ContractViolationError) as caught:
        CONTEXT.upgrade_chain(request, from_version="2025-06-30", to_version="2026-02-01")
    text = str(caught.value)
    assert "upgrade POST /transactions (2025-06-30) → POST /transactions (2026-02-01)" in text
    assert "body /surprise: Unknown property: not allowed here." in text
    assert "broken by the hop 2025-06-30 → 2026-02-01" in text


def test_round_trip__example_checkout__keeps_every_sent_field() -> None:
    operation = CATALOG.specs["2023-03-01"].operation("POST", "/checkouts")
    assert operation is not None
    assert operation.request_body is not None
    body = next(iter(operation.request_body.content["application/json"].examples.values()))
    request = ApiRequest(
        operation=operation.key, headers={"content-type": "application/json"}, body=body
    )
    head = CATALOG.specs["2026-02-01"].operation("POST", "/checkouts")
    assert head is not None
    example = next(iter(head.responses["201"].content["application/json"].examples.values()))
    echo = ApiResponse(status=201, headers={"content-type": "application/json"}, body=example)
    result = CONTEXT.round_trip(request, echo, from_version="2023-03-01", to_version="2026-02-01")
    assert {
        "/amount",
        "/currency",
        "/order_id",
        "/billing_address/zipcode",
        "/items/0/name",
    } <= set(result.compared)
