"""End to end over real HTTP: ``versiongate serve --strict`` in a subprocess, two workers, SQLite.

``--strict`` makes the server check every response it sends against the client's version
(a mismatch is a 500 these tests would see).
"""

from __future__ import annotations

import concurrent.futures
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.server import dialects
from tests.server.conftest import API_SPECS, DEMO, TODAY, basic
from tests.server.live import ADMIN, LiveServer
from tests.server.test_versions import run_flow

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e") / "sandbox.sqlite3"


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[LiveServer]:
    live = LiveServer(API_SPECS, db=database, extra=["--workers", "2", "--now", TODAY, "--strict"])
    yield live
    live.stop()


@pytest.fixture
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


@pytest.mark.parametrize("version", dialects.SUPPORTED)
def test_e2e_merchant_flow__each_supported_version__over_http(
    http: httpx.Client, version: str
) -> None:
    payment = run_flow(http, version)
    for other in dialects.SUPPORTED:
        read = http.get(f"/transactions/{payment['id']}", headers={**DEMO, "API-Version": other})
        assert read.status_code == 200
        assert dialects.refunded(other, read.json()) == 2500


def test_e2e_sunset_version__410_in_its_own_shape(http: httpx.Client) -> None:
    response = http.get("/charges", headers={**DEMO, "API-Version": "2023-03-01"})
    assert response.status_code == 410
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "version_sunset"
    assert ", ".join(dialects.SUPPORTED) in error["message"]


def test_e2e_deprecated_version__headers_byte_exact(http: httpx.Client) -> None:
    response = http.get("/transactions", headers={**DEMO, "API-Version": "2024-01-15"})
    raw = {name.lower(): value for name, value in response.headers.raw}
    assert raw[b"api-version"] == b"2024-01-15"
    assert raw[b"deprecation"] == b"@1751241600"
    assert raw[b"sunset"] == b"Wed, 30 Jun 2027 00:00:00 GMT"
    assert raw[b"link"] == b'</docs/2024-01-15>; rel="deprecation"; type="text/html"'


def test_e2e_validation__422_lists_all_pointers(http: httpx.Client) -> None:
    body = dialects.checkout_body("2026-02-01")
    body["shopper"]["email"] = "nope"
    body["items"] = []
    response = http.post("/checkouts", json=body, headers=DEMO)
    assert response.status_code == 422
    pointers = sorted(error["pointer"] for error in response.json()["errors"])
    assert pointers == ["/Idempotency-Key", "/items", "/shopper/email"]


def test_e2e_auth__401_and_other_merchant_404(http: httpx.Client) -> None:
    assert http.get("/transactions").status_code == 401
    assert http.get("/transactions", headers=basic("pk_test_demo", "wrong")).status_code == 401
    payment = run_flow(http, "2026-02-01")
    other = http.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    response = http.get(
        f"/transactions/{payment['id']}", headers=basic(other["public_key"], other["secret_key"])
    )
    assert response.status_code == 404


def test_e2e_idempotency__concurrent_retries__one_effect_one_answer(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        checkout = http.post(
            "/checkouts",
            json=dialects.checkout_body("2026-02-01", 700),
            headers={**DEMO, "Idempotency-Key": "e2e-chk"},
        ).json()
        http.post(f"/sandbox/checkouts/{checkout['id']}/approve", headers=DEMO)
    body = {"checkout_id": checkout["id"], "amount": {"value": 700, "currency": "USD"}}

    def authorize(_: int) -> tuple[int, str]:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            response = client.post(
                "/transactions", json=body, headers={**DEMO, "Idempotency-Key": "e2e-race"}
            )
            return response.status_code, response.json().get("id", "")

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(authorize, range(16)))
    assert {status for status, _ in results} == {201}
    assert len({transaction_id for _, transaction_id in results}) == 1


def test_e2e_injected_failure__two_workers__exactly_the_armed_count_fails(
    server: LiveServer, http: httpx.Client
) -> None:
    merchant = http.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])

    def status() -> int:  # a new connection each time, so both workers answer some
        with httpx.Client(base_url=server.url, timeout=10) as fresh:
            return fresh.get("/transactions", headers=auth).status_code

    assert [status() for _ in range(4)] == [200] * 4  # every worker has cached "none armed"
    armed = http.post("/sandbox/failures", json={"status": 503, "count": 3}, headers=auth)
    assert armed.status_code == 201

    assert [status() for _ in range(6)] == [503] * 3 + [200] * 3


def test_e2e_injected_502_at_2024_09_01__its_envelope_and_media_type(http: httpx.Client) -> None:
    merchant = http.post(
        "/sandbox/merchants", json={"pinned_version": "2024-09-01"}, headers=ADMIN
    ).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    http.post("/sandbox/failures", json={"status": 502}, headers=auth)
    response = http.get("/transactions", headers=auth)
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["code"] == "injected_failure"


def test_e2e_restart__state_survives(database: Path, server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        payment = run_flow(http, "2025-06-30")
    server.stop()
    again = LiveServer(API_SPECS, db=database, extra=["--now", TODAY])
    try:
        with httpx.Client(base_url=again.url, timeout=10) as http:
            read = http.get(f"/transactions/{payment['id']}", headers=DEMO)
        assert read.status_code == 200
        assert read.json()["refunds"][0]["amount"]["value"] == 2500
    finally:
        again.stop()


def test_e2e_banner__url_versions_and_demo_keys(tmp_path: Path) -> None:
    live = LiveServer(API_SPECS, db=tmp_path / "b.sqlite3", extra=["--now", TODAY])
    output = live.stop()
    assert f"url        {live.url}" in output
    assert (
        "2023-03-01 (sunset), 2024-01-15 (deprecated), 2024-09-01, 2025-06-30, 2026-02-01 (head, default)"
        in output
    )
    assert "public pk_test_demo  private sk_test_demo  (pinned to 2026-02-01)" in output


def test_e2e_banner__database_from_an_earlier_run__shows_the_stored_demo_keys(
    tmp_path: Path,
) -> None:
    database = tmp_path / "kept.sqlite3"
    LiveServer(
        API_SPECS, db=database, extra=["--now", TODAY, "--demo-version", "2024-09-01"]
    ).stop()
    live = LiveServer(
        API_SPECS, db=database, extra=["--now", TODAY, "--demo-secret-key", "sk_other"]
    )
    try:
        response = httpx.get(live.url + "/transactions", auth=("pk_test_demo", "sk_test_demo"))
        assert response.headers["api-version"] == "2024-09-01"
    finally:
        output = live.stop()
    assert "private sk_test_demo  (pinned to 2024-09-01)" in output


def test_e2e_demo_version__database_from_an_earlier_run__applied(tmp_path: Path) -> None:
    database = tmp_path / "repinned.sqlite3"
    LiveServer(API_SPECS, db=database, extra=["--now", TODAY]).stop()
    live = LiveServer(
        API_SPECS, db=database, extra=["--now", TODAY, "--demo-version", "2024-09-01"]
    )
    try:
        response = httpx.get(live.url + "/transactions", auth=("pk_test_demo", "sk_test_demo"))
        assert response.headers["api-version"] == "2024-09-01"
    finally:
        output = live.stop()
    assert "(pinned to 2024-09-01)" in output
