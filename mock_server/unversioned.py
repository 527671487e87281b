"""The HTTP edges of the unversioned paths (``/docs``, ``/sandbox``): errors and ``HEAD``.

Their own handlers answer errors as problem details; what Litestar answers by itself (no
such route, a method the route does not take, a bad path parameter) would otherwise be its
``{"status_code": …, "detail": …}``, which no document describes. ``HEAD`` is answered as
``GET`` without the body (RFC 9110, section 9.3.2), as the API paths do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from litestar.exceptions import HTTPException
from litestar.response import Response

from mock_server.problems import PROBLEM_MEDIA_TYPE, code_for_status, problem_body

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    from litestar import Request

    Message = MutableMapping[str, Any]
    ASGIApp = Callable[[Any, Any, Any], Awaitable[None]]

__all__ = ["exception_handlers", "head_as_get"]


def _problem(request: Request[Any, Any, Any], error: HTTPException) -> Response[bytes]:
    status = error.status_code
    body = problem_body(
        status,
        code_for_status(status, "invalid_request"),
        error.detail or "The request failed.",
        instance=request.url.path,
    )
    return Response(
        content=msgspec.json.encode(body),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=error.headers or {},
    )


def _fault(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    """A bug in an unversioned handler: 500, without the bug's details."""
    del error
    return _problem(request, HTTPException(status_code=500, detail="The server failed."))


def exception_handlers() -> dict[int | type[Exception], Any]:
    """Litestar's own HTTP errors and unhandled faults on unversioned paths, as problems."""
    return {HTTPException: _problem, 500: _fault}


async def head_as_get(app: ASGIApp, scope: Any, receive: Any, send: Any) -> None:
    """Serve a ``HEAD`` request as ``GET``, sending the headers and no body."""

    async def without_body(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    await app({**scope, "method": "GET"}, receive, without_body)
