"""SQLite implementation of :class:`mock_server.store.Store`: one file in WAL mode.

Several server workers (processes) can share the file: every read-modify-write runs inside
``BEGIN IMMEDIATE``, which takes SQLite's write lock, so two concurrent retries of the same
idempotent request are serialised and the second one sees the first one's response.

Nothing grows without bound (issue 12): idempotency records are kept for a retention period
(24 hours by default, as Stripe keeps keys) and then purged in small batches as new ones are
written; the per-worker cache of merchants keeps the most recently used ones only.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server import request_log_sql
from mock_server.change_counter import open_change_counter
from mock_server.store import InjectedFailure, Merchant, Page, StoredResponse

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from mock_server.request_log import CallCount, RequestRecord

__all__ = ["DEFAULT_IDEMPOTENCY_RETENTION", "DEFAULT_MERCHANT_CACHE", "SqliteStore"]

DEFAULT_IDEMPOTENCY_RETENTION = 24 * 3600.0
"""Seconds an idempotency record is kept (Stripe's 24 hours); 0 keeps them forever."""
DEFAULT_MERCHANT_CACHE = 1024
"""Merchants each store (each worker) keeps in memory, the most recently used."""
_PURGE_BATCH = 1000
"""Expired idempotency records deleted at most per purge, so a purge stays short."""
_PURGE_INTERVAL = 60.0
"""Seconds between purges of a store, unless the last one found a full batch."""

_SQLITE_INT_LIMIT = 2**63
"""SQLite integers are signed 64-bit; a larger bound parameter raises ``OverflowError``."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS merchants (
    id TEXT PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, secret_key TEXT NOT NULL,
    pinned_version TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
    seq INTEGER PRIMARY KEY, merchant_id TEXT NOT NULL, id TEXT NOT NULL,
    kind TEXT NOT NULL, document BLOB NOT NULL, UNIQUE (merchant_id, id));
CREATE INDEX IF NOT EXISTS objects_by_kind ON objects (merchant_id, kind, seq);
CREATE TABLE IF NOT EXISTS idempotency (
    merchant_id TEXT NOT NULL, key TEXT NOT NULL, response BLOB NOT NULL,
    created_at REAL NOT NULL DEFAULT 0, UNIQUE (merchant_id, key));
CREATE TABLE IF NOT EXISTS failures (
    merchant_id TEXT PRIMARY KEY, failure BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS request_log_chunks (
    seq INTEGER PRIMARY KEY, merchant_id TEXT NOT NULL, last_at REAL NOT NULL,
    count INTEGER NOT NULL, records BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS request_log_chunks_by_merchant
    ON request_log_chunks (merchant_id, seq);
CREATE TABLE IF NOT EXISTS request_counts (
    merchant_id TEXT NOT NULL, version TEXT NOT NULL, operation TEXT NOT NULL,
    field TEXT NOT NULL, deprecated INTEGER NOT NULL, calls INTEGER NOT NULL,
    last_at REAL NOT NULL, PRIMARY KEY (merchant_id, version, operation, field)) WITHOUT ROWID;
"""
# Every page a write touches is one more WAL frame at commit, so the schema is laid out for
# few pages per request: objects are never deleted, so ``seq`` (the rowid) grows without
# AUTOINCREMENT and its ``sqlite_sequence`` page written on every insert. Idempotency
# records (a whole response, ~0.5 KB) live in a rowid table, appended at its end, with a
# small unique index on the key: as a WITHOUT ROWID table the records themselves filled its
# interior pages, so each insert wrote 2.8 pages instead of 2.2 (SQLite advises WITHOUT
# ROWID only for rows under ~1/20 of a page). Files created by earlier versions keep their
# schema and work the same, only slower. ``created_at`` (Unix seconds) was added for
# retention: files without it get the column on opening, their records dated then.
_ADD_RESPONSE = (
    "INSERT OR IGNORE INTO idempotency (merchant_id, key, response, created_at) VALUES (?, ?, ?, ?)"
)
# Records are appended in time order (rowid), so the oldest are the first rows: a purge
# reads one batch from the start of the table, whatever its size.
_PURGE = (
    "DELETE FROM idempotency WHERE rowid IN"
    " (SELECT rowid FROM idempotency ORDER BY rowid LIMIT ?) AND created_at < ?"
)
_PURGE_WITHOUT_ROWID = (  # files of the first schema: a scan for expired records
    "DELETE FROM idempotency WHERE (merchant_id, key) IN"
    " (SELECT merchant_id, key FROM idempotency WHERE created_at < ?2 LIMIT ?1)"
)
_SAVE_OBJECT = (
    "INSERT INTO objects (merchant_id, id, kind, document) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (merchant_id, id) DO UPDATE SET document = excluded.document"
)
_BUSY_TIMEOUT_MS = 10_000
_MMAP_BYTES = 256 * 2**20
_CHECKPOINT_PAGES = 10_000


class SqliteStore:
    """Sandbox state in SQLite; ``path=None`` keeps it in memory (tests)."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        idempotency_retention: float = DEFAULT_IDEMPOTENCY_RETENTION,
        merchant_cache: int = DEFAULT_MERCHANT_CACHE,
        now: Callable[[], float] = time.time,
    ) -> None:
        """Open (creating if needed) the database at ``path`` (``None`` or ``":memory:"``: none).

        Args:
            path: The SQLite file; ``None`` or ``":memory:"`` keeps nothing.
            idempotency_retention: Seconds an idempotency record is replayed; 0: forever.
            merchant_cache: How many merchants to keep in memory (at least 1).
            now: The wall clock retention is measured on (tests move it).
        """
        if path is not None and str(path) == ":memory:":
            path = None
        target = ":memory:" if path is None else str(path)
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(
            target, isolation_level=None, check_same_thread=False, timeout=_BUSY_TIMEOUT_MS / 1000
        )
        self._lock = threading.RLock()
        self._depth = 0
        self._merchants: OrderedDict[str, Merchant] = OrderedDict()
        self._merchant_cache = max(1, merchant_cache)
        self._retention = max(0.0, idempotency_retention)
        self._now = now
        self._next_purge = 0.0
        self._encoder = msgspec.json.Encoder()
        # Which merchants have a failure armed, cached while the failures counter (bumped
        # by every worker after it commits a change to ``failures``) reads the same.
        self._failures_changed = open_change_counter(
            None if path is None else Path(f"{path}-failures")
        )
        self._armed: frozenset[str] = frozenset()
        self._armed_at: int | None = None
        self._failures_written = False
        # The merchants cached while the same counter reads this (a re-pin bumps it too).
        self._merchants_at: int | None = None
        self._log_trims = request_log_sql.TrimSchedule()
        with self._lock:
            connection = self._connection
            connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            if path is not None:
                connection.execute("PRAGMA journal_mode = WAL")
                # Without fsync, every committed write survives a restart or a crash of the
                # server; only an operating-system crash or a power cut can lose the last
                # ones, which a sandbox can afford for several times the write throughput.
                connection.execute("PRAGMA synchronous = OFF")
                # Read pages through a memory map instead of a read() call each.
                connection.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
                # Checkpoint every ~40 MB of WAL instead of ~4 MB: pages written again and
                # again (index roots, the table's tail) are copied back once, not ten times
                # (a fifth off each write transaction in benchmarks).
                connection.execute(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")
            with self.atomic():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                columns = {row[1] for row in connection.execute("PRAGMA table_info(idempotency)")}
                if "created_at" not in columns:  # a file from before retention
                    connection.execute(
                        "ALTER TABLE idempotency ADD COLUMN created_at REAL NOT NULL"
                        f" DEFAULT {float(self._now())!r}"
                    )
                self._purge_statement = _PURGE
                try:
                    connection.execute("SELECT rowid FROM idempotency LIMIT 0")
                except sqlite3.OperationalError:  # a WITHOUT ROWID table
                    self._purge_statement = _PURGE_WITHOUT_ROWID

    def atomic(self) -> _Transaction:
        """A write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one."""
        return _Transaction(self)

    def _begin(self) -> None:
        self._lock.acquire()
        try:
            if not self._depth:
                self._connection.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        self._depth += 1

    def _end(self, *, failed: bool) -> None:
        try:
            self._depth -= 1
            if self._depth:
                return
            if failed:
                self._connection.execute("ROLLBACK")
                return
            try:
                self._connection.execute("COMMIT")
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._committed()
        finally:
            self._lock.release()

    def _committed(self) -> None:
        """Tell every worker the failures changed, once the change is visible to them."""
        if self._failures_written:
            self._failures_written = False
            self._failures_changed.bump()

    def merchant_by_public_key(self, public_key: str) -> Merchant | None:
        """The merchant owning ``public_key`` (cached until some worker re-pins one)."""
        changes = self._failures_changed.read()
        if changes is None or changes != self._merchants_at:
            with self._lock:
                self._merchants.clear()
                self._merchants_at = changes
        cached = self._merchants.get(public_key)
        if cached is not None:
            with self._lock:
                if public_key in self._merchants:
                    self._merchants.move_to_end(public_key)
            return cached
        with self._lock:
            row = self._connection.execute(
                "SELECT id, public_key, secret_key, pinned_version, created_at"
                " FROM merchants WHERE public_key = ?",
                (public_key,),
            ).fetchone()
        if row is None:
            return None
        merchant = Merchant(
            id=row[0],
            public_key=row[1],
            secret_key=row[2],
            pinned_version=row[3],
            created_at=row[4],
        )
        self._remember(merchant)
        return merchant

    def _remember(self, merchant: Merchant) -> None:
        """Cache ``merchant``, forgetting the least recently used one past the cache's size."""
        with self._lock:
            self._merchants[merchant.public_key] = merchant
            self._merchants.move_to_end(merchant.public_key)
            while len(self._merchants) > self._merchant_cache:
                self._merchants.popitem(last=False)

    def save_merchant(self, merchant: Merchant) -> None:
        """Create or replace a merchant."""
        with self._lock:
            self._connection.execute(
                "INSERT OR REPLACE INTO merchants VALUES (?, ?, ?, ?, ?)",
                (
                    merchant.id,
                    merchant.public_key,
                    merchant.secret_key,
                    merchant.pinned_version,
                    merchant.created_at,
                ),
            )
            self._remember(merchant)

    def get_object(self, merchant_id: str, object_id: str) -> Any:
        """The merchant's object, decoded, or ``None``."""
        with self._lock:
            row = self._connection.execute(
                "SELECT document FROM objects WHERE merchant_id = ? AND id = ?",
                (merchant_id, object_id),
            ).fetchone()
        return None if row is None else msgspec.json.decode(row[0])

    def save_object(self, merchant_id: str, object_id: str, kind: str, document: Any) -> None:
        """Insert or update; an update keeps the object's place in the listing order."""
        self.save_objects(merchant_id, ((object_id, kind, document),))

    def save_objects(self, merchant_id: str, objects: Sequence[tuple[str, str, Any]]) -> None:
        """Insert or update each ``(id, kind, document)`` in order (one call into SQLite)."""
        encode = self._encoder.encode
        rows = [
            (merchant_id, object_id, kind, encode(document))
            for object_id, kind, document in objects
        ]
        with self._lock:
            self._connection.executemany(_SAVE_OBJECT, rows)

    def list_objects(
        self,
        merchant_id: str,
        kind: str,
        *,
        limit: int,
        starting_after: str | None = None,
        offset: int = 0,
    ) -> Page:
        """Newest first; ``starting_after`` is a cursor (an id), ``offset`` skips objects."""
        offset = min(offset, _SQLITE_INT_LIMIT - 1)  # past every object either way
        with self._lock:
            connection = self._connection
            total = connection.execute(
                "SELECT count(*) FROM objects WHERE merchant_id = ? AND kind = ?",
                (merchant_id, kind),
            ).fetchone()[0]
            below = None
            if starting_after is not None:
                found = connection.execute(
                    "SELECT seq FROM objects WHERE merchant_id = ? AND kind = ? AND id = ?",
                    (merchant_id, kind, starting_after),
                ).fetchone()
                below = found[0] if found is not None else None
                if found is None:
                    return Page(items=[], has_more=False, total=total)
            rows = connection.execute(
                "SELECT document FROM objects WHERE merchant_id = ? AND kind = ?"
                " AND seq < ? ORDER BY seq DESC LIMIT ? OFFSET ?",
                (merchant_id, kind, below if below is not None else 2**62, limit + 1, offset),
            ).fetchall()
        items = [msgspec.json.decode(row[0]) for row in rows[:limit]]
        return Page(items=items, has_more=len(rows) > limit, total=total)

    def object_id_at(self, merchant_id: str, kind: str, position: int) -> str | None:
        """The id of the ``position``-th newest object of ``kind`` (0: newest), if there is one.

        A position beyond SQLite's 64-bit integers (a client may send any offset) has no object.
        """
        if position < 0 or position >= _SQLITE_INT_LIMIT:
            return None
        with self._lock:
            row = self._connection.execute(
                "SELECT id FROM objects WHERE merchant_id = ? AND kind = ?"
                " ORDER BY seq DESC LIMIT 1 OFFSET ?",
                (merchant_id, kind, position),
            ).fetchone()
        return None if row is None else str(row[0])

    def count_objects(self, merchant_id: str, kind: str) -> int:
        """How many objects of ``kind`` the merchant has."""
        with self._lock:
            row = self._connection.execute(
                "SELECT count(*) FROM objects WHERE merchant_id = ? AND kind = ?",
                (merchant_id, kind),
            ).fetchone()
        return int(row[0])

    def _expired_before(self, now: float) -> float:
        """Records created before this instant are expired (none when kept forever)."""
        return now - self._retention if self._retention else float("-inf")

    def stored_response(self, merchant_id: str, key: str) -> StoredResponse | None:
        """The recorded response for an idempotency key, if any (and not expired)."""
        with self._lock:
            row = self._connection.execute(
                "SELECT response FROM idempotency WHERE merchant_id = ? AND key = ?"
                " AND created_at >= ?",
                (merchant_id, key, self._expired_before(self._now())),
            ).fetchone()
        return None if row is None else msgspec.json.decode(row[0], type=StoredResponse)

    def add_response(self, merchant_id: str, key: str, response: StoredResponse) -> bool:
        """Record the response for an idempotency key unless one is; whether it was recorded.

        An expired record of the key is replaced; every minute or so, a batch of expired
        records is purged.
        """
        now = self._now()
        row = (merchant_id, key, self._encoder.encode(response), now)
        with self._lock:
            connection = self._connection
            recorded = connection.execute(_ADD_RESPONSE, row).rowcount == 1
            if not recorded and self._retention:
                expired = connection.execute(
                    "DELETE FROM idempotency WHERE merchant_id = ? AND key = ? AND created_at < ?",
                    (merchant_id, key, self._expired_before(now)),
                ).rowcount
                recorded = bool(expired) and connection.execute(_ADD_RESPONSE, row).rowcount == 1
            if self._retention and now >= self._next_purge:
                self._purge(now)
        return recorded

    def purge_idempotency(self) -> int:
        """Delete one batch of expired idempotency records now; how many were deleted."""
        with self._lock:
            return self._purge(self._now()) if self._retention else 0

    def _purge(self, now: float) -> int:
        deleted: int = self._connection.execute(
            self._purge_statement, (_PURGE_BATCH, self._expired_before(now))
        ).rowcount
        # A full batch: more may be expired, so purge again on the next write.
        self._next_purge = now if deleted >= _PURGE_BATCH else now + _PURGE_INTERVAL
        return deleted

    def take_failure(self, merchant_id: str, operation: str) -> InjectedFailure | None:
        """Consume one pending failure for this merchant (and operation, when it names one)."""
        if merchant_id not in self._armed_merchants():  # the common case: no query at all
            return None
        with self.atomic():
            row = self._connection.execute(
                "SELECT failure FROM failures WHERE merchant_id = ?", (merchant_id,)
            ).fetchone()
            if row is None:
                return None
            failure = msgspec.json.decode(row[0], type=InjectedFailure)
            if failure.operation is not None and failure.operation != operation:
                return None
            left = msgspec.structs.replace(failure, remaining=failure.remaining - 1)
            self.save_failure(merchant_id, left if left.remaining > 0 else None)
            return failure

    def _armed_merchants(self) -> frozenset[str]:
        """The merchants with a failure armed (re-read only after some worker changed them)."""
        changes = self._failures_changed.read()
        if changes is not None and changes == self._armed_at:
            return self._armed
        with self._lock:
            rows = self._connection.execute("SELECT merchant_id FROM failures").fetchall()
        self._armed = frozenset(row[0] for row in rows)
        self._armed_at = changes
        return self._armed

    def save_failure(self, merchant_id: str, failure: InjectedFailure | None) -> None:
        """Arm or clear the merchant's injected failure."""
        with self._lock:
            if failure is None:
                self._connection.execute(
                    "DELETE FROM failures WHERE merchant_id = ?", (merchant_id,)
                )
            else:
                self._connection.execute(
                    "INSERT OR REPLACE INTO failures VALUES (?, ?)",
                    (merchant_id, self._encoder.encode(failure)),
                )
            self._failures_written = True
            if not self._depth:  # autocommit: already visible
                self._committed()

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._connection.close()
            self._failures_changed.close()

    def add_requests(self, records: Sequence[RequestRecord], *, keep: int) -> None:
        """Append request log records in one transaction; trim each merchant now and then."""
        rows = request_log_sql.chunk_rows(records)
        with self.atomic():
            connection = self._connection
            connection.executemany(request_log_sql.insert_statement("?"), rows)
            connection.executemany(
                request_log_sql.count_statement("?", "max"), request_log_sql.count_rows(records)
            )
            for merchant_id in self._log_trims.due(records, keep):
                counts = connection.execute(request_log_sql.counts_statement("?"), (merchant_id,))
                oldest = request_log_sql.oldest_kept(counts.fetchall(), keep)
                if oldest is not None:
                    connection.execute(request_log_sql.delete_statement("?"), (merchant_id, oldest))

    def list_requests(
        self,
        merchant_id: str | None,
        *,
        status: int | None = None,
        version: str | None = None,
        operation: str | None = None,
        since: float | None = None,
        limit: int | None = None,
    ) -> list[RequestRecord]:
        """Request log records, newest first (``merchant_id=None``: every merchant's)."""
        query, parameters = request_log_sql.select_statement("?", merchant_id, since)
        with self._lock:
            chunks = [row[0] for row in self._connection.execute(query, parameters)]
        return request_log_sql.matching_records(
            chunks, status=status, version=version, operation=operation, since=since, limit=limit
        )

    def call_counts(self, merchant_id: str | None) -> list[CallCount]:
        """How often each merchant (or ``merchant_id``) called what, never trimmed."""
        query, parameters = request_log_sql.select_counts_statement("?", merchant_id)
        with self._lock:
            rows = self._connection.execute(query, parameters).fetchall()
        return [request_log_sql.call_count_from_row(row) for row in rows]

    def merchant_by_id(self, merchant_id: str) -> Merchant | None:
        """The merchant with this id, if any (read from the file)."""
        with self._lock:
            row = self._connection.execute(
                "SELECT id, public_key, secret_key, pinned_version, created_at"
                " FROM merchants WHERE id = ?",
                (merchant_id,),
            ).fetchone()
        if row is None:
            return None
        return Merchant(
            id=row[0],
            public_key=row[1],
            secret_key=row[2],
            pinned_version=row[3],
            created_at=row[4],
        )

    def repin_merchant(self, merchant_id: str, pinned_version: str) -> Merchant | None:
        """Change the merchant's pinned version; every worker drops its cached merchants."""
        with self.atomic():
            found = self.merchant_by_id(merchant_id)
            if found is None:
                return None
            self._connection.execute(
                "UPDATE merchants SET pinned_version = ? WHERE id = ?",
                (pinned_version, merchant_id),
            )
            self._failures_written = True  # the change counter is bumped once committed
        return msgspec.structs.replace(found, pinned_version=pinned_version)

    def reset_merchant(self, merchant_id: str) -> None:
        """Delete the merchant's objects, idempotency records and failure (not the merchant)."""
        with self.atomic():
            for table in ("objects", "idempotency", "failures"):
                self._connection.execute(
                    f"DELETE FROM {table} WHERE merchant_id = ?",  # noqa: S608 - fixed names
                    (merchant_id,),
                )
            self._failures_written = True


class _Transaction:
    """What :meth:`SqliteStore.atomic` returns: the store's transaction as a context manager.

    A plain class, since a keyed POST enters two: a generator-based context manager costs
    several times more to enter and leave.
    """

    __slots__ = ("_store",)

    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def __enter__(self) -> None:
        self._store._begin()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._store._end(failed=kind is not None)
