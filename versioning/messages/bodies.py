"""Request bodies from the bytes a client sent to the value validation and handlers read."""

from __future__ import annotations

import re
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import msgspec

from versioning.messages.forms import unflatten_form
from versioning.messages.media import essence, is_json_media_type, match_media_type
from versioning.messages.scalars import (
    fill_unsent,
    integral_floats_to_int,
    read_values,
    sub_schema,
)

if TYPE_CHECKING:
    from versioning.spec.model import RequestBody, Spec

__all__ = ["BodyError", "read_body"]

_FLOAT_TOKEN = re.compile(rb"[0-9][.eE]")
"""A digit followed by a fraction or an exponent: how every JSON or form float is written."""
_DECODER = msgspec.json.Decoder()
_FORM = "application/x-www-form-urlencoded"


class BodyError(ValueError):
    """A body that cannot be read: 415 for a media type the operation does not take, else 400.

    Attributes:
        status: ``400`` or ``415``.
        accepted: The media types the operation takes (for a 415's ``Accept`` header).
    """

    def __init__(self, status: int, message: str, accepted: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.accepted = accepted


def read_body(
    raw: bytes, content_type: str | None, request_body: RequestBody | None, spec: Spec
) -> tuple[Any, str | None]:
    """The decoded body and the declared media type it was read as.

    JSON bodies are decoded (integral floats become ``int``), form bodies rebuilt into
    objects with their texts read against the schema; other media types stay bytes. What a
    body is decoded as follows the type it was *sent* as: an upload of ``image/png`` to an
    operation taking ``*/*`` stays bytes. A body sent to an operation that takes none is
    ignored, as HTTP allows.

    Raises:
        BodyError: 415 when ``content_type`` is missing or not declared, 400 when the text
            is not valid JSON, not UTF-8, or nested too deeply.
    """
    if request_body is None or not request_body.content:
        return None, None
    media = match_media_type(content_type, request_body.content) if content_type else None
    if not raw and (media is None or essence(content_type or "") != _FORM):
        return None, None  # no body; but an empty form is the empty object (all fields unset)
    if media is None:
        accepted = tuple(request_body.content)
        raise BodyError(
            415,
            f"Content-Type {content_type or 'none'} is not accepted here;"
            f" send one of: {', '.join(accepted)}.",
            accepted,
        )
    kind = media.media_type
    received = essence(content_type or kind)
    try:
        if is_json_media_type(received):
            return _json(raw), kind
        if received == _FORM:
            return _form(raw, media.schema, spec), kind
        if received == "multipart/form-data":
            return _multipart(raw, content_type or kind, media.schema, spec), kind
    except RecursionError:  # hostile nesting: refused instead of failing with a 500
        raise BodyError(400, "The request body is nested too deeply.") from None
    return raw, kind


def _json(raw: bytes) -> Any:
    try:
        value = _DECODER.decode(raw)
    except msgspec.DecodeError as error:
        raise BodyError(400, f"The request body is not valid JSON ({error}).") from None
    except UnicodeDecodeError:  # msgspec's error for a non-UTF-8 byte inside a string
        raise BodyError(400, "The request body is not UTF-8.") from None
    if not _FLOAT_TOKEN.search(raw):
        return value  # no number in the text can have decoded as a float
    return integral_floats_to_int(value)


def _form(raw: bytes, schema: Any, spec: Spec) -> Any:
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise BodyError(400, "The form body is not UTF-8.") from None
    return fill_unsent(read_values(unflatten_form(pairs, schema, spec), schema, spec), schema, spec)


def _multipart(raw: bytes, content_type: str, schema: Any, spec: Spec) -> dict[str, Any]:
    """A ``multipart/form-data`` body as the object OpenAPI describes (one member a part).

    JSON parts are decoded as JSON; text parts are read against their property's schema (a
    number stays a number); file parts stay text (``format: binary`` accepts any string).
    """
    header = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(header + raw)
    boundary = message.get_boundary()
    if boundary is not None and raw.strip() == f"--{boundary}--".encode("latin-1", "replace"):
        return {}  # only the closing delimiter: the empty object, every field unset
    if not message.is_multipart():
        raise BodyError(400, "The multipart body has no parts (is the boundary right?).")
    texts: dict[str, list[str]] = {}  # text parts, read against the schema once all arrived
    others: dict[str, list[Any]] = {}  # JSON and file parts
    for number, part in enumerate(message.iter_parts(), start=1):
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:  # RFC 7578, section 4.2: every part has one
            raise BodyError(
                400,
                f"Part {number} of the multipart body has no Content-Disposition form-data name.",
            )
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if is_json_media_type(part.get_content_type()):
            others.setdefault(name, []).append(_json(data))
            continue
        text = data.decode(part.get_content_charset() or "utf-8", errors="replace")
        (others if part.get_filename() else texts).setdefault(name, []).append(text)
    value: dict[str, Any] = {}
    for name in dict.fromkeys([*texts, *others]):
        if name in texts and name not in others:  # a repeated part is an array's items
            sent = texts[name]
            member = sent[0] if len(sent) == 1 else sent
            value[name] = read_values(member, sub_schema(schema, name, spec), spec)
        else:
            members = [*others.get(name, ()), *texts.get(name, ())]
            value[name] = members[0] if len(members) == 1 else members
    return value
