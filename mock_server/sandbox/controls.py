"""``/sandbox``: controls that stand in for the shopper and the outside world.

Not part of any API version (and not in the version specs): create merchants pinned to a
version, approve or decline checkouts, inject failures. Documented by its own small OpenAPI
document at ``/sandbox/openapi.json``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Request, delete, get, post
from litestar.response import Response

from mock_server.auth import authenticate_merchant, public_key_problem
from mock_server.problems import PROBLEM_MEDIA_TYPE, ApiError, Violation
from mock_server.sandbox import domain
from mock_server.sandbox.clock_controls import clock_handlers
from mock_server.sandbox.clocks import MerchantClocks
from mock_server.sandbox.controls_spec import sandbox_openapi
from mock_server.sandbox.expiry import Expired, expired_at
from mock_server.sandbox.webhook_controls import webhook_handlers
from mock_server.store import InjectedFailure, Merchant

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar.handlers import HTTPRouteHandler

    from mock_server.clock import Clock
    from mock_server.sandbox.backend import SandboxBackend
    from mock_server.store import Store
    from mock_server.webhooks.events import EventLog
    from versioning.catalog import Catalog

__all__ = ["MerchantCreate", "create_merchant_record", "operation_keys", "sandbox_handlers"]


class MerchantCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /sandbox/merchants``."""

    pinned_version: str | None = None
    public_key: str | None = None
    secret_key: str | None = None


class FailureCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /sandbox/failures``."""

    count: int = 1
    status: int | None = None
    latency_ms: int = 0
    operation: str | None = None


def create_merchant_record(
    store: Store,
    *,
    pinned_version: str,
    public_key: str | None,
    secret_key: str | None,
    created_at: str,
) -> Merchant:
    """Create and save a merchant; random keys when none are given."""
    public_key = public_key or f"pk_test_{secrets.token_hex(12)}"
    # The id derives from the public key, so seeding the same merchant from several
    # workers at once writes the same row instead of orphaning objects.
    merchant = Merchant(
        id="mer_" + hashlib.sha256(public_key.encode()).hexdigest()[:24],
        public_key=public_key,
        secret_key=secret_key or f"sk_test_{secrets.token_hex(16)}",
        pinned_version=pinned_version,
        created_at=created_at,
    )
    store.save_merchant(merchant)
    return merchant


def _merchant_view(merchant: Merchant) -> dict[str, Any]:
    return {
        "id": merchant.id,
        "object": "merchant",
        "public_key": merchant.public_key,
        "secret_key": merchant.secret_key,
        "pinned_version": merchant.pinned_version,
        "created_at": merchant.created_at,
    }


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
    catalog: Catalog, store: Store, clock: Clock, *, backend: SandboxBackend | None = None
) -> list[HTTPRouteHandler]:
    """The ``/sandbox`` route handlers (test clocks and events: those of ``backend``)."""
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
        *_merchant_handlers(catalog, store, clock),
        *_checkout_handlers(store, clocks, events),
        *_failure_handlers(store, operation_keys(catalog)),
        *clock_handlers(clocks, decode=_decode, problem=_problem, on_expired=on_expired),
        *webhooks,
    ]


def _merchant_handlers(catalog: Catalog, store: Store, clock: Clock) -> list[HTTPRouteHandler]:

    @post("/sandbox/merchants", include_in_schema=False)
    async def create_merchant(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            data: MerchantCreate = _decode(await request.body(), MerchantCreate)
            version = data.pinned_version or catalog.default_version
            if version not in catalog.ids:
                raise ApiError(
                    422,
                    "validation_failed",
                    f"Unknown API version {version}. Valid versions: {', '.join(catalog.ids)}.",
                    errors=(Violation(pointer="/pinned_version", message="Unknown API version."),),
                )
            unusable = public_key_problem(data.public_key) if data.public_key is not None else None
            if unusable is not None:
                raise ApiError(
                    422,
                    "validation_failed",
                    unusable,
                    errors=(Violation(pointer="/public_key", message=unusable),),
                )
            if data.public_key and store.merchant_by_public_key(data.public_key):
                raise ApiError(409, "invalid_state", f"Public key {data.public_key} is taken.")
            merchant = create_merchant_record(
                store,
                pinned_version=version,
                public_key=data.public_key,
                secret_key=data.secret_key,
                created_at=domain.timestamp(clock()),
            )
        except ApiError as error:
            return _problem(error, request.url.path)
        return Response(
            content=msgspec.json.encode(_merchant_view(merchant)),
            status_code=201,
            media_type="application/json",
        )

    @get("/sandbox/openapi.json", sync_to_thread=False, include_in_schema=False)
    def openapi_document() -> dict[str, Any]:
        return sandbox_openapi(catalog, operation_keys(catalog))

    return [create_merchant, openapi_document]


def _checkout_handlers(
    store: Store, clocks: MerchantClocks, events: EventLog | None
) -> list[HTTPRouteHandler]:
    async def _decide(
        request: Request[Any, Any, Any], checkout_id: str, decision: str
    ) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
            memo: dict[str, Any] = {}
            with store.atomic():
                checkout = store.get_object(merchant.id, checkout_id)
                if not isinstance(checkout, dict) or checkout.get("object") != "checkout":
                    raise ApiError(404, "not_found", f"No checkout with id {checkout_id}.")
                now = clocks.now_for(merchant.id)
                updated = domain.decide_checkout(checkout, decision, now)
                store.save_object(merchant.id, checkout_id, "checkout", updated)
                if events is not None:
                    events.record(merchant, f"checkout.{decision}", updated, now, memo=memo)
            if events is not None:
                events.announce(merchant, memo)  # committed
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

    @get("/sandbox/checkouts/{checkout_id:str}", include_in_schema=False)
    async def hosted_checkout(request: Request[Any, Any, Any]) -> Response[bytes]:
        checkout_id: str = request.path_params["checkout_id"]
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
            checkout = store.get_object(merchant.id, checkout_id)
            if not isinstance(checkout, dict) or checkout.get("object") != "checkout":
                raise ApiError(404, "not_found", f"No checkout with id {checkout_id}.")
        except ApiError as error:
            return _problem(error, request.url.path)
        current = domain.apply_checkout_expiry(checkout, clocks.now_for(merchant.id))
        view = {"id": checkout_id, "object": "checkout", "status": current["status"]}
        return Response(content=msgspec.json.encode(view), media_type="application/json")

    return [approve, decline, hosted_checkout]


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
