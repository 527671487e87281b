"""Idempotency records expire after the retention period; the merchant cache has a size."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.sqlite_store import SqliteStore
from mock_server.store import Merchant, StoredResponse
from tests.server.conftest import API_SPECS, DEMO, TODAY, head_checkout

if TYPE_CHECKING:
    from pathlib import Path

HOUR = 3600.0


class _Wall:
    """A wall clock the test moves."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _response(body: str) -> StoredResponse:
    return StoredResponse(fingerprint=body, status=201, headers={}, body={"id": body})


def test_idempotency_key__reused_after_retention__acts_again_instead_of_409() -> None:
    wall = _Wall()
    store = SqliteStore(idempotency_retention=HOUR, now=wall)
    app = create_app(API_SPECS, store=store, clock=fixed_clock(TODAY))
    headers = {**DEMO, "Idempotency-Key": "retention-1"}
    with TestClient(app) as client:
        first = client.post("/checkouts", json=head_checkout(1000), headers=headers)
        replayed = client.post("/checkouts", json=head_checkout(1000), headers=headers)
        conflict = client.post("/checkouts", json=head_checkout(2000), headers=headers)
        wall.now += HOUR + 1
        again = client.post("/checkouts", json=head_checkout(2000), headers=headers)

    assert first.status_code == 201, first.text
    assert replayed.json()["id"] == first.json()["id"]
    assert replayed.headers["idempotent-replayed"] == "true"
    assert conflict.status_code == 409
    assert again.status_code == 201, again.text
    assert again.json()["id"] != first.json()["id"]
    assert "idempotent-replayed" not in again.headers


def test_add_response__past_retention__expired_records_purged_in_batches() -> None:
    wall = _Wall()
    store = SqliteStore(idempotency_retention=HOUR, now=wall)
    for number in range(2500):
        store.add_response("mer_1", f"old-{number}", _response(str(number)))
    wall.now += HOUR + 1
    assert store.stored_response("mer_1", "old-0") is None  # expired, even before a purge

    store.add_response("mer_1", "new-1", _response("new"))  # purges one batch of 1,000
    store.add_response("mer_1", "new-2", _response("new"))  # the batch was full: again
    remaining = store.purge_idempotency()  # the last 500

    assert remaining == 500
    assert store.purge_idempotency() == 0
    assert store.stored_response("mer_1", "new-1") is not None


def test_add_response__retention_zero__records_kept_forever() -> None:
    wall = _Wall()
    store = SqliteStore(idempotency_retention=0, now=wall)
    store.add_response("mer_1", "key", _response("a"))
    wall.now += 1000 * 24 * HOUR

    assert store.stored_response("mer_1", "key") == _response("a")
    assert store.purge_idempotency() == 0
    assert store.add_response("mer_1", "key", _response("b")) is False


def test_open__file_from_before_retention__records_kept_then_expire(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE idempotency (merchant_id TEXT NOT NULL, key TEXT NOT NULL,"
        " response BLOB NOT NULL, UNIQUE (merchant_id, key))"
    )
    old.execute(
        "INSERT INTO idempotency VALUES (?, ?, ?)",
        ("mer_1", "key", b'{"fingerprint":"a","status":201,"headers":{},"body":{"id":"a"}}'),
    )
    old.commit()
    old.close()
    wall = _Wall()

    store = SqliteStore(path, idempotency_retention=HOUR, now=wall)
    kept = store.stored_response("mer_1", "key")
    wall.now += HOUR + 1
    expired = store.stored_response("mer_1", "key")
    store.close()

    assert kept == _response("a")
    assert expired is None


def _merchant(number: int) -> Merchant:
    return Merchant(
        id=f"mer_{number}", public_key=f"pk_{number}", secret_key="sk", pinned_version="v",
        created_at="2026-01-01T00:00:00Z",
    )  # fmt: skip


def test_merchant_cache__more_merchants_than_its_size__bounded_and_lookups_still_right() -> None:
    store = SqliteStore(merchant_cache=10)
    for number in range(100):
        store.save_merchant(_merchant(number))
    for number in range(100):
        assert store.merchant_by_public_key(f"pk_{number}") == _merchant(number)

    assert len(store._merchants) == 10
    assert list(store._merchants) == [f"pk_{number}" for number in range(90, 100)]
