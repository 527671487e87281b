"""Whole requests and responses for the bundled API's operations, and the parameter codec."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compat_tests.strategies import from_schema, requests_for, responses_for, status_codes
from versioning.catalog import load_catalog
from versioning.errors import UsageError
from versioning.messages import MessageValidator, decode_parameter, encode_parameter
from versioning.spec.model import Parameter

if TYPE_CHECKING:
    from versioning.translate.messages import ApiRequest, ApiResponse

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "api_specs")
OLDEST = CATALOG.specs[CATALOG.ids[0]]
HEAD = CATALOG.specs[CATALOG.head.id]
FEW = settings(max_examples=10, deadline=None)


VALIDATORS = {version: MessageValidator(spec) for version, spec in CATALOG.specs.items()}


def _errors(version: str, schema: Any, value: Any, direction: str) -> list[str]:
    problems = VALIDATORS[version].value_problems(schema, value, direction)  # type: ignore[arg-type]
    return [str(problem) for problem in problems]


@pytest.mark.parametrize("key", [operation.key for operation in HEAD.operations])
def test_requests_for__head_operation__fills_path_headers_and_a_valid_body(key: str) -> None:
    operation = next(op for op in HEAD.operations if op.key == key)

    @FEW
    @given(requests_for(operation, HEAD))
    def check(request: ApiRequest) -> None:
        assert request.operation == key
        assert "{" not in request.path()
        for parameter in operation.parameters:
            if parameter.required and parameter.location == "header":
                assert parameter.name.lower() in request.headers
            if parameter.location == "path":
                assert "/" not in request.path_params[parameter.name]
        assert all(name == name.lower() for name in request.headers)
        body = operation.request_body
        if body is not None and body.required:
            assert request.body is not None
        if request.body is not None:
            schema = body.content["application/json"].schema  # type: ignore[union-attr]
            assert _errors(HEAD.version, schema, request.body, "request") == []
            assert request.headers["content-type"] == "application/json"
        assert VALIDATORS[HEAD.version].request_problems(request) == []

    check()


def test_requests_for__query_parameters__are_strings_the_schema_accepts() -> None:
    operation = OLDEST.operation("GET", "/charges")
    assert operation is not None

    @FEW
    @given(requests_for(operation, OLDEST))
    def check(request: ApiRequest) -> None:
        for name, values in request.query.items():
            parameter = operation.parameter(name, "query")
            assert parameter is not None
            decoded = decode_parameter(parameter, values, OLDEST)
            assert _errors(OLDEST.version, parameter.schema, decoded, "request") == []
        assert VALIDATORS[OLDEST.version].request_problems(request) == []

    check()


RESPONSES = [(op.key, status) for op in HEAD.operations for status in op.responses]


@pytest.mark.parametrize(("key", "status"), RESPONSES)
def test_responses_for__declared_status__gives_that_status_and_a_valid_body(
    key: str, status: str
) -> None:
    operation = next(op for op in HEAD.operations if op.key == key)
    response = operation.responses[status]
    media = next(iter(response.content.values()), None)

    @FEW
    @given(responses_for(operation, HEAD, status))
    def check(generated: ApiResponse) -> None:
        if status.upper().endswith("XX"):  # a range: a code of that class no key names
            assert str(generated.status)[0] == status[0]
            assert str(generated.status) not in operation.responses
        else:
            assert str(generated.status) == status
        if media is not None:
            assert generated.headers["content-type"] == media.media_type
            assert _errors(HEAD.version, media.schema, generated.body, "response") == []
        assert VALIDATORS[HEAD.version].response_problems(generated, operation) == []

    check()


def test_responses_for__undeclared_status__is_a_usage_error() -> None:
    operation = HEAD.operation("GET", "/transactions")
    assert operation is not None
    with pytest.raises(UsageError, match="declares no 418 response"):
        responses_for(operation, HEAD, "418")


@FEW
@given(st.data())
def test_status_codes__range_and_default__avoid_explicitly_declared_codes(
    data: st.DataObject,
) -> None:
    code = data.draw(status_codes("4XX", ["400", "404", "4XX"]))
    assert 400 <= code < 500
    assert code not in (400, 404)
    assert data.draw(status_codes("default", ["200", "400"])) != 400


def _parameter(location: str, schema: dict[str, Any], **kwargs: Any) -> Parameter:
    return Parameter(
        name="p", location=location, required=True, deprecated=False, schema=schema,  # type: ignore[arg-type]
        content={}, style=kwargs.get("style"), explode=kwargs.get("explode"), examples={},
        description=None, pointer="#/p", extensions={},
    )  # fmt: skip


CODEC_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "query-integer": ("query", {"type": "integer"}),
    "query-exploded-array": ("query", {"type": "array", "items": {"type": "number"}}),
    "query-boolean-or-null": ("query", {"type": ["boolean", "null"]}),
    "header-array": ("header", {"type": "array", "items": {"type": "integer"}}),
    "path-string": ("path", {"type": "string", "pattern": "^[a-z0-9]{1,8}$"}),
}


@pytest.mark.parametrize("name", sorted(CODEC_CASES))
def test_parameter_codec__encode_then_decode__gives_the_value_back(name: str) -> None:
    location, schema = CODEC_CASES[name]
    parameter = _parameter(location, schema)

    @FEW
    @given(from_schema(schema).filter(lambda value: value is not None or location == "query"))
    def check(value: Any) -> None:
        texts = [text for _, text in encode_parameter(parameter, value)]
        if value is None or value == []:
            return  # nothing travels: absent and empty cannot be told apart on the wire
        assert decode_parameter(parameter, texts, HEAD) == value

    check()


def test_encode_parameter__deep_object__names_each_key() -> None:
    parameter = _parameter("query", {"type": "object"}, style="deepObject", explode=True)
    assert encode_parameter(parameter, {"a": 1, "b": True}) == [("p[a]", "1"), ("p[b]", "true")]


def test_requests_for__header_values__are_printable_ascii() -> None:
    operation = HEAD.operation("POST", "/transactions")
    assert operation is not None

    @FEW
    @given(requests_for(operation, HEAD))
    def check(request: ApiRequest) -> None:
        assert re.fullmatch(
            r"[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?", request.headers["idempotency-key"]
        )

    check()
