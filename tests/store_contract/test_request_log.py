"""The request log: appended in batches, read back per merchant with filters, trimmed per merchant."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from mock_server.request_log import RequestRecord

if TYPE_CHECKING:
    from tests.pg_cluster import PgCluster
    from tests.store_contract.conftest import Backend


def _record(merchant_id: str, at: float, **changes: object) -> RequestRecord:
    values: dict[str, object] = {
        "merchant_id": merchant_id,
        "at": at,
        "version": "2024-01-15",
        "operation": "POST /charges",
        "status": 201,
        "latency_ms": 1.25,
        "idempotency_key": "key-1",
        "fields": ("amount", "order_id", "shopper.email"),
        "deprecated_operation": True,
        "deprecated_fields": ("order_id",),
    }
    values.update(changes)
    return RequestRecord(**values)  # type: ignore[arg-type]


def test_requests__added_on_one_instance__read_on_another_newest_first(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    records = [_record(merchant_id, 1000.0 + number) for number in range(3)]
    first.add_requests(records, keep=100)

    found = second.list_requests(merchant_id)

    assert found == records[::-1]


def test_requests__filters__only_matching_records_of_that_merchant(
    backend: Backend, merchant_id: str
) -> None:
    store = backend.open()
    other = f"m_{uuid.uuid4().hex[:16]}"
    store.add_requests(
        [
            _record(merchant_id, 1000.0),
            _record(merchant_id, 2000.0, status=422, idempotency_key=None),
            _record(
                merchant_id,
                3000.0,
                version="2026-02-01",
                operation="GET /transactions",
                fields=(),
                deprecated_operation=False,
                deprecated_fields=(),
            ),
            _record(other, 3500.0),
        ],
        keep=100,
    )

    assert [r.at for r in store.list_requests(merchant_id)] == [3000.0, 2000.0, 1000.0]
    assert [r.at for r in store.list_requests(merchant_id, status=422)] == [2000.0]
    assert [r.at for r in store.list_requests(merchant_id, version="2026-02-01")] == [3000.0]
    assert [r.at for r in store.list_requests(merchant_id, operation="POST /charges")] == [
        2000.0,
        1000.0,
    ]
    assert [r.at for r in store.list_requests(merchant_id, since=2000.0)] == [3000.0, 2000.0]
    assert [r.at for r in store.list_requests(merchant_id, limit=1)] == [3000.0]
    assert store.list_requests(merchant_id, status=422)[0].idempotency_key is None
    everyone = {r.merchant_id for r in store.list_requests(None, since=1000.0)}
    assert {merchant_id, other} <= everyone


def test_requests__over_keep__each_merchant_keeps_about_its_newest(
    backend: Backend, merchant_id: str
) -> None:
    store = backend.open()
    other = f"m_{uuid.uuid4().hex[:16]}"
    store.add_requests([_record(other, 1.0)], keep=20)
    for batch in range(10):
        store.add_requests(
            [_record(merchant_id, batch * 10.0 + number) for number in range(10)], keep=20
        )

    kept = store.list_requests(merchant_id)

    assert 20 <= len(kept) <= 22  # trimmed every keep // 10 records
    assert kept[0].at == 99.0
    assert [r.at for r in kept] == sorted((r.at for r in kept), reverse=True)
    assert len(store.list_requests(other)) == 1  # another merchant's records are not touched


def test_sandbox_on_postgres__calls__in_the_callers_log_only(pg_cluster: PgCluster) -> None:
    from litestar.testing import TestClient

    from mock_server.app import create_app
    from mock_server.clock import fixed_clock
    from mock_server.postgres import PostgresStore
    from tests.server.conftest import API_SPECS, TODAY, basic
    from tests.server.live import ADMIN, ADMIN_KEY

    store = PostgresStore(pg_cluster.create_database("request_log_sandbox"))
    try:
        app = create_app(API_SPECS, store=store, clock=fixed_clock(TODAY), admin_key=ADMIN_KEY)
        with TestClient(app) as client:
            created = client.post(
                "/sandbox/merchants", json={"pinned_version": "2024-01-15"}, headers=ADMIN
            ).json()
            auth = basic(created["public_key"], created["secret_key"])
            assert client.get("/charges", headers=auth).status_code == 200
            assert client.get("/transactions", headers=basic()).status_code == 200

            mine = client.get("/sandbox/requests", headers=auth).json()["data"]
            demo = client.get("/sandbox/requests", headers=basic()).json()["data"]
    finally:
        store.close()

    assert [(r["version"], r["operation"], r["deprecated"]["operation"]) for r in mine] == [
        ("2024-01-15", "GET /charges", True)
    ]
    assert [r["operation"] for r in demo] == ["GET /transactions"]


def test_call_counts__beyond_trimming__exact_per_operation_and_deprecated_field(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    for batch in range(5):
        store = (first, second)[batch % 2]
        store.add_requests(
            [_record(merchant_id, batch * 10.0 + number) for number in range(10)], keep=5
        )
    first.add_requests([_record(merchant_id, 100.0, operation="GET /charges")], keep=5)

    counts = {(c.operation, c.field): c for c in second.call_counts(merchant_id)}

    assert len(second.list_requests(merchant_id)) <= 15  # trimmed ...
    assert counts["POST /charges", ""].calls == 50  # ... counted exactly
    assert counts["POST /charges", ""].deprecated is True
    assert counts["POST /charges", ""].last_at == 49.0
    assert counts["POST /charges", "order_id"].calls == 50
    assert counts["GET /charges", ""].calls == 1
    assert counts["GET /charges", "order_id"].last_at == 100.0
    assert all(c.merchant_id == merchant_id for c in second.call_counts(merchant_id))
