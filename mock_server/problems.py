"""RFC 9457 problem details: the head error shape every error starts from.

Handlers raise :class:`ApiError`; the server renders it as ``application/problem+json`` in
the head version's ``Problem`` shape, and translation downgrades it for older clients.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import msgspec

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "ApiError",
    "Violation",
    "code_for_status",
    "fit_pointer",
    "problem_body",
    "title_for",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
_URI_SAFE = "/:@!$&'()*+,;=-._~"
"""Characters a path keeps as they are in a URI reference (RFC 3986); others are escaped."""
LONGEST_POINTER = 255


def fit_pointer(pointer: str, limit: int = LONGEST_POINTER) -> str:
    """``pointer`` cut to at most ``limit`` characters without breaking a ``~0``/``~1`` escape.

    Clients get a pointer to the closest enclosing place when the full one is too long
    (a 300-character unknown property name, for instance).
    """
    if len(pointer) <= limit:
        return pointer
    cut = pointer[:limit]
    if cut.endswith("~"):
        cut = cut[:-1]
    return cut


_TITLES: dict[str, str] = {
    "amount_exceeds_authorized": "Amount exceeds the authorized amount",
    "amount_exceeds_captured": "Amount exceeds the captured amount",
    "authentication_failed": "Authentication failed",
    "idempotency_conflict": "Idempotency key reused",
    "injected_failure": "Injected failure",
    "internal_error": "Internal server error",
    "invalid_request": "The request could not be read",
    "invalid_state": "Invalid state",
    "method_not_allowed": "Method not allowed",
    "not_found": "Not found",
    "rate_limited": "Too many requests",
    "request_too_large": "Request body too large",
    "response_invalid": "The server produced an invalid response",
    "service_unavailable": "Service unavailable",
    "unsupported_media_type": "Unsupported media type",
    "unsupported_version": "Unsupported API version",
    "validation_failed": "Validation failed",
    "version_sunset": "API version sunset",
}

_STATUS_CODES: dict[int, str] = {
    400: "invalid_request",
    401: "authentication_failed",
    404: "not_found",
    405: "method_not_allowed",
    409: "invalid_state",
    410: "version_sunset",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}
"""The code each status has when the server answers it by itself (every spec lists them)."""


def code_for_status(status: int, default: str = "injected_failure") -> str:
    """The error code ``status`` usually carries, or ``default`` when no code is its own.

    Injected failures use it, so a client sees an injected 409 exactly as a real one, in
    its version's vocabulary (``HttpErrorCode`` in the bundled specs lists every code).
    """
    return _STATUS_CODES.get(status, default)


class Violation(msgspec.Struct, frozen=True, kw_only=True):
    """One problem with a request: a JSON pointer (RFC 6901) and what is wrong there."""

    pointer: str
    message: str


def title_for(code: str) -> str:
    """The fixed, human title of an error code (the same for every occurrence)."""
    return _TITLES.get(code, code.replace("_", " ").capitalize())


class ApiError(Exception):
    """An error response to send: status, stable code, detail and the violations, if any."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        errors: tuple[Violation, ...] = (),
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extensions = extensions or {}
        super().__init__(f"{status} {code}: {detail}")

    def body(self, instance: str | None) -> dict[str, Any]:
        """The problem details object for this error, at request path ``instance``."""
        return problem_body(
            self.status,
            self.code,
            self.detail,
            instance=instance,
            errors=self.errors,
            extensions=self.extensions,
        )


def problem_body(
    status: int,
    code: str,
    detail: str,
    *,
    instance: str | None = None,
    errors: tuple[Violation, ...] = (),
    extensions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A problem details object (RFC 9457) in the head ``Problem`` shape.

    ``type`` is a relative URI reference naming the kind of problem; ``code`` is the stable,
    machine-readable code clients branch on.
    """
    body: dict[str, Any] = {
        "type": "/problems/" + code.replace("_", "-"),
        "title": title_for(code),
        "status": status,
        "detail": detail[:1000],
    }
    if instance is not None:
        body["instance"] = quote(instance, safe=_URI_SAFE)
    body["code"] = code
    if errors:
        body["errors"] = [
            {"pointer": fit_pointer(error.pointer), "message": error.message[:1000]}
            for error in errors[:100]
        ]
    if extensions:
        body.update(extensions)
    return body
