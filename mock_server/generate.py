"""Deterministic example values from a JSON Schema, for specs without examples.

The same schema always gives the same value (no randomness), so a generic mock answers the
same bytes every time: declared ``examples``/``default``/``const``/``enum`` first, then a
minimal value that satisfies the type, format and bounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["example_from_schema"]

_MAX_DEPTH = 8
_OPTIONAL_DEPTH = 2
"""Optional properties are filled in only this close to the top (big specs nest deeply)."""
_FORMATS: dict[str, str] = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uri-reference": "/example",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "byte": "ZXhhbXBsZQ==",
    "password": "password",
}


def example_from_schema(schema: Any, spec: Spec, *, depth: int = 0) -> Any:
    """A value for ``schema`` (``$ref``s followed, recursion cut at a fixed depth)."""
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema:
        try:
            target = spec.resolve(schema["$ref"])
        except LookupError:
            return None
        return example_from_schema(target, spec, depth=depth + 1)
    declared = _declared(schema)
    if declared is not _NOTHING:
        return declared
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for branch in schema["allOf"]:
            value = example_from_schema(branch, spec, depth=depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        if merged or not _kind(schema):
            return merged
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list) and branches:
            chosen = next((b for b in branches if _kind(b, spec) != "null"), branches[0])
            return example_from_schema(chosen, spec, depth=depth + 1)
    return _by_type(schema, _kind(schema) or "object", spec, depth)


_NOTHING = object()


def _declared(schema: dict[str, Any]) -> Any:
    """A value the schema itself offers: ``const``, ``default``, an example, an enum member."""
    for keyword in ("const", "default"):
        if keyword in schema:
            return schema[keyword]
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    return _NOTHING


def _kind(schema: Any, spec: Spec | None = None) -> str | None:
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema and spec is not None:
        try:
            return _kind(spec.resolve(schema["$ref"]), spec)
        except LookupError:
            return None
    declared = schema.get("type")
    if isinstance(declared, list):
        useful = [item for item in declared if item != "null"]
        return useful[0] if useful else "null"
    if isinstance(declared, str):
        return declared
    if "properties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


def _by_type(schema: dict[str, Any], kind: str, spec: Spec, depth: int) -> Any:
    if kind == "object":
        if depth >= _MAX_DEPTH:
            return {}
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or ())
        return {
            name: example_from_schema(sub, spec, depth=depth + 1)
            for name, sub in properties.items()
            if name in required or depth < _OPTIONAL_DEPTH
        }
    if kind == "array":
        count = max(int(schema.get("minItems", 0) or 0), 1 if depth < _MAX_DEPTH else 0)
        item = example_from_schema(schema.get("items"), spec, depth=depth + 1)
        return [item for _ in range(count)] if count else []
    if kind == "string":
        return _string(schema)
    if kind in {"integer", "number"}:
        return _number(schema, kind)
    if kind == "boolean":
        return True
    return None


def _string(schema: dict[str, Any]) -> str:
    text = _FORMATS.get(str(schema.get("format", "")), "string")
    minimum = int(schema.get("minLength", 0) or 0)
    if len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    maximum = schema.get("maxLength")
    if isinstance(maximum, int) and len(text) > maximum:
        text = text[:maximum]
    return text


def _number(schema: dict[str, Any], kind: str) -> int | float:
    low = schema.get("minimum")
    if low is None and isinstance(schema.get("exclusiveMinimum"), int | float):
        low = schema["exclusiveMinimum"] + (1 if kind == "integer" else 0.5)
    high = schema.get("maximum")
    value: int | float = low if isinstance(low, int | float) else 0
    if isinstance(high, int | float) and value > high:
        value = high
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int | float) and multiple and value % multiple:
        value = (value // multiple + 1) * multiple
    return int(value) if kind == "integer" else value
