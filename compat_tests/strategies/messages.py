"""Whole requests and responses of an operation, as the translation engine and server see them.

Requests carry every required parameter and some optional ones, encoded as HTTP would carry
them by their ``style``/``explode`` (path and header values are printable ASCII, a path
value never contains ``/``), and a body when the operation has one. Encoding and decoding
are :mod:`versioning.messages`'s, and a value is only drawn when its text decodes back to
it, so the validator reads every generated parameter as the value that was drawn.
Responses carry the declared headers and a body for the chosen status. Security credentials
are not generated: they are not part of the contract.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from hypothesis import strategies as st

from compat_tests.errors import SchemaGenerationError
from compat_tests.strategies.values import schema_strategies
from versioning.errors import UsageError
from versioning.messages import (
    BodyError,
    ParameterError,
    decode_parameter,
    encode_parameter,
    parameter_schema,
    pick_media_type,
    read_body,
    scalar_text,
)
from versioning.messages.forms import flatten_form
from versioning.messages.media import essence
from versioning.messages.parameters import parameter_style, query_members
from versioning.messages.scalars import schema_types
from versioning.translate.messages import ApiRequest, ApiResponse

if TYPE_CHECKING:
    from compat_tests.strategies.builder import SchemaStrategies
    from versioning.spec.model import MediaType, Operation, Parameter, RequestBody, Spec

__all__ = ["json_media_type", "requests_for", "responses_for", "status_codes"]

_HEADER_TEXT = re.compile(r"[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?")
"""A header value HTTP carries unchanged: visible ASCII, no edge whitespace (RFC 9110 §5.5)."""
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
"""OpenAPI 3.x: header parameters with these names are ignored."""
_DEFAULT_STATUSES = (400, 404, 409, 422, 500, 503)


def json_media_type(content: dict[str, MediaType]) -> MediaType | None:
    """The entry of a ``content`` map a message is sent as: JSON when declared, else the first.

    The choice is :func:`versioning.messages.pick_media_type`'s, the validator's own.
    """
    chosen = pick_media_type(content, None)
    return content[chosen] if chosen is not None else None


def _gathered(parameter: Parameter, spec: Spec) -> bool:
    """A query object whose members travel as query names of their own (as the validator reads)."""
    if parameter.location != "query" or parameter.content:
        return False
    style, explode = parameter_style(parameter)
    types = schema_types(parameter_schema(parameter), spec)
    gathers = style == "deepObject" or (style == "form" and explode)
    return gathers and "object" in types and "array" not in types


def _read_back(parameter: Parameter, pairs: list[tuple[str, str]], spec: Spec) -> Any:
    """The value the validator reads from ``pairs`` (``ParameterError`` when it cannot)."""
    if _gathered(parameter, spec):
        query: dict[str, list[str]] = {}
        for name, text in pairs:
            query.setdefault(name, []).append(text)
        _, value = query_members(parameter, query, spec, set(query))
        return value
    return decode_parameter(parameter, [text for _, text in pairs], spec)


def _wire_value(parameter: Parameter, value: Any, spec: Spec) -> bool:
    """Whether the encoded value survives the trip through a URL or a header, unchanged."""
    if value is None:
        return False
    pairs = encode_parameter(parameter, value)
    if not pairs:
        return False  # an empty list or object: nothing travels, the parameter is absent
    texts = [text for _, text in pairs]
    if parameter.location == "path" and not all(
        text and "/" not in text and text.isprintable() for text in texts
    ):
        return False
    if parameter.location in ("header", "cookie") and not all(
        _HEADER_TEXT.fullmatch(text) and ";" not in text for text in texts
    ):
        return False
    try:
        return bool(_read_back(parameter, pairs, spec) == value)
    except (ParameterError, RecursionError):
        return False


def _parameter_values(
    parameter: Parameter, spec: Spec, plain: SchemaStrategies, ascii_text: SchemaStrategies
) -> st.SearchStrategy[list[tuple[str, str]]]:
    builder = plain if parameter.location == "query" else ascii_text
    values = builder.for_schema(parameter_schema(parameter))
    return values.filter(lambda value: _wire_value(parameter, value, spec)).map(
        lambda value: encode_parameter(parameter, value)
    )


@st.composite
def _requests(
    draw: st.DrawFn,
    *,
    operation: Operation,
    parameters: list[tuple[Parameter, st.SearchStrategy[list[tuple[str, str]]]]],
    body: st.SearchStrategy[Any] | None,
    media_type: str | None,
    body_required: bool,
) -> ApiRequest:
    path_params: dict[str, str] = {}
    query: dict[str, list[str]] = {}
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for parameter, strategy in parameters:
        if not parameter.required and not draw(st.booleans()):
            continue
        for name, text in draw(strategy):
            if parameter.location == "path":
                path_params[name] = text
            elif parameter.location == "query":
                query.setdefault(name, []).append(text)
            elif parameter.location == "header":
                headers[name.lower()] = text
            else:
                cookies.append(f"{name}={text}")
    if cookies:
        headers["cookie"] = "; ".join(cookies)
    payload = None
    if body is not None and (body_required or draw(st.booleans())):
        payload = draw(body)
        if media_type is not None:
            headers["content-type"] = media_type
    return ApiRequest(
        operation=operation.key, path_params=path_params, query=query, headers=headers, body=payload
    )


_FORM = "application/x-www-form-urlencoded"


def _carried_by_a_form(value: Any, request_body: RequestBody, spec: Spec) -> bool:
    """Whether a form body reads back as ``value`` the way the server reads it.

    A map key ``""``, a key with a bracket, an empty array or object cannot travel in a
    form; drawing them would validate one value in the kit and another in the server.
    """
    if not isinstance(value, dict):
        return False
    raw = urlencode(flatten_form(value)).encode()
    try:
        read, _ = read_body(raw, _FORM, request_body, spec)
    except BodyError:
        return False
    return bool(read == value) or (not value and read is None)


def requests_for(
    operation: Operation, spec: Spec, *, with_body: bool = False
) -> st.SearchStrategy[ApiRequest]:
    """Requests valid for ``operation``: parameters, headers (lower-case names) and body.

    Args:
        operation: The operation.
        spec: The loaded spec it belongs to.
        with_body: Always send a body when the operation takes one, even an optional one
            (a round trip needs something sent to compare).

    Raises:
        SchemaGenerationError: A required parameter or the required body has no value.
    """
    plain = schema_strategies(spec.document, direction="request")
    ascii_text = schema_strategies(spec.document, direction="request", ascii_text=True)
    parameters: list[tuple[Parameter, st.SearchStrategy[list[tuple[str, str]]]]] = []
    for parameter in operation.parameters:
        if parameter.location == "header" and parameter.name.lower() in _IGNORED_HEADERS:
            continue
        try:
            parameters.append((parameter, _parameter_values(parameter, spec, plain, ascii_text)))
        except SchemaGenerationError:
            if parameter.required:
                raise
    body: st.SearchStrategy[Any] | None = None
    media_type: str | None = None
    required = False
    request_body = operation.request_body
    media = json_media_type(request_body.content) if request_body is not None else None
    if request_body is not None and media is not None:
        required = request_body.required or with_body
        body = plain.for_schema(media.schema if media.schema is not None else True)
        body = body.filter(lambda value: value is not None)
        media_type = media.media_type
        if essence(media_type) == _FORM:
            body = body.filter(lambda value: _carried_by_a_form(value, request_body, spec))
    return _requests(
        operation=operation,
        parameters=parameters,
        body=body,
        media_type=media_type,
        body_required=required,
    )


def status_codes(status: str, declared: list[str]) -> st.SearchStrategy[int]:
    """HTTP codes a response key stands for: ``201``, ``4XX`` (the undeclared ones), ``default``."""
    if status.isdigit():
        return st.just(int(status))
    explicit = {int(code) for code in declared if code.isdigit()}
    if status.upper().endswith("XX") and status[0].isdigit():
        first = int(status[0]) * 100
        return st.sampled_from([c for c in range(first, first + 100) if c not in explicit])
    return st.sampled_from([code for code in _DEFAULT_STATUSES if code not in explicit] or [500])


@st.composite
def _responses(
    draw: st.DrawFn,
    code: st.SearchStrategy[int],
    headers: list[tuple[str, bool, st.SearchStrategy[Any]]],
    body: st.SearchStrategy[Any] | None,
    media_type: str | None,
) -> ApiResponse:
    values: dict[str, str] = {}
    for name, required, strategy in headers:
        if required or draw(st.booleans()):
            values[name] = draw(strategy)
    payload = None
    if body is not None:
        payload = draw(body)
        if media_type is not None:
            values["content-type"] = media_type
    return ApiResponse(status=draw(code), headers=values, body=payload)


def responses_for(
    operation: Operation, spec: Spec, status: str | None = None
) -> st.SearchStrategy[ApiResponse]:
    """Responses valid for ``operation`` with the given status key (``None``: any declared one).

    Raises:
        UsageError: The operation declares no such status.
        SchemaGenerationError: No body can be built for the response.
    """
    if status is None:
        return st.one_of([responses_for(operation, spec, key) for key in operation.responses])
    response = operation.responses.get(status)
    if response is None:
        declared = ", ".join(operation.responses) or "none"
        raise UsageError(f"{operation.key} declares no {status} response (it has: {declared})")
    plain = schema_strategies(spec.document, direction="response")
    ascii_text = schema_strategies(spec.document, direction="response", ascii_text=True)
    headers: list[tuple[str, bool, st.SearchStrategy[Any]]] = []
    for header in response.headers.values():
        if header.name.lower() == "content-type":
            continue
        values = ascii_text.for_schema(header.schema if header.schema is not None else True)
        headers.append(
            (
                header.name.lower(),
                header.required,
                values.map(_header_text).filter(lambda text: bool(_HEADER_TEXT.fullmatch(text))),
            )
        )
    media = json_media_type(response.content)
    body = None
    if media is not None:
        body = plain.for_schema(media.schema if media.schema is not None else True)
    code = status_codes(status, list(operation.responses))
    return _responses(code, headers, body, media.media_type if media is not None else None)


def _header_text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(scalar_text(item) for item in value)
    return scalar_text(value)
