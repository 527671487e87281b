"""The effective schema: ``$ref``, ``allOf`` and null-spellings folded into one flat view.

Comparing schemas textually reports refactorings as changes (oasdiff issues #106, #154,
#766, #398). So before comparing, each schema is reduced to what it *accepts*: ``$ref``
chains are followed, ``allOf`` members are merged into one set of keywords (properties
united, bounds tightened, types intersected), a single-branch ``anyOf``/``oneOf`` is the
branch itself, and "or null" — ``type: [T, "null"]``, a ``{type: "null"}`` branch, ``enum``
with ``null`` (all three forms the loader gives 3.0's ``nullable``) — becomes one flag.
Each keyword keeps the pointer it came from, so findings point at the real line.

This module holds the value; :mod:`versioning.diff.view_builder` builds and caches the view
of every schema of a document.
"""

from __future__ import annotations

from typing import Any

import msgspec

from versioning.diff.model import SchemaKey

__all__ = ["BOUNDS", "SchemaView", "canonical", "implied_types", "json_type"]

BOUNDS: tuple[str, ...] = (
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxContains",
    "maxProperties",
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minContains",
    "minProperties",
)


def canonical(value: Any) -> str:
    """A hashable canonical form of a JSON value (key order and ``1``/``1.0`` do not matter)."""
    return msgspec.json.encode(_canonical_value(value), order="sorted").decode()


def _canonical_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical_value(item) for item in value]
    return value


class SchemaView(msgspec.Struct, frozen=True, kw_only=True):
    """What one schema accepts, with the pointer each keyword came from.

    ``types`` holds the non-null JSON types (``None``: any type); ``nullable`` says whether
    ``null`` is accepted. Subschemas are :data:`SchemaKey`s, compared lazily. ``pointers``
    maps a keyword to the pointer of the node that stated it.
    """

    key: SchemaKey
    pointer: str
    never: bool = False
    types: frozenset[str] | None = None
    nullable: bool = True
    enum: tuple[Any, ...] | None = None
    extensible_enum: tuple[Any, ...] | None = None
    const: tuple[Any] | None = None
    format: str | None = None
    patterns: tuple[str, ...] = ()
    bounds: dict[str, float] = msgspec.field(default_factory=dict)
    multiple_of: float | None = None
    unique_items: bool = False
    properties: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    property_pointers: dict[str, str] = msgspec.field(default_factory=dict)
    required: frozenset[str] = frozenset()
    additional: SchemaKey | None = None
    """``None``: any extra property is accepted; ``("!never",)``-style keys never occur:
    ``additional_forbidden`` says ``additionalProperties: false``."""
    additional_forbidden: bool = False
    pattern_properties: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    items: SchemaKey | None = None
    items_forbidden: bool = False
    prefix_items: tuple[SchemaKey, ...] = ()
    any_of: tuple[SchemaKey, ...] | None = None
    one_of: tuple[SchemaKey, ...] | None = None
    children: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    """``not``, ``if``, ``then``, ``else``, ``contains``, ``propertyNames``, ``contentSchema``."""
    dependent_required: dict[str, frozenset[str]] = msgspec.field(default_factory=dict)
    dependent_schemas: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    unevaluated: dict[str, SchemaKey | bool] = msgspec.field(default_factory=dict)
    content_media_type: str | None = None
    content_encoding: str | None = None
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    default: tuple[Any] | None = None
    sunset: str | None = None
    stability: str | None = None
    title: str | None = None
    discriminator: tuple[str, dict[str, str]] | None = None
    """``(propertyName, mapping)`` of the schema's discriminator (a deserialization hint)."""
    ref_names: frozenset[str] = frozenset()
    """Pointers of the ``$ref`` targets this schema stands for (for matching branches)."""
    all_of_refs: frozenset[str] = frozenset()
    """``$ref`` targets listed under ``allOf`` (structure only, never semantics)."""
    all_of_inline: tuple[str, ...] = ()
    """Pointers of the ``allOf`` members written in place (structure only)."""
    pointers: dict[str, str] = msgspec.field(default_factory=dict)


def json_type(value: Any) -> str:
    """The JSON Schema type of a JSON value (``1.0`` is an integer, as JSON Schema says)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "null"


def implied_types(view: SchemaView) -> frozenset[str] | None:
    """The view's types, or the ones its keywords imply when ``type`` is left out.

    ``{properties: …}`` without ``type`` also accepts strings in JSON Schema, but every
    reader (and every code generator) takes it for an object: writing ``type: object``
    next to it later is a clarification, not a narrowing. Likewise ``{const: card}`` is a
    string, and ``{enum: [1, 2]}`` an integer.
    """
    if view.types is not None:
        return view.types
    if view.any_of is not None or view.one_of is not None:
        return None
    listed = view.const if view.const is not None else view.enum
    if listed:
        found = frozenset(json_type(value) for value in listed if value is not None)
        return found or None
    if view.properties or view.required or view.additional or view.pattern_properties:
        return frozenset({"object"})
    if view.items or view.prefix_items:
        return frozenset({"array"})
    return None
