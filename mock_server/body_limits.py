"""How much a request body may ask of the server, checked before it is decoded or validated.

A 9 MB body of 760,000 unknown keys decodes in a quarter of a second but takes seconds to
validate (one problem per key), blocking the worker's event loop for every other client
(issue 12). The checks here run on the raw bytes at C speed: byte counts give an upper
bound that clears ordinary bodies at once; only a body over a bound has its strings
blanked out by one regular expression and its brackets counted exactly.
"""

from __future__ import annotations

import os
import re
from itertools import accumulate
from typing import TYPE_CHECKING

import msgspec

from mock_server.problems import ApiError, Violation
from versioning.errors import UsageError
from versioning.messages import is_json_media_type

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "UNREADABLE_DEPTH",
    "BodyLimits",
    "body_limits_from_environment",
    "body_problem",
    "check_utf8",
    "head_buffer_size",
]


class BodyLimits(msgspec.Struct, frozen=True, kw_only=True):
    """The largest request the server reads, and the most of a body it decodes and validates.

    Attributes:
        max_bytes: Larger bodies are refused with 413 while they are being read.
        max_members: Object members plus array items (JSON) or fields (forms) in one body;
            more is a 413 before decoding (validation costs about 10 µs a member).
        max_depth: Deepest nesting of objects and arrays in a JSON body; deeper is a 422
            (or a 400 past 1,000, where the JSON decoder stops reading, as before).
        timeout: Seconds the whole body may take to arrive; slower is a 400.
        max_url_bytes: Bytes of the target (path and query as sent); longer is a 414. The
            default is the most granian's HTTP library (hyper) reads at all, so whatever it
            lets through is validated against the spec rather than refused for its size.
        max_header_bytes: Bytes of all header lines (name, value and 4 for ``": "`` and
            CRLF each); more is a 431.
    """

    max_bytes: int = 10_000_000
    max_members: int = 10_000
    max_depth: int = 64
    timeout: int = 30
    max_url_bytes: int = 65_534
    max_header_bytes: int = 65_536


_VARIABLES = {
    "max_bytes": "VERSIONGATE_MAX_BODY_BYTES",
    "max_members": "VERSIONGATE_MAX_BODY_MEMBERS",
    "max_depth": "VERSIONGATE_MAX_BODY_DEPTH",
    "timeout": "VERSIONGATE_BODY_TIMEOUT",
    "max_url_bytes": "VERSIONGATE_MAX_URL_BYTES",
    "max_header_bytes": "VERSIONGATE_MAX_HEADER_BYTES",
}
"""Each limit's environment variable."""


def body_limits_from_environment(environment: Mapping[str, str] | None = None) -> BodyLimits:
    """The default limits with the ``VERSIONGATE_MAX_*`` and ``…_BODY_TIMEOUT`` variables applied.

    Raises:
        UsageError: A variable is not a positive whole number.
    """
    environment = os.environ if environment is None else environment
    changes: dict[str, int] = {}
    for field, variable in _VARIABLES.items():
        text = environment.get(variable, "").strip()
        if not text:
            continue
        try:
            value = int(text)
        except ValueError:
            raise UsageError(f"{variable}={text!r} must be a whole number") from None
        if value <= 0:
            raise UsageError(f"{variable}={text!r} must be positive")
        changes[field] = value
    return BodyLimits(**changes)


_HEAD_BUFFER_FLOOR = 8192 + 4096 * 100
"""granian's own default read buffer (408 KiB): never lowered, so heads it took still reach us."""
_HEAD_BUFFER_CEILING = 4 * 1024 * 1024
"""The most a connection's read buffer may grow to, whatever the variables say."""


def head_buffer_size(limits: BodyLimits) -> int:
    """The HTTP server's read buffer: a request head at both limits fits, with room to spare.

    A head the buffer cannot hold is refused by the server itself with a bare 431, so the
    buffer is larger than the target and header limits together (request line and slack
    included) and the guard answers instead. The buffer grows only as a head needs it: an
    idle connection holds a few KiB, one sending a head at the limits about 100 KiB (4 MiB
    at most, if the variables ask for more).
    """
    wanted = limits.max_url_bytes + limits.max_header_bytes + 16_384
    return min(max(wanted, _HEAD_BUFFER_FLOOR), _HEAD_BUFFER_CEILING)


UNREADABLE_DEPTH = 1000
"""msgspec refuses JSON nested deeper than this as unreadable (400, not 422)."""
_CHUNK = 65_536
"""Bytes scanned at a time: a hostile body is refused after its first chunks."""
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"{}[]")
_STEPS = bytes.maketrans(b"{[}]", b"\x01\x01\xff\xff")
"""Opening brackets to +1 and closing ones to -1 (as signed bytes)."""
_BACKSLASH = 0x5C


class _Shape:
    """A running count of a JSON text's members and depth, read a chunk at a time."""

    __slots__ = ("deepest", "depth", "inside", "members")

    def __init__(self) -> None:
        self.inside = False  # within a string at the end of the last chunk
        self.depth = 0
        self.deepest = 0
        self.members = 0

    def read(self, chunk: bytes) -> None:
        """Count ``chunk``'s brackets and commas outside strings."""
        # Escaped backslashes first, so every backslash left escapes the quote after it.
        chunk = chunk.replace(b"\\\\", b"__").replace(b'\\"', b"__")
        parts = chunk.split(b'"')
        text = b"".join(parts[1::2] if self.inside else parts[0::2])
        if len(parts) % 2 == 0:  # an odd number of quotes
            self.inside = not self.inside
        brackets = text.translate(None, _NOT_BRACKETS)
        opens = brackets.count(b"{") + brackets.count(b"[")
        # Each container holds one item more than its commas (an upper bound, then).
        self.members += text.count(b",") + opens
        if brackets:
            steps = memoryview(brackets.translate(_STEPS)).cast("b")
            running = list(accumulate(steps, initial=self.depth))
            self.deepest = max(self.deepest, *running)
            self.depth = running[-1]


def _json_problem(body: bytes, limits: BodyLimits) -> ApiError | None:
    opens = body.count(b"{") + body.count(b"[")
    # Brackets and commas inside strings only add to this bound, so most bodies stop here.
    if opens <= limits.max_depth and body.count(b",") + opens <= limits.max_members:
        return None
    shape = _Shape()
    start, size = 0, len(body)
    while start < size:
        end = min(start + _CHUNK, size)
        while end < size and body[end - 1] == _BACKSLASH:  # never split a backslash run
            end += 1
        shape.read(body[start:end])
        start = end
        if shape.deepest > limits.max_depth:
            return _too_deep(limits.max_depth, shape.deepest)
        if shape.members > limits.max_members:
            return _too_many(limits.max_members, "members (object keys and array items)")
    return None


def _too_deep(limit: int, depth: int) -> ApiError:
    """422 past ``limit``; 400 past what JSON decoders here read at all (as they answer)."""
    if depth > UNREADABLE_DEPTH:
        return ApiError(400, "invalid_request", "The request body is nested too deeply.")
    return ApiError(
        422,
        "validation_failed",
        f"The request body nests objects and arrays more than {limit} deep.",
        errors=(Violation(pointer="", message="The value is nested too deeply to be checked."),),
    )


def _too_many(limit: int, what: str) -> ApiError:
    return ApiError(413, "request_too_large", f"The request body has more than {limit:,} {what}.")


def body_problem(body: bytes, content_type: str | None, limits: BodyLimits) -> ApiError | None:
    """Why ``body`` (sent as ``content_type``) is refused before decoding, or ``None``.

    JSON bodies are held to ``max_members`` and ``max_depth``, form bodies and multipart
    bodies to ``max_members`` fields or parts; other media types are not decoded by the
    server as a whole.
    """
    if not body or not content_type:
        return None
    essence, _, parameters = content_type.partition(";")
    essence = essence.strip().lower()
    if is_json_media_type(essence):
        return _json_problem(body, limits)
    if essence == "application/x-www-form-urlencoded":
        fields = body.count(b"&") + body.count(b";") + 1
        return _too_many(limits.max_members, "fields") if fields > limits.max_members else None
    boundary = _BOUNDARY.search(parameters) if essence == "multipart/form-data" else None
    if boundary is not None:
        delimiter = b"--" + (boundary["quoted"] or boundary["token"]).encode("latin-1")
        if body.count(delimiter) - 1 > limits.max_members:  # the last one closes the body
            return _too_many(limits.max_members, "parts")
    return None


_BOUNDARY = re.compile(
    r'boundary\s*=\s*(?:"(?P<quoted>[^"]{1,70})"|(?P<token>[^\s;"]{1,70}))', re.I
)
"""The ``boundary`` parameter of a multipart media type (RFC 2046: 1 to 70 characters)."""


def check_utf8(body: bytes) -> ApiError | None:
    """A 400 when ``body`` is not UTF-8 (JSON must be: RFC 8259, section 8.1), else ``None``."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        return ApiError(
            400,
            "invalid_request",
            f"The request body is not UTF-8 (byte {error.start} is invalid).",
        )
    return None
