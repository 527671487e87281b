"""The mock server and the property kit give every message the same verdict.

Both validate through :mod:`versioning.messages`, but they come in by different doors. The
server reads raw HTTP: body bytes with a Content-Type, which :func:`read_body` decodes, and a
query string parsed by ``urllib.parse.parse_qs``. The kit builds :class:`ApiRequest` values
with decoded bodies and parameters encoded by :func:`encode_parameter`. Here each kit message
is serialized the way an HTTP client would send it (JSON or form bytes, ``urlencode``d
query, percent-encoded path values) and read back the server's way; the two verdicts, the
sets of ``(part, pointer)`` problems, must be equal, strict and not.

Messages: every request-body and response example of every version of the bundled catalog
(as written, and spoiled so that problems are found), and a few requests the kit generates
per operation (5, derandomized) for the bundled catalog and for the first operations of each
third-party spec in ``../shared/specs`` (skipped, saying so, when those are absent).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar
from urllib.parse import parse_qs, quote, unquote, urlencode

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis.errors import NoSuchExample

from compat_tests.errors import SchemaGenerationError
from compat_tests.strategies import requests_for
from compat_tests.strategies.messages import json_media_type
from versioning.catalog import load_catalog
from versioning.messages import (
    BodyError,
    MessageValidator,
    encode_parameter,
    is_json_media_type,
    read_body,
    scalar_text,
)
from versioning.messages.media import essence
from versioning.spec.loader import load_spec
from versioning.spec.model import RequestBody
from versioning.translate.messages import ApiRequest, ApiResponse

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hypothesis.strategies import SearchStrategy

    from versioning.messages import Problem
    from versioning.spec.model import MediaType, Operation, Response, Spec

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "api_specs")
VALIDATORS = {version: MessageValidator(spec) for version, spec in CATALOG.specs.items()}
SHARED = ROOT.parent / "shared" / "specs"
THIRD_PARTY = [
    "adyen/PaymentService-v67.json",
    "adyen/PaymentService-v68.json",
    "square/api.json",
    "stripe/spec3-2021-10-07.json",
    "stripe/spec3-2022-04-07.json",
    "stripe/spec3-2022-04-12.json",
    "twilio/twilio_api_v2010.json",
]
OPERATIONS_PER_SPEC = 15
REQUESTS_PER_OPERATION = 5
FORM = "application/x-www-form-urlencoded"
SPOILED = "undeclared_by_agreement_test"

Verdict = frozenset[tuple[str, str]]
_Value = TypeVar("_Value")


class RawRequest(NamedTuple):
    """A request as it travels: texts and bytes only."""

    path_params: dict[str, str]
    query_string: str
    headers: dict[str, str]
    body: bytes


def _verdict(problems: list[Problem]) -> Verdict:
    return frozenset((problem.part, problem.pointer) for problem in problems)


def _form_pairs(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``{"a": {"b": [1]}}`` → ``a[b][0]=1``: brackets, as Stripe's clients send forms."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _form_pairs(item, f"{prefix}[{key}]" if prefix else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _form_pairs(item, f"{prefix}[{index}]")
    else:
        yield prefix, scalar_text(value)


def _body_bytes(value: Any, content_type: str | None) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if content_type is not None and essence(content_type) == FORM:
        return urlencode(list(_form_pairs(value))).encode()
    return json.dumps(value, ensure_ascii=False).encode()


def sent(request: ApiRequest) -> RawRequest:
    """``request`` as an HTTP client sends it."""
    pairs = [(name, text) for name, texts in request.query.items() for text in texts]
    return RawRequest(
        path_params={name: quote(value, safe="") for name, value in request.path_params.items()},
        query_string=urlencode(pairs),
        headers=dict(request.headers),
        body=_body_bytes(request.body, request.headers.get("content-type")),
    )


def server_verdict(
    validator: MessageValidator, operation: Operation, raw: RawRequest, *, strict: bool
) -> Verdict:
    """What the server makes of ``raw``: a 415 or 400 from ``read_body``, else the problems."""
    content_type = raw.headers.get("content-type")
    try:
        body, _ = read_body(raw.body, content_type, operation.request_body, validator.spec)
    except BodyError as error:
        return frozenset({("content-type" if error.status == 415 else "body", "")})
    request = ApiRequest(
        operation=operation.key,
        path_params={name: unquote(value) for name, value in raw.path_params.items()},
        query=parse_qs(raw.query_string, keep_blank_values=True),
        headers=raw.headers,
        body=body,
    )
    return _verdict(validator.request_problems(request, strict=strict))


def assert_request_agreement(
    validator: MessageValidator, operation: Operation, request: ApiRequest
) -> Verdict:
    """Both doors give ``request`` the same verdict, strict and not; the strict verdict."""
    raw = sent(request)
    found: Verdict = frozenset()
    for strict in (False, True):
        kit = _verdict(validator.request_problems(request, strict=strict))
        server = server_verdict(validator, operation, raw, strict=strict)
        assert server == kit, f"strict={strict}\nkit: {request!r}\nserver: {raw!r}"
        found = kit
    return found


def assert_response_agreement(
    validator: MessageValidator, operation: Operation, response: ApiResponse, declared: Response
) -> Verdict:
    """A response example and the bytes a client receives for it, read back, agree."""
    content_type = response.headers["content-type"]
    raw = _body_bytes(response.body, content_type)
    as_body = RequestBody(
        required=True, content=declared.content, description=None, pointer=declared.pointer
    )
    body, _ = read_body(raw, content_type, as_body, validator.spec)
    received = ApiResponse(status=response.status, headers=response.headers, body=body)
    found: Verdict = frozenset()
    for strict in (False, True):
        kit = _verdict(validator.response_problems(response, operation, strict=strict))
        server = _verdict(validator.response_problems(received, operation, strict=strict))
        assert server == kit, f"strict={strict}\n{response!r}\nread back: {body!r}"
        found = kit
    return found


def _sample(strategy: SearchStrategy[_Value], count: int) -> list[_Value]:
    """``count`` values of ``strategy``, the same on every run (derandomized, no database)."""
    drawn: list[_Value] = []

    @settings(
        max_examples=count, derandomize=True, database=None, deadline=None,
        phases=[Phase.generate], suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(strategy)
    def collect(value: _Value) -> None:
        drawn.append(value)

    collect()
    return drawn


def _carried(media: MediaType | None) -> bool:
    """JSON and forms are decoded by both doors; other media types stay bytes at the server."""
    return media is not None and (
        is_json_media_type(media.media_type) or essence(media.media_type) == FORM
    )


def _spoiled(value: Any) -> Any:
    """``value`` with a wrongly typed member and an undeclared one, so validation finds problems."""
    if isinstance(value, dict):
        spoiled = {**value, SPOILED: True}
        first = next(iter(value), None)
        if first is not None:
            spoiled[first] = [[value[first]]]
        return spoiled
    if isinstance(value, list):
        return [*value, {SPOILED: [True]}]
    return {SPOILED: [value]}


def _spoiled_request(request: ApiRequest) -> ApiRequest:
    query = {**request.query, SPOILED: ["1"]}
    body = _spoiled(request.body) if request.body is not None else None
    return ApiRequest(
        operation=request.operation, path_params=request.path_params, query=query,
        headers=request.headers, body=body,
    )  # fmt: skip


def _status(key: str, declared: list[str]) -> int:
    """A concrete status for a response key: ``201``, ``4XX`` → ``400``, ``default`` → ``500``."""
    explicit = {int(code) for code in declared if code.isdigit()}
    if key.isdigit():
        return int(key)
    first = int(key[0]) * 100 if key[0].isdigit() else 500
    candidates = range(first, first + 100) if key[0].isdigit() else (500, 503, 400, 422)
    return next(code for code in candidates if code not in explicit)


def _base_request(operation: Operation, spec: Spec) -> ApiRequest:
    """A valid request of ``operation`` (its parameters), to carry an example body."""
    try:
        return _sample(requests_for(operation, spec), 1)[0]
    except SchemaGenerationError:
        return ApiRequest(operation=operation.key)


def _with_body(request: ApiRequest, media: MediaType, body: Any) -> ApiRequest:
    headers = {**request.headers, "content-type": media.media_type}
    return ApiRequest(
        operation=request.operation, path_params=request.path_params, query=request.query,
        headers=headers, body=body,
    )  # fmt: skip


@pytest.mark.parametrize("version", CATALOG.ids)
def test_agreement__bundled_request_body_examples__same_verdict(version: str) -> None:
    spec = CATALOG.specs[version]
    validator = VALIDATORS[version]
    compared = with_problems = 0
    for operation in spec.operations:
        request_body = operation.request_body
        if request_body is None:
            continue
        base = _base_request(operation, spec)
        for media in request_body.content.values():
            if not _carried(media):
                continue
            for example in media.examples.values():
                assert (
                    assert_request_agreement(validator, operation, _with_body(base, media, example))
                    == frozenset()
                ), f"{operation.key}: a bundled example is invalid"
                spoiled = _with_body(_spoiled_request(base), media, _spoiled(example))
                with_problems += bool(assert_request_agreement(validator, operation, spoiled))
                compared += 2
    assert compared >= 16
    assert with_problems == compared // 2


@pytest.mark.parametrize("version", CATALOG.ids)
def test_agreement__bundled_response_examples__same_verdict(version: str) -> None:
    spec = CATALOG.specs[version]
    validator = VALIDATORS[version]
    compared = with_problems = 0
    for operation in spec.operations:
        for key, declared in operation.responses.items():
            status = _status(key, list(operation.responses))
            for media_type, media in declared.content.items():
                if not _carried(media):
                    continue
                for example in media.examples.values():
                    for body in (example, _spoiled(example)):
                        response = ApiResponse(
                            status=status, headers={"content-type": media_type}, body=body
                        )
                        verdict = assert_response_agreement(
                            validator, operation, response, declared
                        )
                        with_problems += bool(verdict)
                        compared += 1
    assert compared >= 160
    assert with_problems >= compared // 2


def _carried_request(request: ApiRequest, operation: Operation, spec: Spec) -> bool:
    """Whether the form body of ``request``, as sent, reads back as the body itself.

    Forms cannot carry nulls, members with brackets in their names, or empty containers
    except where the server restores them (an absent required array or object, a member
    ``""`` of an object sent as ``a[]``): what reads back differently is not carried.
    """
    content_type = request.headers.get("content-type")
    if request.body is None or content_type is None or essence(content_type) != FORM:
        return True
    raw = _body_bytes(request.body, content_type)
    try:
        read, _ = read_body(raw, content_type, operation.request_body, spec)
    except BodyError:
        return False
    return bool(read == request.body) or (request.body == {} and read is None)


class Agreement(NamedTuple):
    """What one operation's generated requests compared."""

    valid: int
    spoiled: int
    not_carried: int
    """Requests whose form body HTTP cannot carry (notes/kit-docs.md, bug 7): not compared."""


def _generated_agreement(
    validator: MessageValidator, operation: Operation, spec: Spec
) -> Agreement:
    """Agreement on the kit's requests of ``operation`` and on their spoiled twins."""
    requests = _sample(requests_for(operation, spec), REQUESTS_PER_OPERATION)
    valid = spoiled = not_carried = 0
    for request in requests:
        if not _carried_request(request, operation, spec):
            not_carried += 1
            continue
        verdict = assert_request_agreement(validator, operation, request)
        assert verdict == frozenset(), f"the kit generated an invalid request: {request!r}"
        valid += 1
        spoiled += bool(assert_request_agreement(validator, operation, _spoiled_request(request)))
    return Agreement(valid, spoiled, not_carried)


@pytest.mark.parametrize(
    ("version", "key"),
    [(version, op.key) for version in CATALOG.ids for op in CATALOG.specs[version].operations],
)
def test_agreement__bundled_generated_requests__same_verdict(version: str, key: str) -> None:
    spec = CATALOG.specs[version]
    operation = next(op for op in spec.operations if op.key == key)
    found = _generated_agreement(VALIDATORS[version], operation, spec)
    assert found.valid >= 1
    assert found.not_carried == 0  # every bundled body is JSON
    assert found.spoiled == found.valid  # the undeclared query name alone is a problem


def _checkable(operation: Operation) -> bool:
    """An operation with a JSON or form body, or with query parameters."""
    request_body = operation.request_body
    if request_body is not None and request_body.content:
        return _carried(json_media_type(request_body.content))
    return any(parameter.location == "query" for parameter in operation.parameters)


_LOADED: dict[str, Spec] = {}


def _third_party(name: str) -> Spec:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present: third-party specs not checked")
    if name not in _LOADED:
        _LOADED[name] = load_spec(SHARED / name, missing_refs="warn")
    return _LOADED[name]


@pytest.mark.parametrize("name", THIRD_PARTY)
def test_agreement__third_party_generated_requests__same_verdict(name: str) -> None:
    spec = _third_party(name)
    validator = MessageValidator(spec)
    operations = [op for op in spec.operations if _checkable(op)][:OPERATIONS_PER_SPEC]
    checked = valid = spoiled = not_carried = 0
    for operation in operations:
        try:
            found = _generated_agreement(validator, operation, spec)
        except SchemaGenerationError:
            continue  # a schema the kit cannot serve: tests/generators lists those
        checked += 1
        valid += found.valid
        spoiled += found.spoiled
        not_carried += found.not_carried
    print(f"{name}: {checked} operations, {valid} requests compared, {not_carried} not carried")
    assert checked >= min(len(operations), 10)
    assert not_carried == 0  # the kit only draws form bodies a form can carry
    assert spoiled >= valid // 2


def _stripe_charges() -> tuple[Spec, Operation]:
    spec = _third_party("stripe/spec3-2022-04-12.json")
    operation = spec.operation("GET", "/v1/charges")
    assert operation is not None
    return spec, operation


def test_agreement__stripe_created_gte_deep_object__validates_both_ways() -> None:
    # The kit's old validator called `created[gte]` "not declared" (the real bug behind this test).
    spec, operation = _stripe_charges()
    created = next(p for p in operation.parameters if p.name == "created")
    limit = next(p for p in operation.parameters if p.name == "limit")
    assert created.style == "deepObject"
    query: dict[str, list[str]] = {}
    for name, text in [
        *encode_parameter(created, {"gte": 1650000000, "lt": 1660000000}),
        *encode_parameter(limit, 3),
    ]:
        query.setdefault(name, []).append(text)
    request = ApiRequest(operation=operation.key, query=query)
    assert "created%5Bgte%5D=1650000000" in sent(request).query_string
    assert assert_request_agreement(MessageValidator(spec), operation, request) == frozenset()


def test_agreement__stripe_generated_deep_object_request__validates_both_ways() -> None:
    spec, operation = _stripe_charges()
    requests = _sample(requests_for(operation, spec), REQUESTS_PER_OPERATION)
    deep = [r for r in requests if any(name.startswith("created[") for name in r.query)]
    assert deep, "none of the derandomized requests sends created[…]: raise the sample"
    validator = MessageValidator(spec)
    for request in deep:
        assert assert_request_agreement(validator, operation, request) == frozenset()


# requests_for used to draw form bodies with members HTTP cannot carry (a map key "" or "a[b",
# an empty array or object, null), so the server read them differently.
def test_requests_for__stripe_form_body__is_always_one_a_form_carries() -> None:
    spec = _third_party("stripe/spec3-2022-04-12.json")
    operation = spec.operation("POST", "/v1/account")
    assert operation is not None
    config = settings(
        max_examples=50, derandomize=True, database=None, deadline=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    with pytest.raises(NoSuchExample):
        find(
            requests_for(operation, spec),
            lambda r: not _carried_request(r, operation, spec),
            settings=config,
        )


def test_server_verdict__undeclared_content_type__is_what_read_body_refuses() -> None:
    # The comparison is only as good as its server side: a 415 must show in the verdict.
    spec = CATALOG.specs[CATALOG.head.id]
    operation = spec.operation("POST", "/checkouts")
    assert operation is not None
    raw = RawRequest(
        path_params={}, query_string="", headers={"content-type": "text/csv"}, body=b"a"
    )
    assert server_verdict(VALIDATORS[CATALOG.head.id], operation, raw, strict=False) == frozenset(
        {("content-type", "")}
    )
