"""Serve any OpenAPI document: examples or generated data, ``Prefer``, and POST-then-GET.

Like Prism, a response comes from the operation's examples (``Prefer: example=name`` picks
one) or is generated deterministically from its schema, with ``Prefer: code=404`` choosing
the status. Unlike Prism, validation errors are real and in the operation's own error
schema (:mod:`mock_server.generic_errors`), credentials are checked as the security
requirements say (:mod:`mock_server.generic_auth`), examples that break their own schema
are never served (:mod:`mock_server.generic_bodies`), and a resource created by
``POST /things`` can be read back, updated and deleted through ``/things/{id}``, per caller
(:mod:`mock_server.generic_state`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from mock_server.generic_auth import GenericAuthenticator
from mock_server.generic_bodies import ResponseBodies
from mock_server.generic_errors import GenericErrors
from mock_server.generic_formats import integer_format_violations
from mock_server.generic_startup import compile_operations
from mock_server.generic_state import Resources
from mock_server.problems import ApiError, Violation
from mock_server.runtime import EAGER_OPERATION_LIMIT
from versioning.messages import is_json_media_type, match_media_type
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from mock_server.generic_credentials import CredentialSet
    from mock_server.incoming import IncomingRequest
    from mock_server.runtime import OperationRuntime, VersionRuntime
    from mock_server.store import Merchant, Store
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation
    from versioning.translate.messages import ApiRequest

__all__ = ["GenericBackend", "parse_prefer"]


def parse_prefer(header: str | None) -> dict[str, str]:
    """``Prefer: code=404, example=missing`` → ``{"code": "404", "example": "missing"}``."""
    found: dict[str, str] = {}
    for part in re.split(r"[,;]", header or ""):
        name, equals, value = part.strip().partition("=")
        if equals:
            found[name.strip().lower()] = value.strip().strip('"')
    return found


class _Version:
    """What generic mode keeps per served version."""

    def __init__(
        self, runtime: VersionRuntime, store: Store, credentials: CredentialSet | None
    ) -> None:
        self.runtime = runtime
        self.auth = GenericAuthenticator(runtime.spec, credentials)
        self.bodies = ResponseBodies(runtime.spec)
        self.errors = GenericErrors(runtime.spec)
        self.resources = Resources(runtime, store)


class GenericBackend:
    """Answers every operation of any spec from its examples and schemas."""

    def __init__(
        self,
        catalog: Catalog,
        runtimes: dict[str, VersionRuntime],
        store: Store,
        *,
        credentials: CredentialSet | None = None,
        eager: bool | None = None,
    ) -> None:
        """Serve ``catalog``; created resources live in ``store``; ``credentials`` restrict.

        ``eager`` compiles every operation's checks now (default: when the catalog is
        small); one that cannot be compiled answers 500 naming its schema (see
        :mod:`mock_server.generic_startup`, which ``versiongate serve`` prints).
        """
        total = sum(len(runtime.operations) for runtime in runtimes.values())
        if eager or (eager is None and total <= EAGER_OPERATION_LIMIT):
            for runtime in runtimes.values():
                compile_operations(runtime)
        self.catalog = catalog
        self.runtimes = runtimes
        self.store = store
        self._versions = {
            version: _Version(runtime, store, credentials) for version, runtime in runtimes.items()
        }
        self._version_of = {
            id(operation): version
            for version, runtime in runtimes.items()
            for operation in runtime.operations.values()
        }

    def authenticate(self, request: IncomingRequest, operation: OperationRuntime) -> Merchant:
        """The caller its credentials name, or ``ApiError`` 401 (see :mod:`generic_auth`)."""
        version = self._versions[self._version_of[id(operation)]]
        return version.auth.authenticate(request, operation.operation)

    def handle(
        self, request: ApiRequest, *, version: str, merchant: Merchant, base_url: str
    ) -> ApiResponse:
        """An example (or generated) response, or the stored resource the path names."""
        del base_url
        served = self._versions[version]
        operation = served.runtime.operations[request.operation]
        _refuse_null_body(served.runtime, operation, request)
        _refuse_out_of_range(served.runtime, operation, request)
        prefer = parse_prefer(request.headers.get("prefer"))
        status = _choose_status(operation.operation, prefer.get("code"))
        chosen = served.bodies.choose(operation, status, prefer.get("example"))
        headers = dict(chosen.headers)
        if chosen.media_type is not None:
            headers["content-type"] = chosen.media_type
        body = chosen.body
        if 200 <= status < 300 and "code" not in prefer and "example" not in prefer:
            owner = f"{merchant.id}@{version}"
            stored = served.resources.answer(operation, request, owner, chosen, status)
            body = stored if stored is not None else body
        return ApiResponse(status=status, headers=headers, body=body)

    def render_error(
        self, error: ApiError, *, version: str, operation: str | None, instance: str
    ) -> ApiResponse:
        """``error`` in the operation's declared error shape, else problem details."""
        served = self._versions[version]
        runtime = served.runtime.operations.get(operation) if operation is not None else None
        return served.errors.render(error, runtime, instance)


def _refuse_null_body(
    runtime: VersionRuntime, operation: OperationRuntime, request: ApiRequest
) -> None:
    """422 for a JSON ``null`` or an empty form body that the schema does not allow.

    The decoded request cannot tell either from no body (all are ``None``). A JSON body
    with a ``Content-Length`` above zero was ``null``; an empty body sent as a form is the
    empty form, ``{}``. Both are checked like any other value.
    """
    body = operation.operation.request_body
    content_type = request.headers.get("content-type")
    if request.body is not None or body is None or not content_type:
        return
    media = match_media_type(content_type, body.content)
    if media is None or media.schema is None:
        return
    length = request.headers.get("content-length", "")
    if media.media_type == "application/x-www-form-urlencoded":
        value: Any = {}
    elif is_json_media_type(media.media_type) and length.isdigit() and length != "0":
        value = None
    else:
        return
    problems = runtime.validator.value_problems(media.schema, value, "request")
    if problems:
        raise ApiError(
            422,
            "validation_failed",
            f"The request body is {'empty' if value == {} else 'null'}; see errors.",
            errors=tuple(Violation(pointer=p.pointer, message=p.message) for p in problems),
        )


def _refuse_out_of_range(
    runtime: VersionRuntime, operation: OperationRuntime, request: ApiRequest
) -> None:
    """422 for integers outside their ``int32``/``int64`` range (see :mod:`generic_formats`)."""
    body = operation.operation.request_body
    schema = None
    if body is not None and request.body is not None:
        media = match_media_type(request.headers.get("content-type", ""), body.content)
        schema = media.schema if media is not None else None
    found = integer_format_violations(operation.operation, request, runtime.spec, schema)
    if found:
        raise ApiError(
            422,
            "validation_failed",
            "The request has integers out of range; see errors.",
            errors=tuple(found),
        )


def _choose_status(operation: Operation, preferred: str | None) -> int:
    declared = [code for code in operation.responses if code.isdigit()]
    if preferred is not None:
        ranged = f"{preferred[:1]}XX"
        covered = {preferred, ranged, ranged.lower(), "default"} & set(operation.responses)
        if preferred.isdigit() and len(preferred) == 3 and covered:
            return int(preferred)
        raise ApiError(
            400,
            "invalid_request",
            f"Prefer code={preferred} is not declared for {operation.key}"
            f" (declared: {', '.join(operation.responses) or 'none'}).",
        )
    successes = sorted(code for code in declared if code.startswith("2"))
    if successes:
        return int(successes[0])
    return int(declared[0]) if declared else 200
