"""Merge the parts of one schema (``$ref`` targets, ``allOf`` members …) into a view.

``allOf`` is a conjunction, so merging keeps the tightest of each bound, intersects types
and enums, and unites properties, ``required`` and pattern properties; each keyword keeps
the pointer of the part that stated it, so findings point at the real line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from versioning.diff.schema_view import BOUNDS, SchemaView, canonical
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.diff.model import SchemaKey

__all__ = ["NEVER_NODE", "Merged", "Part", "finish", "merge"]

_UPPER = frozenset(
    {"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxContains", "maxProperties"}
)
_NEUTRAL_LOWER = {"minLength": 0, "minItems": 0, "minProperties": 0, "minContains": 1}
"""Lower bounds whose value is the default: stating them changes nothing."""
_JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
_CHILD_KEYWORDS = ("not", "if", "then", "else", "contains", "propertyNames", "contentSchema")


class Part(msgspec.Struct, frozen=True):
    """One schema node contributing keywords (a ``$ref`` target, an ``allOf`` member …)."""

    pointer: str
    node: dict[str, Any]


NEVER_NODE: dict[str, Any] = {"not": {}}


class Merged:
    """Accumulates the keywords of one schema's parts into a :class:`SchemaView`."""

    def __init__(self, key: SchemaKey, pointer: str) -> None:
        self.key = key
        self.pointer = pointer
        self.values: dict[str, Any] = {}
        self.pointers: dict[str, str] = {}
        self.types: frozenset[str] | None = None
        self.bounds: dict[str, float] = {}
        self.properties: dict[str, list[str]] = {}
        self.required: set[str] = set()
        self.patterns: list[str] = []
        self.pattern_properties: dict[str, list[str]] = {}
        self.additional: list[str] = []
        self.items: list[str] = []
        self.children: dict[str, list[str]] = {}
        self.dependent_required: dict[str, set[str]] = {}
        self.dependent_schemas: dict[str, list[str]] = {}
        self.unevaluated: dict[str, list[str] | bool] = {}
        self.never = False
        self.nodes: dict[str, Any] = {}
        """Property nodes met while merging, by pointer: the view need not look them up."""


def merge(builder: Merged, part: Part) -> None:
    """Fold one part's keywords into the builder (an ``allOf`` is the conjunction)."""
    node, pointer = part.node, part.pointer
    if node is NEVER_NODE or node.get("not") == {}:
        builder.never = True
    _merge_type(builder, node.get("type"), pointer)
    # Most parts state a few keywords: skip each group of lookups none of them belongs to.
    keys = node.keys()
    if not keys.isdisjoint(_BOUND_KEYWORDS):
        for keyword in BOUNDS:
            value = node.get(keyword)
            if isinstance(value, int | float) and not isinstance(value, bool):
                _merge_bound(builder, keyword, float(value), f"{pointer}/{keyword}")
    if not keys.isdisjoint(_SCALAR_KEYWORDS):
        _merge_scalars(builder, node, pointer)
    if not keys.isdisjoint(_OBJECT_KEYWORDS):
        _merge_object(builder, node, pointer)
    if not keys.isdisjoint(_ARRAY_KEYWORDS):
        _merge_array(builder, node, pointer)


def _merge_type(builder: Merged, raw: Any, pointer: str) -> None:
    if raw is None:
        return
    listed = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    types = frozenset(t for t in listed if isinstance(t, str) and t in _JSON_TYPES and t != "null")
    builder.pointers.setdefault("type", f"{pointer}/type")
    if builder.types is None:
        builder.types = types
        return
    widened = {*builder.types, *(("integer",) if "number" in builder.types else ())}
    others = {*types, *(("integer",) if "number" in types else ())}
    merged = widened & others
    if "number" in merged:
        merged.discard("integer")
    builder.types = frozenset(merged)
    builder.pointers["type"] = f"{pointer}/type"


def _merge_bound(builder: Merged, keyword: str, value: float, pointer: str) -> None:
    if keyword in _NEUTRAL_LOWER and value <= _NEUTRAL_LOWER[keyword]:
        return
    current = builder.bounds.get(keyword)
    tighter = current is None or (value < current if keyword in _UPPER else value > current)
    if tighter:
        builder.bounds[keyword] = value
        builder.pointers[keyword] = pointer


_FIRST_WINS = (
    "discriminator",
    "format",
    "multipleOf",
    "contentMediaType",
    "contentEncoding",
    "title",
    "x-sunset",
    "x-stability-level",
)


_BOUND_KEYWORDS = frozenset(BOUNDS)
_SCALAR_KEYWORDS = frozenset(
    (
        *_FIRST_WINS,
        "enum",
        "x-extensible-enum",
        "const",
        "default",
        "readOnly",
        "writeOnly",
        "deprecated",
        "uniqueItems",
        "pattern",
    )
)
"""Every keyword :func:`_merge_scalars` reads (as the other sets, for its own function)."""
_OBJECT_KEYWORDS = frozenset(
    (
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "dependentSchemas",
        "dependentRequired",
        "unevaluatedProperties",
        "unevaluatedItems",
    )
)
_ARRAY_KEYWORDS = frozenset(("items", "prefixItems", *_CHILD_KEYWORDS))


def _merge_scalars(builder: Merged, node: dict[str, Any], pointer: str) -> None:
    for keyword in _FIRST_WINS:
        if keyword in node and keyword not in builder.values:
            builder.values[keyword] = node[keyword]
            builder.pointers[keyword] = f"{pointer}/{keyword}"
    for keyword in ("enum", "x-extensible-enum"):
        values = node.get(keyword)
        if isinstance(values, list):
            _merge_enum(builder, keyword, values, pointer)
    for keyword in ("const", "default"):
        if keyword in node and keyword not in builder.values:
            builder.values[keyword] = (node[keyword],)
            builder.pointers[keyword] = f"{pointer}/{keyword}"
    for flag in ("readOnly", "writeOnly", "deprecated", "uniqueItems"):
        if node.get(flag) is True and flag not in builder.values:
            builder.values[flag] = True
            builder.pointers[flag] = f"{pointer}/{flag}"
    pattern = node.get("pattern")
    if isinstance(pattern, str) and pattern not in builder.patterns:
        builder.patterns.append(pattern)
        builder.pointers.setdefault("pattern", f"{pointer}/pattern")


def _merge_enum(builder: Merged, keyword: str, values: list[Any], pointer: str) -> None:
    current = builder.values.get(keyword)
    kept = [value for value in values if value is not None]
    if current is None:
        builder.values[keyword] = kept
        builder.pointers[keyword] = f"{pointer}/{keyword}"
        return
    allowed = {canonical(value) for value in kept}
    builder.values[keyword] = [value for value in current if canonical(value) in allowed]


def _merge_object(builder: Merged, node: dict[str, Any], pointer: str) -> None:
    properties = node.get("properties")
    if isinstance(properties, dict):
        found = builder.properties
        for name, node_of_name in properties.items():
            token = name if "~" not in name and "/" not in name else join_pointer([name])[1:]
            child = f"{pointer}/properties/{token}"
            builder.nodes[child] = node_of_name
            if name in found:
                found[name].append(child)
            else:
                found[name] = [child]
    required = node.get("required")
    if isinstance(required, list):
        builder.required.update(name for name in required if isinstance(name, str))
        builder.pointers.setdefault("required", f"{pointer}/required")
    additional = node.get("additionalProperties")
    if additional is False:
        builder.values["additionalProperties"] = False
        builder.pointers["additionalProperties"] = f"{pointer}/additionalProperties"
    elif isinstance(additional, dict):
        builder.additional.append(f"{pointer}/additionalProperties")
        builder.pointers.setdefault("additionalProperties", f"{pointer}/additionalProperties")
    _merge_keyed(
        builder.pattern_properties, node.get("patternProperties"), pointer, "patternProperties"
    )
    _merge_keyed(
        builder.dependent_schemas, node.get("dependentSchemas"), pointer, "dependentSchemas"
    )
    dependent = node.get("dependentRequired")
    if isinstance(dependent, dict):
        for name, needs in dependent.items():
            if isinstance(needs, list):
                builder.dependent_required.setdefault(name, set()).update(map(str, needs))
        builder.pointers.setdefault("dependentRequired", f"{pointer}/dependentRequired")
    for keyword in ("unevaluatedProperties", "unevaluatedItems"):
        if keyword in node:
            _merge_unevaluated(builder, keyword, node[keyword], pointer)


def _merge_keyed(found: dict[str, list[str]], raw: Any, pointer: str, keyword: str) -> None:
    if isinstance(raw, dict):
        for name in raw:
            found.setdefault(name, []).append(f"{pointer}/{keyword}{join_pointer([name])}")


def _merge_unevaluated(builder: Merged, keyword: str, value: Any, pointer: str) -> None:
    builder.pointers.setdefault(keyword, f"{pointer}/{keyword}")
    if value is False:
        builder.unevaluated[keyword] = False
    elif isinstance(value, dict) and builder.unevaluated.get(keyword) is not False:
        listed = builder.unevaluated.setdefault(keyword, [])
        if isinstance(listed, list):
            listed.append(f"{pointer}/{keyword}")


def _merge_array(builder: Merged, node: dict[str, Any], pointer: str) -> None:
    items = node.get("items")
    if items is False:
        builder.values["items"] = False
        builder.pointers["items"] = f"{pointer}/items"
    elif isinstance(items, dict):
        builder.items.append(f"{pointer}/items")
        builder.pointers.setdefault("items", f"{pointer}/items")
    prefix = node.get("prefixItems")
    if isinstance(prefix, list) and "prefixItems" not in builder.values:
        builder.values["prefixItems"] = [f"{pointer}/prefixItems/{i}" for i in range(len(prefix))]
        builder.pointers["prefixItems"] = f"{pointer}/prefixItems"
    for keyword in _CHILD_KEYWORDS:
        if keyword in node and not (keyword == "not" and node[keyword] == {}):
            builder.children.setdefault(keyword, []).append(f"{pointer}/{keyword}")
            builder.pointers.setdefault(keyword, f"{pointer}/{keyword}")


def finish(
    builder: Merged,
    target: Callable[[str], str],
    *,
    nullable: bool,
    combinators: dict[str, list[str]],
    refs: set[str],
    all_of_refs: set[str],
    all_of_inline: list[str],
) -> SchemaView:
    """The view of the merged parts; ``target`` follows a pure ``$ref`` chain to a key."""
    values = builder.values

    def keyed(pointers: list[str]) -> SchemaKey:
        return tuple(map(target, pointers))

    enum = values.get("enum")
    extensible = values.get("x-extensible-enum")
    prefix = values.get("prefixItems")
    types = frozenset() if builder.never else builder.types
    # Each comprehension is a call even when empty, as most of these are: skip those.
    properties, unevaluated = builder.properties, builder.unevaluated
    return SchemaView(
        key=builder.key,
        pointer=builder.pointer,
        never=builder.never,
        types=types,
        nullable=nullable,
        enum=tuple(enum) if enum is not None else None,
        extensible_enum=tuple(extensible) if extensible is not None else None,
        const=values.get("const"),
        format=_text(values.get("format")),
        patterns=tuple(sorted(builder.patterns)),
        bounds=builder.bounds,
        multiple_of=_number(values.get("multipleOf")),
        unique_items=values.get("uniqueItems") is True,
        properties={name: keyed(found) for name, found in properties.items()} if properties else {},
        property_pointers={name: found[0] for name, found in properties.items()}
        if properties
        else {},
        required=frozenset(builder.required),
        additional=keyed(builder.additional) if builder.additional else None,
        additional_forbidden=values.get("additionalProperties") is False,
        pattern_properties={p: keyed(f) for p, f in builder.pattern_properties.items()}
        if builder.pattern_properties
        else {},
        items=keyed(builder.items) if builder.items else None,
        items_forbidden=values.get("items") is False,
        prefix_items=tuple((target(p),) for p in prefix) if prefix else (),
        any_of=_branch_keys(target, combinators.get("anyOf")),
        one_of=_branch_keys(target, combinators.get("oneOf")),
        children={name: keyed(found) for name, found in builder.children.items()}
        if builder.children
        else {},
        dependent_required={k: frozenset(v) for k, v in builder.dependent_required.items()}
        if builder.dependent_required
        else {},
        dependent_schemas={k: keyed(v) for k, v in builder.dependent_schemas.items()}
        if builder.dependent_schemas
        else {},
        unevaluated={k: (keyed(v) if isinstance(v, list) else v) for k, v in unevaluated.items()}
        if unevaluated
        else {},
        content_media_type=_text(values.get("contentMediaType")),
        content_encoding=_text(values.get("contentEncoding")),
        read_only=values.get("readOnly") is True,
        write_only=values.get("writeOnly") is True,
        deprecated=values.get("deprecated") is True,
        default=values.get("default"),
        sunset=_scalar_text(values.get("x-sunset")),
        stability=_text(values.get("x-stability-level")),
        title=_text(values.get("title")),
        discriminator=_discriminator(values.get("discriminator")),
        ref_names=frozenset(refs),
        all_of_refs=frozenset(all_of_refs),
        all_of_inline=tuple(all_of_inline),
        pointers=builder.pointers,
    )


def _branch_keys(
    target: Callable[[str], str], pointers: list[str] | None
) -> tuple[SchemaKey, ...] | None:
    if pointers is None:
        return None
    return tuple((target(pointer),) for pointer in pointers)


def _discriminator(value: Any) -> tuple[str, dict[str, str]] | None:
    """``(propertyName, mapping)`` of a discriminator object, if it is one."""
    if not isinstance(value, dict) or not isinstance(value.get("propertyName"), str):
        return None
    mapping = value.get("mapping")
    pairs = mapping.items() if isinstance(mapping, dict) else ()
    return value["propertyName"], {str(k): str(v) for k, v in pairs}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _scalar_text(value: Any) -> str | None:
    return None if value is None or isinstance(value, dict | list) else str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None
