"""OpenAPI's integer formats as ranges: ``int32`` and ``int64`` values out of range are refused.

JSON Schema knows no ``int32``/``int64`` formats, so the message validator lets
``2147483648`` through as an ``int32``; OpenAPI (and every client generated from the spec)
says it does not fit. Generic mode refuses such requests with 422, as a tester's tools
expect. The walk follows ``$ref``, ``allOf``, ``properties``, ``additionalProperties`` and
``items`` (not ``oneOf``/``anyOf``: which branch applies is the validator's business),
within a fixed depth.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.problems import Violation

if TYPE_CHECKING:
    from versioning.spec.model import Operation, Spec
    from versioning.translate.messages import ApiRequest

__all__ = ["RANGES", "integer_format_violations"]

RANGES: dict[str, tuple[int, int]] = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}
_DEPTH = 64


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


class _Walk:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.found: list[Violation] = []

    def resolve(self, schema: Any) -> Any:
        for _ in range(16):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                return schema
            try:
                schema = self.spec.resolve(schema["$ref"])
            except (LookupError, ValueError):
                return None
        return None

    def check(self, schema: Any, value: Any, pointer: str, depth: int) -> None:
        schema = self.resolve(schema)
        if not isinstance(schema, dict) or depth > _DEPTH or len(self.found) >= 20:
            return
        bounds = RANGES.get(str(schema.get("format")))
        number = isinstance(value, int) and not isinstance(value, bool)
        if bounds and number and not bounds[0] <= value <= bounds[1]:
            message = f"{value} does not fit {schema['format']} ({bounds[0]}..{bounds[1]})."
            self.found.append(Violation(pointer=pointer, message=message))
        for branch in schema.get("allOf") or () if isinstance(schema.get("allOf"), list) else ():
            self.check(branch, value, pointer, depth + 1)
        if isinstance(value, dict):
            properties = schema.get("properties")
            properties = properties if isinstance(properties, dict) else {}
            extra = schema.get("additionalProperties")
            for name, item in value.items():
                sub = properties.get(name, extra if isinstance(extra, dict) else None)
                if sub is not None:
                    self.check(sub, item, f"{pointer}/{_escape(name)}", depth + 1)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, item in enumerate(value[:1000]):
                self.check(schema["items"], item, f"{pointer}/{index}", depth + 1)


def _parameter_value(request: ApiRequest, location: str, name: str) -> str | None:
    if location == "query":
        values = request.query.get(name)
        return values[0] if values else None
    if location == "path":
        return request.path_params.get(name)
    if location == "header":
        return request.headers.get(name.lower())
    return None


def integer_format_violations(
    operation: Operation, request: ApiRequest, spec: Spec, body_schema: Any
) -> list[Violation]:
    """Integers of ``request`` (parameters and body) outside their OpenAPI format's range."""
    walk = _Walk(spec)
    for parameter in operation.parameters:
        schema = walk.resolve(parameter.schema)
        if not isinstance(schema, dict) or str(schema.get("format")) not in RANGES:
            continue
        text = _parameter_value(request, parameter.location, parameter.name)
        try:
            number = int(text) if text is not None else None
        except ValueError:
            continue  # not an integer at all: the validator says so
        walk.check(schema, number, "/" + _escape(parameter.name), 0)
    if body_schema is not None and request.body is not None:
        walk.check(body_schema, request.body, "", 0)
    return walk.found
