"""The request log's SQL, shared by the SQLite and PostgreSQL stores (only placeholders differ).

Records are stored in chunks: one row per merchant per written batch, holding its records
as one msgpack array. A batch of 64 calls of one merchant is then one row insert (one index
entry) instead of 64: about 0.2 µs of database work per call instead of 3 to 4. Reading
decodes a merchant's chunks and filters in Python (at most the merchant's retained
records), which a control endpoint and a report can afford.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.request_log import CallCount, RequestRecord, count_calls

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "COUNTS_TABLE",
    "TABLE",
    "TrimSchedule",
    "call_count_from_row",
    "chunk_rows",
    "count_rows",
    "count_statement",
    "counts_statement",
    "delete_statement",
    "insert_statement",
    "matching_records",
    "oldest_kept",
    "select_counts_statement",
    "select_statement",
]

TABLE = "request_log_chunks"
COUNTS_TABLE = "request_counts"
_COUNT_COLUMNS = "merchant_id, version, operation, field, deprecated, calls, last_at"
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(list[RequestRecord])


def insert_statement(placeholder: str) -> str:
    """Insert one chunk: merchant, its last call's time, how many records, the records."""
    values = ", ".join([placeholder] * 4)
    return f"INSERT INTO {TABLE} (merchant_id, last_at, count, records) VALUES ({values})"  # noqa: S608 - fixed text


def chunk_rows(records: Sequence[RequestRecord]) -> list[tuple[str, float, int, bytes]]:
    """One row per merchant of ``records`` (their order kept within each)."""
    groups: dict[str, list[RequestRecord]] = {}
    for record in records:
        groups.setdefault(record.merchant_id, []).append(record)
    return [
        (merchant_id, max(r.at for r in group), len(group), _ENCODER.encode(group))
        for merchant_id, group in groups.items()
    ]


def select_statement(
    placeholder: str, merchant_id: str | None, since: float | None
) -> tuple[str, list[Any]]:
    """The chunks that may hold records of ``merchant_id`` (``None``: all) since ``since``."""
    clauses: list[str] = []
    parameters: list[Any] = []
    if merchant_id is not None:
        clauses.append(f"merchant_id = {placeholder}")
        parameters.append(merchant_id)
    if since is not None:
        clauses.append(f"last_at >= {placeholder}")
        parameters.append(since)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return f"SELECT records FROM {TABLE}{where} ORDER BY seq DESC", parameters  # noqa: S608


def matching_records(
    chunks: Iterable[bytes],
    *,
    status: int | None,
    version: str | None,
    operation: str | None,
    since: float | None,
    limit: int | None,
) -> list[RequestRecord]:
    """The chunks' records that pass the filters, newest first, at most ``limit``.

    Sorted by time: two workers' chunks of one merchant may be written in either order.
    """
    found = [
        record
        for chunk in chunks
        for record in _DECODER.decode(chunk)
        if (status is None or record.status == status)
        and (version is None or record.version == version)
        and (operation is None or record.operation == operation)
        and (since is None or record.at >= since)
    ]
    found.sort(key=lambda record: record.at, reverse=True)
    return found if limit is None else found[: max(0, limit)]


def counts_statement(placeholder: str) -> str:
    """A merchant's chunks, newest first, with their sizes (for trimming)."""
    return f"SELECT seq, count FROM {TABLE} WHERE merchant_id = {placeholder} ORDER BY seq DESC"  # noqa: S608


def delete_statement(placeholder: str) -> str:
    """Delete a merchant's chunks older than a sequence number (merchant, seq)."""
    return f"DELETE FROM {TABLE} WHERE merchant_id = {placeholder} AND seq < {placeholder}"  # noqa: S608


def oldest_kept(counts: Iterable[Sequence[Any]], keep: int) -> int | None:
    """The oldest chunk to keep so that the newest ``keep`` records stay (``None``: all stay).

    ``counts`` are ``(seq, count)`` newest first; with ``keep`` 0 or less nothing stays
    (the returned number is past every chunk).
    """
    total = 0
    newest: int | None = None
    for seq, count in counts:
        newest = int(seq) if newest is None else newest
        if keep <= 0:
            return newest + 1
        total += int(count)
        if total >= keep:
            return int(seq)
    return None


class TrimSchedule:
    """Which merchants to trim after a batch: each after every ``keep // 10`` of its records.

    A trim reads the merchant's chunk sizes; this way a merchant holds at most its newest
    ``keep`` records plus one chunk and about 10% (per writing instance) between trims.
    """

    def __init__(self) -> None:
        self._written: dict[str, int] = {}

    def due(self, records: Sequence[RequestRecord], keep: int) -> list[str]:
        """The merchants of ``records`` to trim now."""
        step = max(1, keep // 10)
        due: list[str] = []
        for record in records:
            written = self._written.get(record.merchant_id, 0) + 1
            if written >= step:
                written = 0
                if record.merchant_id not in due:
                    due.append(record.merchant_id)
            self._written[record.merchant_id] = written
        return due


def count_statement(placeholder: str, greatest: str) -> str:
    """Add to a merchant's counts (``greatest``: SQLite's ``max``, PostgreSQL's ``GREATEST``)."""
    values = ", ".join([placeholder] * 7)
    table = COUNTS_TABLE
    return (
        f"INSERT INTO {table} ({_COUNT_COLUMNS}) VALUES ({values})"  # noqa: S608 - fixed text
        " ON CONFLICT (merchant_id, version, operation, field) DO UPDATE SET"
        f" calls = {table}.calls + excluded.calls,"
        f" last_at = {greatest}({table}.last_at, excluded.last_at),"
        " deprecated = excluded.deprecated"
    )


def count_rows(records: Sequence[RequestRecord]) -> list[tuple[Any, ...]]:
    """The count rows ``records`` add, in key order (so concurrent writers lock alike)."""
    return [
        (c.merchant_id, c.version, c.operation, c.field, c.deprecated, c.calls, c.last_at)
        for c in count_calls(records)
    ]


def select_counts_statement(placeholder: str, merchant_id: str | None) -> tuple[str, list[Any]]:
    """Every count of ``merchant_id`` (``None``: of everyone)."""
    where, parameters = (
        ("", [])
        if merchant_id is None
        else (
            f" WHERE merchant_id = {placeholder}",
            [merchant_id],
        )
    )
    return f"SELECT {_COUNT_COLUMNS} FROM {COUNTS_TABLE}{where}", parameters  # noqa: S608


def call_count_from_row(row: Sequence[Any]) -> CallCount:
    """A count read back from a row of the counts table."""
    return CallCount(
        merchant_id=row[0],
        version=row[1],
        operation=row[2],
        field=row[3],
        deprecated=bool(row[4]),
        calls=int(row[5]),
        last_at=float(row[6]),
    )
