"""Errors of a generic spec in the shape the operation declares for that status.

A tester's client parses errors with the spec's own error schema, so a 422 for an operation
that declares ``422: {schema: ServiceError}`` must be a ``ServiceError``. The body is a
generated instance of that schema with its message, code and status fields filled from the
error (:mod:`mock_server.generic_error_fill`); fills that would make it invalid are left
out, and a declared example of the response is the next choice. A status the operation
declares without a body gets none; only a status it does not declare at all (or a request
that matches no operation) gets RFC 9457 problem details. Every body is checked with the
project's one validator (:class:`~versioning.messages.MessageValidator`).

A validation failure is answered ``400`` instead of ``422`` when the operation declares
``400`` but neither ``422`` nor ``4XX``: the status a client of that spec expects.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from mock_server.generic_error_fill import apply_fills, error_fills
from mock_server.problems import PROBLEM_MEDIA_TYPE, ApiError
from mock_server.runtime import response_for
from versioning.errors import SpecValidationError
from versioning.messages import is_json_media_type
from versioning.samples import sample_value
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_server.generic_error_fill import Fill
    from mock_server.runtime import OperationRuntime
    from versioning.spec.model import MediaType, Response, Spec

__all__ = ["GenericErrors", "declared_status"]

_LOG = logging.getLogger("versiongate.server")


def declared_status(error: ApiError, operation: OperationRuntime | None) -> int:
    """The status to answer ``error`` with for ``operation`` (422 → a declared 400)."""
    if error.status != 422 or operation is None:
        return error.status
    responses = operation.operation.responses
    if {"422", "4XX", "4xx"} & responses.keys() or "400" not in responses:
        return error.status
    return 400


def _media(response: Response) -> tuple[str, MediaType] | None:
    for name, media in response.content.items():
        if is_json_media_type(name) and "*" not in name:
            return name, media
    return None


class GenericErrors:
    """Renders :class:`ApiError` for the operations of one spec."""

    def __init__(self, spec: Spec) -> None:
        """Render errors of ``spec``'s operations."""
        self.spec = spec
        self._bases: dict[tuple[str, str], Any] = {}
        self._kept: dict[tuple[str, int, str], frozenset[tuple[str | int, ...]]] = {}

    def render(
        self, error: ApiError, operation: OperationRuntime | None, instance: str
    ) -> ApiResponse:
        """``error`` as ``operation`` declares its status, else as problem details."""
        status = declared_status(error, operation)
        headers = dict(error.headers)
        declared = response_for(operation.operation, status) if operation else None
        if operation is None or declared is None:
            body = error.body(instance)
            body["status"] = status
            headers["content-type"] = PROBLEM_MEDIA_TYPE
            return ApiResponse(status=status, headers=headers, body=body)
        if not declared.content:
            return ApiResponse(status=status, headers=headers, body=None)
        chosen = _media(declared)
        if chosen is None:  # text or binary errors: the message as text
            media_type = next(iter(declared.content))
            headers["content-type"] = media_type
            return ApiResponse(status=status, headers=headers, body=error.detail)
        media_type, media = chosen
        headers["content-type"] = media_type
        problem = error.body(instance)
        problem["status"] = status
        if self._accepts(operation, status, media_type, problem):
            # an open error schema takes the full problem, with every violation listed
            return ApiResponse(status=status, headers=headers, body=problem)
        body = self._body(error, operation, status, media_type, media)
        return ApiResponse(status=status, headers=headers, body=body)

    @staticmethod
    def _accepts(operation: OperationRuntime, status: int, media_type: str, body: Any) -> bool:
        response = ApiResponse(status=status, headers={"content-type": media_type}, body=body)
        try:
            return not operation.messages.response_problems(response, headers=False, strict=True)
        except SpecValidationError:
            return False

    def _base(self, media: MediaType) -> Any:
        key = (media.pointer, "base")
        if key not in self._bases:
            self._bases[key] = sample_value(
                media.schema, self.spec, direction="response", optional_depth=0
            )
        return self._bases[key]

    def _body(
        self,
        error: ApiError,
        operation: OperationRuntime,
        status: int,
        media_type: str,
        media: MediaType,
    ) -> Any:
        base = self._base(media)
        fills = error_fills(media.schema, base, self.spec, error)

        def valid(value: Any) -> bool:
            response = ApiResponse(status=status, headers={"content-type": media_type}, body=value)
            try:
                return not operation.messages.response_problems(response, headers=False)
            except SpecValidationError:  # the schema cannot be checked: take the fills as they are
                return True

        key = (operation.key, status, error.code)
        kept = self._kept.get(key)
        if kept is not None:
            body = apply_fills(base, fills, lambda fill: fill.path in kept)
            if valid(body):
                return body
        body = apply_fills(base, fills)
        if valid(body):
            self._kept[key] = frozenset(fill.path for fill in fills)
            return body
        return self._fallback(
            error, operation, status=status, media=media, parts=(base, fills, key), valid=valid
        )

    def _fallback(
        self,
        error: ApiError,
        operation: OperationRuntime,
        *,
        status: int,
        media: MediaType,
        parts: tuple[Any, list[Fill], tuple[str, int, str]],
        valid: Callable[[Any], bool],
    ) -> Any:
        base, fills, key = parts
        if valid(base):  # keep each fill that leaves the body valid
            body, kept = base, set()
            for fill in fills:
                candidate = apply_fills(body, [fill])
                if valid(candidate):
                    body = candidate
                    kept.add(fill.path)
            self._kept[key] = frozenset(kept)
            return body
        for example in media.examples.values():
            if valid(example):
                return example
        _LOG.warning(
            "no valid %s body for %s found for %s: serving a generated one",
            status,
            operation.key,
            error.code,
        )
        return apply_fills(base, fills)
