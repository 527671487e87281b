"""Serve any OpenAPI document: examples or generated data, ``Prefer``, and POST-then-GET.

Like Prism, a response comes from the operation's examples (``Prefer: example=name`` picks
one) or is generated deterministically from its schema, with ``Prefer: code=404`` choosing
the status. Unlike Prism, validation errors are real, credentials are required as the
security schemes say, and a resource created by ``POST /things`` can be read back with
``GET /things/{id}`` (and updated with ``PUT``/``PATCH``/``POST /things/{id}``), per caller.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import TYPE_CHECKING, Any

from mock_server.generate import example_from_schema
from mock_server.problems import ApiError
from mock_server.runtime import response_for
from mock_server.store import Merchant
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from mock_server.incoming import IncomingRequest
    from mock_server.runtime import OperationRuntime, VersionRuntime
    from mock_server.store import Store
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation, SecurityScheme, Spec
    from versioning.translate.messages import ApiRequest

__all__ = ["GenericBackend", "parse_prefer"]

_ITEM = re.compile(r"^(?P<collection>.*)/\{(?P<name>[^{}/]+)\}$")
_ID_PREFIX = re.compile(r"^([A-Za-z]+_)")


def parse_prefer(header: str | None) -> dict[str, str]:
    """``Prefer: code=404, example=missing`` → ``{"code": "404", "example": "missing"}``."""
    found: dict[str, str] = {}
    for part in re.split(r"[,;]", header or ""):
        name, equals, value = part.strip().partition("=")
        if equals:
            found[name.strip().lower()] = value.strip().strip('"')
    return found


def _unauthorized(names: str) -> ApiError:
    return ApiError(401, "authentication_failed", f"Missing credentials: {names}.")


def _credential(scheme: SecurityScheme, request: IncomingRequest) -> str | None:
    """The credential ``request`` presents for ``scheme``, or ``None``."""
    headers = request.headers
    if scheme.type == "apiKey" and scheme.parameter_name:
        if scheme.location == "header":
            return headers.get(scheme.parameter_name.lower())
        if scheme.location == "query":
            values = request.query.get(scheme.parameter_name)
            return values[0] if values else None
        cookie = headers.get("cookie", "")
        return cookie if f"{scheme.parameter_name}=" in cookie else None
    authorization = headers.get("authorization")
    if not authorization:
        return None
    if scheme.type == "http" and scheme.scheme:
        wanted = scheme.scheme.lower()
        return authorization if authorization.lower().startswith(wanted + " ") else None
    return authorization  # oauth2, openIdConnect, mutualTLS: any Authorization header


class GenericBackend:
    """Answers every operation of any spec from its examples and schemas."""

    def __init__(self, catalog: Catalog, runtimes: dict[str, VersionRuntime], store: Store) -> None:
        """Serve ``catalog``; created resources live in ``store``."""
        self.catalog = catalog
        self.runtimes = runtimes
        self.store = store
        self._bodies: dict[tuple[str, str, int, str, str], Any] = {}

    def authenticate(self, request: IncomingRequest, operation: OperationRuntime) -> Merchant:
        """Any credential in the place a security scheme names; callers are told apart by it."""
        requirements = operation.operation.security
        if not requirements or any(not requirement for requirement in requirements):
            return _caller("anonymous")
        schemes = self._schemes(operation)
        for requirement in requirements:
            presented = [
                _credential(schemes[name], request) for name in requirement if name in schemes
            ]
            if presented and all(presented):
                digest = hashlib.sha256("\n".join(str(item) for item in presented).encode())
                return _caller("caller_" + digest.hexdigest()[:16])
        raise _unauthorized(" or ".join("+".join(requirement) for requirement in requirements))

    def _schemes(self, operation: OperationRuntime) -> dict[str, SecurityScheme]:
        for runtime in self.runtimes.values():
            if runtime.operations.get(operation.key) is operation:
                return runtime.spec.security_schemes
        return {}

    def handle(
        self, request: ApiRequest, *, version: str, merchant: Merchant, base_url: str
    ) -> ApiResponse:
        """An example (or generated) response, or the stored resource the path names."""
        del base_url
        runtime = self.runtimes[version]
        operation = runtime.operations[request.operation].operation
        prefer = parse_prefer(request.headers.get("prefer"))
        status = _choose_status(operation, prefer.get("code"))
        body = self._body(runtime.spec, operation, status, prefer.get("example"), version)
        owner = f"{merchant.id}@{version}"
        if 200 <= status < 300 and "code" not in prefer and "example" not in prefer:
            stored = self._stateful(runtime, operation, request, owner, body)
            if stored is not None:
                return ApiResponse(status=status, body=stored)
        return ApiResponse(status=status, body=body)

    def _body(
        self, spec: Spec, operation: Operation, status: int, example: str | None, version: str
    ) -> Any:
        cache_key = (version, operation.key, status, example or "", "")
        if cache_key in self._bodies:
            return self._bodies[cache_key]
        response = response_for(operation, status)
        body: Any = None
        if response is not None and response.content:
            media = next(
                (m for name, m in response.content.items() if "json" in name),
                next(iter(response.content.values())),
            )
            if example is not None and example not in media.examples:
                names = ", ".join(media.examples) or "none"
                raise ApiError(
                    400,
                    "invalid_request",
                    f"Prefer example={example} is not an example of the {status} response"
                    f" (examples: {names}).",
                )
            if example is not None:
                body = media.examples[example]
            elif media.examples:
                body = next(iter(media.examples.values()))
            else:
                body = example_from_schema(media.schema, spec)
        self._bodies[cache_key] = body
        return body

    def _stateful(
        self,
        runtime: VersionRuntime,
        operation: Operation,
        request: ApiRequest,
        owner: str,
        body: Any,
    ) -> Any:
        method = operation.method.upper()
        if method == "POST" and isinstance(body, dict) and _item_template(runtime, operation.path):
            return self._create(operation.path, request, owner, body)
        item = _ITEM.match(operation.path)
        if item is None or method not in {"GET", "PUT", "PATCH", "POST"}:
            return None
        collection = item.group("collection")
        key = f"{collection}#{request.path_params.get(item.group('name'), '')}"
        stored = self.store.get_object(owner, key)
        if stored is None or method == "GET" or not isinstance(request.body, dict):
            return stored
        updated = {**stored, **{k: v for k, v in request.body.items() if k in stored}}
        self.store.save_object(owner, key, collection, updated)
        return updated

    def _create(
        self, collection: str, request: ApiRequest, owner: str, body: dict[str, Any]
    ) -> Any:
        created = dict(body)
        if isinstance(request.body, dict):
            created.update({key: value for key, value in request.body.items() if key in body})
        current = str(body.get("id", ""))
        prefix = _ID_PREFIX.match(current)
        created["id"] = (prefix.group(1) if prefix else "") + secrets.token_hex(12)
        self.store.save_object(owner, f"{collection}#{created['id']}", collection, created)
        return created

    def render_error(
        self, error: ApiError, *, version: str, operation: str | None, instance: str
    ) -> ApiResponse:
        """Errors of generic specs are problem details (RFC 9457)."""
        del version, operation
        return ApiResponse(
            status=error.status, headers=dict(error.headers), body=error.body(instance)
        )


def _caller(identity: str) -> Merchant:
    return Merchant(
        id=identity, public_key=identity, secret_key="", pinned_version="", created_at=""
    )


def _item_template(runtime: VersionRuntime, collection: str) -> str | None:
    for key in runtime.operations:
        method, _, path = key.partition(" ")
        found = _ITEM.match(path)
        if method == "GET" and found is not None and found.group("collection") == collection:
            return path
    return None


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
