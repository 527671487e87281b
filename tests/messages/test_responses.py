"""Responses: which declared response a status falls under, and the headers it requires."""

from __future__ import annotations

from typing import Any

import pytest

from tests.messages.documents import VALIDATOR
from versioning.translate.messages import ApiRequest, ApiResponse

ACCOUNTS = "POST /accounts"
ACCOUNT = {"id": "acc_1", "email": "maya@example.com"}


def _verdict(status: int, content_type: str, body: Any, **headers: str) -> list[tuple[str, str]]:
    response = ApiResponse(
        status=status, headers={"content-type": content_type, **headers}, body=body
    )
    return [(p.part, p.pointer) for p in VALIDATOR.response_problems(response, ACCOUNTS)]


@pytest.mark.parametrize(
    ("status", "content_type", "valid", "missing"),
    [
        pytest.param(201, "application/json", ACCOUNT, "/id", id="exact-201"),
        pytest.param(
            409, "application/json", {"taken": "email"}, "/taken", id="exact-409-over-4XX"
        ),
        pytest.param(404, "application/problem+json", {"title": "No"}, "/title", id="range-4XX"),
        pytest.param(503, "application/json", {"message": "Later"}, "/message", id="default"),
        pytest.param(302, "application/json", {"message": "There"}, "/message", id="3xx-default"),
    ],
)
def test_response_problems__status__is_checked_against_its_declared_response(
    status: int, content_type: str, valid: dict[str, Any], missing: str
) -> None:
    assert _verdict(status, content_type, valid, location="/a") == []
    without_first = dict(list(valid.items())[1:])
    assert _verdict(status, content_type, without_first, location="/a") == [("body", missing)]


def test_response_problems__undeclared_status__is_one_status_problem() -> None:
    response = ApiResponse(status=404, headers={}, body=None)
    problems = VALIDATOR.response_problems(response, "GET /items/{id}")
    assert [(p.part, p.pointer) for p in problems] == [("status", "")]
    assert "404" in problems[0].message
    assert "200" in problems[0].message


def test_response_problems__declared_status_without_content_but_a_body__is_a_body_problem() -> None:
    response = ApiResponse(status=200, headers={}, body={"unexpected": True})
    problems = VALIDATOR.response_problems(response, "GET /items/{id}")
    assert [(p.part, p.pointer, p.undeclared) for p in problems] == [("body", "", True)]


def test_response_problems__required_header_missing__is_a_header_problem() -> None:
    problems = VALIDATOR.response_problems(
        ApiResponse(status=201, headers={"content-type": "application/json"}, body=ACCOUNT),
        ACCOUNTS,
    )
    assert [(p.part, p.pointer, p.parameter) for p in problems] == [
        ("header", "/Location", "Location")
    ]


def test_response_problems__required_header_present_optional_absent__is_no_problem() -> None:
    assert _verdict(201, "application/json", ACCOUNT, location="/accounts/acc_1") == []


def test_response_problems__headers_not_required__skips_the_header_check() -> None:
    response = ApiResponse(status=201, headers={"content-type": "application/json"}, body=ACCOUNT)
    assert VALIDATOR.response_problems(response, ACCOUNTS, headers=False) == []


def test_response_problems__unknown_operation__is_an_operation_problem() -> None:
    problems = VALIDATOR.response_problems(ApiResponse(status=200), "GET /nowhere")
    assert [(p.part, p.message) for p in problems] == [
        ("operation", "version 1 has no operation GET /nowhere.")
    ]


def test_request_problems__request_of_another_operation__is_an_operation_problem() -> None:
    request = ApiRequest(operation="POST /pets", headers={"content-type": "application/json"})
    problems = VALIDATOR.request_problems(request, "POST /trees")
    assert [(p.part, p.message) for p in problems] == [
        ("operation", "POST /pets is not POST /trees.")
    ]
