"""Long targets and headers are refused with 414/431 in the client's version, not by granian.

The guard holds the path and query to ``VERSIONGATE_MAX_URL_BYTES`` and the header lines
to ``VERSIONGATE_MAX_HEADER_BYTES``; granian's read buffer is sized so that such requests
reach it. Granian (hyper) still refuses a target over 65,534 bytes itself with a bare 414:
pinned here so a granian that changes it is noticed.
"""

from __future__ import annotations

import json
import socket
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.body_limits import BodyLimits, body_limits_from_environment, head_buffer_size
from mock_server.clock import fixed_clock
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import API_SPECS, DEMO, TODAY
from tests.server.generic.support import spec_document
from tests.server.live import ADMIN_KEY, LiveServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from litestar import Litestar

LIMITS = BodyLimits(max_url_bytes=2_000, max_header_bytes=4_000)
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["message"],
            "properties": {"message": {"type": "string"}, "code": {"type": "string"}},
            "additionalProperties": False,
        }
    },
    "additionalProperties": False,
}
DOCUMENT = spec_document(
    {
        "/things": {
            "get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {}}}},
                    "default": {
                        "description": "error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
        }
    },
    schemas={"Error": ERROR},
)  # fmt: skip


@pytest.fixture(scope="module")
def generic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient[Litestar]]:
    path = tmp_path_factory.mktemp("long") / "openapi.json"
    path.write_text(json.dumps(DOCUMENT))
    with TestClient(create_app(path, mode="generic", body_limits=LIMITS)) as client:
        yield client


@pytest.fixture(scope="module")
def sandbox() -> Iterator[TestClient[Litestar]]:
    app = create_app(
        API_SPECS,
        admin_key=ADMIN_KEY,
        store=SqliteStore(),
        clock=fixed_clock(TODAY),
        strict=True,
        body_limits=LIMITS,
    )
    with TestClient(app) as client:
        yield client


def _error(body: Any) -> dict[str, Any]:
    assert isinstance(body, dict)
    error = body["error"]
    assert isinstance(error, dict)
    return error


def test_long_target__generic_mode__414_in_declared_error_schema(
    generic: TestClient[Litestar],
) -> None:
    response = generic.get("/things", params={"q": "x" * 2_100})
    assert response.status_code == 414
    assert response.headers["content-type"].startswith("application/json")
    assert "2,000" in _error(response.json())["message"]
    assert set(_error(response.json())) <= {"message", "code"}


def test_target_at_limit__generic_mode__served(generic: TestClient[Litestar]) -> None:
    query = "x" * (2_000 - len("/things?q="))
    assert generic.get("/things", params={"q": query}).status_code == 200


def test_long_headers__generic_mode__431_in_declared_error_schema(
    generic: TestClient[Litestar],
) -> None:
    response = generic.get("/things", headers={"X-Filler": "y" * 4_000})
    assert response.status_code == 431
    assert "4,000" in _error(response.json())["message"]


def test_long_target__sandbox__414_in_client_version(sandbox: TestClient[Litestar]) -> None:
    response = sandbox.get("/charges", params={"limit": "1", "x": "z" * 2_100}, headers=DEMO)
    assert response.status_code == 414
    assert response.headers["content-type"].startswith("application/")
    assert "request_too_large" in response.text


def test_long_headers__unversioned_path__431_problem(sandbox: TestClient[Litestar]) -> None:
    response = sandbox.get("/docs", headers={"X-Filler": "y" * 4_000})
    assert response.status_code == 431
    assert response.headers["content-type"] == "application/problem+json"


def test_limits_from_environment__variables__applied() -> None:
    limits = body_limits_from_environment(
        {"VERSIONGATE_MAX_URL_BYTES": "100", "VERSIONGATE_MAX_HEADER_BYTES": "200"}
    )
    assert (limits.max_url_bytes, limits.max_header_bytes) == (100, 200)


def test_default_url_limit__hyper_cap__everything_granian_reads_is_validated() -> None:
    assert BodyLimits().max_url_bytes == 65_534


def test_head_buffer_size__limits__holds_both_never_below_granian_default_nor_unbounded() -> None:
    assert head_buffer_size(BodyLimits()) == 8192 + 4096 * 100
    big = BodyLimits(max_url_bytes=60_000, max_header_bytes=1_000_000)
    assert head_buffer_size(big) > 1_060_000
    assert head_buffer_size(BodyLimits(max_header_bytes=10**9)) == 4 * 1024 * 1024


# A live granian server, raw sockets --------------------------------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path: Path = tmp_path_factory.mktemp("live") / "openapi.json"
    path.write_text(json.dumps(DOCUMENT))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VERSIONGATE_MAX_HEADER_BYTES", "600000")
        patch.setenv("VERSIONGATE_MAX_URL_BYTES", "32768")
        server = LiveServer(path, db=None, extra=["--mode", "generic"])
    yield server
    server.stop()


def _exchange(server: LiveServer, head: bytes) -> tuple[int, bytes, bytes]:
    """Send ``head`` (a request without body); the status, raw headers and body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(head)
        received = b""
        while True:
            chunk = connection.recv(65_536)
            if not chunk:
                break
            received += chunk
            headers, _, body = received.partition(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in headers.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                None,
            )
            if length is not None and len(body) >= length:
                break
    headers, _, body = received.partition(b"\r\n\r\n")
    return int(headers.split(b" ", 2)[1]), headers.lower(), body


def test_live__target_over_limit__414_json(live: LiveServer) -> None:
    target = b"/things?q=" + b"x" * 40_000
    status, headers, body = _exchange(
        live, b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    assert status == 414
    assert b"content-type: application/json" in headers
    assert b"32,768" in body


def test_live__headers_past_granian_default_buffer_over_limit__431_json(live: LiveServer) -> None:
    filler = b"".join(b"X-F%d: %s\r\n" % (index, b"y" * 10_000) for index in range(62))
    head = b"GET /things HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + filler + b"\r\n"
    status, headers, body = _exchange(live, head)
    assert status == 431
    assert b"content-type: application/json" in headers
    assert b"600,000" in body


def test_live__headers_under_limit_past_old_buffer__served(live: LiveServer) -> None:
    # 500 KB: past granian's default 408 KiB buffer (a bare 431 before), under our limit
    filler = b"".join(b"X-F%d: %s\r\n" % (index, b"y" * 10_000) for index in range(50))
    head = b"GET /things HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + filler + b"\r\n"
    assert _exchange(live, head)[0] == 200


def test_live__target_over_hyper_cap__granian_bare_414(live: LiveServer) -> None:
    target = b"/things?q=" + b"x" * 70_000
    status, _, body = _exchange(
        live, b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    assert (status, body) == (414, b"")
