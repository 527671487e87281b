"""Each step kind, upgrading requests and downgrading responses (the "orders" API)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.translate.builder import OLDER, frozen_copy, translator, write_catalog
from tests.translate.orders import CHANGES, CONVERTERS, order_specs
from versioning.catalog import load_catalog
from versioning.errors import UsageError
from versioning.translate import ApiRequest, ApiResponse, Translator

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def orders(tmp_path: Path) -> Translator:
    older, newer = order_specs()
    folder = write_catalog(tmp_path / "api", older, newer, CHANGES, CONVERTERS)
    return translator(folder, generators={"uuid4": lambda: "fixed-key"})


def test_operation_moved__path_parameter__renamed_and_routed(orders: Translator) -> None:
    request = ApiRequest(operation="GET /orders/{order_id}", path_params={"order_id": "o_1"})
    upgraded = orders.upgrade_request(request, from_version=OLDER)
    assert upgraded.operation == "GET /purchases/{purchase_id}"
    assert upgraded.path_params == {"purchase_id": "o_1"}
    assert upgraded.path() == "/purchases/o_1"


def test_operation_in__both_directions__follows_the_move(orders: Translator) -> None:
    head = orders.head
    assert (
        orders.operation_in("POST /orders", from_version=OLDER, to_version=head)
        == "POST /purchases"
    )
    assert (
        orders.operation_in("POST /purchases", from_version=head, to_version=OLDER)
        == "POST /orders"
    )
    assert orders.operation_in("GET /nothing", from_version=OLDER, to_version=head) is None


def test_value_converted__whole_object__both_directions(orders: Translator) -> None:
    upgraded = orders.upgrade_request(
        ApiRequest(operation="POST /orders", body={"amount": 500, "currency": "GBP"}),
        from_version=OLDER,
    )
    assert upgraded.body == {"price": {"value": 500, "currency": "GBP"}, "channel": "web"}
    downgraded = orders.downgrade_response(
        ApiResponse(status=201, body={"id": "o_1", "price": {"value": 500, "currency": "GBP"}}),
        operation="POST /purchases",
        to_version=OLDER,
    )
    assert downgraded.body == {"id": "o_1", "amount": 500, "currency": "GBP", "total_refunded": 0}


def test_field_added__upgrade_fills_default__downgrade_drops(orders: Translator) -> None:
    upgraded = orders.upgrade_request(
        ApiRequest(operation="POST /orders", body={"amount": 1}), from_version=OLDER
    )
    assert upgraded.body["channel"] == "web"
    downgraded = orders.downgrade_response(
        ApiResponse(status=200, body={"id": "o_1", "refunds": []}),
        operation="GET /purchases/{purchase_id}",
        to_version=OLDER,
    )
    assert "refunds" not in downgraded.body


def test_field_removed__downgrade__re_derived_by_converter_with_context(orders: Translator) -> None:
    body = {
        "id": "o_2",
        "refunds": [
            {"amount": {"value": 100, "currency": "EUR"}},
            {"amount": {"value": 50, "currency": "EUR"}},
        ],
    }
    downgraded = orders.downgrade_response(
        ApiResponse(status=200, body=body),
        operation="GET /purchases/{purchase_id}",
        to_version=OLDER,
    )
    assert downgraded.body == {"id": "o_2", "total_refunded": 150}


def test_enum_mapped__new_value__older_client_sees_old_value_in_arrays(orders: Translator) -> None:
    body = [{"id": "a", "status": "partially_closed"}, {"id": "b", "status": "open"}]
    downgraded = orders.downgrade_response(
        ApiResponse(status=200, body=body), operation="GET /purchases", to_version=OLDER
    )
    assert [item["status"] for item in downgraded.body] == ["closed", "open"]


def test_status_mapped__created__older_client_sees_200(orders: Translator) -> None:
    downgraded = orders.downgrade_response(
        ApiResponse(status=201, body={"id": "o_1"}), operation="POST /purchases", to_version=OLDER
    )
    assert downgraded.status == 200
    other = orders.downgrade_response(
        ApiResponse(status=200, body={"id": "o_1"}),
        operation="GET /purchases/{purchase_id}",
        to_version=OLDER,
    )
    assert other.status == 200


def test_error_body_converted__declared_status__body_and_media_type_downgraded(
    orders: Translator,
) -> None:
    problem = {"title": "Not found", "status": 404, "code": "not_found"}
    downgraded = orders.downgrade_response(
        ApiResponse(status=404, headers={"content-type": "application/problem+json"}, body=problem),
        operation="GET /purchases/{purchase_id}",
        to_version=OLDER,
    )
    assert downgraded.body == {"error": {"code": "not_found"}}
    assert downgraded.headers["content-type"] == "application/json"


def test_error_body_converted__undeclared_status__converted_by_shape(orders: Translator) -> None:
    problem = {"title": "Gone", "status": 410, "code": "gone"}
    downgraded = orders.downgrade_response(
        ApiResponse(status=410, headers={"content-type": "application/problem+json"}, body=problem),
        operation="GET /purchases",
        to_version=OLDER,
    )
    assert downgraded.body == {"error": {"code": "gone"}}
    assert downgraded.headers["content-type"] == "application/json"


def test_parameters__generated_renamed_removed__on_upgrade(orders: Translator) -> None:
    post = orders.upgrade_request(
        ApiRequest(operation="POST /orders", headers={"x-client": "shop-1"}, body={}),
        from_version=OLDER,
    )
    assert post.headers == {"idempotency-key": "fixed-key", "x-client-name": "shop-1"}
    listing = orders.upgrade_request(
        ApiRequest(operation="GET /orders", query={"verbose": ["true"], "other": ["1"]}),
        from_version=OLDER,
    )
    assert listing.query == {"other": ["1"]}
    assert "idempotency-key" not in listing.headers


def test_parameter_defaulted__client_sent_one__kept(orders: Translator) -> None:
    request = ApiRequest(operation="POST /orders", headers={"idempotency-key": "mine"}, body={})
    assert orders.upgrade_request(request, from_version=OLDER).headers["idempotency-key"] == "mine"


def test_upgrade_request__operation_unknown_in_version__usage_error(orders: Translator) -> None:
    with pytest.raises(UsageError, match="has no operation 'GET /purchases'"):
        orders.upgrade_request(ApiRequest(operation="GET /purchases"), from_version=OLDER)


def test_translation__every_step_kind__inputs_never_mutated(orders: Translator) -> None:
    request = ApiRequest(
        operation="POST /orders", query={"a": ["1"]}, headers={"x-client": "c"},
        body={"amount": 5, "currency": "USD"},
    )  # fmt: skip
    response_body = {"id": "x", "status": "partially_closed", "price": {"value": 1, "currency": "USD"},
                     "refunds": [{"amount": {"value": 1, "currency": "USD"}}]}  # fmt: skip
    headers = {"content-type": "application/json"}
    before = (
        frozen_copy(request.body),
        frozen_copy(response_body),
        dict(request.headers),
        dict(headers),
    )

    orders.upgrade_request(request, from_version=OLDER)
    orders.downgrade_response(
        ApiResponse(status=201, headers=headers, body=response_body),
        operation="POST /purchases", to_version=OLDER,
    )  # fmt: skip

    assert (request.body, response_body, request.headers, headers) == before


def test_request_converted__runs_first_with_context(tmp_path: Path) -> None:
    older, newer = order_specs()
    changes = CHANGES.replace(
        "      - {step: parameter_removed, name: verbose, in: query}\n",
        "      - {step: request_converted, operations: [GET /orders], upgrade: 'conv:drop_verbose'}\n",
    )
    converted = translator(write_catalog(tmp_path / "api", older, newer, changes, CONVERTERS))
    upgraded = converted.upgrade_request(
        ApiRequest(operation="GET /orders", query={"verbose": ["1"]}), from_version=OLDER
    )
    assert upgraded.query == {}
    assert upgraded.headers["x-seen-by"] == "GET /orders"


def test_generator__module_function__used_for_missing_header(tmp_path: Path) -> None:
    older, newer = order_specs()
    changes = CHANGES.replace("generate: uuid4", "generate: 'conv:next_key'")
    generated = translator(write_catalog(tmp_path / "api", older, newer, changes, CONVERTERS))
    upgraded = generated.upgrade_request(
        ApiRequest(operation="POST /orders", body={}), from_version=OLDER
    )
    assert upgraded.headers["idempotency-key"] == "key-from-module"


def test_translate_body__request_up_then_down__shared_fields_round_trip(orders: Translator) -> None:
    body = {"amount": 700, "currency": "CHF"}
    up = orders.translate_body(
        body, operation="POST /orders", from_version=OLDER, to_version=orders.head
    )
    assert up == {"price": {"value": 700, "currency": "CHF"}, "channel": "web"}
    down = orders.translate_body(
        up, operation="POST /purchases", from_version=orders.head, to_version=OLDER
    )
    assert down == {"amount": 700, "currency": "CHF"}


def test_translate_body__response_down_then_up__round_trip(orders: Translator) -> None:
    body = {"id": "o", "status": "open", "price": {"value": 9, "currency": "EUR"}, "refunds": []}
    down = orders.translate_body(
        body, operation="GET /purchases/{purchase_id}", from_version=orders.head, to_version=OLDER,
        message="response",
    )  # fmt: skip
    assert down == {
        "id": "o",
        "status": "open",
        "amount": 9,
        "currency": "EUR",
        "total_refunded": 0,
    }
    up = orders.translate_body(
        down, operation="GET /orders/{order_id}", from_version=OLDER, to_version=orders.head,
        message="response",
    )  # fmt: skip
    assert up == body


def test_from_catalog__specs_not_loaded__usage_error(tmp_path: Path) -> None:
    older, newer = order_specs()
    folder = write_catalog(tmp_path / "api", older, newer, CHANGES, CONVERTERS)
    with pytest.raises(UsageError, match="needs every version's spec"):
        Translator.from_catalog(load_catalog(folder, load_specs=False))
