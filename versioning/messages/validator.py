"""Is this request (or response) valid for that operation of that version? Every problem, located.

The one OpenAPI message validator: the mock server, the property kit, ``translate`` and
``check`` all call it, so they can never disagree on a message.

Requests: every path parameter and required parameter present, each value decoded from its
HTTP text by its ``style``/``explode`` and valid for its schema, no undeclared query
parameter, a body when one is required, valid for the media type it is sent as (``readOnly``
properties are not required). Responses: the status is declared (exactly, as ``4XX`` or as
``default``), required headers are present, the body matches that response's content
(``writeOnly`` properties are not required). *Strict* checks also report members of a body
that the version does not declare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from versioning.messages.media import match_media_type, pick_media_type
from versioning.messages.parameters import (
    ParameterDecoder,
    ParameterError,
    parameter_schema,
    parameter_style,
    query_members,
)
from versioning.messages.problems import Problem
from versioning.messages.scalars import schema_types
from versioning.messages.schemas import CompiledSchema, SchemaCompiler, SchemaProblem
from versioning.messages.undeclared import undeclared_members
from versioning.messages.views import Direction, direction_view
from versioning.spec.location import join_pointer, pointer_tokens, resolve_pointer
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from versioning.spec.model import MediaType, Operation, Parameter, Spec
    from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["MessageValidator", "OperationMessages"]

_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
"""Header parameters OpenAPI says to ignore: HTTP itself defines them."""
_MISSING = {
    "path": "Missing required path parameter.",
    "query": "Missing required query parameter.",
    "header": "Missing required header.",
    "cookie": "Missing required cookie.",
}


class _ParameterCheck(NamedTuple):
    parameter: Parameter
    schema: CompiledSchema
    gathers: bool
    """A query object whose members are other query names (``deepObject``, exploded form)."""
    decoder: ParameterDecoder


def _gathers(parameter: Parameter, spec: Spec) -> bool:
    if parameter.location != "query" or parameter.content:
        return False
    style, explode = parameter_style(parameter)
    types = schema_types(parameter_schema(parameter), spec)
    if "object" not in types or "array" in types:
        return False
    return style == "deepObject" or (style == "form" and explode)


def _parameter_validator(parameter: Parameter, validator: MessageValidator) -> CompiledSchema:
    """The parameter's schema compiled by its pointer, so no index of the document is built.

    Indexing every node of a 4 MB document (Stripe's) to find a schema by identity costs
    about half a second on the first request; the parameter knows where its schema is.
    """
    schema = parameter_schema(parameter)
    where = parameter.pointer if parameter.schema is not None else None
    for media in parameter.content.values() if where is None else ():
        if media.schema is schema:
            where = media.pointer
            break
    if where is not None:
        try:
            found = resolve_pointer(validator.spec.document, pointer_tokens(where + "/schema"))
        except (LookupError, ValueError):
            found = None
        if found is schema:
            return validator.compiled_at(where + "/schema", "request")
    return validator.compiled(schema, "request")


def _cookies(header: str) -> dict[str, str]:
    cookies: dict[str, str] = {}
    for pair in header.split(";"):
        name, _, value = pair.strip().partition("=")
        if name:
            cookies.setdefault(name, value)
    return cookies


def _query_credentials(operation: Operation, spec: Spec) -> frozenset[str]:
    """Query names that carry credentials (``apiKey`` schemes ``in: query``)."""
    names = set()
    for requirement in operation.security:
        for scheme_name in requirement:
            scheme = spec.security_schemes.get(scheme_name)
            if scheme is not None and scheme.location == "query" and scheme.parameter_name:
                names.add(scheme.parameter_name)
    return frozenset(names)


def _schema_problems(
    compiled: CompiledSchema,
    value: Any,
    part: Literal["path", "query", "header", "cookie", "body"],
    prefix: tuple[str, ...] = (),
    parameter: str | None = None,
) -> list[Problem]:
    found: list[SchemaProblem] = compiled.problems(value)
    return [
        Problem(
            part=part,
            pointer=join_pointer([*prefix, *problem.path]),
            message=problem.message,
            parameter=parameter,
            schema_pointer=problem.keyword,
        )
        for problem in found
    ]


class OperationMessages:
    """The compiled checks of one operation: parameters, bodies, responses."""

    def __init__(self, operation: Operation, validator: MessageValidator) -> None:
        """Compile the schema of every parameter of ``operation`` (bodies on first use)."""
        spec = validator.spec
        self.operation = operation
        self._key = operation.key
        self._validator = validator
        self._bodies: dict[tuple[str, Direction], CompiledSchema] = {}
        self._checks = tuple(
            _ParameterCheck(
                parameter=parameter,
                schema=_parameter_validator(parameter, validator),
                gathers=_gathers(parameter, spec),
                decoder=ParameterDecoder(parameter, spec),
            )
            for parameter in operation.parameters
            if not (parameter.location == "header" and parameter.name.lower() in _IGNORED_HEADERS)
        )
        self._query_names = frozenset(
            check.parameter.name for check in self._checks if check.parameter.location == "query"
        ) | _query_credentials(operation, spec)
        self._free_query = any(check.gathers and _style(check) == "form" for check in self._checks)

    def request_problems(self, request: ApiRequest, *, strict: bool = False) -> list[Problem]:
        """Every way ``request`` is not a valid call of this operation."""
        problems: list[Problem] = []
        if request.operation != self._key:
            problems.append(
                Problem(
                    part="operation",
                    pointer="",
                    message=f"{request.operation} is not {self._key}.",
                )
            )
        problems.extend(self.parameter_problems(request))
        problems.extend(self.request_body_problems(request, strict=strict))
        return problems

    def parameter_problems(self, request: ApiRequest) -> list[Problem]:
        """Every problem of ``request``'s path, query, header and cookie parameters."""
        query = request.query
        free = {name for name in query if name.split("[", 1)[0] not in self._query_names}
        problems: list[Problem] = []
        cookies: dict[str, str] | None = None
        for check in self._checks:
            parameter = check.parameter
            location = parameter.location
            name = parameter.name
            if check.gathers:
                present, value = query_members(parameter, query, self._validator.spec, free)
            else:
                if location == "cookie" and cookies is None:
                    cookies = _cookies(request.headers.get("cookie", ""))
                texts = _texts(parameter, request, cookies)
                present = texts is not None
                if present:
                    try:
                        value = check.decoder.decode(texts or [""])
                    except ParameterError as error:
                        problems.append(
                            Problem(
                                part=location,
                                pointer="/" + _escape(name),
                                message=f"Cannot be read: {error}.",
                                parameter=name,
                            )
                        )
                        continue
            if not present:
                if parameter.required or location == "path":
                    problems.append(
                        Problem(
                            part=location,
                            pointer="/" + _escape(name),
                            message=_MISSING[location],
                            parameter=name,
                        )
                    )
                continue
            if not check.schema.is_valid(value):  # the valid case, by far the most common, first
                problems.extend(_schema_problems(check.schema, value, location, (name,), name))
        if free and not self._free_query:
            problems.extend(
                Problem(
                    part="query",
                    pointer="/" + _escape(name),
                    message="Unknown query parameter.",
                    parameter=name,
                    undeclared=True,
                )
                for name in sorted(free)
            )
        return problems

    def _request_media(self, request: ApiRequest) -> tuple[MediaType | None, Problem | None]:
        body = self.operation.request_body
        content = body.content if body is not None else {}
        content_type = request.headers.get("content-type")
        if content_type:
            media = match_media_type(content_type, content)
            if media is None:
                accepted = ", ".join(content) or "no body"
                return None, Problem(
                    part="content-type",
                    pointer="",
                    message=f"Content-Type {content_type} is not accepted here ({accepted}).",
                )
            return media, None
        chosen = pick_media_type(content, None)
        return (content[chosen] if chosen is not None else None), None

    def request_body_problems(self, request: ApiRequest, *, strict: bool = False) -> list[Problem]:
        """Every problem of ``request``'s body (parameters unchecked).

        ``strict`` also reports a body the operation does not take and undeclared members.
        """
        body = self.operation.request_body
        if request.body is None:
            if body is not None and body.required:
                return [Problem(part="body", pointer="", message="A request body is required.")]
            return []
        if body is None or not body.content:
            if strict:
                return [
                    Problem(
                        part="body",
                        pointer="",
                        message=f"{self._key} takes no request body.",
                        undeclared=True,
                    )
                ]
            return []
        media, problem = self._request_media(request)
        if problem is not None:
            return [problem]
        return self._body_problems(media, request.body, "request", strict=strict)

    def _body_problems(
        self, media: MediaType | None, value: Any, direction: Direction, *, strict: bool
    ) -> list[Problem]:
        if media is None or media.schema is None or isinstance(value, bytes):
            return []
        compiled = self._bodies.get((media.pointer, direction))
        if compiled is None:
            compiled = self._validator.compiled_at(media.pointer + "/schema", direction)
            self._bodies[media.pointer, direction] = compiled
        if not strict and compiled.is_valid(value):
            return []
        problems = _schema_problems(compiled, value, "body")
        if strict:
            problems.extend(
                Problem(
                    part="body",
                    pointer=pointer,
                    undeclared=True,
                    message="Not a member this version declares.",
                )
                for pointer in undeclared_members(self._validator.spec, media.schema, value)
            )
        return problems

    def response_problems(
        self, response: ApiResponse, *, headers: bool = True, strict: bool = False
    ) -> list[Problem]:
        """Every way ``response`` is not a response this operation declares.

        Args:
            response: The response (header names lower case).
            headers: Also require the response headers the spec marks required.
            strict: Also report members of the body the version does not declare.
        """
        declared = response_for_status(self.operation, response.status)
        if declared is None:
            listed = ", ".join(self.operation.responses) or "none"
            return [
                Problem(
                    part="status",
                    pointer="",
                    message=f"Status {response.status} is not declared (declared: {listed}).",
                )
            ]
        problems = [
            Problem(
                part="header",
                pointer="/" + _escape(header.name),
                parameter=header.name,
                message="Missing required header.",
            )
            for header in declared.headers.values()
            if headers and header.required and header.name.lower() not in response.headers
        ]
        if not declared.content:
            if response.body is not None:
                problems.append(
                    Problem(
                        part="body",
                        pointer="",
                        message=f"The {response.status} response has no body, but one was sent.",
                        undeclared=True,
                    )
                )
            return problems
        content_type = response.headers.get("content-type")
        if content_type is not None:  # ranges count: text/plain falls under a declared text/*
            media = match_media_type(content_type, declared.content)
            if media is None:
                listed = ", ".join(declared.content)
                problems.append(
                    Problem(
                        part="content-type",
                        pointer="",
                        message=f"Content-Type {content_type} is not declared ({listed}).",
                    )
                )
                media = _json_entry(declared.content)
        else:
            media = _json_entry(declared.content)
        problems.extend(self._body_problems(media, response.body, "response", strict=strict))
        return problems


def _json_entry(content: dict[str, MediaType]) -> MediaType | None:
    chosen = pick_media_type(content, None)
    return content.get(chosen) if chosen is not None else None


def _style(check: _ParameterCheck) -> str:
    return parameter_style(check.parameter)[0]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _texts(
    parameter: Parameter, request: ApiRequest, cookies: dict[str, str] | None
) -> list[str] | None:
    name = parameter.name
    location = parameter.location
    if location == "path":
        value = request.path_params.get(name)
        return None if value is None else [value]
    if location == "query":
        return request.query.get(name) or request.query.get(name + "[]") or None
    if location == "header":
        value = request.headers.get(name.lower())
        return None if value is None else [value]
    value = (cookies or {}).get(name)
    return None if value is None else [value]


class MessageValidator:
    """Validates requests and responses against the operations of one spec.

    Args:
        spec: The loaded spec. Schemas are compiled on first use and cached, so one
            validator per spec (per version) should live as long as the spec.
        bounded_values: Every value it sees comes from a decoder that bounds nesting
            (msgspec refuses JSON 1,000 levels deep), so the depth walk that protects the
            native validator from deeper values is skipped: the server's hot path.
    """

    def __init__(self, spec: Spec, *, bounded_values: bool = False) -> None:
        self.spec = spec
        self._bounded = bounded_values
        self._compilers: dict[Direction, SchemaCompiler] = {}
        self._operations: dict[str, OperationMessages] = {}

    def compiler(self, direction: Direction) -> SchemaCompiler:
        """The schema compiler over ``direction``'s view of the document."""
        compiler = self._compilers.get(direction)
        if compiler is None:
            document = self.spec.document
            view = direction_view(document, direction)
            compiler = SchemaCompiler(view, original=document, bounded_values=self._bounded)
            self._compilers[direction] = compiler
        return compiler

    def compiled(self, schema: Any, direction: Direction) -> CompiledSchema:
        """The validator of a schema object of this spec (or one built from its schemas)."""
        return self.compiler(direction).of(schema)

    def compiled_at(self, pointer: str, direction: Direction) -> CompiledSchema:
        """The validator of the schema at ``pointer`` in the document."""
        return self.compiler(direction).at(pointer)

    def value_problems(
        self, schema: Any, value: Any, direction: Direction, *, strict: bool = False
    ) -> list[Problem]:
        """Every way ``value`` breaks ``schema`` as a ``direction`` body would."""
        problems = _schema_problems(self.compiled(schema, direction), value, "body")
        if strict:
            problems.extend(
                Problem(
                    part="body",
                    pointer=pointer,
                    undeclared=True,
                    message="Not a member this version declares.",
                )
                for pointer in undeclared_members(self.spec, schema, value)
            )
        return problems

    def operation(self, operation: Operation | str) -> OperationMessages | None:
        """The compiled checks of an operation (by object or ``"METHOD /path"`` key)."""
        key = operation if isinstance(operation, str) else operation.key
        found = self._operations.get(key)
        if found is not None:
            return found
        if isinstance(operation, str):
            method, _, path = operation.partition(" ")
            resolved = self.spec.operation(method, path)
            if resolved is None:
                return None
            operation = resolved
        found = self._operations[key] = OperationMessages(operation, self)
        return found

    def request_problems(
        self, request: ApiRequest, operation: Operation | str | None = None, *, strict: bool = False
    ) -> list[Problem]:
        """Every way ``request`` is not a valid call of ``operation`` (default: its own)."""
        checks = self.operation(operation if operation is not None else request.operation)
        if checks is None:
            return [_no_operation(self.spec, operation or request.operation)]
        return checks.request_problems(request, strict=strict)

    def response_problems(
        self,
        response: ApiResponse,
        operation: Operation | str,
        *,
        headers: bool = True,
        strict: bool = False,
    ) -> list[Problem]:
        """Every way ``response`` is not a response ``operation`` declares."""
        checks = self.operation(operation)
        if checks is None:
            return [_no_operation(self.spec, operation)]
        return checks.response_problems(response, headers=headers, strict=strict)


def _no_operation(spec: Spec, operation: Operation | str) -> Problem:
    key = operation if isinstance(operation, str) else operation.key
    version = f"version {spec.version}" if spec.version else "this spec"
    return Problem(part="operation", pointer="", message=f"{version} has no operation {key}.")
