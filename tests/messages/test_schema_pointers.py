"""A problem's ``schema_pointer`` names the failing keyword where the document holds it."""

from __future__ import annotations

from tests.messages.documents import SHOP, VALIDATOR
from versioning.spec.location import pointer_tokens, resolve_pointer
from versioning.translate.messages import ApiRequest, ApiResponse

ACCOUNT = "/components/schemas/Account"


def _request_problem(body: object) -> tuple[str, str | None]:
    request = ApiRequest(
        operation="POST /accounts", headers={"content-type": "application/json"}, body=body
    )
    (problem,) = VALIDATOR.request_problems(request)
    return problem.pointer, problem.schema_pointer


def test_schema_pointer__format_failure__names_the_format_keyword() -> None:
    body = {"email": "not an address", "password": "correct horse"}
    assert _request_problem(body) == ("/email", f"{ACCOUNT}/properties/email/format")


def test_schema_pointer__too_short__names_min_length() -> None:
    body = {"email": "maya@example.com", "password": "short"}
    assert _request_problem(body) == ("/password", f"{ACCOUNT}/properties/password/minLength")


def test_schema_pointer__missing_member__names_the_required_list() -> None:
    assert _request_problem({"password": "correct horse"}) == ("/email", f"{ACCOUNT}/required")


def test_schema_pointer__failure_inside_allof_part__names_that_part() -> None:
    body = {"email": "maya@example.com", "password": "correct horse", "profile": {"name": "x" * 21}}
    assert _request_problem(body) == (
        "/profile/name",
        "/components/schemas/Named/properties/name/maxLength",
    )


def test_schema_pointer__inline_response_schema__points_under_the_operation() -> None:
    response = ApiResponse(status=500, headers={"content-type": "application/json"}, body={})
    (problem,) = VALIDATOR.response_problems(response, "POST /accounts")
    assert problem.schema_pointer == (
        "/paths/~1accounts/post/responses/default/content/application~1json/schema/required"
    )


def test_schema_pointer__parameter__names_the_parameter_schema_keyword() -> None:
    request = ApiRequest(
        operation="GET /items/{id}", path_params={"id": "1"}, headers={"x-limit": "101"}
    )
    (problem,) = VALIDATOR.request_problems(request)
    assert problem.schema_pointer == "/paths/~1items~1{id}/get/parameters/7/schema/maximum"


def test_schema_pointer__every_problem__resolves_to_its_keyword_in_the_document() -> None:
    body = {"email": "x", "password": "y", "profile": {"name": 5, "joined": "never"}}
    request = ApiRequest(
        operation="POST /accounts", headers={"content-type": "application/json"}, body=body
    )
    problems = VALIDATOR.request_problems(request)
    assert len(problems) == 4
    for problem in problems:
        assert problem.schema_pointer is not None
        tokens = pointer_tokens(problem.schema_pointer)
        holder = resolve_pointer(SHOP.document, tokens[:-1])
        assert isinstance(holder, dict)
        assert tokens[-1] in holder


def test_schema_pointer__value_problems_of_a_built_schema__still_point_into_the_document() -> None:
    built = {"type": "object", "properties": {"named": {"$ref": "#/components/schemas/Named"}}}
    (problem,) = VALIDATOR.value_problems(built, {"named": {"name": 5}}, "response")
    assert (problem.pointer, problem.schema_pointer) == (
        "/named/name",
        "/components/schemas/Named/properties/name/type",
    )
