"""Interactive docs, the sandbox's own document, failure latency, and ``serve`` usage errors."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from tests.server import dialects
from tests.server.conftest import API_SPECS, DEMO, basic
from tests.server.live import ADMIN
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

    from litestar import Litestar

    Client = TestClient[Litestar]


def test_docs__index__lists_every_version_with_status(client: Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for version in dialects.ALL:
        assert f"/docs/{version}" in page.text
    assert "sunset" in page.text
    assert "deprecated" in page.text


@pytest.mark.parametrize("version", dialects.ALL)
def test_docs__version_page_and_document__served_per_version(client: Client, version: str) -> None:
    page = client.get(f"/docs/{version}")
    assert page.status_code == 200
    assert f"/docs/{version}/openapi.json" in page.text
    assert "cdn." not in page.text  # works offline
    reference = re.search(r"href='(/changelog/reference/[^']+)'", page.text)
    assert reference is not None
    assert f"{version}</" in client.get(reference.group(1)).text
    document = client.get(f"/docs/{version}/openapi.json").json()
    assert document["info"]["version"] == version
    assert document["servers"] == [
        {"url": "http://testserver.local", "description": "This versiongate mock server"}
    ]
    has_charges = "/charges" in document["paths"]
    assert has_charges == (version < "2025-06-30")


def test_docs__unknown_version__404(client: Client) -> None:
    assert client.get("/docs/1999-01-01").status_code == 404


def test_sandbox_document__describes_its_controls(client: Client) -> None:
    document = client.get("/sandbox/openapi.json").json()
    # At least these (test_sandbox_auth.py checks every path the document lists).
    assert set(document["paths"]) >= {
        "/sandbox/merchants",
        "/sandbox/merchants/{merchant_id}",
        "/sandbox/reset",
        "/sandbox/checkouts/{checkout_id}",
        "/sandbox/checkouts/{checkout_id}/approve",
        "/sandbox/checkouts/{checkout_id}/decline",
        "/sandbox/failures",
        "/sandbox/clock",
        "/sandbox/webhook_endpoints",
        "/sandbox/webhook_endpoints/{endpoint_id}",
        "/sandbox/events",
        "/sandbox/events/{event_id}",
        "/sandbox/events/{event_id}/resend",
        "/sandbox/requests",
        "/sandbox/usage",
    }
    enum = document["components"]["schemas"]["Merchant"]["properties"]["pinned_version"]["enum"]
    assert enum == list(dialects.ALL)


def test_sandbox__merchant_with_unknown_version__422(client: Client) -> None:
    response = client.post(
        "/sandbox/merchants", json={"pinned_version": "2020-01-01"}, headers=ADMIN
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/pinned_version"


def test_injected_latency__delays_the_next_call_only(client: Client) -> None:
    merchant = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    client.post("/sandbox/failures", json={"latency_ms": 300, "count": 1}, headers=auth)
    started = time.perf_counter()
    slow = client.get("/transactions", headers=auth)
    delayed = time.perf_counter() - started
    assert slow.status_code == 200
    assert delayed >= 0.3


def test_injected_failure__only_the_named_operation(client: Client) -> None:
    merchant = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    client.post(
        "/sandbox/failures", json={"status": 429, "operation": "POST /checkouts"}, headers=auth
    )
    assert client.get("/transactions", headers=auth).status_code == 200
    failed = client.post(
        "/checkouts",
        json=dialects.checkout_body("2026-02-01"),
        headers={**auth, "Idempotency-Key": "f-1"},
    )
    assert failed.status_code == 429
    assert failed.json()["code"] == "rate_limited"
    assert failed.headers["retry-after"] == "1"
    assert client.delete("/sandbox/failures", headers=auth).status_code == 204


def test_sandbox_controls__without_credentials__401(client: Client) -> None:
    assert client.post("/sandbox/checkouts/chk_x/approve").status_code == 401
    assert client.post("/sandbox/failures", json={"status": 500}).status_code == 401
    assert client.post("/sandbox/checkouts/chk_nothing/approve", headers=DEMO).status_code == 404


def test_foreign_catalog_without_the_bundled_domain__served_generically(tmp_path: Path) -> None:
    (tmp_path / "1.0").mkdir()
    (tmp_path / "1.0" / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: Tiny, version: '2025-01-01'}\npaths:\n  /ping:\n    get:\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {type: object, properties: {ok: {const: true}}}\n"
    )
    (tmp_path / "versions.yaml").write_text(
        'versions:\n  - id: "2025-01-01"\n    released: "2025-01-01"\n    spec: 1.0/openapi.yaml\n'
    )
    with TestClient(create_app(tmp_path)) as client:
        response = client.get("/ping")
    assert response.json() == {"ok": True}
    assert response.headers["api-version"] == "2025-01-01"


def test_serve__missing_target__exit_2_with_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["serve", str(tmp_path / "nothing.yaml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_serve__workers_without_a_database_file__exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(API_SPECS), "--workers", "2", "--db", ":memory:"]) == 2
    assert "--db" in capsys.readouterr().err


def test_serve__unknown_demo_version__exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(API_SPECS), "--demo-version", "1999-01-01", "--db", ":memory:"]) == 2
    assert "1999-01-01" in capsys.readouterr().err


def test_serve__broken_spec__exit_2_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a: [\n")
    assert main(["serve", str(broken)]) == 2
    assert f"{broken}:" in capsys.readouterr().err


def test_docs__unknown_version__problem_json(client: Client) -> None:
    for path in ("/docs/2099-01-01", "/docs/2099-01-01/openapi.json"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "not_found"
        assert response.json()["instance"] == path


@pytest.mark.parametrize("path", ["/docs", "/docs/2024-01-15", "/sandbox/openapi.json"])
def test_docs__head__headers_of_get_without_body(client: Client, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))


def test_docs__deprecated_operation__marked_once(client: Client) -> None:
    page = client.get("/docs/2024-01-15").text
    assert "List charges (deprecated)" in page
    assert "(deprecated) (deprecated)" not in page


def test_docs__html__one_charset(client: Client) -> None:
    assert client.get("/docs").headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/sandbox/nothing", 404),
        ("GET", "/sandbox/failures", 405),
        ("PUT", "/sandbox/merchants", 405),
    ],
)
def test_sandbox__no_such_route_or_method__problem_json(
    client: Client, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, headers=DEMO)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["code"] == {404: "not_found", 405: "method_not_allowed"}[status]
    assert "status_code" not in problem
    if status == 405:
        assert "POST" in response.headers["allow"]


@pytest.mark.parametrize("public_key", ["pk:colon", "pk_test_a:b", " "])
def test_sandbox__merchant_public_key_that_cannot_authenticate__422(
    client: Client, public_key: str
) -> None:
    response = client.post("/sandbox/merchants", json={"public_key": public_key}, headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/public_key"


def test_sandbox__merchant_secret_key_with_colon__authenticates(client: Client) -> None:
    merchant = client.post(
        "/sandbox/merchants",
        json={"public_key": "pk_test_colon_secret", "secret_key": "s:k"},
        headers=ADMIN,
    ).json()
    response = client.get("/transactions", headers=basic(merchant["public_key"], "s:k"))
    assert response.status_code == 200


def test_sandbox__failure_for_an_unknown_operation__422_listing_the_valid_ones(
    client: Client,
) -> None:
    response = client.post(
        "/sandbox/failures", json={"status": 500, "operation": "GET /nothing"}, headers=DEMO
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["pointer"] == "/operation"
    for key in (
        "GET /charges/{charge_id}",
        "GET /transactions/{transaction_id}",
        "POST /checkouts",
    ):
        assert key in problem["errors"][0]["message"]
        assert key in problem["detail"]


def test_sandbox__failure_for_an_older_versions_operation__fires_in_that_version(
    client: Client,
) -> None:
    merchant = client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    armed = client.post(
        "/sandbox/failures", json={"status": 503, "operation": "GET /charges"}, headers=auth
    )
    assert armed.status_code == 201
    assert client.get("/charges", headers={**auth, "API-Version": "2024-09-01"}).status_code == 503
