"""Malformed and hostile requests get a 4xx problem in the client's version, never a 500.

Two halves: in-process requests that check the answer itself (its status, its envelope in
the client's version, what is not reflected), and a live server on real sockets that
receives a few hundred malformed HTTP requests (request lines, headers, bodies, framing)
and must answer none of them with a 5xx and keep serving afterwards (issue 12).
"""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx
import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.auth import _basic_credentials
from mock_server.body_limits import BodyLimits, body_problem
from mock_server.clock import fixed_clock
from mock_server.raw_response import RawResponse
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import API_SPECS, DEMO, HEAD, TODAY, Keys, head_checkout
from tests.server.live import ADMIN, ADMIN_KEY, LiveServer
from tests.server.status_cases import CATALOG, example_path
from versioning.messages import MessageValidator
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from litestar import Litestar

OLD = "2024-01-15"
"""A version with the old error envelope, ``{"error": {"code", "message", "field"}}``."""
_VALIDATORS = {version: MessageValidator(spec) for version, spec in CATALOG.specs.items()}


@pytest.fixture(scope="module")
def server() -> Iterator[TestClient[Litestar]]:
    app = create_app(
        API_SPECS, admin_key=ADMIN_KEY, store=SqliteStore(), clock=fixed_clock(TODAY), strict=True
    )
    with TestClient(app) as client:
        yield client


def _post(client: TestClient[Litestar], path: str, body: bytes, **headers: str) -> httpx.Response:
    sent = {**DEMO, **Keys.next(), "Content-Type": "application/json", **headers}
    return client.post(path, content=body, headers=sent)


# Headers ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [b"Basic \xc3\xa9\xc3\xa9", b"Basic \xff", b"\xe9 x"])
def test_authorization__not_ascii__401_problem(server: TestClient[Litestar], value: bytes) -> None:
    headers = {b"authorization": value, b"api-version": OLD.encode()}
    response = server.get("/charges", headers=headers)

    assert response.status_code == 401
    assert response.headers["api-version"] == OLD
    assert response.json()["error"]["code"] == "authentication_failed"


def test_authorization__longer_than_cached__still_parsed_never_cached(
    server: TestClient[Litestar],
) -> None:
    keys = {"public_key": "pk_test_" + "long" * 150, "secret_key": "sk_test_long"}
    made = server.post("/sandbox/merchants", json=keys, headers=ADMIN)
    cached = _basic_credentials.cache_info().currsize
    token = base64.b64encode(f"{keys['public_key']}:{keys['secret_key']}".encode()).decode()
    response = server.get("/transactions", headers={"Authorization": f"Basic {token}"})

    assert made.status_code == 201, made.text
    assert response.status_code == 200
    assert _basic_credentials.cache_info().currsize == cached


@pytest.mark.parametrize(
    "host", ["exa mple.com", "a:b", "<script>:1", "x:99999", "a..b", "[::1", "evil.com/x"]
)
def test_host__invalid__400_in_the_clients_version(server: TestClient[Litestar], host: str) -> None:
    headers = {**DEMO, "Host": host, "API-Version": OLD}
    response = server.get("/charges", headers=headers)

    assert response.status_code == 400
    assert response.headers["api-version"] == OLD
    assert response.json()["error"]["code"] == "invalid_request"
    assert host not in response.text


@pytest.mark.parametrize(
    "host", ["localhost", "127.0.0.1:8000", "[::1]:8000", "mock_api:8000", "shop.example."]
)
def test_served_document__valid_host__servers_name_it(
    server: TestClient[Litestar], host: str
) -> None:
    response = server.get(f"/docs/{HEAD}/openapi.json", headers={"Host": host})

    assert response.status_code == 200
    assert response.json()["servers"][0]["url"] == f"http://{host}"


@pytest.mark.parametrize("host", ["a:b", "<script>x</script>", 'evil.example"><x'])
def test_served_document__invalid_host__400_never_reflected(
    server: TestClient[Litestar], host: str
) -> None:
    response = server.get(f"/docs/{HEAD}/openapi.json", headers={"Host": host})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert host not in response.text


def test_served_document__public_url__servers_ignore_the_host() -> None:
    app = create_app(
        API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock(TODAY), public_url="https://sandbox.test/"
    )
    with TestClient(app) as client:
        response = client.get(f"/docs/{HEAD}/openapi.json", headers={"Host": "evil.example"})
        created = _post(
            client, "/checkouts", json.dumps(head_checkout()).encode(), Host="evil.example"
        )

    assert response.json()["servers"][0]["url"] == "https://sandbox.test"
    assert created.json()["checkout_url"].startswith("https://sandbox.test/sandbox/checkouts/")


def _raw_call(
    app: Litestar,
    method: str,
    path: str,
    headers: list[tuple[bytes, bytes]],
    body: bytes = b"",
    *,
    cut_short: bool = False,
    stall: bool = False,
) -> tuple[int, dict[str, str], bytes]:
    """Call ``app`` with exactly these headers (test clients join repeated ones).

    ``cut_short``: the client goes away after sending ``body``, announced as partial;
    ``stall``: it announces more and sends nothing.
    """
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }  # fmt: skip
    messages: list[dict[str, object]] = []
    sent = False

    async def receive() -> dict[str, object]:
        nonlocal sent
        if sent:
            if cut_short:
                return {"type": "http.disconnect"}
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": cut_short or stall}

    async def send(message: dict[str, object]) -> None:
        messages.append(message)

    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    start = messages[0]
    answer = {
        name.decode(): value.decode()
        for name, value in start["headers"]  # type: ignore[attr-defined]
    }
    content = b"".join(m.get("body", b"") for m in messages[1:])  # type: ignore[misc]
    return int(start["status"]), answer, content  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "name", ["Host", "Authorization", "Content-Type", "API-Version", "Idempotency-Key"]
)
def test_header__sent_twice__400_in_the_clients_version(
    server: TestClient[Litestar], name: str
) -> None:
    values = {"Host": "a.example", "Authorization": DEMO["Authorization"]}
    value = values.get(name, "application/json" if name == "Content-Type" else OLD)
    headers = [(b"host", b"a.example"), (b"api-version", OLD.encode())]
    headers += [(b"authorization", DEMO["Authorization"].encode())]
    headers = [pair for pair in headers if pair[0] != name.lower().encode()]
    headers += [(name.lower().encode(), value.encode())] * 2
    status, answer, body = _raw_call(server.app, "GET", "/charges", headers)

    assert status == 400
    assert answer["api-version"] == OLD
    assert (
        json.loads(body)["error"]["message"] == f"The {name.title()} header may be sent only once."
    )


def test_sandbox__header_sent_twice__400_problem(server: TestClient[Litestar]) -> None:
    headers = [(b"content-type", b"application/json")] * 2
    status, answer, body = _raw_call(server.app, "POST", "/sandbox/merchants", headers, b"{}")

    assert status == 400
    assert answer["content-type"] == "application/problem+json"
    assert json.loads(body)["code"] == "invalid_request"


# Bodies -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/checkouts", "/sandbox/merchants"])
def test_body__trickling_in_past_the_timeout__400_after_the_timeout(path: str) -> None:
    app = create_app(
        API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock(TODAY), body_limits=BodyLimits(timeout=1)
    )
    headers = [
        (b"authorization", DEMO["Authorization"].encode()),
        (b"content-type", b"application/json"),
        (b"content-length", b"1000"),
    ]
    started = time.monotonic()
    status, _, content = _raw_call(app, "POST", path, headers, b'{"a', stall=True)

    assert status == 400
    assert json.loads(content)["detail"] == "The request body did not arrive within 1 s."
    assert 0.9 < time.monotonic() - started < 3


@pytest.mark.parametrize("path", ["/checkouts", "/sandbox/merchants"])
def test_body__cut_short_by_the_client__400_and_never_acted_on(path: str) -> None:
    store = SqliteStore()
    app = create_app(API_SPECS, admin_key=ADMIN_KEY, store=store, clock=fixed_clock(TODAY))
    body = json.dumps({**head_checkout(), "public_key": "pk_cut_short"}).encode()
    headers = [
        (b"authorization", DEMO["Authorization"].encode()),
        (b"idempotency-key", b"cut-short"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body) + 10).encode()),
    ]
    status, _, content = _raw_call(app, "POST", path, headers, body, cut_short=True)

    assert status == 400
    assert "cut short" in json.loads(content)["detail"]
    assert store.merchant_by_public_key("pk_cut_short") is None
    demo = store.merchant_by_public_key("pk_test_demo")
    assert demo is not None
    assert store.count_objects(demo.id, "checkout") == 0


@pytest.mark.parametrize("path", ["/checkouts", "/sandbox/merchants", "/sandbox/failures"])
@pytest.mark.parametrize(
    "body", [b'{"merchant_reference": "\xff\xfe"}', b'{"\xc3": 1}', b'"\xed\xa0\x80"']
)
def test_body__invalid_utf8_in_a_string__400(
    server: TestClient[Litestar], path: str, body: bytes
) -> None:
    response = _post(server, path, body)

    assert response.status_code == 400, response.text
    assert response.json()["code"] == "invalid_request"


def test_body__700000_keys__413_at_once_in_the_clients_version(
    server: TestClient[Litestar],
) -> None:
    members = ",".join(f'"{number:x}":1' for number in range(700_000))
    body = ('{"amount": 1,' + members + "}").encode()
    started = time.perf_counter()
    response = _post(server, "/charges", body, **{"API-Version": OLD})
    elapsed = time.perf_counter() - started

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert elapsed < 1.0  # 6.7 s of validation before the limit


def test_body__nested_past_the_limit__422_pointing_at_the_body(
    server: TestClient[Litestar],
) -> None:
    body = b'{"shopper":' + b"[" * 70 + b"]" * 70 + b"}"
    response = _post(server, "/checkouts", body)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"pointer": "", "message": "The value is nested too deeply to be checked."}
    ]


def test_sandbox__body_with_too_many_members__413_problem(server: TestClient[Litestar]) -> None:
    body = b"[" + b"1," * 20_000 + b"1]"
    response = server.post("/sandbox/merchants", content=body, headers=ADMIN)

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"a": "' + b"[,{" * 20_000 + b'"}', "application/json", None),  # inside a string
        (b'{"a": "\\\\", "b": [' + b"1," * 10 + b"1]}", "application/json", None),
        (b'{"a": "\\"' + b"," * 20_000 + b'"}', "application/json", None),  # escaped quote
        (b"[" + b"1," * 10_000 + b"1]", "application/json; charset=utf-8", 413),
        (b"a=1" + b"&a=1" * 10_000, "application/x-www-form-urlencoded", 413),
        (b"--b\r\n\r\n1\r\n" * 10_001 + b"--b--", "multipart/form-data; boundary=b", 413),
        (b"--b\r\n\r\n1\r\n" * 10_000 + b"--b--", 'multipart/form-data; boundary="b"', None),
        (b"[" * 65 + b"]" * 65, "application/merge-patch+json", 422),
        (b"[" * 1001 + b"]" * 1001, "application/json", 400),
        (b"," * 20_000, "text/plain", None),  # not decoded as a whole by the server
    ],
)
def test_body_problem__limits_counted_outside_strings(
    body: bytes, content_type: str, status: int | None
) -> None:
    problem = body_problem(body, content_type, BodyLimits())

    assert (problem.status if problem else None) == status


# Every refusal is an answer the client's version declares ----------------------------


def _refusals() -> list[object]:
    today = fixed_clock(TODAY)().date()
    served = [v.id for v in CATALOG.versions if v.status(today) != "sunset"]
    return [
        pytest.param(version, operation.key, kind, id=f"{version} {operation.key} {kind}")
        for version in served
        for operation in CATALOG.specs[version].operations
        for kind in ("bad host", "duplicate header", "too many members", "too deep")
    ]


@pytest.mark.parametrize(("version", "key", "kind"), _refusals())
def test_refusal__every_served_operation__valid_in_its_version(
    server: TestClient[Litestar], version: str, key: str, kind: str
) -> None:
    operation = next(op for op in CATALOG.specs[version].operations if op.key == key)
    headers = [
        (b"authorization", DEMO["Authorization"].encode()),
        (b"api-version", version.encode()),
        (b"host", b"bad host" if kind == "bad host" else b"localhost"),
    ]
    body = b""
    if kind == "duplicate header":
        headers += [(b"idempotency-key", b"a"), (b"idempotency-key", b"b")]
    elif kind != "bad host":
        headers += [(b"content-type", b"application/json"), (b"content-length", b"1")]
        body = b"[" + b"1," * 10_001 + b"1]" if kind == "too many members" else b"[" * 65
    status, answer, content = _raw_call(
        server.app, operation.method.upper(), example_path(operation), headers, body
    )
    expected = {"too many members": 413, "too deep": 422}.get(kind, 400)

    assert status == expected, content
    assert answer["api-version"] == version
    response = ApiResponse(status=status, headers=answer, body=json.loads(content))
    problems = _VALIDATORS[version].response_problems(response, key, strict=True)
    assert [f"{p.pointer}: {p.message}" for p in problems] == []


# Docs escape what the spec says -------------------------------------------------------

_HOSTILE = "<script>alert(1)</script>'\"&"


def test_docs__hostile_info_block__every_page_escapes_it(tmp_path: Path) -> None:
    version = "1'\"><img src=x onerror=alert(2)>"
    document = {
        "openapi": "3.1.0",
        "info": {"title": _HOSTILE, "version": version},
        "paths": {
            "/a<b>": {"get": {"summary": _HOSTILE, "responses": {"200": {"description": "ok"}}}}
        },
    }
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    app = create_app(path, mode="generic")
    with TestClient(app) as client:
        pages = [client.get("/docs"), client.get(f"/docs/{version}")]

    for page in pages:
        assert page.status_code == 200
        assert "<script>alert" not in page.text
        assert "<img" not in page.text
        assert page.text.count("</script>") == page.text.count("<script")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_version_id_beyond_latin1__served_with_the_echo_percent_encoded(tmp_path: Path) -> None:
    """A spec's ``info.version`` becomes the version header HTTP must carry (was a 500)."""
    version = "v\u20132"  # an en dash does not fit a Latin-1 header
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": version},
        "paths": {"/things": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    with TestClient(create_app(path, mode="generic")) as client:
        response = client.get("/things")
    assert response.status_code == 200
    assert response.headers["api-version"] == "v%E2%80%932"


# A live server on raw sockets ----------------------------------------------------------

_TOKEN = base64.b64encode(b"pk_test_demo:sk_test_demo").decode()
_AUTH = f"Authorization: Basic {_TOKEN}\r\n"
_PATHS = ["/checkouts", "/sandbox/merchants", "/transactions", "/transactions/txn_x/capture",
          "/sandbox/failures", "/docs/2026-02-01/openapi.json", "/changelog/"]  # fmt: skip
_BODIES: dict[str, tuple[str, bytes]] = {
    "bad json": ("application/json", b'{"amount": '),
    "bad utf-8": ("application/json", b'{"public_key": "\xff\xfe", "shopper": "\xfd"}'),
    "lone surrogate": ("application/json", b'{"merchant_reference": "\\ud800"}'),
    "huge number": ("application/json", b'{"amount": {"value": 1' + b"0" * 5000 + b"}}"),
    "float overflow": ("application/json", b'{"amount": {"value": 1e400}}'),
    "deep": ("application/json", b"[" * 5000 + b"]" * 5000),
    "many keys": ("application/json", json.dumps({str(n): n for n in range(20_000)}).encode()),
    "null bytes": ("application/json", b'{"a\x00": "\x00"}'),
    "not an object": ("application/json", b'"text"'),
    "text": ("text/plain", b"hello"),
    "form garbage": ("application/x-www-form-urlencoded", b"a=%zz&&=&%ff=\xff[=]"),
    "form deep": ("application/x-www-form-urlencoded", b"a" + b"[b]" * 500 + b"=1"),
    "multipart no boundary": ("multipart/form-data", b"--x\r\n\r\n"),
    "multipart garbage": ("multipart/form-data; boundary=x", b"--x\r\nbroken\r\n--x--"),
    "bad media type": ("application/json; charset=\xff", b"{}"),
    "xml": ("application/xml", b"<!DOCTYPE x [<!ENTITY a 'a'>]><x>&a;</x>"),
}


_READ_SECONDS = 5.0


def _request(method: str, path: str, headers: str = "", body: bytes = b"") -> bytes:
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    head = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\n{_AUTH}{headers}{length}"
    return head.encode("latin-1") + b"Connection: close\r\n\r\n" + body


def _malformed(paths: list[str]) -> list[tuple[str, bytes]]:
    """A few hundred malformed requests to ``paths`` (the first two take POST): (what, bytes)."""
    cases: list[tuple[str, bytes]] = []
    lines = [b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"G\x00T / HTTP/1.1\r\n\r\n",
             b"GET /%zz%ff HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
             b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
             b"GET  /  HTTP/1.1\r\nHost: x\r\n\r\n", b"GET http://evil.example/docs HTTP/1.1\r\n\r\n",
             b"CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example\r\n\r\n",
             b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", b"\r\n\r\n\r\n", b"\x16\x03\x01\x02\x00\x01",
             b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"GET /docs HTTP/1.0\r\n\r\n",
             b"TRACE /checkouts HTTP/1.1\r\nHost: x\r\n\r\n", b"get /docs http/1.1\r\nHost: x\r\n\r\n",
             b"GET /docs?\xff=\xfe&a=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
             b"GET /checkouts?" + b"a=1&" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"]  # fmt: skip
    cases += [(f"request line {n}", line) for n, line in enumerate(lines)]
    headers = ["Host: a:b\r\n", "Host: <x>\r\n", "Host: \r\n", "Host: a\r\nHost: b\r\n",
               "API-Version: \xe9\xe9\r\n", "API-Version: 2024-01-15\r\nAPI-Version: 2025-06-30\r\n",
               "Idempotency-Key: \xff\xfe\r\n", "Idempotency-Key: " + "k" * 5000 + "\r\n",
               "Authorization: Basic \xe9\r\n", "Authorization: Bearer\r\n",
               "Authorization: Basic " + "A" * 8000 + "\r\n", "Content-Type: \xff/\xfe\r\n",
               "X-Long: " + "x" * 100_000 + "\r\n", "".join(f"X-{n}: {n}\r\n" for n in range(500)),
               "Bad Header: x\r\n", "NoColon\r\n", " folded: x\r\n", "X: a\r\n continued\r\n",
               "Prefer: code=999\r\n", "Prefer: example=\xff\r\n", "Accept: \xff\r\n",
               "Content-Length: -1\r\n", "Content-Length: abc\r\n",
               "Content-Length: 99999999999999999999\r\n", "Content-Length: 1\r\nContent-Length: 2\r\n",
               "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "Transfer-Encoding: gzip\r\n",
               "Expect: 100-continue\r\n", "Cookie: \xff=\xfe; a\r\n", "Content-Encoding: gzip\r\n",
               "Connection: upgrade\r\nUpgrade: websocket\r\n"]  # fmt: skip
    for number, header in enumerate(headers):
        for path in (*paths[:2], "/docs"):
            method = "GET" if path == "/docs" else "POST"
            body = b"{}" if method == "POST" else b""
            cases.append((f"header {number} {path}", _request(method, path, header, body)))
    for name, (content_type, body) in _BODIES.items():
        for path in paths:
            for version in ("2026-02-01", "2024-01-15"):
                headers_text = f"Content-Type: {content_type}\r\nAPI-Version: {version}\r\n"
                headers_text += "Idempotency-Key: hostile\r\n"
                cases.append(
                    (f"body {name} {path} {version}", _request("POST", path, headers_text, body))
                )
    chunked = "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
    framing = [b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}", b"ffffffffffffffff\r\n{}\r\n0\r\n\r\n",
               b"2;ext=\xff\r\n{}\r\n0\r\n\r\n", b"1\r\n{\r\n1\r\n}\r\n0\r\nTrailer: \xff\r\n\r\n",
               b"-1\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n"]  # fmt: skip
    for number, body in enumerate(framing):
        for path in paths[:2]:
            head = f"POST {path} HTTP/1.1\r\nHost: x\r\n{_AUTH}{chunked}Connection: close\r\n\r\n"
            cases.append((f"chunked {number} {path}", head.encode() + body))
    short = _request("POST", "/checkouts", "Content-Type: application/json\r\n", b'{"a": 1}')
    cases.append(("body shorter than its length", short.replace(b"Length: 8", b"Length: 80")))
    return cases


def _send(port: int, data: bytes) -> int | None:
    """The status the server answers ``data`` with (``None``: it closed without one)."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=_READ_SECONDS) as connection:
        try:
            connection.sendall(data)
            while _final_status(received) is None:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received += chunk
        except (ConnectionResetError, BrokenPipeError, TimeoutError):
            pass  # refused by closing, or waiting for bytes that never come
    return _final_status(received)


def _final_status(received: bytes) -> int | None:
    """The status of the first response that is not ``1xx`` in ``received``, if complete."""
    while received.startswith(b"HTTP/1.") and b"\r\n" in received:
        status = int(received.split(b" ", 2)[1])
        if status >= 200:
            return status
        end = received.find(b"\r\n\r\n")  # skip the interim response
        if end < 0:
            return None
        received = received[end + 4 :]
    return None


_GENERIC_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1"},
    "security": [{"basic": []}, {"key": []}],
    "components": {
        "securitySchemes": {
            "basic": {"type": "http", "scheme": "basic"},
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
        },
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "maxLength": 20},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "size": {"type": "integer", "minimum": 0},
                    "child": {"$ref": "#/components/schemas/Thing"},
                },
            }
        },
    },
    "paths": {
        "/things": {
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}},
                        "application/x-www-form-urlencoded": {
                            "schema": {"$ref": "#/components/schemas/Thing"}
                        },
                    },
                },
                "responses": {"201": {"description": "made", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Thing"}}}}},
            },
            "get": {
                "parameters": [{"name": "size", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "all", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}},
            },
        },
        "/upload": {
            "post": {
                "requestBody": {"content": {"multipart/form-data": {"schema": {
                    "type": "object", "properties": {"file": {"type": "string",
                                                              "format": "binary"}}}}}},
                "responses": {"204": {"description": "stored"}},
            }
        },
        "/things/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "get": {"responses": {"200": {"description": "one", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"}}}}}},
        },
    },
}  # fmt: skip
_LIVE = {
    "sandbox": _PATHS,  # the third answers GET with 200
    "generic": ["/things", "/upload", "/things/1", "/things/%ff", "/things?size=%zz", "/nothing"],
}


@pytest.fixture(scope="module", params=sorted(_LIVE))
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, list[str]]]:
    folder = tmp_path_factory.mktemp("hostile")
    target = API_SPECS
    if request.param == "generic":
        target = folder / "openapi.json"
        target.write_text(json.dumps(_GENERIC_SPEC))
    # Strict mode 500s on any error the spec leaves undeclared: only for the bundled API.
    strict = ["--strict"] if request.param == "sandbox" else []
    extra = [*strict, "--header-timeout", "2"]
    server = LiveServer(target, db=folder / "db.sqlite3", extra=extra)
    try:
        yield server, _LIVE[request.param]
    finally:
        server.stop()


def test_live__few_hundred_malformed_requests__no_5xx_and_still_serving(
    live: tuple[LiveServer, list[str]],
) -> None:
    server, paths = live
    cases = _malformed(paths)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda case: _send(server.port, case[1]), cases))
    answered = dict(zip((name for name, _ in cases), statuses, strict=True))
    failures = {name: status for name, status in answered.items() if status and status >= 500}
    after = httpx.get(f"{server.url}/{paths[2].strip('/')}", headers=DEMO, timeout=5)

    assert len(cases) >= 300
    assert failures == {}
    assert after.status_code == 200, after.text
    assert time.monotonic() - started < 30
    assert sum(1 for status in statuses if status is not None) > len(cases) * 0.9


@pytest.mark.parametrize("live", ["sandbox"], indirect=True)
def test_live__headers_never_finished__connection_closed_after_the_timeout(
    live: tuple[LiveServer, list[str]],
) -> None:
    with socket.create_connection(("127.0.0.1", live[0].port), timeout=10) as connection:
        connection.sendall(b"GET /docs HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        started = time.monotonic()
        assert connection.recv(1024) == b""  # closed by the server, no response
        waited = time.monotonic() - started

    assert 1.5 < waited < 6


@pytest.mark.parametrize("live", ["sandbox"], indirect=True)
def test_live__connection_that_never_sends_a_byte__closed_after_the_timeout(
    live: tuple[LiveServer, list[str]],
) -> None:
    with socket.create_connection(("127.0.0.1", live[0].port), timeout=10) as connection:
        started = time.monotonic()
        assert connection.recv(1024) == b""
        waited = time.monotonic() - started

    assert 1.5 < waited < 6


@pytest.mark.parametrize("live", ["sandbox"], indirect=True)
def test_live__idle_keep_alive_connection__closed_after_the_timeout(
    live: tuple[LiveServer, list[str]],
) -> None:
    with socket.create_connection(("127.0.0.1", live[0].port), timeout=10) as connection:
        connection.sendall(b"GET /docs HTTP/1.1\r\nHost: localhost\r\n\r\n")
        received = b""
        while b"</html>" not in received:
            received += connection.recv(65536)
        started = time.monotonic()
        assert connection.recv(1024) == b""
        waited = time.monotonic() - started

    assert received.startswith(b"HTTP/1.1 200")
    assert 1.5 < waited < 6


@pytest.mark.parametrize("live", ["sandbox"], indirect=True)
def test_live__body_of_700000_keys__413_and_a_concurrent_get_is_not_held_up(
    live: tuple[LiveServer, list[str]],
) -> None:
    server = live[0]
    members = ",".join(f'"{number:x}":1' for number in range(700_000))
    body = ('{"amount": 1,' + members + "}").encode()
    headers = {**DEMO, "Content-Type": "application/json", "Idempotency-Key": "big"}

    def post() -> tuple[int, float]:
        started = time.monotonic()
        status = httpx.post(f"{server.url}/checkouts", content=body, headers=headers, timeout=30)
        return status.status_code, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=2) as pool:
        hostile = pool.submit(post)
        time.sleep(0.05)  # the body is on its way
        started = time.monotonic()
        concurrent = httpx.get(f"{server.url}/transactions", headers=DEMO, timeout=30)
        waited = time.monotonic() - started
        status, took = hostile.result()

    assert status == 413
    assert concurrent.status_code == 200
    assert took < 2.0  # 7-8 s before the limits
    assert waited < 1.0  # 6.6 s before


def test_raw_response__header_beyond_latin1__sent_percent_encoded() -> None:
    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    async def receive() -> dict[str, object]:
        return {"type": "http.disconnect"}

    response = RawResponse(200, [("x-note", "na\u00efve \u2013 \u7248\r\nx-injected: 1")], b"{}")
    asyncio.run(response({"type": "http", "method": "GET"}, receive, send))

    assert sent[0]["headers"] == [
        (b"x-note", b"na%C3%AFve %E2%80%93 %E7%89%88%0D%0Ax-injected: 1"),
        (b"content-length", b"2"),
    ]


def test_raw_response__header_with_a_line_break__cannot_add_a_header() -> None:
    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    async def receive() -> dict[str, object]:
        return {"type": "http.disconnect"}

    response = RawResponse(200, [("x-note", "a\r\nset-cookie: b")], b"")
    asyncio.run(response({"type": "http", "method": "GET"}, receive, send))

    assert sent[0]["headers"] == [(b"x-note", b"a%0D%0Aset-cookie: b"), (b"content-length", b"0")]
