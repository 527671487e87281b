"""The outermost ASGI layer: requests whose headers no handler can trust are refused here.

Litestar and our own handlers read ``Host`` to build URLs and take a repeated header as
one value joined with commas; a ``Host`` such as ``a:b`` made both fail with a 500, and a
valid one was reflected into ``servers`` of the served documents (issue 12). This layer
checks the headers of every request once:

- ``Host`` must be a host name, an IPv4 or bracketed IPv6 address, with an optional port
  (RFC 9110, section 7.2). An invalid one is dropped from the scope, so nothing downstream
  reads it, and the request refused with 400.
- Headers that carry one value (``Host``, ``Content-Length``, ``Content-Type``,
  ``Authorization``, ``Idempotency-Key``, the version header) may appear once (400).
- The target (path and query) and the header lines are held to the limits'
  ``max_url_bytes`` (414) and ``max_header_bytes`` (431). The HTTP server refuses what is
  longer still before any of this runs, with a bare status (granian: targets over 65,534
  bytes, request heads over its buffer; see ``mock_server/launch.py``).

API paths get the refusal in the client's version's shape: the layer leaves it in the
scope under :data:`REFUSAL_KEY` for the API handler, which renders it like every other
error. The unversioned paths (``/docs``, ``/sandbox``) are answered here in the head
problem shape they use; their request bodies are also read and held to the body limits
(size, UTF-8, members and depth of JSON) before any handler decodes them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.body_limits import BodyLimits, body_problem, check_utf8
from mock_server.problems import PROBLEM_MEDIA_TYPE, ApiError
from mock_server.raw_response import RawResponse, read_body, too_large
from mock_server.version_layer import UNVERSIONED_PREFIXES

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]
    ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

__all__ = ["REFUSAL_KEY", "RequestGuard", "valid_host"]

REFUSAL_KEY = "versiongate.refusal"
"""Where the guard leaves the :class:`ApiError` an API request is refused with."""

_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]{{2,45}}\])(?::[0-9]{{1,5}})?")
"""A host name or IPv4 address, or ``[IPv6]``, with an optional port. Labels take letters,
digits, hyphens and underscores (container and service names such as ``mock_api`` have
them, though DNS host names may not)."""
_SINGLE = frozenset(
    {b"host", b"content-length", b"content-type", b"authorization", b"idempotency-key"}
)


def valid_host(value: str) -> bool:
    """Whether ``value`` is a ``Host`` header worth building URLs from (RFC 9110, 7.2)."""
    return len(value) <= 260 and _valid_host(value)  # never cache a long one


@lru_cache(maxsize=256)  # clients send the same few hosts again and again
def _valid_host(value: str) -> bool:
    if _HOST.fullmatch(value) is None:
        return False
    _, colon, port = value.rpartition(":")
    return not colon or "]" in port or int(port) <= 65535


def _header_refusal(
    headers: list[tuple[bytes, bytes]], single: frozenset[bytes]
) -> tuple[ApiError | None, list[tuple[bytes, bytes]] | None]:
    """The refusal the headers earn (if any), and the headers without a bad ``Host``."""
    seen: set[bytes] = set()
    refusal: ApiError | None = None
    bad_host = False
    for name, value in headers:
        if name in single:
            if name in seen and refusal is None:
                shown = name.decode("latin-1").title()
                refusal = ApiError(
                    400, "invalid_request", f"The {shown} header may be sent only once."
                )
            seen.add(name)
        if name == b"host" and value and not valid_host(value.decode("latin-1")):
            bad_host = True
            refusal = refusal or ApiError(
                400, "invalid_request", "The Host header is not a valid host and port."
            )
    if refusal is None:
        return None, None
    if bad_host or b"host" in seen:  # a refused request builds no URL from its Host
        headers = [(name, value) for name, value in headers if name != b"host"]
    return refusal, headers


def _head_refusal(scope: Scope, limits: BodyLimits) -> ApiError | None:
    """414 for a target over ``max_url_bytes``, 431 for headers over ``max_header_bytes``."""
    query = scope.get("query_string", b"")
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    # Some servers (httpx's test transport) leave the query in raw_path; count it once.
    target = len(raw_path.partition(b"?")[0]) + (len(query) + 1 if query else 0)
    if target > limits.max_url_bytes:
        return ApiError(
            414,
            "request_too_large",
            f"The request's path and query are {target:,} bytes; at most"
            f" {limits.max_url_bytes:,} are read. Send long values in a body instead.",
        )
    size = sum(len(name) + len(value) + 4 for name, value in scope["headers"])
    if size > limits.max_header_bytes:
        return ApiError(
            431,
            "request_too_large",
            f"The request's headers are {size:,} bytes; at most"
            f" {limits.max_header_bytes:,} are read.",
        )
    return None


def _problem(error: ApiError, path: str) -> RawResponse:
    headers = [("content-type", PROBLEM_MEDIA_TYPE), *error.headers.items()]
    return RawResponse(error.status, headers, msgspec.json.encode(error.body(path)))


class RequestGuard:
    """Checks every request's headers, and the bodies sent to unversioned paths."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        version_header: str,
        limits: BodyLimits,
        unversioned: tuple[str, ...] = UNVERSIONED_PREFIXES,
    ) -> None:
        """Guard ``app``; ``version_header`` is the catalog's (sent once at most).

        Paths at or below ``unversioned`` are answered here; the rest are API paths.
        """
        self.app = app
        self.limits = limits
        self._exact = frozenset({"/", *unversioned})
        self._below = tuple(prefix + "/" for prefix in unversioned)
        self.single = _SINGLE | {version_header.lower().encode("latin-1")}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse, or pass the request on (its body replayed when it was read here)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = _head_refusal(scope, self.limits)
        headers = None
        if refusal is None:
            refusal, headers = _header_refusal(scope["headers"], self.single)
        if headers is not None:
            scope = {**scope, "headers": headers}
        path = scope["path"]
        unversioned = path in self._exact or path.startswith(self._below)
        if refusal is not None and unversioned:
            await _problem(refusal, scope["path"])(scope, receive, send)
            return
        if refusal is not None:
            scope[REFUSAL_KEY] = refusal
        elif unversioned and _has_body(scope["headers"]):
            replay = await self._checked_body(scope, receive, send)
            if replay is None:
                return
            receive = replay
        await self.app(scope, receive, send)

    async def _checked_body(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """A ``receive`` replaying the body, or ``None`` once a refusal was sent."""
        problem: ApiError | None = None
        try:
            body = await read_body(receive, self.limits.max_bytes, self.limits.timeout)
        except ApiError as error:  # cut short
            body, problem = b"", error
        else:
            problem = too_large(self.limits.max_bytes) if body is None else None
        if body is not None and problem is None:
            # The sandbox controls read every body as JSON, whatever its content type.
            problem = check_utf8(body) or body_problem(body, "application/json", self.limits)
        if problem is not None:
            await _problem(problem, scope["path"])(scope, receive, send)
            return None
        return _replay(body or b"", receive)


def _has_body(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(name in {b"content-length", b"transfer-encoding"} for name, _ in headers)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` giving ``body`` once, then what the server's own ``receive`` says."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
