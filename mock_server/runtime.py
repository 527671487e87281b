"""Everything compiled once per (version, operation) at startup: routes, validators, dates.

Each served version has one :class:`~versioning.messages.MessageValidator` (the project's
only message validator). Small catalogs (the bundled API) compile every operation's request
checks eagerly; very large documents (Stripe's 400+ operations) compile each operation on
first use, so the server starts in about a second instead of a dozen.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mock_server.lifecycle import Lifecycle, operation_lifecycle, version_lifecycle
from mock_server.problems import PROBLEM_MEDIA_TYPE
from mock_server.routing import OperationRouter
from versioning.messages import MessageValidator

if TYPE_CHECKING:
    from versioning.catalog import Catalog, VersionInfo
    from versioning.messages import OperationMessages
    from versioning.spec.model import Operation, Response, Spec

__all__ = ["EAGER_OPERATION_LIMIT", "OperationRuntime", "VersionRuntime", "compile_catalog"]

EAGER_OPERATION_LIMIT = 200
"""Catalogs with at most this many operations in all are compiled eagerly at startup."""


def response_for(operation: Operation, status: int) -> Response | None:
    """The declared response for ``status``: exact code, then ``4XX``-style, then ``default``."""
    responses = operation.responses
    return (
        responses.get(str(status))
        or responses.get(f"{str(status)[0]}XX")
        or responses.get(f"{str(status)[0]}xx")
        or responses.get("default")
    )


class OperationRuntime:
    """One operation of one version, with its message checks and lifecycle."""

    def __init__(
        self, operation: Operation, validator: MessageValidator, lifecycle: Lifecycle
    ) -> None:
        """Prepare ``operation``; its checks are built by :meth:`compile` or on first use."""
        self.operation = operation
        self.key = operation.key
        self.lifecycle = lifecycle
        self.requires_auth = any(operation.security)
        self._validator = validator
        self._messages: OperationMessages | None = None

    @property
    def messages(self) -> OperationMessages:
        """The operation's request and response checks (compiled on first use)."""
        messages = self._messages
        if messages is None:
            messages = self._validator.operation(self.operation)
            assert messages is not None, "an Operation object always has checks"
            self._messages = messages
        return messages

    def compile(self) -> None:
        """Compile the parameter and request body checks now, not on the first request."""
        _ = self.messages
        body = self.operation.request_body
        for media in body.content.values() if body is not None else ():
            if media.schema is not None:
                self._validator.compiled_at(media.pointer + "/schema", "request")

    def media_type_for(self, status: int, fallback: str) -> str:
        """The media type this operation declares for ``status`` (JSON preferred)."""
        response = response_for(self.operation, status)
        if response is None or not response.content:
            return fallback
        for media_type in response.content:
            if "json" in media_type:
                return media_type
        return next(iter(response.content))


class VersionRuntime:
    """One served version: its spec, router, operations and error media type."""

    def __init__(self, catalog: Catalog, version: VersionInfo) -> None:
        """Index the version's operations."""
        spec = catalog.specs[version.id]
        self.version = version
        self.spec = spec
        self.lifecycle = version_lifecycle(version)
        self.router = OperationRouter(spec.operations)
        # Bodies reach the validator through msgspec, which refuses JSON nested 1,000 deep.
        self.validator = MessageValidator(spec, bounded_values=True)
        self.operations = {
            operation.key: OperationRuntime(
                operation, self.validator, operation_lifecycle(catalog, version.id, operation)
            )
            for operation in spec.operations
        }
        self.error_media_type = _error_media_type(spec)

    def compile(self) -> None:
        """Compile every operation's validators now."""
        for runtime in self.operations.values():
            runtime.compile()


_CLIENT_ERROR = re.compile(r"4(\d\d|XX|xx)")


def _error_media_type(spec: Spec) -> str:
    """The media type the version uses for errors (``application/json`` in older ones)."""
    for operation in spec.operations:
        for status, response in operation.responses.items():
            if _CLIENT_ERROR.fullmatch(status) and response.content:
                return next(iter(response.content))
    return PROBLEM_MEDIA_TYPE


def compile_catalog(catalog: Catalog, *, eager: bool | None = None) -> dict[str, VersionRuntime]:
    """A runtime for every version; compile validators now when ``eager`` (auto by size)."""
    runtimes = {version.id: VersionRuntime(catalog, version) for version in catalog.versions}
    total = sum(len(runtime.operations) for runtime in runtimes.values())
    if eager or (eager is None and total <= EAGER_OPERATION_LIMIT):
        for runtime in runtimes.values():
            runtime.compile()
    return runtimes
