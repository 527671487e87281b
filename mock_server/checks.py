"""The server's two uses of the message validator: admit a request, check our own response.

Both go through :mod:`versioning.messages`, the project's one OpenAPI message validator, so
the server can never disagree with ``check``, ``translate`` or the property kit about what a
valid message of a version is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.problems import ApiError, Violation
from versioning.messages import BodyError, read_body
from versioning.translate.messages import ApiRequest, ApiResponse

if TYPE_CHECKING:
    from mock_server.incoming import IncomingRequest
    from mock_server.runtime import OperationRuntime
    from versioning.messages import Problem
    from versioning.spec.model import Spec

__all__ = ["admitted_request", "response_violation"]

_FORM = "application/x-www-form-urlencoded"
_UNDECLARED_BY_US = frozenset({405, 415})
"""Statuses the server answers itself even where the spec does not declare them."""


def admitted_request(
    operation: OperationRuntime, request: IncomingRequest, spec: Spec
) -> ApiRequest:
    """``request`` as its version sees it (body decoded), once it is a valid call of ``operation``.

    Raises:
        ApiError: 400 for a body that cannot be read, 415 for an undeclared content type
            (with ``Accept``), 422 ``validation_failed`` listing every problem.
    """
    body = None
    content_type = request.headers.get("content-type")
    try:
        # Most requests (GET, DELETE) carry no body: skip the call. An empty form is a body,
        # though: the empty object (versioning.messages.read_body).
        if request.body or (content_type and _FORM in content_type.lower()):
            body, _ = read_body(request.body, content_type, operation.operation.request_body, spec)
    except BodyError as error:
        if error.status == 415:
            headers = {"accept": ", ".join(error.accepted)}
            raise ApiError(415, "unsupported_media_type", error.message, headers=headers) from None
        raise ApiError(400, "invalid_request", error.message) from None
    admitted = ApiRequest(
        operation=operation.key,
        path_params=request.path_params,
        query=request.query,
        headers=request.headers,
        body=body,
    )
    try:
        problems = operation.messages.request_problems(admitted)
    except RecursionError:  # hostile nesting the decoder let through: refused, not a 500
        raise ApiError(400, "invalid_request", "The request body is nested too deeply.") from None
    if problems:
        raise _validation_failed(problems)
    return admitted


def _validation_failed(problems: list[Problem]) -> ApiError:
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return ApiError(
        422,
        "validation_failed",
        f"The request has {count} {noun}; see errors.",
        errors=tuple(Violation(pointer=item.pointer, message=item.message) for item in problems),
    )


def response_violation(
    operation: OperationRuntime, status: int, media_type: str, body: Any
) -> str | None:
    """Why ``body`` is not a ``status`` response ``operation`` declares, or ``None`` (strict mode).

    Headers are not required (the version layer adds some after this check); members the
    version does not declare count as problems, so no client sees a field of another version.
    """
    if status >= 500:
        return None
    if status in _UNDECLARED_BY_US and operation.media_type_for(status, "") == "":
        return None
    response = ApiResponse(status=status, headers={"content-type": media_type}, body=body)
    problems = operation.messages.response_problems(response, headers=False, strict=True)
    if not problems:
        return None
    first = problems[0]
    return (
        f"the {status} response of {operation.key} does not match its spec:"
        f" {first.message} (at {first.pointer or '/'}; {len(problems)} problem(s) in all)"
    )
