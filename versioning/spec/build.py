"""Build the typed :class:`~versioning.spec.model.Spec` objects from a bundled document.

Shape errors (an operation that is not a mapping, a parameter without ``in``) become
:class:`~versioning.errors.SpecValidationError` with the node's location. Full schema
validation of the document is :func:`versioning.spec.validate.validate_document`'s job.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from versioning.errors import SpecValidationError
from versioning.spec.location import Location, join_pointer, pointer_tokens, resolve_pointer
from versioning.spec.model import (
    HttpMethod,
    JsonObject,
    MediaType,
    Operation,
    Parameter,
    ParameterLocation,
    RequestBody,
    Response,
    ResponseHeader,
    SecurityRequirement,
    SecurityScheme,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ModelBuilder", "template_problem"]

METHODS: tuple[HttpMethod, ...] = (
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
)
_LOCATIONS = frozenset({"path", "query", "header", "cookie"})
_TEMPLATE = re.compile(r"(?:[^{}]|\{[^{}/]+\})*")


def template_problem(template: str) -> str | None:
    """Why a ``paths`` key is not a path template (``/{unclosed``), or ``None``."""
    if not template.startswith("/"):
        return f"path {template!r} must start with '/'"
    if not _TEMPLATE.fullmatch(template):
        return (
            f"path {template!r} is not a valid template: every '{{' needs a '}}' in the same"
            " segment, around a non-empty name"
        )
    return None


class ModelBuilder:
    """Reads typed objects out of one bundled document, following non-schema ``$ref``s."""

    def __init__(self, document: JsonObject, locate: Callable[[list[str]], Location]) -> None:
        self.document = document
        self.locate = locate

    def fail(self, message: str, pointer: str) -> SpecValidationError:
        """An error for the node at ``pointer``."""
        return SpecValidationError(
            message, location=self.locate(pointer_tokens(pointer)), pointer=pointer
        )

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``$ref``s from ``node``; returns the target and its pointer."""
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            pointer = node["$ref"][1:]
            node = resolve_pointer(self.document, pointer_tokens(pointer))
            hops += 1
            if hops > 64:  # the bundler refuses cycles; this only bounds long chains
                raise self.fail("$ref chain longer than 64 hops", pointer)
        return node, pointer

    def mapping(self, node: Any, pointer: str, what: str) -> JsonObject:
        """``node`` (after ``$ref``s) as a mapping, or an error naming what was expected."""
        if not isinstance(node, dict):
            raise self.fail(f"{what} must be a mapping, not {type(node).__name__}", pointer)
        return node

    # -- leaves ----------------------------------------------------------------------------

    def examples(self, holder: JsonObject, pointer: str) -> dict[str, Any]:
        """Example values by name, Example Objects unwrapped."""
        raw = holder.get("examples")
        if not isinstance(raw, dict):
            return _NO_EXAMPLES
        values: dict[str, Any] = {}
        for name, example in raw.items():
            target, _ = self.deref(example, f"{pointer}/examples/{join_pointer([name])[1:]}")
            if isinstance(target, dict) and "value" in target:
                values[name] = target["value"]
        return values

    def content(self, holder: JsonObject, pointer: str) -> dict[str, MediaType]:
        """A ``content`` map as :class:`MediaType` objects."""
        raw = holder.get("content")
        if raw is None:
            return _NO_CONTENT
        raw = self.mapping(raw, pointer + "/content", "content")
        result: dict[str, MediaType] = {}
        for name, entry in raw.items():
            entry_pointer = pointer + "/content" + join_pointer([name])
            entry = self.mapping(entry, entry_pointer, f"media type {name!r}")
            schema = entry.get("schema")
            result[name] = MediaType(
                media_type=name,
                schema=schema if isinstance(schema, dict) else None,
                examples=self.examples(entry, entry_pointer),
                pointer=entry_pointer,
            )
        return result

    def parameter(self, node: Any, pointer: str) -> Parameter:
        """One parameter object (or a reference to one)."""
        node, pointer = self.deref(node, pointer)
        node = self.mapping(node, pointer, "a parameter")
        name, location = node.get("name"), node.get("in")
        if not isinstance(name, str) or not name:
            raise self.fail("parameter needs a 'name'", pointer)
        if not isinstance(location, str) or location not in _LOCATIONS:
            raise self.fail(
                f"parameter 'in' must be one of {sorted(_LOCATIONS)}, not {location!r}", pointer
            )
        schema = node.get("schema")
        return Parameter(
            name=name,
            location=cast("ParameterLocation", location),
            required=bool(node.get("required", False)) or location == "path",
            deprecated=bool(node.get("deprecated", False)),
            schema=schema if isinstance(schema, dict) else None,
            content=self.content(node, pointer),
            style=node.get("style") if isinstance(node.get("style"), str) else None,
            explode=node.get("explode") if isinstance(node.get("explode"), bool) else None,
            examples=self.examples(node, pointer),
            description=_text(node.get("description")),
            pointer=pointer,
            extensions=_extensions(node),
        )

    def parameters(self, raw: Any, pointer: str) -> list[Parameter]:
        """A ``parameters`` list."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.fail("'parameters' must be a list", pointer)
        return [self.parameter(item, f"{pointer}/{index}") for index, item in enumerate(raw)]

    def request_body(self, node: Any, pointer: str) -> RequestBody:
        """A request body (or a reference to one)."""
        node, pointer = self.deref(node, pointer)
        node = self.mapping(node, pointer, "requestBody")
        return RequestBody(
            required=bool(node.get("required", False)),
            content=self.content(node, pointer),
            description=_text(node.get("description")),
            pointer=pointer,
        )

    def response(self, status: str, node: Any, pointer: str) -> Response:
        """One response (or a reference to one)."""
        node, pointer = self.deref(node, pointer)
        node = self.mapping(node, pointer, f"response {status!r}")
        headers: dict[str, ResponseHeader] = {}
        raw_headers = node.get("headers")
        if isinstance(raw_headers, dict):
            for name, header in raw_headers.items():
                header, header_pointer = self.deref(
                    header, f"{pointer}/headers{join_pointer([name])}"
                )
                header = self.mapping(header, header_pointer, f"header {name!r}")
                schema = header.get("schema")
                headers[name] = ResponseHeader(
                    name=name,
                    required=bool(header.get("required", False)),
                    deprecated=bool(header.get("deprecated", False)),
                    schema=schema if isinstance(schema, dict) else None,
                    pointer=header_pointer,
                )
        return Response(
            status=status,
            description=_text(node.get("description")) or "",
            headers=headers or _NO_HEADERS,
            content=self.content(node, pointer),
            pointer=pointer,
        )

    # -- operations ------------------------------------------------------------------------

    def operations(self) -> list[Operation]:
        """Every operation under ``paths``, path-level parameters merged in."""
        paths = self.document.get("paths")
        if paths is None:
            return []
        paths = self.mapping(paths, "/paths", "'paths'")
        default_security = self.security(self.document.get("security"), "/security")
        result: list[Operation] = []
        for template, item in paths.items():
            item_pointer = "/paths" + join_pointer([template])
            problem = template_problem(template)
            if problem is not None:
                raise self.fail(problem, item_pointer)
            item, item_pointer = self.deref(item, item_pointer)
            item = self.mapping(item, item_pointer, f"path item {template!r}")
            shared = self.parameters(item.get("parameters"), item_pointer + "/parameters")
            for method in METHODS:
                if method in item:
                    result.append(
                        self.operation(
                            template=template,
                            method=method,
                            node=item[method],
                            pointer=f"{item_pointer}/{method}",
                            shared=shared,
                            default_security=default_security,
                        )
                    )
        return result

    def operation(
        self,
        *,
        template: str,
        method: HttpMethod,
        node: Any,
        pointer: str,
        shared: list[Parameter],
        default_security: tuple[SecurityRequirement, ...],
    ) -> Operation:
        """One operation; its own parameters override path-level ones of the same name and place."""
        node = self.mapping(node, pointer, f"operation {method.upper()} {template}")
        own = self.parameters(node.get("parameters"), pointer + "/parameters")
        own_keys = {(p.name, p.location) for p in own}
        merged = [p for p in shared if (p.name, p.location) not in own_keys] + own
        responses_node = node.get("responses", {})
        responses_node = self.mapping(responses_node, pointer + "/responses", "'responses'")
        responses = {
            str(status): self.response(
                str(status), value, f"{pointer}/responses{join_pointer([str(status)])}"
            )
            for status, value in responses_node.items()
            if not str(status).startswith("x-")
        }
        body = node.get("requestBody")
        security = (
            self.security(node["security"], pointer + "/security")
            if "security" in node
            else default_security
        )
        tags = node.get("tags")
        sunset = node.get("x-sunset")
        return Operation(
            method=method,
            path=template,
            operation_id=_text(node.get("operationId")),
            summary=_text(node.get("summary")),
            description=_text(node.get("description")),
            tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
            deprecated=bool(node.get("deprecated", False)),
            sunset=str(sunset) if sunset is not None else None,
            parameters=tuple(merged),
            request_body=self.request_body(body, pointer + "/requestBody")
            if body is not None
            else None,
            responses=responses,
            security=security,
            pointer=pointer,
            extensions=_extensions(node),
        )

    def security(self, raw: Any, pointer: str) -> tuple[SecurityRequirement, ...]:
        """A list of security requirement objects."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.fail("'security' must be a list", pointer)
        result: list[SecurityRequirement] = []
        for index, requirement in enumerate(raw):
            requirement = self.mapping(requirement, f"{pointer}/{index}", "a security requirement")
            result.append(
                {
                    name: tuple(str(s) for s in scopes) if isinstance(scopes, list) else ()
                    for name, scopes in requirement.items()
                }
            )
        return tuple(result)

    def security_schemes(self) -> dict[str, SecurityScheme]:
        """``components.securitySchemes``."""
        components = self.document.get("components")
        raw = components.get("securitySchemes") if isinstance(components, dict) else None
        if not isinstance(raw, dict):
            return {}
        result: dict[str, SecurityScheme] = {}
        for name, node in raw.items():
            node, pointer = self.deref(node, "/components/securitySchemes" + join_pointer([name]))
            node = self.mapping(node, pointer, f"security scheme {name!r}")
            result[name] = SecurityScheme(
                name=name,
                type=str(node.get("type", "")),
                scheme=_text(node.get("scheme")),
                location=_text(node.get("in")),
                parameter_name=_text(node.get("name")),
                pointer=pointer,
                raw=node,
            )
        return result

    def schemas(self) -> dict[str, JsonObject]:
        """``components.schemas`` (boolean schemas included as ``{}``/``{"not": {}}``)."""
        components = self.document.get("components")
        raw = components.get("schemas") if isinstance(components, dict) else None
        if raw is None:
            return {}
        raw = self.mapping(raw, "/components/schemas", "'components.schemas'")
        result: dict[str, JsonObject] = {}
        for name, schema in raw.items():
            if isinstance(schema, bool):
                result[name] = {} if schema else {"not": {}}
            else:
                result[name] = self.mapping(
                    schema, "/components/schemas" + join_pointer([name]), f"schema {name!r}"
                )
        return result


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


_NO_EXTENSIONS: JsonObject = {}
"""Shared by every object without ``x-`` keys (most of them): the model is read-only.

So are the other empty maps below: a few hundred bytes an operation, a quarter of the
model's memory on a spec of many small operations.
"""
_NO_EXAMPLES: dict[str, Any] = {}
_NO_CONTENT: dict[str, MediaType] = {}
_NO_HEADERS: dict[str, ResponseHeader] = {}


def _extensions(node: JsonObject) -> JsonObject:
    found = {key: value for key, value in node.items() if key.startswith("x-")}
    return found or _NO_EXTENSIONS
