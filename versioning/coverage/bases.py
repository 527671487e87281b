"""Minimal valid messages of an operation, for witnesses to be embedded in.

A request has every path and required parameter (its first example, else a sample of its
schema) and, when the operation takes a body, one of its examples or a sample with only the
required members. A response of a status has each example of its JSON body, else a sample
with every member (a fuller message exercises more of a downgrade). Messages that do not
validate in their own version are dropped; the first problem of the last one is kept, so a
report can say why no message could be built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from versioning.messages.media import pick_media_type
from versioning.messages.parameters import encode_parameter, parameter_schema
from versioning.samples import sample_value
from versioning.translate.messages import ApiRequest, ApiResponse

if TYPE_CHECKING:
    from versioning.messages.validator import MessageValidator
    from versioning.spec.model import Operation, Parameter, Response

__all__ = ["MOST_BASES", "Bases", "request_bases", "response_bases", "status_code"]

MOST_BASES = 2
"""Base messages per operation (or status) at most: witnesses multiply with them."""
_HEADERS_SET_BY_HTTP = frozenset({"accept", "content-type", "authorization"})


class Bases(NamedTuple):
    """The valid base messages found, or why there are none."""

    messages: list[Any]
    problem: str | None = None


def _parameter_value(parameter: Parameter, validator: MessageValidator) -> Any:
    for example in parameter.examples.values():
        return example
    return sample_value(
        parameter_schema(parameter), validator.spec, direction="request", optional_depth=0
    )


def _parameters(operation: Operation, validator: MessageValidator) -> ApiRequest:
    path: dict[str, str] = {}
    query: dict[str, list[str]] = {}
    headers: dict[str, str] = {}
    for parameter in operation.parameters:
        if parameter.location != "path" and not parameter.required:
            continue
        if parameter.location == "header" and parameter.name.lower() in _HEADERS_SET_BY_HTTP:
            continue
        pairs = encode_parameter(parameter, _parameter_value(parameter, validator))
        for name, text in pairs:
            if parameter.location == "path":
                path[name] = text
            elif parameter.location == "query":
                query.setdefault(name, []).append(text)
            elif parameter.location == "header":
                headers[name.lower()] = text
            else:
                cookie = headers.get("cookie")
                headers["cookie"] = f"{cookie}; {name}={text}" if cookie else f"{name}={text}"
    return ApiRequest(operation=operation.key, path_params=path, query=query, headers=headers)


def request_bases(operation: Operation, validator: MessageValidator) -> Bases:
    """Up to :data:`MOST_BASES` valid requests of ``operation``."""
    request = _parameters(operation, validator)
    body = operation.request_body
    chosen = pick_media_type(body.content, None) if body is not None else None
    if body is None or chosen is None:
        return _valid([request], validator, None)
    media = body.content[chosen]
    headers = {**request.headers, "content-type": chosen}
    bodies = list(media.examples.values())
    bodies.append(sample_value(media.schema, validator.spec, direction="request", optional_depth=0))
    messages = [
        ApiRequest(
            operation=request.operation,
            path_params=request.path_params,
            query=request.query,
            headers=headers,
            body=value,
        )
        for value in bodies
    ]
    return _valid(messages, validator, None)


def status_code(key: str, declared: dict[str, Response]) -> int:
    """A concrete status a response key stands for: ``201``, ``4XX`` → an undeclared 4xx."""
    if key.isdigit():
        return int(key)
    explicit = {int(status) for status in declared if status.isdigit()}
    first = 5 if key == "default" else int(key[0]) if key[:1].isdigit() else 5
    for code in range(first * 100, first * 100 + 100):
        if code not in explicit:
            return code
    return first * 100


def response_bases(
    operation: Operation,
    key: str,
    validator: MessageValidator,
    *,
    media_type: str | None = None,
) -> Bases:
    """Up to :data:`MOST_BASES` valid responses of ``operation`` for the response ``key``.

    ``media_type`` picks a declared media type (default: JSON first).
    """
    response = operation.responses.get(key)
    if response is None:
        return Bases([], f"{operation.key} declares no {key} response")
    status = status_code(key, operation.responses)
    headers = {
        header.name.lower(): str(
            sample_value(header.schema, validator.spec, direction="response", optional_depth=0)
        )
        for header in response.headers.values()
        if header.required
    }
    chosen = media_type or pick_media_type(response.content, None)
    if chosen is None or chosen not in response.content:
        return _valid([ApiResponse(status=status, headers=headers)], validator, operation)
    media = response.content[chosen]
    headers["content-type"] = chosen
    bodies = list(media.examples.values())
    bodies.append(
        sample_value(media.schema, validator.spec, direction="response", optional_depth=3)
    )
    messages = [ApiResponse(status=status, headers=headers, body=value) for value in bodies]
    return _valid(messages, validator, operation)


def _valid(messages: list[Any], validator: MessageValidator, operation: Operation | None) -> Bases:
    kept: list[Any] = []
    problem: str | None = None
    for message in messages:
        if operation is None:
            problems = validator.request_problems(message)
        else:
            problems = validator.response_problems(message, operation)
        if problems:
            problem = str(problems[0])
            continue
        kept.append(message)
        if len(kept) == MOST_BASES:
            break
    return Bases(kept, None if kept else problem)
