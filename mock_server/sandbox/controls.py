"""``/sandbox``: controls that stand in for the shopper and the outside world.

Not part of any API version (and not in the version specs): create merchants pinned to a
version, approve or decline checkouts, inject failures. Documented by its own small OpenAPI
document at ``/sandbox/openapi.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Request, delete, get, post
from litestar.response import Response

from mock_server.auth import authenticate_merchant
from mock_server.problems import PROBLEM_MEDIA_TYPE, ApiError, Violation
from mock_server.sandbox.checkout_decisions import decide
from mock_server.sandbox.checkout_page import checkout_page_handlers
from mock_server.sandbox.clock_controls import clock_handlers
from mock_server.sandbox.clocks import MerchantClocks
from mock_server.sandbox.controls_spec import sandbox_openapi
from mock_server.sandbox.expiry import Expired, expired_at
from mock_server.sandbox.merchant_controls import (
    MerchantCreate,
    create_merchant_record,
    merchant_handlers,
)
from mock_server.sandbox.webhook_controls import webhook_handlers
from mock_server.store import InjectedFailure

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar.handlers import HTTPRouteHandler

    from mock_server.clock import Clock
    from mock_server.sandbox.backend import SandboxBackend
    from mock_server.store import Merchant, Store
    from mock_server.webhooks.events import EventLog
    from versioning.catalog import Catalog

__all__ = ["MerchantCreate", "create_merchant_record", "operation_keys", "sandbox_handlers"]


class FailureCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /sandbox/failures``."""

    count: int = 1
    status: int | None = None
    latency_ms: int = 0
    operation: str | None = None


def _problem(error: ApiError, path: str) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(error.body(path)),
        status_code=error.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=error.headers,
    )


def _decode(raw: bytes, kind: type[Any]) -> Any:
    try:
        return msgspec.json.decode(raw or b"{}", type=kind)
    except msgspec.ValidationError as error:
        text = str(error)
        field = text.rsplit("`$.", 1)[-1].rstrip("`") if "`$." in text else ""
        pointer = "/" + field.replace(".", "/") if field else ""
        raise ApiError(
            422, "validation_failed", text, errors=(Violation(pointer=pointer, message=text),)
        ) from None
    except msgspec.DecodeError as error:
        raise ApiError(
            400, "invalid_request", f"The request body is not valid JSON ({error})."
        ) from None


def sandbox_handlers(
    catalog: Catalog,
    store: Store,
    clock: Clock,
    *,
    admin_key: str,
    backend: SandboxBackend | None = None,
) -> list[HTTPRouteHandler]:
    """The ``/sandbox`` route handlers (test clocks and events: those of ``backend``).

    ``admin_key`` is the one credential that creates merchants; every other control takes
    the merchant's own key pair and reaches only that merchant's data.
    """
    clocks = backend.clocks if backend is not None else MerchantClocks(store, clock)
    events = backend.events if backend is not None else None

    def on_expired(merchant: Merchant, expired: list[Expired]) -> Callable[[], None]:
        """Record the expiries' events (in the advance's transaction); announce them after."""
        memo: dict[str, Any] = {}
        for event_type, document in expired:  # each dated when it happened on the clock
            if events is not None:
                events.record(merchant, event_type, document, expired_at(document), memo=memo)

        def announce() -> None:
            if events is not None:
                events.announce(merchant, memo)

        return announce

    webhooks = (
        webhook_handlers(backend, catalog.ids, decode=_decode, problem=_problem)
        if backend is not None
        else []
    )
    return [
        *merchant_handlers(
            catalog, store, clock, admin_key=admin_key, decode=_decode, problem=_problem
        ),
        *_document_handlers(catalog),
        *_checkout_handlers(store, clocks, events),
        *_failure_handlers(store, operation_keys(catalog)),
        *clock_handlers(clocks, decode=_decode, problem=_problem, on_expired=on_expired),
        *webhooks,
    ]


def _document_handlers(catalog: Catalog) -> list[HTTPRouteHandler]:
    @get("/sandbox/openapi.json", sync_to_thread=False, include_in_schema=False)
    def openapi_document() -> dict[str, Any]:
        return sandbox_openapi(catalog, operation_keys(catalog))

    return [openapi_document]


def _checkout_handlers(
    store: Store, clocks: MerchantClocks, events: EventLog | None
) -> list[HTTPRouteHandler]:
    async def _decide(
        request: Request[Any, Any, Any], checkout_id: str, decision: str
    ) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
            updated = decide(
                store, clocks, events, merchant, checkout_id=checkout_id, decision=decision
            )
        except ApiError as error:
            return _problem(error, request.url.path)
        view = {"id": checkout_id, "object": "checkout", "status": updated["status"]}
        return Response(content=msgspec.json.encode(view), media_type="application/json")

    @post("/sandbox/checkouts/{checkout_id:str}/approve", status_code=200, include_in_schema=False)
    async def approve(request: Request[Any, Any, Any]) -> Response[bytes]:
        return await _decide(request, request.path_params["checkout_id"], "approved")

    @post("/sandbox/checkouts/{checkout_id:str}/decline", status_code=200, include_in_schema=False)
    async def decline(request: Request[Any, Any, Any]) -> Response[bytes]:
        return await _decide(request, request.path_params["checkout_id"], "declined")

    return [approve, decline, *checkout_page_handlers(store, clocks, events, problem=_problem)]


def operation_keys(catalog: Catalog) -> tuple[str, ...]:
    """Every operation a failure may name: those of every version, as each version keys them."""
    keys = {operation.key for spec in catalog.specs.values() for operation in spec.operations}
    return tuple(sorted(keys, key=lambda key: (key.split(" ", 1)[1], key)))


def _failure_handlers(store: Store, operations: tuple[str, ...]) -> list[HTTPRouteHandler]:
    @post("/sandbox/failures", include_in_schema=False)
    async def inject_failure(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
            data: FailureCreate = _decode(await request.body(), FailureCreate)
            errors = _failure_violations(data, operations)
            if errors:
                listing = "; ".join(f"{error.pointer or '/'}: {error.message}" for error in errors)
                raise ApiError(
                    422, "validation_failed", f"The failure is not valid: {listing}", errors=errors
                )
            failure = InjectedFailure(
                status=data.status,
                latency_ms=data.latency_ms,
                remaining=data.count,
                operation=data.operation,
            )
            store.save_failure(merchant.id, failure)
        except ApiError as error:
            return _problem(error, request.url.path)
        return Response(
            content=msgspec.json.encode(failure), status_code=201, media_type="application/json"
        )

    @delete("/sandbox/failures", status_code=200, include_in_schema=False)
    async def clear_failures(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
        except ApiError as error:
            return _problem(error, request.url.path)
        store.save_failure(merchant.id, None)
        return Response(content=b"", status_code=204)

    return [inject_failure, clear_failures]


def _failure_violations(data: FailureCreate, operations: tuple[str, ...]) -> tuple[Violation, ...]:
    errors: list[Violation] = []
    if data.operation is not None and data.operation not in operations:
        errors.append(
            Violation(
                pointer="/operation",
                message=f"No operation {data.operation[:100]!r}; one of: {', '.join(operations)}.",
            )
        )
    if not 1 <= data.count <= 1000:
        errors.append(Violation(pointer="/count", message="Between 1 and 1000."))
    if data.status is not None and not 400 <= data.status <= 599:
        errors.append(Violation(pointer="/status", message="An error status, 400 to 599."))
    if not 0 <= data.latency_ms <= 30_000:
        errors.append(Violation(pointer="/latency_ms", message="Between 0 and 30000."))
    if data.status is None and data.latency_ms == 0:
        errors.append(Violation(pointer="", message="Give a status, a latency, or both."))
    return tuple(errors)
