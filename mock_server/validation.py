"""Validate a request against one operation of the client's spec version.

Every violation is collected (parameters and body together) so the client sees them all in
one 422 problem; an unreadable body is a 400 and an unsupported content type a 415.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import msgspec

from mock_server.coercion import (
    coerce_text,
    coerce_values,
    integral_floats_to_int,
    schema_types,
    unflatten_form,
)
from mock_server.problems import ApiError, Violation
from mock_server.schemas import CompiledSchema
from versioning.spec.model import Parameter

if TYPE_CHECKING:
    from mock_server.schemas import SchemaCompiler
    from versioning.spec.model import MediaType, Operation, Spec

__all__ = ["IncomingRequest", "OperationValidator", "is_json_media_type", "match_media_type"]

_FLOAT_TOKEN = re.compile(rb"[0-9][.eE]")
"""A digit followed by a fraction or an exponent: how every JSON or form float is written."""


class IncomingRequest(msgspec.Struct, frozen=True, kw_only=True):
    """The parts of an HTTP request validation looks at (header names lower case)."""

    method: str
    path: str
    path_params: dict[str, str]
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@lru_cache(maxsize=256)
def is_json_media_type(media_type: str) -> bool:
    """``application/json``, ``application/problem+json`` and other ``+json`` types."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def match_media_type(content_type: str, declared: dict[str, MediaType]) -> MediaType | None:
    """The declared media type a ``Content-Type`` falls under (exact, then ``type/*``, ``*/*``)."""
    essence = content_type.split(";", 1)[0].strip().lower()
    lowered = {key.lower(): value for key, value in declared.items()}
    if essence in lowered:
        return lowered[essence]
    major = essence.split("/", 1)[0]
    return lowered.get(f"{major}/*") or lowered.get("*/*")


class _ParameterCheck(msgspec.Struct, frozen=True, kw_only=True):
    parameter: Parameter
    types: list[str]
    item_types: list[str]
    schema: CompiledSchema | None


def _describe_missing(parameter: Parameter) -> str:
    kinds = {"path": "path parameter", "query": "query parameter", "header": "header"}
    return f"Missing required {kinds.get(parameter.location, parameter.location + ' parameter')}."


class OperationValidator:
    """The compiled checks for one operation: parameters, content type and body."""

    def __init__(self, operation: Operation, spec: Spec, compiler: SchemaCompiler) -> None:
        """Compile the schema of every parameter and request media type of ``operation``."""
        self.operation = operation
        self._spec = spec
        self._compiler = compiler
        checks: list[_ParameterCheck] = []
        for parameter in operation.parameters:
            pointer, schema = _parameter_schema(parameter)
            items = _items_schema(schema, spec)
            checks.append(
                _ParameterCheck(
                    parameter=parameter,
                    types=schema_types(schema, spec),
                    item_types=schema_types(items, spec),
                    schema=compiler.at(pointer) if pointer is not None else None,
                )
            )
        self._checks = tuple(checks)
        self._query_names = frozenset(
            parameter.name for parameter in operation.parameters if parameter.location == "query"
        ) | _query_credentials(operation, spec)
        body = operation.request_body
        self._body_required = body is not None and body.required
        self._media: dict[str, MediaType] = dict(body.content) if body is not None else {}
        self._body_schemas = {
            key: compiler.at(media.pointer + "/schema")
            for key, media in self._media.items()
            if media.schema is not None
        }

    def validate(self, request: IncomingRequest) -> Any:
        """Check ``request``; return its decoded body (``None`` without one).

        Raises:
            ApiError: 400 unreadable body, 415 unsupported content type, 422 violations.
        """
        violations = self._parameter_violations(request)
        try:
            body, body_violations = self._body(request)
            violations.extend(body_violations)
            if not violations:
                if not _FLOAT_TOKEN.search(request.body):
                    return body  # no number in the text can have decoded as a float
                return integral_floats_to_int(body)
        except RecursionError:  # hostile nesting: refuse it instead of failing with a 500
            raise ApiError(
                400, "invalid_request", "The request body is nested too deeply."
            ) from None
        count = len(violations)
        noun = "problem" if count == 1 else "problems"
        raise ApiError(
            422,
            "validation_failed",
            f"The request has {count} {noun}; see errors.",
            errors=tuple(violations),
        )

    def _parameter_violations(self, request: IncomingRequest) -> list[Violation]:
        violations = [
            Violation(pointer="/" + _escape(name), message="Unknown query parameter.")
            for name in request.query
            if name.split("[", 1)[0] not in self._query_names
        ]
        for check in self._checks:
            parameter = check.parameter
            present, value = self._read(parameter, check, request)
            if not present:
                if parameter.required:
                    violations.append(
                        Violation(
                            pointer="/" + _escape(parameter.name),
                            message=_describe_missing(parameter),
                        )
                    )
                continue
            if check.schema is not None:
                violations.extend(check.schema.violations(value, prefix=(parameter.name,)))
        return violations

    def _read(
        self, parameter: Parameter, check: _ParameterCheck, request: IncomingRequest
    ) -> tuple[bool, Any]:
        name = parameter.name
        if parameter.location == "path":
            text = request.path_params.get(name)
            return (text is not None, coerce_text(text or "", check.types))
        if parameter.location == "header":
            text = request.headers.get(name.lower())
            if text is None:
                return False, None
            if "array" in check.types:
                return True, [
                    coerce_text(part.strip(), check.item_types) for part in text.split(",")
                ]
            return True, coerce_text(text, check.types)
        if parameter.location == "cookie":
            cookies = request.headers.get("cookie", "")
            return (f"{name}=" in cookies, None)
        return self._read_query(parameter, check, request.query)

    def _read_query(
        self, parameter: Parameter, check: _ParameterCheck, query: dict[str, list[str]]
    ) -> tuple[bool, Any]:
        name = parameter.name
        if "array" in check.types:
            values = [*query.get(name, []), *query.get(name + "[]", [])]
            if not values:
                return False, None
            if parameter.explode is False:  # form style without explode: a,b,c
                values = ",".join(values).split(",")
            return True, [coerce_text(value, check.item_types) for value in values]
        if "object" in check.types and parameter.style == "deepObject":
            prefix = name + "["
            pairs = [
                (key[len(name) :], value)
                for key, values in query.items()
                if key.startswith(prefix)
                for value in values
            ]
            if not pairs:
                return False, None
            nested = unflatten_form([("root" + key, value) for key, value in pairs])["root"]
            return True, coerce_values(nested, parameter.schema, self._spec)
        given = query.get(name)
        if not given:
            return False, None
        return True, coerce_text(given[0], check.types)

    def _body(self, request: IncomingRequest) -> tuple[Any, list[Violation]]:
        if not request.body:
            if self._body_required:
                return None, [Violation(pointer="", message="A request body is required.")]
            return None, []
        if not self._media:
            return None, []
        content_type = request.headers.get("content-type", "")
        media = match_media_type(content_type, self._media) if content_type else None
        if media is None:
            accepted = ", ".join(self._media)
            shown = content_type or "none"
            raise ApiError(
                415,
                "unsupported_media_type",
                f"Content-Type {shown} is not accepted here; send one of: {accepted}.",
                headers={"accept": accepted},
            )
        value = _decode(request.body, media.media_type, media.schema, self._spec)
        compiled = self._body_schemas.get(media.media_type)
        if compiled is None or isinstance(value, bytes):
            return value, []
        return value, compiled.violations(value)


def _query_credentials(operation: Operation, spec: Spec) -> frozenset[str]:
    """Query parameter names that carry credentials (``apiKey`` schemes ``in: query``)."""
    names = set()
    for requirement in operation.security:
        for scheme_name in requirement:
            scheme = spec.security_schemes.get(scheme_name)
            if scheme is not None and scheme.location == "query" and scheme.parameter_name:
                names.add(scheme.parameter_name)
    return frozenset(names)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _parameter_schema(parameter: Parameter) -> tuple[str | None, dict[str, Any] | None]:
    if parameter.schema is not None:
        return parameter.pointer + "/schema", parameter.schema
    for media in parameter.content.values():
        if media.schema is not None:
            return media.pointer + "/schema", media.schema
    return None, None


def _items_schema(schema: dict[str, Any] | None, spec: Spec) -> dict[str, Any] | None:
    for _ in range(20):
        if not isinstance(schema, dict) or "$ref" not in schema:
            break
        try:
            schema = spec.resolve(schema["$ref"])
        except LookupError:
            return None
    if isinstance(schema, dict) and isinstance(schema.get("items"), dict):
        items: dict[str, Any] = schema["items"]
        return items
    return None


def _decode(raw: bytes, media_type: str, schema: dict[str, Any] | None, spec: Spec) -> Any:
    if is_json_media_type(media_type) or media_type in {"*/*", "application/*"}:
        try:
            return msgspec.json.decode(raw)
        except msgspec.DecodeError as error:
            raise ApiError(
                400, "invalid_request", f"The request body is not valid JSON ({error})."
            ) from None
    if media_type.lower() == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise ApiError(400, "invalid_request", "The form body is not UTF-8.") from None
        return coerce_values(unflatten_form(pairs), schema, spec)
    return raw  # multipart, binary, text: passed on as they are, not schema-checked
