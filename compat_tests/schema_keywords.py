"""What a JSON Schema 2020-12 node says, read the way the generators need it.

Schemas here are the loader's normalised form: plain dicts (or booleans) whose ``$ref``s are
local ``#/…`` pointers into one root document.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from compat_tests.errors import SchemaGenerationError
from versioning.spec.location import pointer_tokens, resolve_pointer

__all__ = [
    "ANNOTATIONS",
    "JSON_TYPES",
    "Direction",
    "Schema",
    "declared_types",
    "is_excluded",
    "is_of_type",
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
