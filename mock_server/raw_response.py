"""A minimal ASGI response for the API handler: status, headers and bytes, nothing else.

Litestar sends an ASGI callable returned by a handler as it is, so the hot path skips
building a ``Response`` object and its header and cookie machinery.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RawResponse"]


class RawResponse:
    """Sends one complete HTTP response."""

    __slots__ = ("_body", "_headers", "_status")

    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """Encode the headers once; ``content-length`` is added."""
        encoded = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers]
        encoded.append((b"content-length", str(len(body)).encode()))
        self._status = status
        self._headers = encoded
        self._body = body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Send the start and the body."""
        del receive
        await send(
            {"type": "http.response.start", "status": self._status, "headers": self._headers}
        )
        body = b"" if scope.get("method") == "HEAD" else self._body
        await send({"type": "http.response.body", "body": body})
