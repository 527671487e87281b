"""Version resolution as a plain ASGI layer, before Litestar routes the request.

Litestar middleware runs after routing, but the version decides which operations exist, so
it is resolved here: the version header, else the merchant's pinned version, else the
catalog default. Unknown versions get 400 (in the shape of the version the caller's keys
are pinned to, else the default's), sunset versions 410 (in the sunset version's own shape,
which its clients can read). Every response of a resolved version echoes the version
header, plus ``Deprecation``, ``Sunset`` and ``Link`` when the version or the operation is
deprecated.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.lifecycle import Lifecycle, lifecycle_headers, version_lifecycle
from mock_server.problems import PROBLEM_MEDIA_TYPE, ApiError
from mock_server.raw_response import RawResponse, header_bytes
from mock_server.unversioned import head_as_get

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Awaitable, Callable, MutableMapping

    from mock_server.clock import Clock
    from mock_server.pipeline import Outgoing
    from versioning.catalog import Catalog

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]
    ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

__all__ = ["LIFECYCLE_KEY", "UNVERSIONED_PREFIXES", "VERSION_KEY", "VersionLayer"]

_Headers = list[tuple[bytes, bytes]]

VERSION_KEY = "versiongate.version"
"""Where the resolved version id is left in the ASGI scope."""
LIFECYCLE_KEY = "versiongate.lifecycle"
"""Where the handler leaves the operation's :class:`Lifecycle` for the response headers."""
UNVERSIONED_PREFIXES = ("/docs", "/sandbox", "/problems", "/favicon.ico")


@lru_cache(maxsize=256)
def _encoded(lifecycle: Lifecycle) -> list[tuple[bytes, bytes]]:
    """The lifecycle headers, encoded once per distinct lifecycle."""
    return [
        (name.encode("latin-1"), header_bytes(value))
        for name, value in lifecycle_headers(lifecycle)
    ]


_UNVERSIONED_EXACT = frozenset({"/", *UNVERSIONED_PREFIXES})
_UNVERSIONED_BELOW = tuple(prefix + "/" for prefix in UNVERSIONED_PREFIXES)


def _unversioned(path: str) -> bool:
    return path in _UNVERSIONED_EXACT or path.startswith(_UNVERSIONED_BELOW)


class VersionLayer:
    """Wraps the Litestar app; resolves the API version of every API request."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        catalog: Catalog,
        clock: Clock,
        pinned_version: Callable[[str | None], str | None],
        api: ASGIApp | None = None,
        api_methods: frozenset[str] = frozenset(),
        refuse: Callable[[str, Scope, ApiError], Outgoing] | None = None,
    ) -> None:
        """Resolve versions of ``catalog`` for ``app``; ``pinned_version`` reads credentials.

        ``api``, when given, serves versioned requests whose method is in ``api_methods``
        directly (it must answer exactly as ``app`` would); the rest go through ``app``.
        ``refuse`` renders a 400 or 410 in a version's shape (default: head problem+json).
        """
        self.app = app
        self.refuse = refuse
        self.api = api
        self.api_methods = api_methods
        self.catalog = catalog
        self.clock = clock
        self.pinned_version = pinned_version
        self.header = catalog.version_header.lower().encode("latin-1")
        self.header_name = catalog.version_header
        self.versions = {version.id: version for version in catalog.versions}
        self.lifecycles = {version.id: version_lifecycle(version) for version in catalog.versions}
        self._headers: dict[tuple[str, int], tuple[Lifecycle | None, _Headers]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Resolve the version, answer 400/410 itself, or pass on with headers added."""
        if scope["type"] != "http" or _unversioned(scope["path"]):
            serve = head_as_get if scope.get("method") == "HEAD" else _as_it_is
            await serve(self.app, scope, receive, send)
            return
        requested: str | None = None
        authorization: str | None = None
        for name, value in scope["headers"]:
            if name == self.header:
                requested = value.decode("latin-1").strip()
            elif name == b"authorization":
                authorization = value.decode("latin-1")
        today = self.clock().date()
        if requested and requested in self.versions:
            version = requested
        else:
            pinned = self.pinned_version(authorization)
            version = pinned if pinned in self.versions else self.catalog.default_version
            if requested:  # answered in the version the caller would get without the header
                await self._refuse(scope, send, version, self._unknown(scope, requested, today))
                return
        info = self.versions[version]
        if info.status(today) == "sunset":
            await self._refuse(scope, send, version, self._gone(scope, version, today))
            return
        scope[VERSION_KEY] = version

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = self._response_headers(version, scope.get(LIFECYCLE_KEY))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if self.api is not None and scope["method"] in self.api_methods:
            await self.api(scope, receive, send_with_version)
        else:
            await self.app(scope, receive, send_with_version)

    def _response_headers(self, version: str, operation: Lifecycle | None) -> _Headers:
        """The version header and the lifecycle headers, encoded once per version and operation.

        Operation lifecycles live as long as the app, so they are told apart by identity (the
        entry keeps its lifecycle, so the identity cannot be reused by another object).
        """
        key = (version, id(operation))
        cached = self._headers.get(key)
        if cached is not None and cached[0] is operation:
            return cached[1]
        lifecycle = self.lifecycles[version]
        merged = lifecycle if operation is None else operation.merge(lifecycle)
        headers = [(self.header, header_bytes(version)), *_encoded(merged)]
        self._headers[key] = (operation, headers)
        return headers

    def _served(self, today: dt.date) -> list[str]:
        return [v.id for v in self.catalog.versions if v.status(today) != "sunset"]

    def _unknown(self, scope: Scope, requested: str, today: dt.date) -> ApiError:
        valid = self._served(today)
        return ApiError(
            400,
            "unsupported_version",
            f"API version {requested[:100]} does not exist. Valid versions: {', '.join(valid)}.",
            extensions={"valid_versions": valid},
        )

    def _gone(self, scope: Scope, version: str, today: dt.date) -> ApiError:
        successors = [
            v.id for v in self.catalog.versions if v.id > version and v.status(today) != "sunset"
        ]
        return ApiError(
            410,
            "version_sunset",
            f"API version {version} was sunset on {self.versions[version].sunset} and is no"
            f" longer served. Upgrade to one of: {', '.join(successors)}.",
            extensions={"successor_versions": successors},
        )

    async def _refuse(self, scope: Scope, send: Send, version: str, error: ApiError) -> None:
        """Send ``error`` in ``version``'s shape, echoing the version and its lifecycle."""
        lifecycle = self.lifecycles[version]
        if self.refuse is None:
            body = msgspec.json.encode(error.body(scope["path"]))
            headers = [("content-type", PROBLEM_MEDIA_TYPE), *error.headers.items()]
            status = error.status
        else:
            outgoing = self.refuse(version, scope, error)
            status, headers, body = outgoing.status, outgoing.headers, outgoing.body
            if outgoing.lifecycle is not None:
                lifecycle = outgoing.lifecycle.merge(lifecycle)
        headers = [*headers, (self.header_name.lower(), version), *lifecycle_headers(lifecycle)]
        await RawResponse(status, headers, body)(scope, _no_receive, send)


async def _as_it_is(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    await app(scope, receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
