"""Sandbox files written by earlier versions of versiongate keep working after an upgrade.

The schema changed twice for speed (no AUTOINCREMENT; idempotency records as WITHOUT ROWID
and then back in a rowid table); ``CREATE TABLE IF NOT EXISTS`` keeps an existing file's
tables, so every statement must work against each layout.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from mock_server.sqlite_store import SqliteStore
from mock_server.store import StoredResponse

if TYPE_CHECKING:
    from pathlib import Path

_OBJECTS = {
    "autoincrement": "seq INTEGER PRIMARY KEY AUTOINCREMENT",
    "rowid": "seq INTEGER PRIMARY KEY",
}
_IDEMPOTENCY = {
    "primary key": "PRIMARY KEY (merchant_id, key))",
    "without rowid": "PRIMARY KEY (merchant_id, key)) WITHOUT ROWID",
}


def _old_file(path: Path, objects: str, idempotency: str) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(
        f"""
        CREATE TABLE objects ({objects}, merchant_id TEXT NOT NULL, id TEXT NOT NULL,
            kind TEXT NOT NULL, document BLOB NOT NULL, UNIQUE (merchant_id, id));
        CREATE INDEX objects_by_kind ON objects (merchant_id, kind, seq);
        CREATE TABLE idempotency (merchant_id TEXT NOT NULL, key TEXT NOT NULL,
            response BLOB NOT NULL, {idempotency};
        """
    )
    connection.execute(
        "INSERT INTO objects (merchant_id, id, kind, document) VALUES (?, ?, ?, ?)",
        ("m1", "txn_old", "transaction", b'{"id": "txn_old"}'),
    )
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("objects", list(_OBJECTS))
@pytest.mark.parametrize("idempotency", list(_IDEMPOTENCY))
def test_store__file_of_an_earlier_schema__reads_writes_and_replays(
    tmp_path: Path, objects: str, idempotency: str
) -> None:
    path = _old_file(tmp_path / "old.sqlite3", _OBJECTS[objects], _IDEMPOTENCY[idempotency])
    store = SqliteStore(path)
    first = StoredResponse(fingerprint="a", status=201, headers={}, body={"id": "txn_new"})
    second = StoredResponse(fingerprint="b", status=201, headers={}, body={"id": "txn_other"})

    with store.atomic():
        store.save_object("m1", "txn_new", "transaction", {"id": "txn_new"})
        assert store.add_response("m1", "key-1", first)
    assert not store.add_response("m1", "key-1", second)  # a retried key keeps the first
    store.save_objects(
        "m1",
        [("txn_old", "transaction", {"id": "txn_old", "status": "voided"}),
         ("txn_newer", "transaction", {"id": "txn_newer"})],
    )  # fmt: skip

    assert store.get_object("m1", "txn_old") == {"id": "txn_old", "status": "voided"}
    page = store.list_objects("m1", "transaction", limit=10)
    assert [item["id"] for item in page.items] == ["txn_newer", "txn_new", "txn_old"]
    assert store.stored_response("m1", "key-1") == first
    assert store.stored_response("m2", "key-1") is None
