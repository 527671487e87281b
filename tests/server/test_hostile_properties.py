"""Property: no mutation of a valid request earns a 5xx from a ``--strict`` server.

Hypothesis takes an operation's example request in any version (sunset ones included),
replaces parts of its JSON body with arbitrary JSON values or bytes, and its headers with
arbitrary bytes; whatever it builds, the answer is below 500 and its body is JSON. A
``--strict`` server validates its own responses, so a response the client's version does
not declare would also show up as a 500.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import API_SPECS, DEMO, TODAY
from tests.server.status_cases import CATALOG, example_body, example_path
from tests.server.test_hostile_requests import _raw_call

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

_OPERATIONS = [(version, op) for version in CATALOG.ids for op in CATALOG.specs[version].operations]
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
_HEADERS = (b"authorization", b"api-version", b"idempotency-key", b"content-type", b"host")


@pytest.fixture(scope="module")
def strict_app() -> Iterator[Litestar]:
    app = create_app(API_SPECS, store=SqliteStore(), clock=fixed_clock(TODAY), strict=True)
    with TestClient(app):  # runs the app's startup
        yield app


def _mutated(value: Any, data: st.DataObject) -> Any:
    """``value`` with one member (at any depth) replaced by an arbitrary JSON value."""
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutated(value[key], data)}
    return data.draw(_JSON)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_request__any_version_and_operation__answered_below_500(
    strict_app: Litestar, data: st.DataObject
) -> None:
    version, operation = _OPERATIONS[data.draw(st.integers(0, len(_OPERATIONS) - 1))]
    body = json.dumps(_mutated(example_body(operation), data)).encode()
    if data.draw(st.booleans()):  # bytes that may not be JSON, nor UTF-8
        body = data.draw(st.binary(max_size=40)) + body[: data.draw(st.integers(0, len(body)))]
    headers = {
        b"authorization": DEMO["Authorization"].encode(),
        b"api-version": version.encode(),
        b"idempotency-key": str(data.draw(st.integers(0, 10**9))).encode(),
        b"content-type": b"application/json",
        b"host": b"localhost",
    }
    for name in data.draw(st.lists(st.sampled_from(_HEADERS), max_size=3, unique=True)):
        headers[name] = data.draw(st.binary(max_size=30).filter(lambda v: b"\r" not in v))
    headers[b"content-length"] = str(len(body)).encode()

    status, answer, content = _raw_call(
        strict_app, operation.method.upper(), example_path(operation), list(headers.items()), body
    )

    assert status < 500, content
    assert "json" in answer.get("content-type", "application/json")
    if content:
        json.loads(content)
