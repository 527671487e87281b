"""The request log's SQL, shared by the SQLite and PostgreSQL stores (only placeholders differ).

Field lists are JSON arrays in a text column: they are only ever read back whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.request_log import RequestRecord

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "COLUMNS",
    "TrimSchedule",
    "insert_statement",
    "record_from_row",
    "record_row",
    "select_statement",
    "trim_statement",
]

COLUMNS = (
    "merchant_id, at, version, operation, status, latency_ms, idempotency_key, fields,"
    " deprecated_operation, deprecated_fields"
)
_ENCODER = msgspec.json.Encoder()
_FIELDS = msgspec.json.Decoder(tuple[str, ...])


def insert_statement(placeholder: str) -> str:
    """``INSERT INTO request_log …`` with one ``placeholder`` per column."""
    values = ", ".join([placeholder] * 10)
    return f"INSERT INTO request_log ({COLUMNS}) VALUES ({values})"  # noqa: S608 - fixed text


def trim_statement(placeholder: str) -> str:
    """Delete a merchant's records older than its newest ``keep`` (merchant, merchant, keep)."""
    return (
        f"DELETE FROM request_log WHERE merchant_id = {placeholder} AND seq <="  # noqa: S608
        f" (SELECT seq FROM request_log WHERE merchant_id = {placeholder}"
        f" ORDER BY seq DESC LIMIT 1 OFFSET {placeholder})"
    )


class TrimSchedule:
    """Which merchants to trim after a batch: each after every ``keep // 10`` of its records.

    Trimming after every batch would read ``keep`` index entries each time; this way a
    merchant holds at most about 10% over ``keep`` (per writing instance) between trims.
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


def record_row(record: RequestRecord) -> tuple[Any, ...]:
    """The column values of ``record``, in :data:`COLUMNS` order."""
    return (
        record.merchant_id,
        record.at,
        record.version,
        record.operation,
        record.status,
        record.latency_ms,
        record.idempotency_key,
        _ENCODER.encode(record.fields).decode(),
        bool(record.deprecated_operation),
        _ENCODER.encode(record.deprecated_fields).decode(),
    )


def record_from_row(row: Sequence[Any]) -> RequestRecord:
    """A record read back from a row of :data:`COLUMNS`."""
    return RequestRecord(
        merchant_id=row[0],
        at=float(row[1]),
        version=row[2],
        operation=row[3],
        status=int(row[4]),
        latency_ms=float(row[5]),
        idempotency_key=row[6],
        fields=_FIELDS.decode(row[7]),
        deprecated_operation=bool(row[8]),
        deprecated_fields=_FIELDS.decode(row[9]),
    )


def select_statement(
    placeholder: str,
    merchant_id: str | None,
    *,
    status: int | None,
    version: str | None,
    operation: str | None,
    since: float | None,
    limit: int | None,
) -> tuple[str, list[Any]]:
    """The query for :meth:`~mock_server.store.Store.list_requests` and its parameters."""
    clauses: list[str] = []
    parameters: list[Any] = []
    for column, value in (
        ("merchant_id =", merchant_id),
        ("status =", status),
        ("version =", version),
        ("operation =", operation),
        ("at >=", since),
    ):
        if value is not None:
            clauses.append(f"{column} {placeholder}")
            parameters.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    query = f"SELECT {COLUMNS} FROM request_log{where} ORDER BY seq DESC"  # noqa: S608 - fixed
    if limit is not None:
        query += f" LIMIT {placeholder}"
        parameters.append(max(0, limit))
    return query, parameters
