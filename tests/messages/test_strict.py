"""Strict checks: members a version does not declare, though its schemas allow extra members."""

from __future__ import annotations

from typing import Any

from tests.messages.documents import SHOP, VALIDATOR
from versioning.messages import undeclared_members
from versioning.translate.messages import ApiRequest, ApiResponse

ORDER = {"$ref": "#/components/schemas/Order"}
VALID = {"name": "Bike", "amount": 5}


def _undeclared(body: Any, *, strict: bool = True) -> list[str]:
    request = ApiRequest(
        operation="POST /orders", headers={"content-type": "application/json"}, body=body
    )
    problems = VALIDATOR.request_problems(request, strict=strict)
    return [problem.pointer for problem in problems if problem.undeclared]


def test_strict__members_of_different_allof_parts__are_declared() -> None:
    assert _undeclared(VALID) == []


def test_strict__member_no_allof_part_declares__is_undeclared() -> None:
    assert _undeclared({**VALID, "coupon": "X"}) == ["/coupon"]


def test_not_strict__member_no_allof_part_declares__is_not_reported() -> None:
    request = ApiRequest(
        operation="POST /orders", headers={"content-type": "application/json"},
        body={**VALID, "coupon": "X"},
    )  # fmt: skip
    assert VALIDATOR.request_problems(request) == []


def test_strict__map_members__are_not_checked() -> None:
    assert _undeclared({**VALID, "metadata": {"anything": "goes", "at": "all"}}) == []


def test_strict__member_of_the_chosen_oneof_branch__is_declared() -> None:
    assert _undeclared({**VALID, "payment": {"method": "card", "number": "4242"}}) == []


def test_strict__member_no_oneof_branch_declares__is_undeclared() -> None:
    payment = {"method": "card", "number": "4242", "cvc": "123"}
    assert _undeclared({**VALID, "payment": payment}) == ["/payment/cvc"]


def test_strict__member_of_another_oneof_branch__counts_as_declared() -> None:
    # Any branch may declare a member (versioning/messages/undeclared.py): loose on purpose.
    payment = {"method": "card", "number": "4242", "iban": "DE00"}
    assert _undeclared({**VALID, "payment": payment}) == []


def test_strict__member_of_array_items__is_found_with_its_index() -> None:
    lines = [{"sku": "A", "quantity": 1}, {"sku": "B", "colour": "red"}]
    assert _undeclared({**VALID, "lines": lines}) == ["/lines/1/colour"]


def test_strict__response_member_undeclared__is_reported() -> None:
    response = ApiResponse(
        status=201,
        headers={"content-type": "application/json"},
        body={**VALID, "id": "ord_1", "legacy_total": 5},
    )
    problems = VALIDATOR.response_problems(response, "POST /orders", strict=True)
    assert [(p.pointer, p.undeclared) for p in problems] == [("/id", True), ("/legacy_total", True)]


def test_strict__body_to_operation_without_body__is_undeclared() -> None:
    request = ApiRequest(operation="GET /items/{id}", path_params={"id": "1"}, body={"x": 1})
    assert [(p.part, p.undeclared) for p in VALIDATOR.request_problems(request, strict=True)] == [
        ("body", True)
    ]
    assert VALIDATOR.request_problems(request) == []


def test_value_problems__strict__reports_undeclared_beside_schema_problems() -> None:
    problems = VALIDATOR.value_problems(
        ORDER, {"name": "Bike", "amount": 0, "x": 1}, "request", strict=True
    )
    assert [(p.pointer, p.undeclared) for p in problems] == [("/amount", False), ("/x", True)]


def test_undeclared_members__free_form_object__checks_nothing() -> None:
    assert list(undeclared_members(SHOP, {"type": "object"}, {"a": {"b": 1}})) == []
