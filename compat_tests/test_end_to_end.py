"""Property 5 over the bundled API, end to end against the mock server.

Generated valid requests of every version get responses their version declares, with valid
bodies, and never a 5xx.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from litestar.testing import TestClient

from compat_tests.end_to_end import check_end_to_end
from compat_tests.strategies import requests_for
from mock_server.app import create_app
from mock_server.clock import fixed_clock
from versioning.catalog import load_catalog
from versioning.messages import MessageValidator

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

    from versioning.translate.messages import ApiRequest

BUNDLED = Path(__file__).resolve().parents[1] / "api_specs"
CATALOG = load_catalog(BUNDLED)
TODAY = "2026-03-01T12:00:00Z"
"""Before 2023-03-01's sunset, so every version is served."""
CREDENTIALS = {"authorization": "Basic " + base64.b64encode(b"pk_test_demo:sk_test_demo").decode()}
CASES = [(version, op.key) for version in CATALOG.ids for op in CATALOG.specs[version].operations]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Litestar]]:
    """The mock server on the bundled catalog, on a fixed clock."""
    with TestClient(create_app(BUNDLED, clock=fixed_clock(TODAY))) as test_client:
        yield test_client


def _sender(client: TestClient[Litestar]) -> Any:
    def send(
        method: str,
        path: str,
        query: list[tuple[str, str]],
        headers: dict[str, str],
        body: bytes | None,
    ) -> tuple[int, dict[str, str], bytes]:
        pairs: list[tuple[str, str | int | float | bool | None]] = list(query)
        reply = client.request(method, path, params=pairs, headers=headers, content=body)
        return reply.status_code, dict(reply.headers), reply.content

    return send


def _examples() -> int:
    profile = settings.default
    return max(2, (profile.max_examples if profile is not None else 20) // 4)


@pytest.mark.parametrize(("version", "key"), CASES, ids=[f"{v} {k}" for v, k in CASES])
def test_end_to_end__generated_valid_request__gets_a_declared_valid_response(
    client: TestClient[Litestar], version: str, key: str
) -> None:
    """Any valid request of ``version`` gets a response ``version`` declares, never a 5xx."""
    spec = CATALOG.specs[version]
    operation = spec.operation(*key.split(" ", 1))
    assert operation is not None
    validator = MessageValidator(spec)
    send = _sender(client)
    headers = {**CREDENTIALS, CATALOG.version_header.lower(): version}

    @settings(
        max_examples=_examples(),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        report_multiple_bugs=False,
    )
    @given(requests_for(operation, spec))
    def check(request: ApiRequest) -> None:
        check_end_to_end(
            send, request, operation, validator, version=version, extra_headers=headers
        )

    check()
