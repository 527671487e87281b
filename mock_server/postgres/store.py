"""PostgreSQL implementation of :class:`mock_server.store.Store`: many instances, one state.

Every instance (process, machine) opens a pool of connections (psycopg 3 and psycopg_pool)
to one database; everything the SQLite store keeps per machine is made safe across
instances by the database itself (issue 18):

- **Transactions.** :meth:`PostgresStore.atomic` runs on one pooled connection bound to the
  calling thread, in ``READ COMMITTED``; store calls the thread makes inside it join it.
- **Read-modify-write.** Inside a transaction, :meth:`~PostgresStore.get_object` reads with
  ``SELECT … FOR UPDATE``: a second capture or refund of the same transaction, on any
  instance, waits for the first to commit and then reads the amounts it left, so limits
  hold. A read that finds nothing takes a transaction-scoped advisory lock on the id
  instead (there is no row to lock yet), and ``count_objects`` one on the kind, so
  "create if absent" and "at most N" steps serialise too.
- **Idempotency.** The key is the primary key of ``idempotency``: of concurrent retries, on
  any instances, the second insert waits for the first transaction and then inserts
  nothing, so the retry rolls back (no effect) and replays the recorded response.
- **Injected failures.** Writers ``NOTIFY``; each instance caches the armed merchants until
  its listener (:mod:`mock_server.postgres.notices`) counts a change.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import msgspec
import psycopg
from psycopg_pool import ConnectionPool

from mock_server import request_log_sql
from mock_server.postgres.notices import CHANNEL, NotifyCounter
from mock_server.postgres.schema import migrate
from mock_server.sqlite_store import DEFAULT_IDEMPOTENCY_RETENTION
from mock_server.store import InjectedFailure, Merchant, Page, StoredResponse

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager

    from mock_server.request_log import CallCount, RequestRecord

__all__ = ["PostgresStore"]

DEFAULT_MAX_CONNECTIONS = 16
_PURGE_BATCH = 1000
_PURGE_INTERVAL = 60.0
_INT_LIMIT = 2**63
_ROW_LOCK_KEY = "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))"

_PAGE = (
    "SELECT document FROM objects WHERE merchant_id = %s AND kind = %s"
    " AND seq < %s ORDER BY seq DESC LIMIT %s OFFSET %s"
)
_PAGE_LOCKED = f"{_PAGE} FOR UPDATE".encode()  # read-modify-write of a page (expiry)

Row = tuple[Any, ...]


class _Bound(threading.local):
    """The connection of the transaction the current thread is in, if any."""

    connection: psycopg.Connection[Row] | None = None
    depth = 0
    notify = False


class PostgresStore:
    """Sandbox state in one PostgreSQL database, shared by every instance that opens it."""

    def __init__(
        self,
        conninfo: str,
        *,
        idempotency_retention: float = DEFAULT_IDEMPOTENCY_RETENTION,
        merchant_cache: int = 1024,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        connect_timeout: float = 10.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        """Connect to ``conninfo`` (a ``postgresql://`` URL) and migrate its schema.

        Raises:
            psycopg.OperationalError: The database cannot be reached in ``connect_timeout``.
            psycopg_pool.PoolTimeout: Likewise, for the pool's first connection.
            UsageError: The schema is newer than this versiongate knows.
        """
        self._pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=max(1, max_connections),
            kwargs={"autocommit": True},
            open=False,
            name="versiongate",
        )
        # A plain connection first: an unreachable server or a wrong password is one clear
        # error now, rather than a pool retrying in the background until a timeout.
        with psycopg.connect(
            conninfo, autocommit=True, connect_timeout=max(1, round(connect_timeout))
        ) as connection:
            migrate(connection)
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
            self._notices = NotifyCounter(conninfo, connect_timeout=connect_timeout)
        except BaseException:
            self._pool.close()
            raise
        self._bound = _Bound()
        self._lock = threading.Lock()
        self._merchants: OrderedDict[str, Merchant] = OrderedDict()
        self._merchant_cache = max(1, merchant_cache)
        self._retention = max(0.0, idempotency_retention)
        self._now = now
        self._next_purge = 0.0
        self._encoder = msgspec.json.Encoder()
        self._armed: frozenset[str] = frozenset()
        self._armed_at: int | None = None
        # The merchants cached while the notice count reads this (a re-pin notifies too).
        self._merchants_at: int | None = None
        self._log_trims = request_log_sql.TrimSchedule()

    # -- connections and transactions --------------------------------------------------

    def atomic(self) -> AbstractContextManager[None]:
        """A transaction on this thread's connection; nested calls join the outer one."""
        return _Transaction(self)

    def _begin(self) -> None:
        bound = self._bound
        if bound.depth == 0:
            bound.connection = self._begun()
        bound.depth += 1

    def _begun(self) -> psycopg.Connection[Row]:
        """A pooled connection in a new transaction.

        An idle connection may have died (a server restart, a proxy's timeout): nothing ran
        on it yet, so one more try on another is safe; the pool discards the dead one.
        """
        for attempt in range(2):
            connection = self._pool.getconn()
            try:
                connection.execute("BEGIN")
            except psycopg.OperationalError:
                self._pool.putconn(connection)
                if attempt or not connection.broken:
                    raise
                continue
            except BaseException:
                self._pool.putconn(connection)
                raise
            return connection
        raise AssertionError  # pragma: no cover - the loop returns or raises

    def _end(self, *, failed: bool) -> None:
        bound = self._bound
        bound.depth -= 1
        if bound.depth:
            return
        connection, bound.connection = bound.connection, None
        notify, bound.notify = bound.notify, False
        assert connection is not None
        try:
            if not failed:
                connection.execute("COMMIT")
            else:  # the error that got us here is the one to report, not a failed rollback
                with contextlib.suppress(psycopg.Error):
                    connection.execute("ROLLBACK")
        finally:
            self._pool.putconn(connection)  # the pool discards a broken connection
        if notify and not failed:
            self._notices.bump()

    def _in_transaction(self) -> bool:
        return self._bound.depth > 0

    def _connection(self) -> AbstractContextManager[psycopg.Connection[Row]]:
        """The thread's transaction connection, or a pooled one in autocommit."""
        bound = self._bound.connection
        return _Borrowed(bound) if bound is not None else self._pool.connection()

    def _fetchone(self, query: Any, params: Sequence[Any]) -> Row | None:
        """One row of a read; outside a transaction, retried once on a dead connection."""
        bound = self._bound.connection
        if bound is not None:
            return bound.execute(query, params).fetchone()
        for attempt in range(2):
            connection = self._pool.getconn()
            try:
                return connection.execute(query, params).fetchone()
            except psycopg.OperationalError:
                if attempt or not connection.broken:
                    raise
            finally:
                self._pool.putconn(connection)
        raise AssertionError  # pragma: no cover - the loop returns or raises

    # -- merchants -----------------------------------------------------------------------

    def merchant_by_public_key(self, public_key: str) -> Merchant | None:
        """The merchant owning ``public_key`` (cached until some instance re-pins one)."""
        changes = self._notices.read()
        with self._lock:
            if changes is None or changes != self._merchants_at:
                self._merchants.clear()
                self._merchants_at = changes
            cached = self._merchants.get(public_key)
            if cached is not None:
                self._merchants.move_to_end(public_key)
                return cached
        row = self._fetchone(
            "SELECT id, public_key, secret_key, pinned_version, created_at"
            " FROM merchants WHERE public_key = %s",
            (public_key,),
        )
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
        with self._lock:
            self._merchants[merchant.public_key] = merchant
            self._merchants.move_to_end(merchant.public_key)
            while len(self._merchants) > self._merchant_cache:
                self._merchants.popitem(last=False)

    def save_merchant(self, merchant: Merchant) -> None:
        """Create or replace a merchant; a public key stays with the merchant that took it.

        Instances started together each seed the demo merchant: the first one's stays, so
        every instance's workers find the same merchant (SQLite, on one machine, is seeded
        by one process and replaces instead).
        """
        with self.atomic(), self._connection() as connection:
            connection.execute(_ROW_LOCK_KEY, (f"merchant\x1f{merchant.public_key}",))
            taken = connection.execute(
                "SELECT id FROM merchants WHERE public_key = %s", (merchant.public_key,)
            ).fetchone()
            if taken is not None and taken[0] != merchant.id:
                return
            connection.execute(
                "INSERT INTO merchants VALUES (%s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE"
                " SET public_key = excluded.public_key, secret_key = excluded.secret_key,"
                " pinned_version = excluded.pinned_version, created_at = excluded.created_at",
                (
                    merchant.id,
                    merchant.public_key,
                    merchant.secret_key,
                    merchant.pinned_version,
                    merchant.created_at,
                ),
            )
        self._remember(merchant)

    # -- objects -------------------------------------------------------------------------

    def get_object(self, merchant_id: str, object_id: str) -> Any:
        """The merchant's object, decoded, or ``None``; locked until commit in a transaction."""
        if not self._in_transaction():
            row = self._fetchone(
                "SELECT document FROM objects WHERE merchant_id = %s AND id = %s",
                (merchant_id, object_id),
            )
            return None if row is None else msgspec.json.decode(row[0])
        with self._connection() as connection:
            query = "SELECT document FROM objects WHERE merchant_id = %s AND id = %s FOR UPDATE"
            row = connection.execute(query, (merchant_id, object_id)).fetchone()
            if row is None:  # nothing to lock: lock the id, then look again
                connection.execute(_ROW_LOCK_KEY, (f"object\x1f{merchant_id}\x1f{object_id}",))
                row = connection.execute(query, (merchant_id, object_id)).fetchone()
        return None if row is None else msgspec.json.decode(row[0])

    def save_object(self, merchant_id: str, object_id: str, kind: str, document: Any) -> None:
        """Insert or update; an update keeps the object's place in the listing order."""
        self.save_objects(merchant_id, ((object_id, kind, document),))

    def save_objects(self, merchant_id: str, objects: Sequence[tuple[str, str, Any]]) -> None:
        """Insert or update each ``(id, kind, document)`` in order (one pipeline)."""
        encode = self._encoder.encode
        rows = [
            (merchant_id, object_id, kind, encode(document))
            for object_id, kind, document in objects
        ]
        with self._connection() as connection, connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO objects (merchant_id, id, kind, document) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (merchant_id, id) DO UPDATE SET document = excluded.document",
                rows,
            )

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
        offset = min(max(offset, 0), _INT_LIMIT - 1)
        with self._connection() as connection:
            total = _scalar(
                connection.execute(
                    "SELECT count(*) FROM objects WHERE merchant_id = %s AND kind = %s",
                    (merchant_id, kind),
                ).fetchone()
            )
            below = _INT_LIMIT - 1
            if starting_after is not None:
                found = connection.execute(
                    "SELECT seq FROM objects WHERE merchant_id = %s AND kind = %s AND id = %s",
                    (merchant_id, kind, starting_after),
                ).fetchone()
                if found is None:
                    return Page(items=[], has_more=False, total=total)
                below = int(found[0])
            rows = connection.execute(
                _PAGE_LOCKED if self._in_transaction() else _PAGE,
                (merchant_id, kind, below, limit + 1, offset),
            ).fetchall()
        items = [msgspec.json.decode(row[0]) for row in rows[:limit]]
        return Page(items=items, has_more=len(rows) > limit, total=total)

    def object_id_at(self, merchant_id: str, kind: str, position: int) -> str | None:
        """The id of the ``position``-th newest object of ``kind`` (0: newest), if any."""
        if position < 0 or position >= _INT_LIMIT:
            return None
        row = self._fetchone(
            "SELECT id FROM objects WHERE merchant_id = %s AND kind = %s"
            " ORDER BY seq DESC LIMIT 1 OFFSET %s",
            (merchant_id, kind, position),
        )
        return None if row is None else str(row[0])

    def count_objects(self, merchant_id: str, kind: str) -> int:
        """How many objects of ``kind``; in a transaction, later counts of it wait for it."""
        with self._connection() as connection:
            if self._in_transaction():  # "at most N" checks: count, then create
                connection.execute(_ROW_LOCK_KEY, (f"kind\x1f{merchant_id}\x1f{kind}",))
            return _scalar(
                connection.execute(
                    "SELECT count(*) FROM objects WHERE merchant_id = %s AND kind = %s",
                    (merchant_id, kind),
                ).fetchone()
            )

    # -- idempotency ---------------------------------------------------------------------

    def _expired_before(self, now: float) -> float:
        return now - self._retention if self._retention else float("-inf")

    def stored_response(self, merchant_id: str, key: str) -> StoredResponse | None:
        """The recorded response for an idempotency key, if any (and not expired)."""
        row = self._fetchone(
            "SELECT response FROM idempotency WHERE merchant_id = %s AND key = %s"
            " AND created_at >= %s",
            (merchant_id, key, self._expired_before(self._now())),
        )
        return None if row is None else msgspec.json.decode(row[0], type=StoredResponse)

    def add_response(self, merchant_id: str, key: str, response: StoredResponse) -> bool:
        """Record the response for an idempotency key unless one is; whether it was recorded.

        A concurrent transaction recording the same key (on any instance) makes this wait
        for its outcome: ``False`` once it commits, ``True`` if it rolls back.
        """
        now = self._now()
        insert = (
            "INSERT INTO idempotency (merchant_id, key, response, created_at)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (merchant_id, key) DO"
        )
        row = (merchant_id, key, self._encoder.encode(response), now)
        with self._connection() as connection:
            if self._retention:  # an expired record of the key is replaced
                done = connection.execute(
                    f"{insert} UPDATE SET response = excluded.response,"
                    " created_at = excluded.created_at WHERE idempotency.created_at < %s".encode(),
                    (*row, self._expired_before(now)),
                )
            else:
                done = connection.execute(f"{insert} NOTHING".encode(), row)
            recorded = done.rowcount == 1
            if self._retention and now >= self._next_purge:
                self._purge(connection, now)
        return recorded

    def purge_idempotency(self) -> int:
        """Delete one batch of expired idempotency records now; how many were deleted."""
        if not self._retention:
            return 0
        with self._connection() as connection:
            return self._purge(connection, self._now())

    def _purge(self, connection: psycopg.Connection[Row], now: float) -> int:
        # SKIP LOCKED: instances purging at once share the work instead of waiting.
        deleted = connection.execute(
            "DELETE FROM idempotency WHERE (merchant_id, key) IN (SELECT merchant_id, key"
            " FROM idempotency WHERE created_at < %s ORDER BY created_at LIMIT %s"
            " FOR UPDATE SKIP LOCKED)",
            (self._expired_before(now), _PURGE_BATCH),
        ).rowcount
        self._next_purge = now if deleted >= _PURGE_BATCH else now + _PURGE_INTERVAL
        return max(deleted, 0)

    # -- injected failures ---------------------------------------------------------------

    def take_failure(self, merchant_id: str, operation: str) -> InjectedFailure | None:
        """Consume one pending failure for this merchant (and operation, when it names one)."""
        if merchant_id not in self._armed_merchants():  # the common case: no query at all
            return None
        with self.atomic(), self._connection() as connection:
            row = connection.execute(
                "SELECT failure FROM failures WHERE merchant_id = %s FOR UPDATE", (merchant_id,)
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
        changes = self._notices.read()
        if changes is not None and changes == self._armed_at:
            return self._armed
        with self._connection() as connection:
            rows = connection.execute("SELECT merchant_id FROM failures").fetchall()
        self._armed = frozenset(row[0] for row in rows)
        self._armed_at = changes
        return self._armed

    def save_failure(self, merchant_id: str, failure: InjectedFailure | None) -> None:
        """Arm or clear the merchant's injected failure, and tell every instance."""
        with self.atomic(), self._connection() as connection:
            if failure is None:
                connection.execute("DELETE FROM failures WHERE merchant_id = %s", (merchant_id,))
            else:
                connection.execute(
                    "INSERT INTO failures VALUES (%s, %s)"
                    " ON CONFLICT (merchant_id) DO UPDATE SET failure = excluded.failure",
                    (merchant_id, self._encoder.encode(failure)),
                )
            connection.execute(f"NOTIFY {CHANNEL}")
            self._bound.notify = True

    def close(self) -> None:
        """Stop listening and close every pooled connection."""
        self._notices.close()
        self._pool.close()

    def merchant_by_id(self, merchant_id: str) -> Merchant | None:
        """The merchant with this id, if any (read from the database)."""
        row = self._fetchone(
            "SELECT id, public_key, secret_key, pinned_version, created_at"
            " FROM merchants WHERE id = %s",
            (merchant_id,),
        )
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
        """Change the merchant's pinned version, and tell every instance to drop its cache."""
        with self.atomic(), self._connection() as connection:
            row = connection.execute(
                "UPDATE merchants SET pinned_version = %s WHERE id = %s"
                " RETURNING id, public_key, secret_key, pinned_version, created_at",
                (pinned_version, merchant_id),
            ).fetchone()
            if row is None:
                return None
            connection.execute(f"NOTIFY {CHANNEL}")
            self._bound.notify = True
        return Merchant(
            id=row[0],
            public_key=row[1],
            secret_key=row[2],
            pinned_version=row[3],
            created_at=row[4],
        )

    def reset_merchant(self, merchant_id: str) -> None:
        """Delete the merchant's objects, idempotency records and failure (not the merchant)."""
        with self.atomic(), self._connection() as connection:
            for table in ("objects", "idempotency", "failures"):
                connection.execute(
                    f"DELETE FROM {table} WHERE merchant_id = %s".encode(),  # noqa: S608
                    (merchant_id,),
                )
            connection.execute(f"NOTIFY {CHANNEL}")
            self._bound.notify = True

    # -- request log ---------------------------------------------------------------------

    def add_requests(self, records: Sequence[RequestRecord], *, keep: int) -> None:
        """Append request log records in one transaction; trim each merchant now and then."""
        rows = request_log_sql.chunk_rows(records)
        with self.atomic(), self._connection() as connection:
            with connection.cursor() as cursor:
                cursor.executemany(request_log_sql.insert_statement("%s").encode(), rows)
                cursor.executemany(
                    request_log_sql.count_statement("%s", "GREATEST").encode(),
                    request_log_sql.count_rows(records),
                )
            for merchant_id in self._log_trims.due(records, keep):
                counts = connection.execute(
                    request_log_sql.counts_statement("%s").encode(), (merchant_id,)
                ).fetchall()
                oldest = request_log_sql.oldest_kept(counts, keep)
                if oldest is not None:
                    connection.execute(
                        request_log_sql.delete_statement("%s").encode(), (merchant_id, oldest)
                    )

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
        query, parameters = request_log_sql.select_statement("%s", merchant_id, since)
        with self._connection() as connection:
            chunks = [bytes(row[0]) for row in connection.execute(query.encode(), parameters)]
        return request_log_sql.matching_records(
            chunks, status=status, version=version, operation=operation, since=since, limit=limit
        )

    def call_counts(self, merchant_id: str | None) -> list[CallCount]:
        """How often each merchant (or ``merchant_id``) called what, never trimmed."""
        query, parameters = request_log_sql.select_counts_statement("%s", merchant_id)
        with self._connection() as connection:
            rows = connection.execute(query.encode(), parameters).fetchall()
        return [request_log_sql.call_count_from_row(row) for row in rows]


def _scalar(row: Row | None) -> int:
    return 0 if row is None else int(row[0])


class _Borrowed:
    """The transaction's connection as a context manager that leaves it open."""

    __slots__ = ("_connection",)

    def __init__(self, connection: psycopg.Connection[Row]) -> None:
        self._connection = connection

    def __enter__(self) -> psycopg.Connection[Row]:
        return self._connection

    def __exit__(self, *_: object) -> None:
        return None


class _Transaction:
    """What :meth:`PostgresStore.atomic` returns (a plain class: entered on every write)."""

    __slots__ = ("_store",)

    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def __enter__(self) -> None:
        self._store._begin()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._store._end(failed=kind is not None)
