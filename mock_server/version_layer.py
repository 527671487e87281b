"""Version resolution as a plain ASGI layer, before Litestar routes the request.

Litestar middleware runs after routing, but the version decides which operations exist, so
it is resolved here: the version header, else the merchant's pinned version, else the
catalog default. Unknown versions get 400, sunset versions 410 (both problem+json). Every
response of a resolved version echoes the version header, plus ``Deprecation``, ``Sunset``
and ``Link`` when the version or the operation is deprecated.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.lifecycle import Lifecycle, lifecycle_headers, version_lifecycle
from mock_server.problems import PROBLEM_MEDIA_TYPE, problem_body

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    from mock_server.clock import Clock
    from versioning.catalog import Catalog

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]
    ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

__all__ = ["LIFECYCLE_KEY", "UNVERSIONED_PREFIXES", "VERSION_KEY", "VersionLayer"]

VERSION_KEY = "versiongate.version"
"""Where the resolved version id is left in the ASGI scope."""
LIFECYCLE_KEY = "versiongate.lifecycle"
"""Where the handler leaves the operation's :class:`Lifecycle` for the response headers."""
UNVERSIONED_PREFIXES = ("/docs", "/sandbox", "/problems", "/favicon.ico")


@lru_cache(maxsize=256)
def _encoded(lifecycle: Lifecycle) -> list[tuple[bytes, bytes]]:
    """The lifecycle headers, encoded once per distinct lifecycle."""
    return [
        (name.encode("latin-1"), value.encode("latin-1"))
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
    ) -> None:
        """Resolve versions of ``catalog`` for ``app``; ``pinned_version`` reads credentials.

        ``api``, when given, serves versioned requests whose method is in ``api_methods``
        directly (it must answer exactly as ``app`` would); the rest go through ``app``.
        """
        self.app = app
        self.api = api
        self.api_methods = api_methods
        self.catalog = catalog
        self.clock = clock
        self.pinned_version = pinned_version
        self.header = catalog.version_header.lower().encode("latin-1")
        self.header_name = catalog.version_header
        self.versions = {version.id: version for version in catalog.versions}
        self.lifecycles = {version.id: version_lifecycle(version) for version in catalog.versions}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Resolve the version, answer 400/410 itself, or pass on with headers added."""
        if scope["type"] != "http" or _unversioned(scope["path"]):
            await self.app(scope, receive, send)
            return
        requested: str | None = None
        authorization: str | None = None
        for name, value in scope["headers"]:
            if name == self.header:
                requested = value.decode("latin-1").strip()
            elif name == b"authorization":
                authorization = value.decode("latin-1")
        today = self.clock().date()
        if requested:
            if requested not in self.versions:
                await self._unknown(scope, send, requested, today)
                return
            version = requested
        else:
            pinned = self.pinned_version(authorization)
            version = pinned if pinned in self.versions else self.catalog.default_version
        info = self.versions[version]
        if info.status(today) == "sunset":
            await self._gone(scope, send, version, today)
            return
        scope[VERSION_KEY] = version
        version_header = (self.header, version.encode("latin-1"))
        lifecycle = self.lifecycles[version]

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                merged = lifecycle
                operation: Lifecycle | None = scope.get(LIFECYCLE_KEY)
                if operation is not None:
                    merged = operation.merge(lifecycle)
                extra = [version_header, *_encoded(merged)]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if self.api is not None and scope["method"] in self.api_methods:
            await self.api(scope, receive, send_with_version)
        else:
            await self.app(scope, receive, send_with_version)

    def _served(self, today: Any) -> list[str]:
        return [v.id for v in self.catalog.versions if v.status(today) != "sunset"]

    async def _unknown(self, scope: Scope, send: Send, requested: str, today: Any) -> None:
        valid = self._served(today)
        body = problem_body(
            400,
            "unsupported_version",
            f"API version {requested[:100]} does not exist. Valid versions: {', '.join(valid)}.",
            instance=scope["path"],
            extensions={"valid_versions": valid},
        )
        await _send_problem(send, 400, body, [])

    async def _gone(self, scope: Scope, send: Send, version: str, today: Any) -> None:
        successors = [
            v.id for v in self.catalog.versions if v.id > version and v.status(today) != "sunset"
        ]
        info = self.versions[version]
        body = problem_body(
            410,
            "version_sunset",
            f"API version {version} was sunset on {info.sunset} and is no longer served."
            f" Upgrade to one of: {', '.join(successors)}.",
            instance=scope["path"],
            extensions={"successor_versions": successors},
        )
        headers = [(self.header, version.encode("latin-1"))] + [
            (name.encode("latin-1"), value.encode("latin-1"))
            for name, value in lifecycle_headers(self.lifecycles[version])
        ]
        await _send_problem(send, 410, body, headers)


async def _send_problem(
    send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]
) -> None:
    payload = msgspec.json.encode(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
