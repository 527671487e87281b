"""The API handler's raw ASGI edges: read the body, send status, headers and bytes.

Litestar sends an ASGI callable returned by a handler as it is, so the hot path skips
building a ``Response`` object and its header and cookie machinery; the body is read
straight from ``receive`` with the same 10 MB limit Litestar applies.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

from mock_server.problems import ApiError

__all__ = ["MAX_BODY_BYTES", "RawResponse", "header_bytes", "read_body", "too_large"]

MAX_BODY_BYTES = 10_000_000


def _field(text: str) -> bytes:
    """``text`` as header bytes: characters beyond Latin-1 percent-encoded as UTF-8."""
    return quote(text, safe=_PRINTABLE).encode("latin-1")


_PRINTABLE = "".join(chr(code) for code in range(0x20, 0x7F) if chr(code) != "%")


def header_bytes(text: str) -> bytes:
    """``text`` as one header value: as it is when HTTP can carry it, else percent-encoded.

    Texts from a spec (a version id from ``info.version``) may hold characters beyond Latin-1
    or control characters; sent as they are they would fail the response or split a header.
    """
    if text.isprintable():
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError:
            pass
    return _field(text)


class RawResponse:
    """Sends one complete HTTP response."""

    __slots__ = ("_body", "_headers", "_status")

    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """Encode the headers once; ``content-length`` is added."""
        try:
            if not all(value.isprintable() for _, value in headers):  # CR, LF, NUL...
                raise UnicodeEncodeError("latin-1", "", 0, 0, "a control character")
            encoded = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers]
        except UnicodeEncodeError:  # a text from a spec or a request that HTTP cannot carry
            encoded = [(_field(name), _field(value)) for name, value in headers]
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


async def read_body(
    receive: Any, limit: int = MAX_BODY_BYTES, timeout: float | None = None
) -> bytes | None:
    """The whole request body, or ``None`` once it passes ``limit`` bytes.

    Raises:
        ApiError: 400 when the client went away before the end of the body (broken chunked
            framing, a body shorter than its ``Content-Length``): a request cut short is
            never acted on; 400 too when the body takes more than ``timeout`` seconds to
            arrive (a client trickling it in holds a connection and a task for ever).
    """
    if timeout is None:
        return await _read_body(receive, limit)
    try:
        async with asyncio.timeout(timeout):
            return await _read_body(receive, limit)
    except TimeoutError:
        raise ApiError(
            400, "invalid_request", f"The request body did not arrive within {timeout:g} s."
        ) from None


async def _read_body(receive: Any, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            raise ApiError(
                400, "invalid_request", "The request body was cut short (the connection closed)."
            )
        chunk = message.get("body", b"")
        if chunk:
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def too_large(limit: int = MAX_BODY_BYTES) -> ApiError:
    """413 for a body over ``limit`` bytes (rendered in the client's version by the pipeline)."""
    return ApiError(413, "request_too_large", f"The request body is larger than {limit} bytes.")
