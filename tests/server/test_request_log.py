"""The request log end to end over real HTTP: two workers, SQLite, ``--strict``.

A merchant sees its own calls (version, operation, status, latency, idempotency key, field
names, what was deprecated) and nobody else's; nothing secret reaches the log's table.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING, Any

import httpx
import jsonschema_rs
import pytest

from tests.server import dialects
from tests.server.conftest import API_SPECS, TODAY, basic
from tests.server.live import LiveServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

OLD = "2024-01-15"
HEAD = "2026-02-01"
ADMIN = {"Authorization": "Bearer vg_admin_tests_0123456789abcdef"}
"""The test servers' admin key (``tests.server.live``), for creating merchants."""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("request_log") / "sandbox.sqlite3"


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[LiveServer]:
    live = LiveServer(API_SPECS, db=database, extra=["--workers", "2", "--now", TODAY, "--strict"])
    yield live
    live.stop()


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


def new_merchant(http: httpx.Client, version: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A merchant pinned to ``version`` and its Basic credentials."""
    created = http.post("/sandbox/merchants", json={"pinned_version": version}, headers=ADMIN)
    assert created.status_code == 201, created.text
    merchant = created.json()
    return merchant, basic(merchant["public_key"], merchant["secret_key"])


def logged(http: httpx.Client, auth: dict[str, str], count: int, query: str = "") -> list[Any]:
    """The merchant's log once it holds ``count`` records (another worker flushes in 0.5 s)."""
    deadline = time.monotonic() + 10
    while True:
        response = http.get(f"/sandbox/requests{query}", headers=auth)
        assert response.status_code == 200, response.text
        data: list[Any] = response.json()["data"]
        if len(data) >= count or time.monotonic() > deadline:
            return data
        time.sleep(0.1)


@pytest.fixture(scope="module")
def calls(http: httpx.Client) -> dict[str, Any]:
    """An old-version merchant's calls (a deprecated operation among them) and a head one's."""
    old, old_auth = new_merchant(http, OLD)
    created = http.post(
        "/checkouts",
        json=dialects.checkout_body(OLD, 10000),
        headers={**old_auth, "Idempotency-Key": "log-key-1"},
    )
    assert created.status_code == 201, created.text
    checkout_id = created.json()["id"]
    approved = http.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=old_auth)
    assert approved.status_code == 200
    charge = http.post(
        "/charges", json={"checkout_id": checkout_id, "amount": 10000}, headers=old_auth
    )
    assert charge.status_code == 201, charge.text
    assert (
        http.post("/charges", json={"amount": "tenner-value"}, headers=old_auth).status_code == 422
    )
    head, head_auth = new_merchant(http, HEAD)
    assert http.get("/transactions", headers=head_auth).status_code == 200
    return {"old": old, "old_auth": old_auth, "head": head, "head_auth": head_auth}


def test_request_log__merchant_calls__listed_newest_first_with_names_only(
    http: httpx.Client, calls: dict[str, Any]
) -> None:
    records = logged(http, calls["old_auth"], 3)

    assert [(r["version"], r["operation"], r["status"]) for r in records] == [
        (OLD, "POST /charges", 422),
        (OLD, "POST /charges", 201),
        (OLD, "POST /checkouts", 201),
    ]
    invalid, charge, checkout = records
    assert checkout["idempotency_key"] == "log-key-1"
    assert {"amount", "shopper.email", "items[].name", "billing_address.postal_code"} <= set(
        checkout["fields"]
    )
    assert checkout["deprecated"] == {"operation": False, "fields": []}
    assert charge["fields"] == ["checkout_id", "amount"]
    assert charge["deprecated"] == {"operation": True, "fields": []}
    assert charge["idempotency_key"] is None
    assert all(r["latency_ms"] > 0 and r["at"].endswith("Z") for r in records)
    assert "maya" not in str(records)
    assert "ORD-7" not in str(records)
    assert invalid["fields"] == ["amount"]  # an invalid body is read for names too
    assert "tenner" not in str(invalid)


def test_request_log__other_merchant__sees_only_its_own(
    http: httpx.Client, calls: dict[str, Any]
) -> None:
    head_records = logged(http, calls["head_auth"], 1)
    old_records = logged(http, calls["old_auth"], 3)

    assert [(r["version"], r["operation"]) for r in head_records] == [(HEAD, "GET /transactions")]
    assert all(r["version"] == OLD for r in old_records)


def test_request_log__filters__status_version_operation_since(
    http: httpx.Client, calls: dict[str, Any]
) -> None:
    auth = calls["old_auth"]
    logged(http, auth, 3)

    def statuses(query: str) -> list[int]:
        response = http.get(f"/sandbox/requests{query}", headers=auth)
        assert response.status_code == 200, response.text
        return [record["status"] for record in response.json()["data"]]

    assert statuses("?status=422") == [422]
    assert statuses(f"?version={OLD}&operation=POST%20/checkouts") == [201]
    assert statuses(f"?version={HEAD}") == []
    assert statuses("?since=2000-01-01") == [422, 201, 201]
    assert statuses("?since=2999-01-01T00:00:00Z") == []
    page = http.get("/sandbox/requests?limit=1", headers=auth).json()
    assert len(page["data"]) == 1
    assert page["has_more"] is True


@pytest.mark.parametrize("query", ["?status=99", "?status=abc", "?limit=0", "?since=yesterday"])
def test_request_log__bad_filter__422_naming_it(http: httpx.Client, query: str) -> None:
    response = http.get(f"/sandbox/requests{query}", headers=basic())
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/" + query[1:].partition("=")[0]


@pytest.mark.parametrize("path", ["/sandbox/requests", "/sandbox/usage"])
def test_request_log__missing_or_wrong_credentials__401(http: httpx.Client, path: str) -> None:
    assert http.get(path).status_code == 401
    assert http.get(path, headers=basic("pk_test_demo", "wrong")).status_code == 401


def test_request_log__table__holds_no_secret_or_value(
    http: httpx.Client, calls: dict[str, Any], database: Path
) -> None:
    logged(http, calls["old_auth"], 3)
    logged(http, calls["head_auth"], 1)
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT * FROM request_log_chunks").fetchall()
    stored = b"".join(str(row).encode() + bytes(row[-1]) for row in rows)

    assert sum(row[3] for row in rows) >= 4
    for secret in (calls["old"]["secret_key"], calls["head"]["secret_key"], "Basic", "maya"):
        assert secret.encode() not in stored
    assert b"POST /charges" in stored  # what is stored is readable, so the check means something


def test_request_log__responses__match_the_sandbox_document(
    http: httpx.Client, calls: dict[str, Any]
) -> None:
    document = http.get("/sandbox/openapi.json").json()

    def valid(name: str, value: Any) -> bool:
        schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
        return bool(jsonschema_rs.Draft202012Validator(schema).is_valid(value))

    records = logged(http, calls["old_auth"], 3)
    usage = http.get("/sandbox/usage", headers=calls["old_auth"])

    assert usage.status_code == 200
    assert all(valid("RecordedRequest", record) for record in records)
    assert valid("Usage", usage.json())
    assert {"/sandbox/requests", "/sandbox/usage"} <= set(document["paths"])


def test_usage_endpoint__old_merchant__deprecated_version_and_operation(
    http: httpx.Client, calls: dict[str, Any]
) -> None:
    logged(http, calls["old_auth"], 3)

    usage = http.get("/sandbox/usage", headers=calls["old_auth"]).json()

    assert usage["today"] == TODAY[:10]
    [version] = usage["versions"]
    assert (version["version"], version["status"], version["sunset"]) == (
        OLD,
        "deprecated",
        "2027-06-30",
    )
    assert [m["merchant_id"] for m in version["merchants"]] == [calls["old"]["id"]]
    [operation] = usage["deprecated_operations"]
    assert operation["operation"] == "POST /charges"
    assert operation["merchants"][0]["calls"] == 2


def test_request_log__sunset_version_call__logged_as_410_unknown_version_not(
    http: httpx.Client,
) -> None:
    _, auth = new_merchant(http, HEAD)
    gone = http.get("/charges", headers={**auth, "API-Version": "2023-03-01"})
    unknown = http.get("/transactions", headers={**auth, "API-Version": "1999-01-01"})
    assert (gone.status_code, unknown.status_code) == (410, 400)
    assert http.get("/transactions", headers=auth).status_code == 200

    records = logged(http, auth, 2)

    assert [(r["version"], r["operation"], r["status"]) for r in records] == [
        (HEAD, "GET /transactions", 200),
        ("2023-03-01", "GET /charges", 410),
    ]
    usage = http.get("/sandbox/usage", headers=auth).json()
    statuses = {item["version"]: item["status"] for item in usage["versions"]}
    assert statuses == {"2023-03-01": "sunset", HEAD: "current"}
