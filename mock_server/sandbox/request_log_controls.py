"""``GET /sandbox/requests`` and ``GET /sandbox/usage``: the caller's own calls (issue 17).

Both need the merchant's Basic credentials and show only that merchant's records. This
worker's buffered records are written first, so a merchant reads its own calls at once
(another worker's within :data:`~mock_server.request_log.FLUSH_SECONDS`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Request, get
from litestar.response import Response

from mock_server.auth import authenticate_merchant
from mock_server.problems import PROBLEM_MEDIA_TYPE, ApiError, Violation
from mock_server.usage import iso_instant, usage_report

if TYPE_CHECKING:
    from litestar.handlers import HTTPRouteHandler

    from mock_server.clock import Clock
    from mock_server.request_log import RequestLog, RequestRecord
    from versioning.catalog import Catalog

__all__ = ["record_view", "request_log_handlers"]

DEFAULT_LIMIT = 100
MOST_LIMIT = 1000


def record_view(record: RequestRecord) -> dict[str, Any]:
    """A record as ``/sandbox/requests`` lists it."""
    return {
        "object": "request",
        "at": iso_instant(record.at),
        "version": record.version,
        "operation": record.operation,
        "status": record.status,
        "latency_ms": record.latency_ms,
        "idempotency_key": record.idempotency_key,
        "fields": list(record.fields),
        "deprecated": {
            "operation": record.deprecated_operation,
            "fields": list(record.deprecated_fields),
        },
    }


def _invalid(name: str, message: str) -> ApiError:
    return ApiError(
        422, "validation_failed", message, errors=(Violation(pointer=f"/{name}", message=message),)
    )


def _integer(request: Request[Any, Any, Any], name: str, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise _invalid(name, f"An integer from {low} to {high}.")
    return int(raw)


def _since(request: Request[Any, Any, Any]) -> float | None:
    raw = request.query_params.get("since")
    if raw is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise _invalid("since", "An ISO 8601 date or date-time (UTC when no offset).") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _json(body: Any) -> Response[bytes]:
    return Response(content=msgspec.json.encode(body), media_type="application/json")


def _problem(error: ApiError, path: str) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(error.body(path)),
        status_code=error.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=error.headers,
    )


def request_log_handlers(log: RequestLog, catalog: Catalog, clock: Clock) -> list[HTTPRouteHandler]:
    """The request log and usage controls over ``log``'s store."""
    store = log.store

    @get("/sandbox/requests", include_in_schema=False)
    async def list_requests(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
            status = _integer(request, "status", 100, 599)
            limit = _integer(request, "limit", 1, MOST_LIMIT) or DEFAULT_LIMIT
            since = _since(request)
        except ApiError as error:
            return _problem(error, request.url.path)
        log.flush()
        records = store.list_requests(
            merchant.id,
            status=status,
            version=request.query_params.get("version"),
            operation=request.query_params.get("operation"),
            since=since,
            limit=limit + 1,
        )
        data = [record_view(record) for record in records[:limit]]
        return _json({"object": "list", "data": data, "has_more": len(records) > limit})

    @get("/sandbox/usage", include_in_schema=False)
    async def usage(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
        except ApiError as error:
            return _problem(error, request.url.path)
        log.flush()
        report = usage_report(store.call_counts(merchant.id), catalog, clock().date())
        return _json(msgspec.to_builtins(report))

    return [list_requests, usage]
