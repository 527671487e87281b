"""Which declared ``content`` entry a Content-Type falls under (RFC 9110 §8.3.1, OpenAPI ranges)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.messages.documents import (
    VALIDATOR,
    WILDCARDS,
    WILDCARDS_VALIDATOR,
    operation,
)
from versioning.messages import (
    is_json_media_type,
    match_media_type,
    pick_media_type,
    read_body,
)
from versioning.translate.messages import ApiRequest, ApiResponse

DECLARED = {"application/json": "json", "text/*": "text", "*/*": "any"}


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        pytest.param("application/json", "json", id="exact"),
        pytest.param("application/json; charset=utf-8", "json", id="parameters"),
        pytest.param("Application/JSON ;charset=UTF-8", "json", id="case-and-spaces"),
        pytest.param("text/plain", "text", id="type-range"),
        pytest.param("text/csv; header=present", "text", id="type-range-parameters"),
        pytest.param("image/png", "any", id="any-range"),
    ],
)
def test_match_media_type__received_type__falls_under_the_narrowest_entry(
    content_type: str, expected: str
) -> None:
    assert match_media_type(content_type, DECLARED) == expected


def test_match_media_type__no_range_declared__matches_nothing() -> None:
    assert match_media_type("text/plain", {"application/json": 1}) is None


def test_match_media_type__declared_key_in_upper_case__still_matches() -> None:
    assert match_media_type("application/json", {"Application/JSON": 1}) == 1


@pytest.mark.parametrize(
    ("media_type", "expected"),
    [
        ("application/json", True),
        ("application/problem+json; charset=utf-8", True),
        ("application/x-www-form-urlencoded", False),
        ("text/json-seq", False),
    ],
)
def test_is_json_media_type__media_type__says_whether_json(media_type: str, expected: bool) -> None:
    assert is_json_media_type(media_type) is expected


def test_pick_media_type__no_content_type__prefers_json() -> None:
    assert pick_media_type({"text/plain": 1, "application/json": 2}, None) == "application/json"


def test_pick_media_type__declared_content_type__picks_it() -> None:
    content = {"text/plain": 1, "application/json": 2}
    assert pick_media_type(content, "text/plain; charset=utf-8") == "text/plain"


def _pets(content_type: str, body: Any) -> list[tuple[str, str]]:
    request = ApiRequest(operation="POST /pets", headers={"content-type": content_type}, body=body)
    return [(p.part, p.pointer) for p in VALIDATOR.request_problems(request)]


def test_request_problems__json_with_charset__is_validated_as_json() -> None:
    assert _pets("application/json; charset=utf-8", {"kind": "cat", "meows": "yes"}) == [
        ("body", "")
    ]


def test_request_problems__text_under_type_range__is_accepted() -> None:
    assert _pets("text/plain; charset=utf-8", b"Tom the cat") == []


def test_request_problems__undeclared_content_type__is_a_content_type_problem() -> None:
    assert _pets("application/xml", {"kind": "cat", "meows": True}) == [("content-type", "")]


def test_response_problems__undeclared_content_type__is_a_content_type_problem() -> None:
    response = ApiResponse(
        status=201, headers={"content-type": "text/html"}, body={"kind": "dog", "barks": 3}
    )
    problems = VALIDATOR.response_problems(response, "POST /pets")
    assert [(p.part, p.pointer) for p in problems] == [("content-type", "")]


def test_response_problems__json_with_charset__is_the_declared_type() -> None:
    response = ApiResponse(
        status=201,
        headers={"content-type": "application/json; charset=utf-8"},
        body={"kind": "dog", "barks": 3},
    )
    assert VALIDATOR.response_problems(response, "POST /pets") == []


def test_read_body__text_under_type_range__stays_bytes() -> None:
    body = operation("POST /pets").request_body
    assert read_body(b"Tom", "text/plain", body, VALIDATOR.spec) == (b"Tom", "text/*")


# Wildcard entries used to be matched on requests but not on responses, and read_body parsed
# anything sent to a `*/*` entry as JSON.


def test_response_problems__text_under_declared_type_range__is_accepted() -> None:
    response = ApiResponse(status=200, headers={"content-type": "text/plain"}, body="hi")
    assert WILDCARDS_VALIDATOR.response_problems(response, "POST /uploads") == []


def test_response_problems__json_under_declared_any_range__is_accepted() -> None:
    response = ApiResponse(status=201, headers={"content-type": "application/json"}, body={})
    assert WILDCARDS_VALIDATOR.response_problems(response, "POST /uploads") == []


def test_read_body__binary_upload_to_any_range__stays_bytes() -> None:
    body = operation("POST /uploads", WILDCARDS).request_body
    assert read_body(b"\x89PNG\r\n", "image/png", body, WILDCARDS) == (b"\x89PNG\r\n", "*/*")
