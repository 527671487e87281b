"""Every status the server can produce, for every operation of every version, in its spec.

The cases come from the specs (:mod:`tests.server.status_cases`): for each version,
operation and status a producer can cause, the status is provoked over HTTP against a
``--strict`` server and the response (status, headers, body) validated against that
version's document by :class:`versioning.messages.MessageValidator` with ``strict=True``,
so an undeclared member, a code outside the version's enum, the wrong media type or a
missing ``Retry-After``/``Allow`` fails the case.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import API_SPECS, TODAY, basic
from tests.server.live import ADMIN, ADMIN_KEY
from tests.server.status_cases import (
    CATALOG,
    PRODUCERS,
    Case,
    cases,
    example_body,
    example_path,
)
from versioning.messages import MessageValidator
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import httpx
    from litestar import Litestar

    from mock_server.store import Page

BODY_LIMIT = 1024
"""The servers here refuse larger bodies (10 MB in production), so a 413 is cheap."""
_CASES = cases()
_VALIDATORS = {version: MessageValidator(spec) for version, spec in CATALOG.specs.items()}


class _FaultyStore(SqliteStore):
    """Merchants work; every object read or write fails, as a broken disk would."""

    def _fail(self) -> None:
        raise RuntimeError("the disk is on fire")

    def get_object(self, merchant_id: str, object_id: str) -> Any:
        self._fail()

    def save_objects(self, merchant_id: str, objects: Any) -> None:
        self._fail()

    def list_objects(self, merchant_id: str, kind: str, **options: Any) -> Page:
        self._fail()
        raise AssertionError  # pragma: no cover - for the type checker

    def count_objects(self, merchant_id: str, kind: str) -> int:
        self._fail()
        raise AssertionError  # pragma: no cover - for the type checker


class _Servers:
    """A strict server, a strict server on a faulty store, and a merchant pinned per version."""

    def __init__(self, server: TestClient[Litestar], faulty: TestClient[Litestar]) -> None:
        self.server = server
        self.faulty = faulty
        self._auth: dict[str, dict[str, str]] = {}

    def auth(self, version: str) -> dict[str, str]:
        """Credentials of a merchant pinned to ``version`` (made on first use)."""
        if version not in self._auth:
            keys = {"public_key": f"pk_test_status_{version}", "secret_key": "sk_test_status"}
            for client in (self.server, self.faulty):
                made = client.post(
                    "/sandbox/merchants", json={**keys, "pinned_version": version}, headers=ADMIN
                )
                assert made.status_code == 201, made.text
            self._auth[version] = basic(keys["public_key"], keys["secret_key"])
        return self._auth[version]


@pytest.fixture(scope="module")
def servers() -> Iterator[_Servers]:
    def app(store: SqliteStore) -> Litestar:
        return create_app(
            API_SPECS, store=store, clock=fixed_clock(TODAY), strict=True,
            max_body_bytes=BODY_LIMIT, admin_key=ADMIN_KEY,
        )  # fmt: skip

    with TestClient(app(SqliteStore())) as server, TestClient(app(_FaultyStore())) as faulty:
        yield _Servers(server, faulty)


def _headers(servers: _Servers, case: Case, **extra: str) -> dict[str, str]:
    headers = {**servers.auth(case.version), "API-Version": case.version}
    if case.operation.parameter("Idempotency-Key", "header") is not None:
        headers["Idempotency-Key"] = str(uuid.uuid4())
    return {**headers, **extra}


def _example(
    client: TestClient[Litestar], case: Case, headers: dict[str, str], path: str | None = None
) -> httpx.Response:
    """The operation's example request (its path, its body) with ``headers``."""
    operation = case.operation
    body = example_body(operation)
    return client.request(
        operation.method.upper(), path or example_path(operation), json=body, headers=headers
    )


def _another_body(body: Any) -> Any:
    """``body`` with its first integer changed by one (still valid; another request)."""
    if isinstance(body, bool):
        return body
    if isinstance(body, int):
        return body + 1 if body < 2 else body - 1
    if isinstance(body, dict):
        for key, value in body.items():
            changed = _another_body(value)
            if changed != value:
                return {**body, key: changed}
    return body


def _reused_key(servers: _Servers, case: Case, status: int) -> httpx.Response:
    del status
    headers = _headers(servers, case)
    _example(servers.server, case, headers)  # recorded, whatever it answers
    body = example_body(case.operation)
    other = _another_body(body)
    # No integer in the body to change: the same call on another object.
    path = example_path(case.operation, another=other == body)
    return servers.server.request(case.operation.method.upper(), path, json=other, headers=headers)


def _injected(servers: _Servers, case: Case, status: int) -> httpx.Response:
    auth = servers.auth(case.version)
    failure = {"status": status, "operation": case.operation.key}
    armed = servers.server.post("/sandbox/failures", json=failure, headers=auth)
    assert armed.status_code == 201, armed.text
    try:
        return _example(servers.server, case, _headers(servers, case))
    finally:
        servers.server.delete("/sandbox/failures", headers=auth)


def _undeclared_method(case: Case) -> str:
    declared = {
        other.method.upper()
        for other in CATALOG.specs[case.version].operations
        if other.path == case.operation.path
    }
    return next(method for method in ("DELETE", "PATCH", "PUT", "POST") if method not in declared)


_PROVOKE: dict[str, Callable[[_Servers, Case, int], httpx.Response]] = {
    "unreadable JSON body": lambda servers, case, status: servers.server.request(
        case.operation.method.upper(), example_path(case.operation), content=b'{"amount": ',
        headers=_headers(servers, case, **{"Content-Type": "application/json"}),
    ),
    "unknown API-Version header": lambda servers, case, status: _example(
        servers.server, case, _headers(servers, case, **{"API-Version": "1999-01-01"})
    ),
    "no credentials": lambda servers, case, status: _example(
        servers.server, case, {"API-Version": case.version}
    ),
    "object that does not exist": lambda servers, case, status: _example(
        servers.server, case, _headers(servers, case)
    ),
    "path that does not exist": lambda servers, case, status: _example(
        servers.server, case, _headers(servers, case),
        path=example_path(case.operation).rstrip("/") + "/no/such/path",
    ),
    "undeclared method": lambda servers, case, status: servers.server.request(
        _undeclared_method(case), example_path(case.operation),
        headers=_headers(servers, case),
    ),
    "idempotency key reused with another request": _reused_key,
    "body over the size limit": lambda servers, case, status: servers.server.request(
        case.operation.method.upper(), example_path(case.operation),
        content=b'{"padding": "' + b"x" * BODY_LIMIT + b'"}',
        headers=_headers(servers, case, **{"Content-Type": "application/json"}),
    ),
    "undeclared content type": lambda servers, case, status: servers.server.request(
        case.operation.method.upper(), example_path(case.operation), content=b"amount=1",
        headers=_headers(servers, case, **{"Content-Type": "application/x-www-form-urlencoded"}),
    ),
    "unknown query parameter": lambda servers, case, status: servers.server.request(
        case.operation.method.upper(), example_path(case.operation) + "?not_a_parameter=1",
        json=example_body(case.operation), headers=_headers(servers, case),
    ),
    "server fault": lambda servers, case, status: _example(
        servers.faulty, case, _headers(servers, case)
    ),
    "injected failure": _injected,
    "version past its sunset": lambda servers, case, status: _example(
        servers.server, case, {**servers.auth(CATALOG.default_version), "API-Version": case.version}
    ),
}  # fmt: skip


def test_producers__each_has_a_way_to_provoke_it() -> None:
    assert set(_PROVOKE) == {producer.name for producer in PRODUCERS}


def test_cases__every_version_operation_and_producer__counted() -> None:
    checked = sum(len(case.statuses) for case in _CASES)
    versions = {case.version for case in _CASES}
    assert versions == set(CATALOG.ids)
    assert checked > 2000, checked  # 14 operations x 5 versions x ~50 statuses, roughly


def _problems(case: Case, status: int, response: httpx.Response) -> list[str]:
    """What is wrong with ``response`` as the ``status`` answer ``case`` expects."""
    if response.status_code != status:
        return [f"status {response.status_code}, not {status}: {response.text[:300]}"]
    found = []
    version = response.headers.get("api-version")
    if version != case.version:
        found.append(f"api-version {version}, not {case.version}")
    headers = {name.lower(): value for name, value in response.headers.items()}
    body = response.json() if response.content else None
    answer = ApiResponse(status=status, headers=headers, body=body)
    for problem in _VALIDATORS[case.version].response_problems(
        answer, case.operation.key, strict=True
    ):
        found.append(f"{problem.part} {problem.pointer or '/'}: {problem.message}")
    return found


@pytest.mark.parametrize("case", _CASES, ids=lambda case: case.id)
def test_every_status__provoked__valid_in_the_clients_version(
    servers: _Servers, case: Case
) -> None:
    provoke = _PROVOKE[case.producer.name]
    failures = {
        status: problems
        for status in case.statuses
        if (problems := _problems(case, status, provoke(servers, case, status)))
    }
    assert failures == {}
