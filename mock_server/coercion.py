"""Turn parameter and form strings into JSON values, guided by their schema.

Query, path and header parameters arrive as text; JSON Schema validates JSON values. Each
string becomes the first type of the schema it can be read as (``"20"`` → ``20`` for an
integer, ``"1.0"`` → ``1.0`` which JSON Schema still accepts as an integer); a string that
fits no type stays a string, so the validator reports the type error with its pointer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = [
    "coerce_text",
    "coerce_values",
    "integral_floats_to_int",
    "schema_types",
    "unflatten_form",
]

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_MAX_DEPTH = 20


def schema_types(schema: dict[str, Any] | None, spec: Spec, depth: int = 0) -> list[str]:
    """The JSON types a schema admits, following ``$ref`` and ``anyOf``/``oneOf``/``allOf``."""
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return []
    if "$ref" in schema:
        try:
            target = spec.resolve(schema["$ref"])
        except LookupError:
            return []
        return schema_types(target, spec, depth + 1)
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [item for item in declared if isinstance(item, str)]
    found: list[str] = []
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(keyword) or ():
            found.extend(
                kind for kind in schema_types(branch, spec, depth + 1) if kind not in found
            )
    if not found and "enum" in schema:
        found = sorted({_json_type(item) for item in schema["enum"]})
    if not found and "const" in schema:
        found = [_json_type(schema["const"])]
    return found


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def coerce_text(text: str, types: list[str]) -> Any:
    """Read ``text`` as the first of ``types`` it fits; otherwise return it unchanged."""
    if not types or "string" in types:
        return text
    for kind in types:
        if kind == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind in {"number", "integer"} and _NUMBER.fullmatch(text):
            number = float(text)
            return int(number) if kind == "number" and _INTEGER.fullmatch(text) else number
        if kind == "boolean" and text in {"true", "false"}:
            return text == "true"
        if kind == "null" and text in {"", "null"}:
            return None
    return text


def _resolved(schema: Any, spec: Spec) -> dict[str, Any] | None:
    """``schema`` with its pure ``$ref`` chain followed (``None`` when it leads nowhere)."""
    for _ in range(_MAX_DEPTH):
        if not isinstance(schema, dict):
            return None
        if "$ref" not in schema:
            return schema
        try:
            schema = spec.resolve(schema["$ref"])
        except LookupError:
            return None
    return None


def _property_schema(schema: dict[str, Any] | None, key: str, spec: Spec) -> dict[str, Any] | None:
    """The sub-schema for ``key`` of an object schema (or the items of an array schema)."""
    schema = _resolved(schema, spec)
    if schema is None:
        return None
    items = schema.get("items")
    if (key.isdigit() or key == "") and isinstance(items, dict):
        return items
    found = (schema.get("properties") or {}).get(key, schema.get("additionalProperties"))
    if isinstance(found, dict):
        return found
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(keyword) or ():
            found = _property_schema(branch, key, spec)
            if found is not None:
                return found
    return None


def coerce_values(value: Any, schema: dict[str, Any] | None, spec: Spec, depth: int = 0) -> Any:
    """Coerce every string leaf of a decoded form value against its schema."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, str):
        return coerce_text(value, schema_types(schema, spec))
    if isinstance(value, list):
        items = _property_schema(schema, "0", spec)
        return [coerce_values(item, items, spec, depth + 1) for item in value]
    if isinstance(value, dict):
        return {
            key: coerce_values(item, _property_schema(schema, key, spec), spec, depth + 1)
            for key, item in value.items()
        }
    return value


def integral_floats_to_int(value: Any) -> Any:
    """``1.0`` → ``1`` everywhere in a JSON value (a new value; the input is not changed).

    JSON Schema counts ``1.0`` as an integer, so a request may carry one where the spec says
    integer; translation and handlers then see the ``int`` they expect.
    """
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if isinstance(value, list):
        return [integral_floats_to_int(item) for item in value]
    if isinstance(value, dict):
        return {key: integral_floats_to_int(item) for key, item in value.items()}
    return value


def _tokens(name: str) -> list[str]:
    """``a[b][0][]`` → ``["a", "b", "0", ""]``."""
    head, bracket, rest = name.partition("[")
    if not bracket:
        return [name]
    return [head, *rest.rstrip("]").split("][")]


def unflatten_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Rebuild nested objects and arrays from bracketed form keys (``a[b]=1&c[]=x``)."""
    root: dict[str, Any] = {}
    for name, text in pairs:
        tokens = _tokens(name)
        node: Any = root
        for index, token in enumerate(tokens):
            last = index == len(tokens) - 1
            following = "" if last else tokens[index + 1]
            fresh: Any = text if last else ([] if following == "" or following.isdigit() else {})
            if isinstance(node, list):
                if token == "" or not token.isdigit() or int(token) >= len(node):
                    node.append(fresh)
                    node = node[-1]
                else:
                    node = node[int(token)] if not last else node
                    if last:
                        break
            elif isinstance(node, dict):
                if last:
                    node[token] = text
                else:
                    node = node.setdefault(token, fresh)
            else:
                break
    return root
