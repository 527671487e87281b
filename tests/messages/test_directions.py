"""OpenAPI's readOnly/writeOnly rule: required in one direction, excused in the other."""

from __future__ import annotations

from typing import Any

from tests.messages.documents import SHOP, VALIDATOR
from versioning.messages import direction_view
from versioning.translate.messages import ApiRequest, ApiResponse

JSON = {"content-type": "application/json"}
CREATED_HEADERS = {"content-type": "application/json", "location": "/accounts/acc_1"}


def _request(body: Any) -> list[tuple[str, str]]:
    request = ApiRequest(operation="POST /accounts", headers=JSON, body=body)
    return [(problem.part, problem.pointer) for problem in VALIDATOR.request_problems(request)]


def _response(body: Any) -> list[tuple[str, str]]:
    response = ApiResponse(status=201, headers=CREATED_HEADERS, body=body)
    problems = VALIDATOR.response_problems(response, "POST /accounts")
    return [(problem.part, problem.pointer) for problem in problems]


def test_read_only_required__request_without_it__is_excused() -> None:
    assert _request({"email": "maya@example.com", "password": "correct horse"}) == []


def test_read_only_required__response_without_it__is_missing() -> None:
    assert _response({"email": "maya@example.com"}) == [("body", "/id")]


def test_write_only_required__response_without_it__is_excused() -> None:
    assert _response({"id": "acc_1", "email": "maya@example.com"}) == []


def test_write_only_required__request_without_it__is_missing() -> None:
    assert _request({"email": "maya@example.com"}) == [("body", "/password")]


def test_read_only_in_allof_part__request_without_it__is_excused() -> None:
    body = {"email": "maya@example.com", "password": "correct horse", "profile": {"name": "M"}}
    assert _request(body) == []


def test_read_only_in_allof_part__response_without_it__is_missing() -> None:
    body = {"id": "acc_1", "email": "maya@example.com", "profile": {"name": "M"}}
    assert _response(body) == [("body", "/profile/joined")]


def test_read_only_member__request_sends_it_anyway__is_still_validated() -> None:
    body = {"id": 5, "email": "maya@example.com", "password": "correct horse"}
    assert _request(body) == [("body", "/id")]


def test_direction_view__request__leaves_the_document_unchanged() -> None:
    before = list(SHOP.document["components"]["schemas"]["Account"]["required"])
    view = direction_view(SHOP.document, "request")
    assert view["components"]["schemas"]["Account"]["required"] == ["email", "password"]
    assert SHOP.document["components"]["schemas"]["Account"]["required"] == before
    assert view["components"]["schemas"]["Named"] is SHOP.document["components"]["schemas"]["Named"]


def test_direction_view__response__drops_write_only_from_required() -> None:
    view = direction_view(SHOP.document, "response")
    assert view["components"]["schemas"]["Account"]["required"] == ["id", "email"]
