"""The typed, normalised view of an OpenAPI document that every later stage reads.

OpenAPI objects (operations, parameters, bodies, responses …) are frozen structs with
non-schema ``$ref``s already followed. Schemas stay JSON Schema 2020-12 dicts — the form
validators and generators consume — with ``$ref``s kept as local ``#/…`` pointers, so
recursive schemas remain finite. Every object carries the JSON pointer it was read from;
:meth:`Spec.locate` turns any pointer into ``file:line:column``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeAlias

import msgspec

from versioning.errors import SpecError
from versioning.spec.location import Location, pointer_tokens, resolve_pointer

__all__ = [
    "HttpMethod",
    "JsonObject",
    "MediaType",
    "Operation",
    "Parameter",
    "ParameterLocation",
    "RequestBody",
    "Response",
    "ResponseHeader",
    "SecurityRequirement",
    "SecurityScheme",
    "Spec",
]

JsonObject: TypeAlias = dict[str, Any]
HttpMethod: TypeAlias = Literal["get", "put", "post", "delete", "options", "head", "patch", "trace"]
ParameterLocation: TypeAlias = Literal["path", "query", "header", "cookie"]
SecurityRequirement: TypeAlias = dict[str, tuple[str, ...]]


class MediaType(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of a ``content`` map."""

    media_type: str
    schema: JsonObject | None
    examples: dict[str, Any]
    """Example *values* by name (Example Objects unwrapped, ``$ref``s followed)."""
    pointer: str


class Parameter(msgspec.Struct, frozen=True, kw_only=True):
    """A path, query, header or cookie parameter, after path-level/operation-level merging."""

    name: str
    location: ParameterLocation
    required: bool
    deprecated: bool
    schema: JsonObject | None
    content: dict[str, MediaType]
    style: str | None
    explode: bool | None
    examples: dict[str, Any]
    description: str | None
    pointer: str
    extensions: JsonObject


class RequestBody(msgspec.Struct, frozen=True, kw_only=True):
    """An operation's request body."""

    required: bool
    content: dict[str, MediaType]
    description: str | None
    pointer: str


class ResponseHeader(msgspec.Struct, frozen=True, kw_only=True):
    """A header a response declares."""

    name: str
    required: bool
    deprecated: bool
    schema: JsonObject | None
    pointer: str


class Response(msgspec.Struct, frozen=True, kw_only=True):
    """One response of an operation, by status code (``"200"``, ``"4XX"``, ``"default"``)."""

    status: str
    description: str
    headers: dict[str, ResponseHeader]
    content: dict[str, MediaType]
    pointer: str


class SecurityScheme(msgspec.Struct, frozen=True, kw_only=True):
    """A component security scheme (``http``, ``apiKey``, ``oauth2``, ``openIdConnect`` …)."""

    name: str
    type: str
    scheme: str | None
    location: str | None
    parameter_name: str | None
    pointer: str
    raw: JsonObject


class Operation(msgspec.Struct, frozen=True, kw_only=True):
    """One method on one path template."""

    method: HttpMethod
    path: str
    operation_id: str | None
    summary: str | None
    description: str | None
    tags: tuple[str, ...]
    deprecated: bool
    sunset: str | None
    """The ``x-sunset`` date (ISO 8601) after which a deprecated operation goes away."""
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: dict[str, Response]
    security: tuple[SecurityRequirement, ...]
    """Effective requirements: the operation's own, else the document's; empty = anonymous."""
    pointer: str
    extensions: JsonObject

    @property
    def key(self) -> str:
        """``"POST /transactions"``: how findings and reports name the operation."""
        return f"{self.method.upper()} {self.path}"

    def parameter(self, name: str, location: ParameterLocation) -> Parameter | None:
        """The parameter with this name and location, if any (header names are case-blind)."""
        folded = name.lower() if location == "header" else name
        for parameter in self.parameters:
            candidate = parameter.name.lower() if location == "header" else parameter.name
            if parameter.location == location and candidate == folded:
                return parameter
        return None


class Spec(msgspec.Struct, frozen=True, kw_only=True):
    """A loaded, bundled, normalised OpenAPI document.

    Attributes:
        file: The root file as given (what locations are relative to).
        openapi: The ``openapi`` version string the source declared (``3.0.3``, ``3.1.0``).
        document: The normalised document (3.1 form, all ``$ref``s local).
        title: ``info.title``.
        version: ``info.version``.
        operations: Every operation, in document order.
        schemas: ``components.schemas`` by name.
        security_schemes: ``components.securitySchemes`` by name.
        warnings: Problems tolerated while loading.
    """

    file: str
    openapi: str
    document: JsonObject
    title: str
    version: str
    operations: tuple[Operation, ...]
    schemas: dict[str, JsonObject]
    security_schemes: dict[str, SecurityScheme]
    locator: Callable[[list[str]], Location]
    warnings: tuple[SpecError, ...] = ()
    """Problems tolerated while loading (dangling ``$ref``s with ``missing_refs="warn"``)."""

    def locate(self, pointer: str) -> Location:
        """``file:line:column`` of the node at ``pointer`` (or of its closest existing parent)."""
        return self.locator(pointer_tokens(pointer))

    def resolve(self, ref: str) -> Any:
        """The node a local ``#/…`` reference points to.

        Raises:
            LookupError: The reference is not local or its target does not exist.
        """
        if not ref.startswith("#"):
            msg = f"not a local reference: {ref!r}"
            raise LookupError(msg)
        return resolve_pointer(self.document, pointer_tokens(ref[1:]))

    def resolve_schema(self, schema: JsonObject) -> JsonObject:
        """Follow a schema's pure ``$ref`` chain to the schema it stands for."""
        while set(schema) == {"$ref"}:
            target = self.resolve(schema["$ref"])
            if not isinstance(target, dict):
                break
            schema = target
        return schema

    def operation(self, method: str, path: str) -> Operation | None:
        """The operation for ``method`` on the exact path template ``path``, if declared."""
        method = method.lower()
        for operation in self.operations:
            if operation.method == method and operation.path == path:
                return operation
        return None
