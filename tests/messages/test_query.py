"""Query parameters as a whole: undeclared names, gathered objects, credentials, absence."""

from __future__ import annotations

from tests.messages.documents import VALIDATOR
from versioning.messages import MessageValidator, Problem
from versioning.spec.loader import load_spec_text
from versioning.translate.messages import ApiRequest

ITEMS = "GET /items/{id}"


def _problems(query: dict[str, list[str]], key: str = ITEMS) -> list[Problem]:
    path_params = {"id": "1"} if key == ITEMS else {"point": ".1"}
    request = ApiRequest(operation=key, path_params=path_params, query=query)
    return VALIDATOR.request_problems(request)


def test_request_problems__undeclared_query_name__is_an_undeclared_problem() -> None:
    problems = _problems({"limit": ["5"], "colour": ["red"]})
    assert [(p.part, p.pointer, p.parameter, p.undeclared) for p in problems] == [
        ("query", "/colour", "colour", True)
    ]


def test_request_problems__deep_object_member_name__is_not_undeclared() -> None:
    assert _problems({"created[gte]": ["5"], "created[lte]": ["9"]}) == []


def test_request_problems__deep_object_member_it_forbids__is_a_schema_problem_not_undeclared() -> (
    None
):
    problems = _problems({"created[gt]": ["5"]})
    assert [(p.pointer, p.undeclared) for p in problems] == [("/created/gt", False)]


def test_request_problems__deep_object_member_of_wrong_type__points_inside_the_parameter() -> None:
    problems = _problems({"created[gte]": ["soon"]})
    assert [(p.part, p.pointer, p.parameter) for p in problems] == [
        ("query", "/created/gte", "created")
    ]


def test_request_problems__bracketed_name_of_undeclared_prefix__is_undeclared() -> None:
    problems = _problems({"updated[gte]": ["5"]})
    assert [(p.pointer, p.undeclared) for p in problems] == [("/updated[gte]", True)]


def test_request_problems__exploded_form_array_with_brackets__is_read_as_the_array() -> None:
    problems = _problems({"tags[]": ["a", "b"], "limit": ["x"]})
    assert [p.pointer for p in problems] == ["/limit"]


def test_request_problems__exploded_form_object__takes_every_free_name() -> None:
    # `page` (exploded form, an object) owns every name no other parameter declares.
    assert _problems({"size": ["10"], "anything": ["x"]}, "GET /points/{point}") == []


def test_request_problems__exploded_form_object_member_of_wrong_type__is_a_problem() -> None:
    problems = _problems({"size": ["ten"]}, "GET /points/{point}")
    assert [(p.part, p.pointer, p.parameter) for p in problems] == [("query", "/page/size", "page")]


def test_request_problems__missing_path_parameter__is_a_problem_even_if_not_required() -> None:
    request = ApiRequest(operation=ITEMS, query={})
    problems = VALIDATOR.request_problems(request)
    assert [(p.part, p.pointer, p.message) for p in problems] == [
        ("path", "/id", "Missing required path parameter.")
    ]


def _events(query: dict[str, list[str]]) -> list[tuple[str, str]]:
    request = ApiRequest(operation="GET /events", query=query)
    return [(p.part, p.pointer) for p in VALIDATOR.request_problems(request)]


def test_request_problems__deep_object_or_integer_sent_as_object__is_validated() -> None:
    assert _events({"created[gte]": ["5"]}) == []
    assert _events({"created[gte]": ["soon"]}) == [("query", "/created")]


def test_request_problems__deep_object_empty_member_name__is_a_member_of_the_object() -> None:
    # `created[][x]=1` names member "" of the object (an object or an integer: no array), as
    # Schemathesis sends Stripe's free-form members; the schema then judges the member.
    assert _events({"created[][x]": ["1"], "created[lt]": ["5"]}) == []


def test_request_problems__deep_object_or_integer_sent_as_integer__is_accepted() -> None:
    assert _events({"created": ["1650000000"]}) == []


# A deepObject parameter whose schema also admits a scalar (Stripe's `created`: object or
# integer) used to be gathered from `created[…]` names only; a plain `created=soon` was
# neither validated nor reported.
def test_request_problems__deep_object_or_integer_sent_as_text__is_a_problem() -> None:
    assert _events({"created": ["soon"]}) == [("query", "/created")]


CREDENTIALS = load_spec_text(
    """
openapi: 3.1.0
info: {title: Keys, version: "1"}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: api_key}
security: [{key: []}]
paths:
  /things:
    get:
      parameters:
        - {name: q, in: query, required: true, schema: {type: string}}
      responses:
        "200": {description: OK.}
""",
    file="keys.yaml",
)


def test_request_problems__api_key_in_query__is_not_undeclared() -> None:
    request = ApiRequest(operation="GET /things", query={"q": ["x"], "api_key": ["k"]})
    assert MessageValidator(CREDENTIALS).request_problems(request) == []


def test_request_problems__required_query_parameter_missing__is_a_problem() -> None:
    request = ApiRequest(operation="GET /things", query={"api_key": ["k"]})
    problems = MessageValidator(CREDENTIALS).request_problems(request)
    assert [(p.part, p.pointer, p.message) for p in problems] == [
        ("query", "/q", "Missing required query parameter.")
    ]
