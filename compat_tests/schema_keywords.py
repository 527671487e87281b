"""What a JSON Schema 2020-12 node says, read the way the generators need it.

Schemas here are the loader's normalised form: plain dicts (or booleans) whose ``$ref``s are
local ``#/…`` pointers into one root document.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal, TypeAlias

from compat_tests.errors import SchemaGenerationError
from versioning.spec.location import pointer_tokens, resolve_pointer

__all__ = [
    "ANNOTATIONS",
    "JSON_TYPES",
    "MOST_GENERATED",
    "Direction",
    "Schema",
    "declared_types",
    "is_excluded",
    "is_of_type",
    "keyword_problem",
    "resolve_ref",
    "without_annotations",
]

Schema: TypeAlias = dict[str, Any] | bool
Direction: TypeAlias = Literal["request", "response"]

JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")

ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "example",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$comment",
        "externalDocs",
        "xml",
        "discriminator",
        "$schema",
        "$id",
        "$anchor",
        "$defs",
        "definitions",
        "contentMediaType",
        "contentEncoding",
    }
)
"""Keywords that never constrain a value (``discriminator`` is read beside ``oneOf``)."""

_KEYWORDS_BY_TYPE = {
    "object": (
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "dependentRequired",
    ),
    "array": ("items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"),
    "string": ("minLength", "maxLength", "pattern", "format"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
}


MOST_GENERATED = 1000
"""The largest ``minItems``, ``minProperties`` or ``minLength`` the generators build up to;
a schema asking for more is refused with the reason (a case that cannot be generated is
``unchecked``), never an attempt at a value of 10**18 items."""

_SCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas")
_SUBSCHEMAS = (
    "items",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
)
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_COUNTS = (
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "minProperties",
    "maxProperties",
    "minContains",
    "maxContains",
)
_NUMBERS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")


def _is_schema(value: Any) -> bool:
    return isinstance(value, dict | bool)


def _is_number(value: Any) -> bool:
    """A JSON number the generators can compute with: finite, and within a float's range."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer literal beyond 1.8e308
        return False


def _is_count(value: Any) -> bool:
    return _is_number(value) and value >= 0 and float(value).is_integer()


def _is_regex(pattern: Any) -> bool:
    try:
        re.compile(pattern)
    except (re.error, TypeError, ValueError, RecursionError, OverflowError):
        return False
    return True


def _shape_problem(schema: dict[str, Any]) -> str | None:
    """The first subschema keyword whose value is not a schema, a list or a map of them."""
    for key in _SCHEMA_MAPS:
        value = schema.get(key, {})
        if not isinstance(value, dict) or not all(_is_schema(sub) for sub in value.values()):
            return f"{key} must map names to schemas"
    patterns = schema.get("patternProperties", {})
    if not all(_is_regex(pattern) for pattern in patterns):
        return "patternProperties has a key that is not a regex we can read"
    for key in _SUBSCHEMAS:
        if key in schema and not _is_schema(schema[key]):
            return f"{key} must be a schema (a mapping or a boolean)"
    additional = schema.get("additionalProperties")
    if additional is not None and not _is_schema(additional):
        return "additionalProperties must be a schema (a mapping or a boolean)"
    for key in _SCHEMA_LISTS:
        value = schema.get(key, [])
        if not isinstance(value, list) or not all(_is_schema(sub) for sub in value):
            return f"{key} must be a list of schemas"
    return None


def _value_problem(schema: dict[str, Any]) -> str | None:
    """The first counting, numeric or naming keyword whose value is of the wrong type."""
    for key in _COUNTS:
        if key in schema and not _is_count(schema[key]):
            return f"{key} must be a whole number of at least 0"
    for key in _NUMBERS:
        if key in schema and not _is_number(schema[key]):
            return f"{key} must be a finite number"
    if "multipleOf" in schema and schema["multipleOf"] <= 0:
        return "multipleOf must be above 0"
    declared = schema.get("type", "string")
    if not isinstance(declared, str) and not (
        isinstance(declared, list) and all(isinstance(item, str) for item in declared)
    ):
        return "type must be a type name or a list of them"
    required = schema.get("required", [])
    if not isinstance(required, list) or not all(isinstance(name, str) for name in required):
        return "required must be a list of names"
    if not isinstance(schema.get("enum", []), list):
        return "enum must be a list"
    for key in ("$ref", "pattern"):
        if key in schema and not isinstance(schema[key], str):
            return f"{key} must be a string"
    return None


def keyword_problem(schema: Any) -> str | None:
    """Why ``schema`` cannot be read as JSON Schema (a keyword of the wrong type), or ``None``.

    The loader does not validate specs unless asked, and ``from_schema`` takes any schema: a
    generator meets ``properties: {a: 5}`` or ``minimum: "0"`` and must say so, not crash.
    """
    if not _is_schema(schema):
        return f"a schema must be a mapping or a boolean, not {type(schema).__name__}"
    if isinstance(schema, bool):
        return None
    problem = _shape_problem(schema) or _value_problem(schema)
    return None if problem is None else f"{problem}, not {_shown(schema, problem)}"


def _shown(schema: dict[str, Any], problem: str) -> str:
    key = problem.split(" ", 1)[0]
    text = repr(schema.get(key))
    return text if len(text) <= 60 else text[:57] + "..."


def resolve_ref(root: Any, ref: str) -> Schema:
    """The schema a local ``#/…`` reference points to.

    Raises:
        SchemaGenerationError: The reference is not local or points to nothing usable.
    """
    if not ref.startswith("#"):
        raise SchemaGenerationError(f"only local '#/…' references can be followed, not {ref!r}")
    try:
        target = resolve_pointer(root, pointer_tokens(ref[1:]))
    except (KeyError, IndexError, ValueError, TypeError, LookupError):
        raise SchemaGenerationError(f"reference {ref!r} points to nothing") from None
    if not isinstance(target, dict | bool):
        raise SchemaGenerationError(f"reference {ref!r} does not point to a schema")
    return target


def without_annotations(schema: dict[str, Any]) -> dict[str, Any]:
    """The keywords that constrain values (annotations and ``x-`` extensions dropped)."""
    return {
        key: value
        for key, value in schema.items()
        if key not in ANNOTATIONS and not key.startswith("x-")
    }


def declared_types(schema: dict[str, Any]) -> tuple[str, ...]:
    """The JSON types a schema allows: its ``type``, else those its keywords constrain, else all."""
    declared = schema.get("type")
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list):
        return tuple(dict.fromkeys(t for t in declared if isinstance(t, str)))
    inferred = tuple(
        json_type
        for json_type, keywords in _KEYWORDS_BY_TYPE.items()
        if any(keyword in schema for keyword in keywords)
    )
    return inferred or JSON_TYPES


def is_of_type(value: Any, json_type: str) -> bool:
    """JSON Schema's ``type`` test (``1.0`` is an integer, ``true`` is not a number)."""
    if json_type == "null":
        return value is None
    if json_type == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if json_type == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    checks: dict[str, type | tuple[type, ...]] = {
        "number": (int, float),
        "string": str,
        "array": list,
        "object": dict,
    }
    expected = checks.get(json_type)
    return expected is not None and isinstance(value, expected)


def is_excluded(root: Any, schema: Schema, direction: Direction) -> bool:
    """Whether a property schema is ``readOnly`` (requests) or ``writeOnly`` (responses).

    The flag may sit on the property, behind its ``$ref`` chain, or in an ``allOf`` member.
    """
    flag = "readOnly" if direction == "request" else "writeOnly"
    seen: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if not isinstance(node, dict):
            continue
        if node.get(flag) is True:
            return True
        ref = node.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            seen.add(ref)
            try:
                pending.append(resolve_ref(root, ref))
            except SchemaGenerationError:
                continue
        members = node.get("allOf")
        if isinstance(members, list):
            pending.extend(members)
    return False
