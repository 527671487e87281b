"""``create_app``: the Litestar application serving a catalog, with the version layer in front.

The version layer is installed around Litestar's own ASGI handler (the router inside its
exception handling), so it runs before routing, on every request the app receives.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs

import msgspec
from litestar import Litestar, Request, get, route
from litestar.datastructures import URL
from litestar.response import Redirect
from litestar.types import ASGIApp  # noqa: TC002 - Litestar reads the return annotation at runtime

from mock_server.auth import authenticate_merchant
from mock_server.body_limits import BodyLimits, body_problem
from mock_server.changelog_pages import CHANGELOG_PREFIX, serve_changelog
from mock_server.clock import Clock, system_clock
from mock_server.docs import docs_handlers
from mock_server.generic import GenericBackend
from mock_server.guard import REFUSAL_KEY, RequestGuard
from mock_server.incoming import IncomingRequest
from mock_server.pipeline import Pipeline
from mock_server.problems import ApiError
from mock_server.raw_response import MAX_BODY_BYTES, RawResponse, read_body, too_large
from mock_server.request_log import RequestLog, request_log_limit
from mock_server.runtime import compile_catalog
from mock_server.sandbox.admin import new_admin_key
from mock_server.sandbox.backend import SandboxBackend
from mock_server.sandbox.clocks import with_merchant_clocks
from mock_server.sandbox.controls import sandbox_handlers
from mock_server.sandbox.demo import seed_demo_merchant
from mock_server.sandbox.domain import timestamp
from mock_server.sandbox.request_log_controls import request_log_handlers
from mock_server.served import ServeMode, is_sandbox_catalog, load_served_catalog
from mock_server.sqlite_store import SqliteStore
from mock_server.unversioned import exception_handlers
from mock_server.version_layer import (
    LIFECYCLE_KEY,
    UNVERSIONED_PREFIXES,
    VERSION_KEY,
    VersionLayer,
)
from versioning.catalog import Catalog

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from litestar.handlers import HTTPRouteHandler

    from mock_server.generic_credentials import CredentialSet
    from mock_server.pipeline import Backend, Outgoing
    from mock_server.store import Store
    from mock_server.translation import RequestTranslator

__all__ = ["DemoMerchant", "ServerInfo", "create_app"]

_METHODS: list[Any] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


class DemoMerchant(msgspec.Struct, frozen=True, kw_only=True):
    """The merchant seeded on start (kept as it is when the store already has it)."""

    public_key: str = "pk_test_demo"
    secret_key: str = "sk_test_demo"  # noqa: S105 - a published sandbox key, not a secret
    pinned_version: str | None = None
    """``None``: the catalog's default version."""


class ServerInfo(msgspec.Struct, frozen=True, kw_only=True):
    """What the server serves, for the start-up banner and the tests."""

    catalog: Catalog
    mode: ServeMode
    versions: tuple[str, ...]
    demo: DemoMerchant | None
    admin_key: str | None = None
    """The key that creates merchants (sandbox mode only)."""


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


async def _answer(
    pipeline: Pipeline,
    default_version: str,
    scope: Any,
    receive: Any,
    base_url: str | None,
    *,
    limits: BodyLimits,
) -> RawResponse:
    """Serve one API request of the version the version layer left in ``scope``.

    ``base_url`` is the configured public URL or what Litestar's ``Request.base_url`` gives
    (without its last ``/``); ``None`` derives the same from the scope. A request the guard
    refused, or whose body is over ``limits``, is answered with that error in its version.
    """
    query_string = scope.get("query_string", b"").decode("latin-1")
    headers = _headers(scope)
    version = scope.get(VERSION_KEY, default_version)
    refusal: ApiError | None = scope.get(REFUSAL_KEY)
    if base_url is None and refusal is None:
        server = scope.get("server")
        base_url = _base_url(
            scope.get("scheme", "http"),
            tuple(server) if server else None,
            headers.get("host"),
            scope.get("app_root_path") or scope.get("root_path", ""),
        )
    # Reading an absent body still costs a trip through the server's receive channel.
    has_body = refusal is None and ("content-length" in headers or "transfer-encoding" in headers)
    try:
        body = await read_body(receive, limits.max_bytes, limits.timeout) if has_body else b""
    except ApiError as error:  # cut short: answered (if anyone listens), never acted on
        body, refusal = b"", error
    incoming = IncomingRequest(
        method=scope["method"],
        path=scope["path"],
        path_params={},
        query=parse_qs(query_string, keep_blank_values=True) if query_string else {},
        headers=headers,
        body=body or b"",
    )
    if body is None:
        refusal = too_large(limits.max_bytes)
    elif body and refusal is None:
        refusal = body_problem(body, headers.get("content-type"), limits)
    if refusal is not None:
        outgoing = pipeline.refuse(version, incoming, refusal)
    else:
        outgoing = await pipeline.handle(version, incoming, base_url or "")
    scope[LIFECYCLE_KEY] = outgoing.lifecycle
    return RawResponse(outgoing.status, outgoing.headers, outgoing.body)


@lru_cache(maxsize=64)
def _base_url(scheme: str, server: tuple[str, int] | None, host: str | None, root: str) -> str:
    """What Litestar's ``Request.base_url`` gives for these parts, without its last ``/``."""
    headers = [] if host is None else [(b"host", host.encode("latin-1"))]
    scope: Any = {
        "type": "http",
        "scheme": scheme,
        "server": server,
        "headers": headers,
        "path": "/",
        "query_string": b"",
        "root_path": root,
    }
    return str(URL.from_scope(scope)).rstrip("/")


def _api_app(
    pipeline: Pipeline, default_version: str, limits: BodyLimits, public_url: str | None
) -> ASGIApp:
    """The API handler as a plain ASGI app the version layer calls without Litestar's router.

    Every versioned path reaches the catch-all API route anyway, so routing, the handler's
    signature model and ``Request`` are per-request work with nothing to decide.
    """

    async def api(scope: Any, receive: Any, send: Any) -> None:
        response = await _answer(
            pipeline, default_version, scope, receive, public_url, limits=limits
        )
        await response(scope, receive, send)

    return api


def _api_handler(
    pipeline: Pipeline, default_version: str, limits: BodyLimits, public_url: str | None
) -> HTTPRouteHandler:
    @route("/{path:path}", http_method=_METHODS, include_in_schema=False, name="api")
    async def api(request: Request[Any, Any, Any]) -> ASGIApp:
        base_url = public_url
        if base_url is None and REFUSAL_KEY not in request.scope:
            base_url = str(request.base_url).rstrip("/")
        return await _answer(
            pipeline, default_version, request.scope, request.receive, base_url, limits=limits
        )

    return api


def _seed_demo(store: Store, catalog: Catalog, demo: DemoMerchant, clock: Clock) -> None:
    seed_demo_merchant(
        store,
        public_key=demo.public_key,
        secret_key=demo.secret_key,
        pinned_version=demo.pinned_version,
        default_version=catalog.default_version,
        created_at=timestamp(clock()),
    )


def create_app(
    target: str | Path,
    *,
    store: Store | None = None,
    clock: Clock = system_clock,
    strict: bool = False,
    demo: DemoMerchant | None = None,
    mode: ServeMode = "auto",
    eager: bool | None = None,
    translator: RequestTranslator | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    credentials: CredentialSet | None = None,
    body_limits: BodyLimits | None = None,
    public_url: str | None = None,
    admin_key: str | None = None,
) -> Litestar:
    """A Litestar app serving the catalog folder or OpenAPI document at ``target``.

    Args:
        target: A catalog folder (``versions.yaml`` + one spec per version) or one document.
        store: Where state lives; default an in-memory SQLite store.
        clock: The time source (tests fix it).
        strict: Also validate our own responses against the client's spec (500 if not).
        demo: The merchant to seed (default ``pk_test_demo``/``sk_test_demo``).
        mode: ``sandbox`` (the bundled API's domain), ``generic`` (examples and generated
            data), or ``auto`` (sandbox when the head spec is the bundled API).
        eager: Compile every validator at startup (default: when the catalog is small).
        translator: Replaces the catalog's own translator (tests, embedding).
        max_body_bytes: Larger request bodies are refused with 413 (tests lower it); only
            when ``body_limits`` is not given.
        credentials: Generic mode accepts only these (default: any well-formed one).
        body_limits: Size, members and depth of request bodies, checked before decoding.
        public_url: The server's URL as clients reach it (``servers`` of the served
            documents, links in responses); default: built from each request's valid
            ``Host`` header.
        admin_key: The key that creates merchants (``POST /sandbox/merchants``); default
            a random one, in ``app.state.versiongate.admin_key``.
    """
    catalog = load_served_catalog(target)
    limits = body_limits if body_limits is not None else BodyLimits(max_bytes=max_body_bytes)
    public_url = public_url.rstrip("/") if public_url else None
    store = store if store is not None else SqliteStore()
    if mode == "auto":
        mode = "sandbox" if is_sandbox_catalog(catalog) else "generic"
    # Generic specs may hold schemas the validator cannot compile: the backend compiles them
    # one operation at a time, so one bad schema does not stop the server.
    runtimes = compile_catalog(catalog, eager=eager if mode == "sandbox" else False)
    handlers: list[Any] = docs_handlers(catalog, clock, public_url=public_url)
    backend: Backend
    pinned: Callable[[str | None], str | None] = _no_pinning
    request_log: RequestLog | None = None
    if mode == "sandbox":
        demo = demo or DemoMerchant()
        _seed_demo(store, catalog, demo, clock)
        backend = SandboxBackend(catalog, store, clock, translator=translator)
        admin_key = admin_key or new_admin_key()
        handlers.extend(
            sandbox_handlers(catalog, store, clock, admin_key=admin_key, backend=backend)
        )
        keep = request_log_limit()
        request_log = RequestLog(store, keep=keep) if keep else None
        if request_log is not None:
            handlers.extend(request_log_handlers(request_log, catalog, clock))
        pinned = _pinned_version_reader(store)
    else:
        demo, admin_key = None, None
        backend = GenericBackend(catalog, runtimes, store, credentials=credentials, eager=eager)
    pipeline = Pipeline(runtimes, backend, store, strict=strict)
    pipeline.request_log = request_log

    @get("/", include_in_schema=False, sync_to_thread=False)
    def root() -> Redirect:
        return Redirect(path="/docs")

    handlers.extend([root, _api_handler(pipeline, catalog.default_version, limits, public_url)])
    app = Litestar(
        route_handlers=handlers,
        openapi_config=None,
        debug=False,
        exception_handlers=exception_handlers(),
        on_shutdown=[request_log.flush] if request_log is not None else [],  # buffered records
    )
    layer = VersionLayer(
        cast("Any", app.asgi_handler),
        catalog=catalog,
        clock=clock,
        pinned_version=pinned,
        api=cast("Any", _api_app(pipeline, catalog.default_version, limits, public_url)),
        api_methods=frozenset(_METHODS),
        refuse=_refuser(pipeline),
    )
    app.asgi_handler = cast("Any", with_merchant_clocks(layer, backend))
    app.asgi_handler = cast("Any", serve_changelog(cast("Any", app.asgi_handler), catalog, clock))
    # Outermost: no layer or handler below reads a header the guard has not checked.
    guard = RequestGuard(
        cast("Any", app.asgi_handler),
        version_header=catalog.version_header,
        limits=limits,
        unversioned=(*UNVERSIONED_PREFIXES, CHANGELOG_PREFIX),
    )
    app.asgi_handler = cast("Any", guard)
    app.state.versiongate = ServerInfo(
        catalog=catalog, mode=mode, versions=catalog.ids, demo=demo, admin_key=admin_key
    )
    return app


def _refuser(pipeline: Pipeline) -> Callable[[str, Any, ApiError], Outgoing]:
    """What the version layer calls to answer a refusal in a version's shape."""

    def refuse(version: str, scope: Any, error: ApiError) -> Outgoing:
        incoming = IncomingRequest(
            method=scope["method"],
            path=scope["path"],
            path_params={},
            query={},
            headers=_headers(scope),  # the caller's credentials: refusals are logged too
            body=b"",
        )
        return pipeline.refuse(version, incoming, error)

    return refuse


def _no_pinning(authorization: str | None) -> str | None:
    del authorization
    return None


def _pinned_version_reader(store: Store) -> Callable[[str | None], str | None]:
    """Reads the pinned version of the merchant whose valid Basic credentials are given."""

    def pinned_version(authorization: str | None) -> str | None:
        try:
            return authenticate_merchant(store, authorization).pinned_version
        except ApiError:
            return None  # the handler answers 401 in the default version's shape

    return pinned_version
