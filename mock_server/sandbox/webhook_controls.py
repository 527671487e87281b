"""``/sandbox/webhook_endpoints`` and ``/sandbox/events``: where events go, and what happened.

An endpoint has a URL, the event types it wants (``["*"]``: all) and optionally an API
version to receive payloads in (else the merchant's pinned version). Its signing secret is
returned once, when it is created. Events list newest first with every delivery attempt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import msgspec
from litestar import Request, delete, get, post
from litestar.response import Response

from mock_server.auth import authenticate_merchant
from mock_server.problems import ApiError, Violation
from mock_server.webhooks.events import (
    ENDPOINT_KIND,
    EVENT_KIND,
    EVENT_TYPES,
    MOST_ENDPOINTS,
    endpoint_view,
    new_endpoint,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar.handlers import HTTPRouteHandler

    from mock_server.sandbox.backend import SandboxBackend
    from mock_server.store import Merchant

__all__ = ["EndpointCreate", "webhook_handlers"]

_DEFAULT_LIMIT = 20
_MOST_LIMIT = 100


class EndpointCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /sandbox/webhook_endpoints``."""

    url: str
    enabled_events: list[str] = msgspec.field(default_factory=lambda: ["*"])
    api_version: str | None = None


def _invalid(pointer: str, message: str) -> ApiError:
    return ApiError(
        422, "validation_failed", message, errors=(Violation(pointer=pointer, message=message),)
    )


def _check_endpoint(data: EndpointCreate, versions: tuple[str, ...]) -> None:
    parts = urlsplit(data.url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or len(data.url) > 2048:
        raise _invalid("/url", "An http or https URL with a host, at most 2048 characters.")
    for index, name in enumerate(data.enabled_events):
        if name != "*" and name not in EVENT_TYPES:
            raise _invalid(
                f"/enabled_events/{index}",
                f"Unknown event type {name[:100]!r}; one of: *, {', '.join(EVENT_TYPES)}.",
            )
    if not data.enabled_events:
        raise _invalid("/enabled_events", "At least one event type (or '*').")
    if data.api_version is not None and data.api_version not in versions:
        raise _invalid(
            "/api_version",
            f"Unknown API version {data.api_version[:100]}; one of: {', '.join(versions)}.",
        )


def _json(body: Any, status: int = 200) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(body), status_code=status, media_type="application/json"
    )


def _limit(request: Request[Any, Any, Any]) -> int:
    raw = request.query_params.get("limit")
    try:
        value = int(raw) if raw is not None else _DEFAULT_LIMIT
    except ValueError:
        raise _invalid("/limit", "An integer from 1 to 100.") from None
    if not 1 <= value <= _MOST_LIMIT:
        raise _invalid("/limit", "An integer from 1 to 100.")
    return value


def webhook_handlers(
    backend: SandboxBackend,
    versions: tuple[str, ...],
    *,
    decode: Callable[[bytes, type[Any]], Any],
    problem: Callable[[ApiError, str], Response[bytes]],
) -> list[HTTPRouteHandler]:
    """The webhook endpoint and event controls of ``backend``'s merchants."""
    return [
        *_endpoint_handlers(backend, versions, decode=decode, problem=problem),
        *_event_handlers(backend, problem=problem),
    ]


def _merchant_of(backend: SandboxBackend, request: Request[Any, Any, Any]) -> Merchant:
    return authenticate_merchant(backend.store, request.headers.get("authorization"))


def _owned(
    backend: SandboxBackend, merchant: Merchant, object_id: str, kind: str, noun: str
) -> dict[str, Any]:
    found = backend.store.get_object(merchant.id, object_id)
    if not isinstance(found, dict) or found.get("object") != kind:
        raise ApiError(404, "not_found", f"No {noun} with id {object_id[:100]}.")
    return found


def _endpoint_handlers(
    backend: SandboxBackend,
    versions: tuple[str, ...],
    *,
    decode: Callable[[bytes, type[Any]], Any],
    problem: Callable[[ApiError, str], Response[bytes]],
) -> list[HTTPRouteHandler]:
    store = backend.store

    @post("/sandbox/webhook_endpoints", include_in_schema=False)
    async def create_endpoint(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _merchant_of(backend, request)
            data: EndpointCreate = decode(await request.body(), EndpointCreate)
            _check_endpoint(data, versions)
            with store.atomic():
                if store.count_objects(merchant.id, ENDPOINT_KIND) >= MOST_ENDPOINTS:
                    raise ApiError(
                        409, "invalid_state", f"At most {MOST_ENDPOINTS} webhook endpoints."
                    )
                endpoint = new_endpoint(
                    url=data.url,
                    enabled_events=data.enabled_events,
                    api_version=data.api_version,
                    now=backend.clocks.now_for(merchant.id),
                )
                store.save_object(merchant.id, endpoint["id"], ENDPOINT_KIND, endpoint)
        except ApiError as error:
            return problem(error, request.url.path)
        return _json(endpoint_view(endpoint, with_secret=True), 201)

    @get("/sandbox/webhook_endpoints", include_in_schema=False)
    async def list_endpoints(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _merchant_of(backend, request)
        except ApiError as error:
            return problem(error, request.url.path)
        page = store.list_objects(merchant.id, ENDPOINT_KIND, limit=MOST_ENDPOINTS)
        data = [endpoint_view(item) for item in page.items]
        return _json({"object": "list", "data": data, "has_more": page.has_more})

    @delete(
        "/sandbox/webhook_endpoints/{endpoint_id:str}", status_code=200, include_in_schema=False
    )
    async def disable_endpoint(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _merchant_of(backend, request)
            with store.atomic():
                endpoint = _owned(
                    backend,
                    merchant,
                    request.path_params["endpoint_id"],
                    "webhook_endpoint",
                    "webhook endpoint",
                )
                endpoint = {**endpoint, "status": "disabled"}
                store.save_object(merchant.id, endpoint["id"], ENDPOINT_KIND, endpoint)
        except ApiError as error:
            return problem(error, request.url.path)
        return _json(endpoint_view(endpoint))

    return [create_endpoint, list_endpoints, disable_endpoint]


def _event_handlers(
    backend: SandboxBackend, *, problem: Callable[[ApiError, str], Response[bytes]]
) -> list[HTTPRouteHandler]:
    store = backend.store

    @get("/sandbox/events", include_in_schema=False)
    async def list_events(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _merchant_of(backend, request)
            limit = _limit(request)
        except ApiError as error:
            return problem(error, request.url.path)
        cursor = request.query_params.get("starting_after")
        page = store.list_objects(merchant.id, EVENT_KIND, limit=limit, starting_after=cursor)
        return _json({"object": "list", "data": page.items, "has_more": page.has_more})

    @get("/sandbox/events/{event_id:str}", include_in_schema=False)
    async def get_event(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _merchant_of(backend, request)
            event = _owned(backend, merchant, request.path_params["event_id"], "event", "event")
        except ApiError as error:
            return problem(error, request.url.path)
        return _json(event)

    @post("/sandbox/events/{event_id:str}/resend", status_code=202, include_in_schema=False)
    async def resend_event(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _merchant_of(backend, request)
            event = _owned(backend, merchant, request.path_params["event_id"], "event", "event")
        except ApiError as error:
            return problem(error, request.url.path)
        backend.dispatcher.resend(merchant, event["id"])
        return _json(event, 202)

    return [list_events, get_event, resend_event]
