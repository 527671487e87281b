"""The bundled API's version story, as old clients see it through the translator."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from versioning.translate import ApiRequest, ApiResponse, Translator

if TYPE_CHECKING:
    from versioning.catalog import Catalog

HEAD = "2026-02-01"


def _head_transaction(**changes: Any) -> dict[str, Any]:
    transaction = {
        "id": "txn_Bq7Wn2Kx9Zr4Lm8Tv3Hp6Jsa",
        "object": "transaction",
        "checkout_id": "chk_Hn4Q8vXk2Lp9Ws6Tz3Rb7Ycd",
        "status": "partially_refunded",
        "amount": {"value": 129900, "currency": "EUR"},
        "captured_amount": {"value": 129900, "currency": "EUR"},
        "refunds": [
            {"id": "rfd_1", "object": "refund", "amount": {"value": 10000, "currency": "EUR"},
             "reason": None, "created_at": "2026-03-01T10:00:00Z"},
            {"id": "rfd_2", "object": "refund", "amount": {"value": 2500, "currency": "EUR"},
             "reason": "duplicate", "created_at": "2026-03-02T10:00:00Z"},
        ],
        "merchant_reference": "ORD-1",
        "billing_address": {"line1": "Invalidenstraße 117", "city": "Berlin",
                            "postal_code": "10115", "country": "DE"},
        "metadata": {"warehouse": "BER-1"},
        "created_at": "2026-03-01T09:00:00Z",
        "updated_at": "2026-03-02T10:00:00Z",
    }  # fmt: skip
    transaction.update(changes)
    return transaction


def test_story__2023_capture_call__routed_to_head_transactions_with_key(
    translator: Translator,
) -> None:
    request = ApiRequest(
        operation="POST /charges/{charge_id}/capture",
        path_params={"charge_id": "txn_Bq7Wn2Kx9Zr4Lm8Tv3Hp6Jsa"},
        body={"amount": 119900},
    )
    upgraded = translator.upgrade_request(request, from_version="2023-03-01")
    assert upgraded.operation == "POST /transactions/{transaction_id}/capture"
    assert upgraded.path_params == {"transaction_id": "txn_Bq7Wn2Kx9Zr4Lm8Tv3Hp6Jsa"}
    assert upgraded.headers["idempotency-key"].startswith("generated-")
    assert upgraded.body == {"amount": {"value": 119900, "currency": "USD"}}


def test_story__capture_amount__currency_from_host_lookup(catalog: Catalog) -> None:
    asked: list[str] = []

    def currency(transaction_id: str) -> str:
        asked.append(transaction_id)
        return "GBP"

    translator = Translator.from_catalog(catalog, lookups={"transaction_currency": currency})
    request = ApiRequest(
        operation="POST /transactions/{transaction_id}/refund",
        path_params={"transaction_id": "txn_X"},
        body={"amount": 500, "reason": "duplicate"},
    )
    upgraded = translator.upgrade_request(request, from_version="2024-01-15")
    assert upgraded.body == {"amount": {"value": 500, "currency": "GBP"}, "reason": "duplicate"}
    assert asked == ["txn_X"]


def test_story__idempotency_key__generated_once_per_request_and_kept_when_sent(
    catalog: Catalog,
) -> None:
    counter = itertools.count()
    translator = Translator.from_catalog(catalog, generators={"uuid4": lambda: f"k{next(counter)}"})
    post = ApiRequest(operation="POST /checkouts", body=None)
    keys = [
        translator.upgrade_request(post, from_version="2025-06-30").headers["idempotency-key"]
        for _ in range(2)
    ]
    assert keys == ["k0", "k1"]
    sent = ApiRequest(operation="POST /checkouts", headers={"idempotency-key": "mine"})
    assert (
        translator.upgrade_request(sent, from_version="2024-01-15").headers["idempotency-key"]
        == "mine"
    )
    get = ApiRequest(operation="GET /charges")
    assert (
        "idempotency-key" not in translator.upgrade_request(get, from_version="2023-03-01").headers
    )


def test_story__head_transaction__2023_client_sees_a_charge(translator: Translator) -> None:
    response = ApiResponse(
        status=200, headers={"content-type": "application/json"}, body=_head_transaction()
    )
    old = translator.downgrade_response(
        response, operation="GET /transactions/{transaction_id}", to_version="2023-03-01"
    )
    assert old.body["object"] == "charge"
    assert old.body["status"] == "refunded"
    assert old.body["amount"] == 129900
    assert old.body["currency"] == "EUR"
    assert old.body["captured_amount"] == 129900
    assert old.body["refunded_amount"] == 12500
    assert old.body["order_id"] == "ORD-1"
    assert old.body["billing_address"]["zipcode"] == "10115"
    assert "refunds" not in old.body  # added in 2024-09-01: older clients never see it
    assert "metadata" not in old.body


def test_story__not_yet_captured__older_clients_see_zero(translator: Translator) -> None:
    body = _head_transaction(status="authorized", captured_amount=None, refunds=[])
    old = translator.downgrade_response(
        ApiResponse(status=201, body=body), operation="POST /transactions", to_version="2024-01-15"
    )
    assert old.body["captured_amount"] == 0
    assert old.body["refunded_amount"] == 0
    assert old.body["status"] == "authorized"


def test_story__2024_client_on_charges__sees_object_charge_when_request_given(
    translator: Translator,
) -> None:
    client = ApiRequest(operation="GET /charges/{charge_id}", path_params={"charge_id": "txn_1"})
    response = ApiResponse(status=200, body=_head_transaction())
    via_charges = translator.downgrade_response(
        response,
        operation="GET /transactions/{transaction_id}",
        to_version="2024-01-15",
        request=client,
    )
    via_default = translator.downgrade_response(
        response, operation="GET /transactions/{transaction_id}", to_version="2024-01-15"
    )
    assert via_charges.body["object"] == "charge"
    assert via_default.body["object"] == "transaction"


def test_story__problem_details__older_clients_get_error_envelope(translator: Translator) -> None:
    problem = {
        "type": "https://developers.payovertime.example/problems/validation-failed",
        "title": "Validation failed", "status": 422, "detail": "The request body has 2 invalid fields.",
        "code": "validation_failed",
        "errors": [{"pointer": "/shopper/email", "message": "bad"}, {"pointer": "/metadata", "message": "big"}],
    }  # fmt: skip
    response = ApiResponse(
        status=422, headers={"content-type": "application/problem+json"}, body=problem
    )
    for version in ("2023-03-01", "2024-01-15", "2024-09-01"):
        old = translator.downgrade_response(
            response, operation="POST /checkouts", to_version=version
        )
        assert old.headers["content-type"] == "application/json"
        assert old.body == {
            "error": {"code": "validation_failed", "message": "The request has 2 problems: shopper.email: bad; metadata: big",
                      "field": "shopper.email"}
        }  # fmt: skip
    current = translator.downgrade_response(
        response, operation="POST /checkouts", to_version="2025-06-30"
    )
    assert current is response


def test_story__offset_paging__served_from_a_cursor_page(translator: Translator) -> None:
    client = ApiRequest(operation="GET /charges", query={"offset": ["1"], "limit": ["1"]})
    upgraded = translator.upgrade_request(client, from_version="2024-09-01")
    assert upgraded.operation == "GET /transactions"
    assert upgraded.query == {"limit": ["2"]}

    page = {
        "object": "list",
        "data": [_head_transaction(id="txn_A"), _head_transaction(id="txn_B")],
        "has_more": False,
    }
    old = translator.downgrade_response(
        ApiResponse(status=200, body=page),
        operation="GET /transactions",
        to_version="2024-09-01",
        request=client,
    )
    assert [item["id"] for item in old.body["data"]] == ["txn_B"]
    assert old.body["data"][0]["object"] == "charge"
    assert old.body["total"] == 2
    assert "has_more" not in old.body


def test_story__first_page_with_more__total_is_a_lower_bound(translator: Translator) -> None:
    page = {"object": "list", "data": [_head_transaction()], "has_more": True}
    old = translator.downgrade_response(
        ApiResponse(status=200, body=page), operation="GET /transactions", to_version="2023-03-01"
    )
    assert old.body["total"] == 2
    assert len(old.body["data"]) == 1


def test_story__error_field__named_as_the_clients_version_names_it(translator: Translator) -> None:
    def field_for(pointer: str, operation: str, version: str) -> Any:
        problem = {"type": "about:blank", "title": "Validation failed", "status": 422,
                   "code": "validation_failed", "errors": [{"pointer": pointer, "message": "no"}]}  # fmt: skip
        response = ApiResponse(
            status=422, headers={"content-type": "application/problem+json"}, body=problem
        )
        old = translator.downgrade_response(response, operation=operation, to_version=version)
        return old.body["error"]["field"]

    assert (
        field_for("/billing_address/postal_code", "POST /checkouts", "2023-03-01")
        == "billing_address.zipcode"
    )
    assert (
        field_for("/billing_address/postal_code", "POST /checkouts", "2024-01-15")
        == "billing_address.postal_code"
    )
    assert field_for("/merchant_reference", "POST /transactions", "2023-03-01") == "order_id"
    assert field_for("/amount/currency", "POST /transactions", "2024-01-15") == "currency"
    assert field_for("/amount/value", "POST /transactions", "2024-09-01") == "amount.value"
    assert field_for("/metadata/gift_note", "POST /checkouts", "2024-01-15") is None


def test_story__listed_problems__named_as_the_clients_version_names_them(
    translator: Translator,
) -> None:
    problem = {"type": "about:blank", "title": "Validation failed", "status": 422,
               "code": "validation_failed", "detail": "The request has 2 problems.",
               "errors": [{"pointer": "/amount/value", "message": "At most 6000."},
                          {"pointer": "/billing_address/postal_code", "message": "Too long."}]}  # fmt: skip
    response = ApiResponse(
        status=422, headers={"content-type": "application/problem+json"}, body=problem
    )

    def message_for(version: str) -> str:
        old = translator.downgrade_response(
            response, operation="POST /checkouts", to_version=version
        )
        return str(old.body["error"]["message"])

    assert message_for("2024-09-01") == (
        "The request has 2 problems: amount.value: At most 6000.;"
        " billing_address.postal_code: Too long."
    )
    assert message_for("2024-01-15") == (
        "The request has 2 problems: amount: At most 6000.; billing_address.postal_code: Too long."
    )
    assert message_for("2023-03-01") == (
        "The request has 2 problems: amount: At most 6000.; billing_address.zipcode: Too long."
    )


def test_story__refused_for_a_reason__old_message_keeps_the_reason_and_lists_problems(
    translator: Translator,
) -> None:
    problem = {"type": "about:blank", "title": "Unprocessable", "status": 422,
               "code": "amount_exceeds_captured",
               "detail": "Cannot refund 200000 USD; only 119900 was captured and 0 refunded.",
               "errors": [{"pointer": "/amount/value", "message": "At most 119900."}]}  # fmt: skip
    response = ApiResponse(
        status=422, headers={"content-type": "application/problem+json"}, body=problem
    )

    old = translator.downgrade_response(
        response, operation="POST /transactions/{transaction_id}/refund", to_version="2024-01-15"
    )

    assert old.body["error"] == {
        "code": "amount_exceeds_captured",
        "message": "Cannot refund 200000 USD; only 119900 was captured and 0 refunded."
        " (1 problem: amount: At most 119900.)",
        "field": "amount",
    }
