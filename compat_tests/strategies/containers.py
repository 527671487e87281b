"""Arrays and objects: sizes, uniqueness, required and optional properties, extra keys.

Objects leave out ``readOnly`` properties in requests and ``writeOnly`` ones in responses
(even required ones, as OpenAPI says). Optional properties no value can be built for are
left out too, and recorded in the builder's ``omissions``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from compat_tests.errors import (
    SchemaGenerationError,
    TooDeepError,
    UnsatisfiableSchemaError,
)
from compat_tests.schema_keywords import MOST_GENERATED, Schema, is_excluded
from compat_tests.strategies.json_values import canonical
from compat_tests.strategies.merge import conjoin

if TYPE_CHECKING:
    from compat_tests.strategies.builder import SchemaStrategies

__all__ = ["array_strategy", "object_strategy"]

_SPARE_ITEMS = 3
_SPARE_PROPERTIES = 3


def _whole(value: float | None) -> int | None:
    """A size keyword as an int (JSON Schema allows ``5.0``; Hypothesis sizes must be ints)."""
    return None if value is None else int(value)


def _size_limits(minimum: int, maximum: int | None, shallow: bool, what: str) -> tuple[int, int]:
    if maximum is not None and minimum > maximum:
        raise UnsatisfiableSchemaError(f"min{what} {minimum} is above max{what} {maximum}")
    if minimum > MOST_GENERATED:
        raise SchemaGenerationError(
            f"min{what} {minimum} asks for more than the {MOST_GENERATED} {what.lower()}"
            " the generators build"
        )
    upper = minimum if shallow else minimum + _SPARE_ITEMS
    return minimum, upper if maximum is None else min(upper, maximum)


@st.composite
def _arrays(
    draw: st.DrawFn,
    *,
    prefix: list[st.SearchStrategy[Any]],
    element: st.SearchStrategy[Any] | None,
    contained: st.SearchStrategy[Any] | None,
    lower: int,
    rest_upper: int,
    unique: bool,
) -> list[Any]:
    head = [draw(strategy) for strategy in prefix]
    tail: list[Any] = []
    if element is not None:
        tail = draw(
            st.lists(
                element,
                min_size=min(max(0, lower - len(head)), rest_upper),
                max_size=rest_upper,
                unique_by=canonical if unique else None,
            )
        )
    if contained is not None:
        tail.insert(draw(st.integers(0, len(tail))), draw(contained))
    return head + tail


def array_strategy(
    builder: SchemaStrategies, schema: dict[str, Any], depth: int
) -> st.SearchStrategy[list[Any]]:
    """Lists for ``items``, ``prefixItems``, size limits, ``uniqueItems`` and ``contains``."""
    lower, upper = _size_limits(
        int(schema.get("minItems", 0)),
        _whole(schema.get("maxItems")),
        builder.is_shallow(depth),
        "Items",
    )
    prefix = [builder.build(item, depth) for item in schema.get("prefixItems", [])[:upper]]
    items: Schema = schema.get("items", True)
    element: st.SearchStrategy[Any] | None = None
    if items is not False and upper > len(prefix):
        try:
            element = builder.build(items, depth)
        except SchemaGenerationError:
            if lower > len(prefix):
                raise
    if element is None and lower > len(prefix):
        raise UnsatisfiableSchemaError(f"minItems {lower} needs items the schema forbids")
    contained = (
        builder.build(conjoin(items, schema["contains"]) or True, depth)
        if ("contains" in schema)
        else None
    )
    unique = schema.get("uniqueItems") is True
    rest_upper = max(0, upper - len(prefix) - (1 if contained is not None else 0))

    strategy = _arrays(
        prefix=prefix,
        element=element,
        contained=contained,
        lower=lower,
        rest_upper=rest_upper,
        unique=unique,
    )
    if unique or prefix or contained is not None:
        strategy = strategy.filter(
            lambda value: (
                lower <= len(value) <= upper
                and (not unique or len({canonical(item) for item in value}) == len(value))
            )
        )
    return strategy


def _property_schema(schema: dict[str, Any], name: str) -> Schema:
    """What ``schema`` says of property ``name``: declared, pattern-matched, else additional."""
    declared = schema.get("properties", {})
    if name in declared:
        return declared[name]  # type: ignore[no-any-return]
    matched: Schema | None = None
    for pattern, sub in schema.get("patternProperties", {}).items():
        if re.search(pattern, name):
            matched = conjoin(matched, sub)
    if matched is not None:
        return matched
    additional = schema.get("additionalProperties", True)
    return True if additional is None else additional


class _Fields:
    """The properties an object strategy draws from, sorted into required and optional."""

    def __init__(self, builder: SchemaStrategies, schema: dict[str, Any], depth: int) -> None:
        self.required: dict[str, st.SearchStrategy[Any]] = {}
        self.optional: dict[str, st.SearchStrategy[Any]] = {}
        names = schema.get("propertyNames")

        def allowed(name: str) -> bool:
            return names is None or builder.is_valid(names, name)

        for name in dict.fromkeys(schema.get("required", [])):
            sub = _property_schema(schema, name)
            if is_excluded(builder.root, sub, builder.direction):
                continue
            if sub is False or not allowed(name):
                raise UnsatisfiableSchemaError(f"required property {name!r} is not allowed")
            self.required[name] = builder.build(sub, depth)
        keep_optional = not builder.is_shallow(depth) or schema.get("minProperties", 0) > len(
            self.required
        )
        for name, sub in schema.get("properties", {}).items():
            if not keep_optional or name in self.required or sub is False or not allowed(name):
                continue
            if is_excluded(builder.root, sub, builder.direction):
                continue
            try:
                self.optional[name] = builder.build(sub, depth)
            except SchemaGenerationError as error:
                if not isinstance(error, TooDeepError):
                    builder.omissions.append(
                        f"optional property {name!r} left out: {error.message}"
                    )


def _extra_entries(
    builder: SchemaStrategies, schema: dict[str, Any], depth: int
) -> st.SearchStrategy[tuple[str, Any]] | None:
    """Entries for names the schema does not declare, or ``None`` when none may be added."""
    declared = set(schema.get("properties", {}))
    patterns = schema.get("patternProperties", {})
    names_schema = schema.get("propertyNames")
    additional = schema.get("additionalProperties", True)
    options: list[st.SearchStrategy[tuple[str, Any]]] = []

    def fresh(name: str) -> bool:
        return name not in declared and (
            names_schema is None or builder.is_valid(names_schema, name)
        )

    for pattern, sub in patterns.items():
        try:
            values = builder.build(sub, depth)
        except SchemaGenerationError:
            continue
        keys = st.from_regex(pattern, alphabet=builder.alphabet).filter(
            lambda name: fresh(name) and sum(bool(re.search(p, name)) for p in patterns) == 1
        )
        options.append(st.tuples(keys, values))
    if additional is not False and additional is not None:
        key_schema = conjoin(names_schema, {"type": "string"}) or {"type": "string"}
        try:
            keys = builder.build(key_schema, depth).filter(
                lambda name: fresh(name) and not any(re.search(p, name) for p in patterns)
            )
            values = builder.build(additional, depth)
            options.append(st.tuples(keys, values))
        except SchemaGenerationError:
            pass
    return st.one_of(options) if options else None


@st.composite
def _objects(
    draw: st.DrawFn,
    fields: _Fields,
    extras: st.SearchStrategy[tuple[str, Any]] | None,
    lowest: int,
    highest: int | None,
) -> dict[str, Any]:
    result = {name: draw(strategy) for name, strategy in fields.required.items()}
    optional_names = sorted(fields.optional)
    if optional_names:
        room = len(optional_names) if highest is None else highest - len(result)
        missing = max(0, lowest - len(result))
        chosen = draw(
            st.lists(
                st.sampled_from(optional_names),
                unique=True,
                min_size=min(missing, len(optional_names)) if extras is None else 0,
                max_size=max(0, min(room, len(optional_names))),
            )
        )
        for name in chosen:
            result[name] = draw(fields.optional[name])
    if extras is not None:
        missing = max(0, lowest - len(result))
        limit = missing + _SPARE_PROPERTIES
        if highest is not None:
            limit = min(limit, highest - len(result))
        entries = st.lists(
            extras, min_size=missing, max_size=max(missing, limit), unique_by=lambda e: e[0]
        )
        for key, value in draw(entries):
            result.setdefault(key, value)
    return result


def object_strategy(
    builder: SchemaStrategies, schema: dict[str, Any], depth: int
) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts with every required property, some optional ones and some extra entries."""
    fields = _Fields(builder, schema, depth)
    lowest, highest = int(schema.get("minProperties", 0)), _whole(schema.get("maxProperties"))
    if lowest > MOST_GENERATED:
        raise SchemaGenerationError(
            f"minProperties {lowest} asks for more than the {MOST_GENERATED} members"
            " the generators build"
        )
    if highest is not None and len(fields.required) > highest:
        raise UnsatisfiableSchemaError(
            f"{len(fields.required)} required properties exceed maxProperties {highest}"
        )
    wants_extras = lowest > len(fields.required) + len(fields.optional) or (
        not builder.is_shallow(depth) and "additionalProperties" in schema
    )
    extras = _extra_entries(builder, schema, depth) if wants_extras else None
    if extras is None and lowest > len(fields.required) + len(fields.optional):
        raise UnsatisfiableSchemaError(f"minProperties {lowest} is more than the schema allows")

    return _objects(fields, extras, lowest, highest).filter(
        lambda value: lowest <= len(value) and (highest is None or len(value) <= highest)
    )
