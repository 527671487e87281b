"""Is this request (or response) valid for that operation of that version? Every problem, located.

Requests: every path parameter and required parameter present, each value (decoded from its
HTTP string) valid for its schema, no undeclared query parameter, and a body exactly when the
operation takes one, valid for the media type it is sent as. Responses: the status is declared
(exactly, as ``4XX`` or as ``default``), the body matches that response's content, required
headers are present. Problems are strings that start with where they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compat_tests.parameter_codec import decode_parameter, parameter_schema
from compat_tests.validation import SchemaValidator, describe_error
from versioning.messages.media import pick_media_type
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from compat_tests.schema_keywords import Direction
    from versioning.spec.model import MediaType, Operation, Parameter, Spec
    from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["MessageChecker", "Problem"]


class Problem:
    """One way a message breaks its operation: where, what, and the schema node that said so."""

    __slots__ = ("error", "parameter", "text")

    def __init__(
        self, text: str, error: ValidationError | None = None, parameter: str | None = None
    ) -> None:
        self.text = text
        self.error = error
        self.parameter = parameter

    def __repr__(self) -> str:
        return self.text


class MessageChecker:
    """Validates requests and responses against the operations of one spec."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._validators: dict[Direction, SchemaValidator] = {
            "request": SchemaValidator(spec.document, direction="request"),
            "response": SchemaValidator(spec.document, direction="response"),
        }

    def _schema_problems(
        self,
        where: str,
        schema: Any,
        value: Any,
        direction: Direction,
        parameter: str | None = None,
    ) -> list[Problem]:
        errors = self._validators[direction].errors(schema, value)
        return [Problem(f"{where}{describe_error(e)}", e, parameter) for e in errors]

    def _parameter_problems(self, parameter: Parameter, texts: list[str]) -> list[Problem]:
        where = f"{parameter.location} parameter {parameter.name!r}"
        try:
            value = decode_parameter(parameter, texts, self.spec.document)
        except ValueError as error:
            return [Problem(f"{where}: cannot be read: {error}", parameter=parameter.name)]
        schema = parameter_schema(parameter)
        return self._schema_problems(f"{where} ", schema, value, "request", parameter.name)

    def request_problems(self, request: ApiRequest, operation: Operation) -> list[Problem]:
        """Every way ``request`` is not a valid call of ``operation``."""
        problems: list[Problem] = []
        if request.operation != operation.key:
            problems.append(Problem(f"operation: {request.operation}, expected {operation.key}"))
        headers = {name.lower(): value for name, value in request.headers.items()}
        declared_query = set()
        for parameter in operation.parameters:
            texts = self._texts(parameter, request, headers)
            if parameter.location == "query":
                declared_query.add(parameter.name)
            if texts is None:
                if parameter.required or parameter.location == "path":
                    problems.append(
                        Problem(
                            f"{parameter.location} parameter {parameter.name!r}: missing",
                            parameter=parameter.name,
                        )
                    )
                continue
            problems.extend(self._parameter_problems(parameter, texts))
        problems.extend(
            Problem(f"query parameter {name!r}: not declared by {operation.key}", parameter=name)
            for name in request.query
            if name not in declared_query
        )
        problems.extend(self._request_body_problems(request, operation, headers))
        return problems

    @staticmethod
    def _texts(
        parameter: Parameter, request: ApiRequest, headers: dict[str, str]
    ) -> list[str] | None:
        if parameter.location == "path":
            value = request.path_params.get(parameter.name)
            return None if value is None else [value]
        if parameter.location == "query":
            return request.query.get(parameter.name) or None
        if parameter.location == "header":
            value = headers.get(parameter.name.lower())
            return None if value is None else [value]
        for pair in headers.get("cookie", "").split(";"):
            name, _, value = pair.strip().partition("=")
            if name == parameter.name:
                return [value]
        return None

    def request_body_problems(self, request: ApiRequest, operation: Operation) -> list[Problem]:
        """Every way ``request``'s body is not a body ``operation`` takes (parameters unchecked)."""
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self._request_body_problems(request, operation, headers)

    def _request_body_problems(
        self, request: ApiRequest, operation: Operation, headers: dict[str, str]
    ) -> list[Problem]:
        body = operation.request_body
        if request.body is None:
            required = body is not None and body.required
            return [Problem("body: missing, the operation requires one")] if required else []
        if body is None or not body.content:
            return [Problem(f"body: sent, but {operation.key} takes none")]
        media = _media(body.content, headers.get("content-type"))
        if media is None or media.schema is None:
            return []
        return self._schema_problems("body ", media.schema, request.body, "request")

    def response_problems(self, response: ApiResponse, operation: Operation) -> list[Problem]:
        """Every way ``response`` is not a response ``operation`` declares."""
        return self._response_problems(response, operation, with_headers=True)

    def response_body_problems(self, response: ApiResponse, operation: Operation) -> list[Problem]:
        """Every way ``response``'s status and body are not declared (headers unchecked)."""
        return self._response_problems(response, operation, with_headers=False)

    def _response_problems(
        self, response: ApiResponse, operation: Operation, *, with_headers: bool
    ) -> list[Problem]:
        declared = response_for_status(operation, response.status)
        if declared is None:
            listed = ", ".join(operation.responses)
            return [Problem(f"status: {response.status} is not declared (declared: {listed})")]
        headers = {name.lower(): value for name, value in response.headers.items()}
        problems = [
            Problem(f"header {header.name!r}: missing")
            for header in declared.headers.values()
            if with_headers and header.required and header.name.lower() not in headers
        ]
        if not declared.content:
            if response.body is not None:
                problems.append(Problem(f"body: sent, but the {response.status} response has none"))
            return problems
        content_type = headers.get("content-type")
        if content_type is not None and pick_media_type(declared.content, content_type) != (
            content_type.split(";", 1)[0].strip().lower()
        ):
            listed = ", ".join(declared.content)
            problems.append(Problem(f"content-type: {content_type} is not declared ({listed})"))
        media = _media(declared.content, content_type)
        if media is not None and media.schema is not None:
            problems.extend(self._schema_problems("body ", media.schema, response.body, "response"))
        return problems


def _media(content: dict[str, MediaType], content_type: str | None) -> MediaType | None:
    chosen = pick_media_type(content, content_type)
    return content.get(chosen) if chosen is not None else None
