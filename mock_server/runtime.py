"""Everything compiled once per (version, operation) at startup: routes, validators, dates.

Small catalogs (the bundled API) are compiled eagerly; very large documents (Stripe's 400+
operations) compile each operation's validators on first use, so the server starts in about
a second instead of a dozen.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mock_server.lifecycle import Lifecycle, operation_lifecycle, version_lifecycle
from mock_server.problems import PROBLEM_MEDIA_TYPE
from mock_server.routing import OperationRouter
from mock_server.schemas import CompiledSchema, SchemaCompiler
from mock_server.validation import OperationValidator

if TYPE_CHECKING:
    from versioning.catalog import Catalog, VersionInfo
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
    """One operation of one version, with its validators and lifecycle."""

    def __init__(
        self, operation: Operation, spec: Spec, compiler: SchemaCompiler, lifecycle: Lifecycle
    ) -> None:
        """Prepare ``operation``; validators are built by :meth:`compile` or on first use."""
        self.operation = operation
        self.key = operation.key
        self.lifecycle = lifecycle
        self.requires_auth = any(operation.security)
        self._spec = spec
        self._compiler = compiler
        self._validator: OperationValidator | None = None

    @property
    def validator(self) -> OperationValidator:
        """The request validator (compiled on first use)."""
        if self._validator is None:
            self._validator = OperationValidator(self.operation, self._spec, self._compiler)
        return self._validator

    def compile(self) -> None:
        """Compile the request validator now."""
        _ = self.validator

    def response_schema(self, status: int, media_type: str) -> CompiledSchema | None:
        """The validator of the declared response body for ``status`` and ``media_type``."""
        response = response_for(self.operation, status)
        if response is None:
            return None
        media = response.content.get(media_type)
        if media is None or media.schema is None:
            return None
        return self._compiler.at(media.pointer + "/schema")

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
        self.compiler = SchemaCompiler(spec)
        self.operations = {
            operation.key: OperationRuntime(
                operation, spec, self.compiler, operation_lifecycle(catalog, version.id, operation)
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
