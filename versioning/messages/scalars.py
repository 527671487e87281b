"""Text to JSON values, guided by the types a schema admits.

Parameters and form fields travel as text; JSON Schema validates JSON values. A text is read
as the first non-string type the schema admits that it spells (``"20"`` → ``20``, ``"true"``
→ ``True``), else kept as text, so the validator reports a type error at its pointer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = [
    "fill_unsent",
    "integral_floats_to_int",
    "read_text",
    "read_values",
    "resolved",
    "schema_types",
    "sub_schema",
]

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_LONGEST_NUMBER = 4000
"""Longer digit strings stay text: Python refuses to convert over 4,300 digits."""
_MAX_DEPTH = 20
_ORDER = ("integer", "number", "boolean", "array", "object", "string", "null")


def resolved(schema: Any, spec: Spec) -> dict[str, Any] | None:
    """``schema`` with its ``$ref`` chain followed (``None`` when it leads nowhere)."""
    for _ in range(_MAX_DEPTH):
        if not isinstance(schema, dict):
            return None
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return schema
        try:
            schema = spec.resolve(ref)
        except (LookupError, ValueError):
            return None
    return None


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


def schema_types(schema: Any, spec: Spec, depth: int = 0) -> tuple[str, ...]:
    """The JSON types a schema admits (through ``$ref`` and combinators), numbers first."""
    found: set[str] = set()
    _collect_types(schema, spec, depth, found)
    return tuple(kind for kind in _ORDER if kind in found)


def _collect_types(schema: Any, spec: Spec, depth: int, found: set[str]) -> None:
    schema = resolved(schema, spec)
    if schema is None or depth > _MAX_DEPTH:
        return
    declared = schema.get("type")
    if isinstance(declared, str):
        found.add(declared)
        return
    if isinstance(declared, list):
        found.update(kind for kind in declared if isinstance(kind, str))
        return
    before = len(found)
    for keyword in ("anyOf", "oneOf", "allOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list):
            for branch in branches:
                _collect_types(branch, spec, depth + 1, found)
    if len(found) == before and isinstance(schema.get("enum"), list):
        found.update(_json_type(item) for item in schema["enum"])
    if len(found) == before and "const" in schema:
        found.add(_json_type(schema["const"]))
    if len(found) == before and isinstance(schema.get("properties"), dict):
        found.add("object")


def read_text(text: str, types: tuple[str, ...]) -> Any:
    """``text`` as the first non-string type of ``types`` it spells, else ``text`` itself."""
    if not types:
        return text
    for kind in types:
        if kind == "integer" and len(text) <= _LONGEST_NUMBER and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "number" and len(text) <= _LONGEST_NUMBER and _NUMBER.fullmatch(text):
            return int(text) if _INTEGER.fullmatch(text) else float(text)
        if kind == "boolean" and text in {"true", "false"}:
            return text == "true"
        if kind == "string":
            return text
        if kind == "null" and text in {"", "null"}:
            return None
    return text


def sub_schema(schema: Any, key: str, spec: Spec, depth: int = 0) -> Any:
    """The schema of member ``key`` of an object (or of the items of an array) schema."""
    schema = resolved(schema, spec)
    if schema is None or depth > _MAX_DEPTH:
        return None
    items = schema.get("items")
    if (key.isdigit() or key == "") and isinstance(items, dict):
        return items
    properties = schema.get("properties")
    if isinstance(properties, dict) and key in properties:
        return properties[key]
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        return extra
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(keyword) or ():
            found = sub_schema(branch, key, spec, depth + 1)
            if found is not None:
                return found
    return None


def read_values(value: Any, schema: Any, spec: Spec, depth: int = 0) -> Any:
    """Every text leaf of a decoded form or ``deepObject`` value read against its schema."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, str):
        types = schema_types(schema, spec)
        if types == ("array",):  # one value of an array field: `Permissions=get-all`
            items = sub_schema(schema, "0", spec)
            return [read_values(value, items, spec, depth + 1)]
        if types == ("object",) and not value:  # `document=`: only an empty object fits
            return {}
        return read_text(value, types)
    if isinstance(value, list):
        types = schema_types(schema, spec)
        if types and "array" not in types and value and all(isinstance(v, str) for v in value):
            return read_values(value[-1], schema, spec, depth + 1)  # a field sent twice
        items = sub_schema(schema, "0", spec)
        return [read_values(item, items, spec, depth + 1) for item in value]
    if isinstance(value, dict):
        return {
            key: read_values(item, sub_schema(schema, key, spec), spec, depth + 1)
            for key, item in value.items()
        }
    return value


def _required(schema: dict[str, Any], spec: Spec, depth: int) -> list[str]:
    names = [name for name in schema.get("required") or () if isinstance(name, str)]
    for branch in schema.get("allOf") or ():
        branch = resolved(branch, spec)
        if branch is not None and depth < _MAX_DEPTH:
            names.extend(_required(branch, spec, depth + 1))
    return names


def fill_unsent(value: Any, schema: Any, spec: Spec, depth: int = 0) -> Any:
    """A form value with the empty arrays and objects a form cannot carry put back.

    An empty array or object sends no field at all (``a[0]=…`` has nothing to name), so a
    required member that is absent may have been ``[]`` or ``{}``: it becomes the empty
    value its schema admits (an array first), with the required members of an object
    filled the same way. Members the schema types as anything else stay absent (a 422).
    """
    resolved_schema = resolved(schema, spec)
    if depth > _MAX_DEPTH or resolved_schema is None:
        return value
    if isinstance(value, list):
        items = sub_schema(resolved_schema, "0", spec)
        return [fill_unsent(item, items, spec, depth + 1) for item in value]
    if not isinstance(value, dict):
        return value
    filled = {
        key: fill_unsent(item, sub_schema(resolved_schema, key, spec), spec, depth + 1)
        for key, item in value.items()
    }
    for name in _required(resolved_schema, spec, depth):
        if name in filled:
            continue
        member = sub_schema(resolved_schema, name, spec)
        types = schema_types(member, spec)
        if "array" in types:
            filled[name] = []
        elif "object" in types:
            filled[name] = fill_unsent({}, member, spec, depth + 1)
    return filled


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
