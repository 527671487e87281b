"""One API request, end to end: route, authenticate, validate, handle, check, encode.

The backend decides what "handle" means (the bundled sandbox through translation, or the
generic example server) and how errors look in the client's version.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from mock_server.checks import admitted_request, response_violation
from mock_server.injected import injected_error
from mock_server.lifecycle import Lifecycle
from mock_server.problems import ApiError
from versioning.errors import SpecValidationError
from versioning.messages import is_json_media_type
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from mock_server.incoming import IncomingRequest
    from mock_server.request_log import RequestLog
    from mock_server.runtime import OperationRuntime, VersionRuntime
    from mock_server.store import Merchant, Store
    from versioning.spec.model import Operation
    from versioning.translate.messages import ApiRequest

__all__ = ["INJECTED", "Backend", "Outgoing", "Pipeline"]

_ENCODER = msgspec.json.Encoder()
_LOG = logging.getLogger("versiongate.server")
INJECTED = "injected_failure"
"""The code of an injected failure whose status has no code of its own (an injected 418)."""


class _Options(Exception):  # noqa: N818 - a control-flow signal, not an error
    """An ``OPTIONS`` request the spec does not declare: answered with ``Allow``."""

    def __init__(self, allowed: str) -> None:
        self.allowed = allowed
        super().__init__(allowed)


class Outgoing(msgspec.Struct, frozen=True, kw_only=True):
    """A response ready to send, plus the operation's lifecycle for the version layer."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    lifecycle: Lifecycle | None = None


class Backend(Protocol):
    """Authenticates callers, handles validated requests, renders errors per version."""

    def authenticate(self, request: IncomingRequest, operation: OperationRuntime) -> Merchant:
        """The caller, or ``ApiError`` 401."""
        ...

    def handle(
        self, request: ApiRequest, *, version: str, merchant: Merchant, base_url: str
    ) -> ApiResponse:
        """The response, in the client's version, to a validated client request."""
        ...

    def render_error(
        self, error: ApiError, *, version: str, operation: str | None, instance: str
    ) -> ApiResponse:
        """``error`` in the error shape of ``version``."""
        ...


class Pipeline:
    """Serves API requests of every version from compiled runtimes and one backend."""

    def __init__(
        self,
        runtimes: dict[str, VersionRuntime],
        backend: Backend,
        store: Store,
        *,
        strict: bool = False,
    ) -> None:
        """Serve ``runtimes`` through ``backend``; ``strict`` checks our own responses."""
        self.runtimes = runtimes
        self.backend = backend
        self.store = store
        self.strict = strict
        self.request_log: RequestLog | None = None
        """Where answered calls of authenticated merchants are recorded (issue 17), if set."""

    async def handle(self, version: str, request: IncomingRequest, base_url: str) -> Outgoing:
        """Serve one request of ``version`` (already resolved and not sunset)."""
        runtime = self.runtimes[version]
        started = time.perf_counter()
        operation: OperationRuntime | None = None
        merchant: Merchant | None = None
        body: Any = None
        check = self.strict
        try:
            operation, path_params = self._route(runtime, request)
            request = msgspec.structs.replace(request, path_params=path_params)
            merchant = self.backend.authenticate(request, operation)
            await self._inject_failure(merchant, operation, runtime, request.path)
            client_request = admitted_request(operation, request, runtime.spec)
            body = client_request.body
            response = self.backend.handle(
                client_request, version=version, merchant=merchant, base_url=base_url
            )
        except _Options as options:
            response = ApiResponse(status=204, headers={"allow": options.allowed})
        except ApiError as error:
            response = self._render(error, version, operation, request.path)
        except SpecValidationError as error:  # the spec's own schema cannot be compiled
            _LOG.warning("cannot validate %s: %s", operation.key if operation else "-", error)
            response = self.backend.render_error(
                ApiError(500, "spec_schema_invalid", f"The spec cannot be served here: {error}"),
                version=version,
                operation=operation.key if operation else None,
                instance=request.path,
            )
        except Exception as error:  # noqa: BLE001 - a bug must still answer with a problem
            _LOG.exception("unexpected error serving %s %s", request.method, request.path)
            fault = ApiError(500, "internal_error", f"The server failed: {type(error).__name__}.")
            response = self._render(fault, version, operation, request.path)
        outgoing = self._finish(runtime, operation, response, request.path, check=check)
        if self.request_log is not None and merchant is not None and operation is not None:
            self.request_log.record(
                runtime,
                operation,
                merchant.id,
                status=outgoing.status,
                started=started,
                headers=request.headers,
                body=body,
                raw_body=request.body if body is None else b"",
            )
        return outgoing

    def refuse(self, version: str, request: IncomingRequest, error: ApiError) -> Outgoing:
        """``error`` in ``version``'s shape, answering a request that will not be served.

        For what is refused before the pipeline runs (an unknown or sunset version, a body
        over the size limit): the client still gets its version's envelope and media type,
        for the operation it called when there is one.
        """
        runtime = self.runtimes[version]
        found = runtime.router.match(request.path)
        operation = None
        if found is not None:
            method = request.method.upper()
            declared = found.operations.get(method)
            if declared is None and method == "HEAD":
                declared = found.operations.get("GET")
            operation = runtime.operations[declared.key] if declared is not None else None
        started = time.perf_counter()
        response = self._render(error, version, operation, request.path)
        outgoing = self._finish(runtime, operation, response, request.path, check=False)
        if self.request_log is not None and operation is not None:
            self._record_refusal(
                runtime, operation, request, error, status=outgoing.status, started=started
            )
        return outgoing

    def _record_refusal(
        self,
        runtime: VersionRuntime,
        operation: OperationRuntime,
        request: IncomingRequest,
        error: ApiError,
        *,
        status: int,
        started: float,
    ) -> None:
        """Log a refused call of a merchant (a sunset version's ``410``, a ``413`` …).

        A call naming an unknown version is not logged: it was in no version.
        """
        if error.code == "unsupported_version" or self.request_log is None:
            return
        try:
            merchant = self.backend.authenticate(request, operation)
        except ApiError:
            return
        self.request_log.record(
            runtime,
            operation,
            merchant.id,
            status=status,
            started=started,
            headers=request.headers,
            body=None,
        )

    def _render(
        self, error: ApiError, version: str, operation: OperationRuntime | None, path: str
    ) -> ApiResponse:
        """``error`` as the backend renders it for ``version`` (head problem if that fails)."""
        try:
            response = self.backend.render_error(
                error,
                version=version,
                operation=operation.key if operation else None,
                instance=path,
            )
        except Exception:  # noqa: BLE001 - a rendering bug must not hide the error itself
            _LOG.exception("cannot render %s %s in version %s", error.status, error.code, version)
            response = ApiResponse(status=error.status, body=error.body(path))
        return _with_headers(response, error.headers)

    def _route(
        self, runtime: VersionRuntime, request: IncomingRequest
    ) -> tuple[OperationRuntime, dict[str, str]]:
        found = runtime.router.match(request.path)
        if found is None:
            raise ApiError(
                404,
                "not_found",
                f"No operation at {request.path} in API version {runtime.version.id}.",
            )
        method = request.method.upper()
        operation = found.operations.get(method)
        if operation is None and method == "HEAD":  # RFC 9110: HEAD is GET without a body
            operation = found.operations.get("GET")
        if operation is None:
            allowed = _allowed(found.operations)
            if method == "OPTIONS":
                raise _Options(allowed)
            raise ApiError(
                405,
                "method_not_allowed",
                f"{method} is not allowed on {found.template}; use {allowed}.",
                headers={"allow": allowed},
            )
        return runtime.operations[operation.key], found.path_params

    async def _inject_failure(
        self, merchant: Merchant, operation: OperationRuntime, runtime: VersionRuntime, path: str
    ) -> None:
        failure = self.store.take_failure(merchant.id, operation.key)
        if failure is None:
            return
        if failure.latency_ms:
            await asyncio.sleep(failure.latency_ms / 1000)
        if failure.status is not None:
            found = runtime.router.match(path)
            allowed = _allowed(found.operations) if found is not None else "OPTIONS"
            raise injected_error(failure.status, operation=operation, allowed=allowed)

    def _finish(
        self,
        runtime: VersionRuntime,
        operation: OperationRuntime | None,
        response: ApiResponse,
        path: str,
        *,
        check: bool,
    ) -> Outgoing:
        status = response.status
        media_type = response.headers.get("content-type")  # the backend's choice, when made
        if media_type is None:
            fallback = runtime.error_media_type if status >= 400 else "application/json"
            media_type = operation.media_type_for(status, fallback) if operation else fallback
        if check and operation is not None and response.body is not None:
            violation = response_violation(operation, status, media_type, response.body)
            if violation is not None:
                return self._server_fault(runtime, operation, path, violation)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name not in {"content-type", "content-length"}
        ]
        if response.body is None:
            return Outgoing(
                status=status, headers=headers, body=b"", lifecycle=_lifecycle(operation)
            )
        if is_json_media_type(media_type) or not isinstance(response.body, bytes | str):
            body = _ENCODER.encode(response.body)
        else:
            body = response.body.encode() if isinstance(response.body, str) else response.body
        headers.append(("content-type", media_type))
        return Outgoing(status=status, headers=headers, body=body, lifecycle=_lifecycle(operation))

    def _server_fault(
        self, runtime: VersionRuntime, operation: OperationRuntime, path: str, violation: str
    ) -> Outgoing:
        """Strict mode's 500 for an invalid response of ours, in the client's version."""
        fault = ApiError(
            500,
            "response_invalid",
            f"Strict mode: {violation}. This is a bug in the server or in the declared changes.",
        )
        response = self._render(fault, runtime.version.id, operation, path)
        return self._finish(runtime, operation, response, path, check=False)


def _allowed(operations: dict[str, Operation]) -> str:
    """The ``Allow`` of a path declaring ``operations`` (by method): theirs and ``OPTIONS``."""
    return ", ".join(sorted({*operations, "OPTIONS"}))


def _lifecycle(operation: OperationRuntime | None) -> Lifecycle | None:
    return operation.lifecycle if operation is not None else None


def _with_headers(response: ApiResponse, extra: dict[str, str]) -> ApiResponse:
    if not extra:
        return response
    return ApiResponse(
        status=response.status, headers={**response.headers, **extra}, body=response.body
    )
