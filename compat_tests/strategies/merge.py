"""``allOf`` merged into one schema, so most values are generated directly instead of filtered.

Keywords both members set are intersected (types, enums, bounds, required names, property
schemas); what cannot be intersected exactly is returned as a *residual*: schemas every value
must also satisfy, checked by a filter.
"""

from __future__ import annotations

import math
import re
from typing import Any

import msgspec

from compat_tests.errors import SchemaGenerationError, UnsatisfiableSchemaError
from compat_tests.schema_keywords import ANNOTATIONS, Schema, keyword_problem, resolve_ref
from compat_tests.strategies.json_values import canonical

__all__ = ["Merged", "conjoin", "merge_all_of"]

_LOWER_BOUNDS = frozenset(
    {"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"}
)
_UPPER_BOUNDS = frozenset(
    {"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"}
)
_SUBSCHEMAS = frozenset({"items", "propertyNames", "contains"})
_FLAGS = frozenset({"uniqueItems", "readOnly", "writeOnly", "deprecated"})
_OBJECT_SHAPE = ("properties", "patternProperties", "additionalProperties")


class Merged(msgspec.Struct, frozen=True, kw_only=True):
    """An ``allOf`` as one schema, plus the members' parts that could not be folded in."""

    schema: dict[str, Any]
    residual: tuple[Schema, ...] = ()


def conjoin(left: Schema | None, right: Schema | None) -> Schema | None:
    """Both schemas at once, lazily: ``None`` means unconstrained, ``True`` is dropped."""
    if left is None or left is True:
        return right
    if right is None or right is True:
        return left
    if left is False or right is False:
        return False
    if left == right:
        return left
    return {"allOf": [left, right]}


def _flatten(schema: Schema, root: Any, seen: frozenset[str]) -> list[Schema]:
    """The members of a schema's ``allOf``/``$ref`` tree, each without ``allOf`` or ``$ref``."""
    problem = keyword_problem(schema)
    if problem is not None:  # every member is read below: a keyword of the wrong type stops here
        raise SchemaGenerationError(problem)
    if isinstance(schema, bool):
        return [schema]
    own = {key: value for key, value in schema.items() if key not in ("allOf", "$ref")}
    members: list[Schema] = [own]
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref not in seen:
        members.extend(_flatten(resolve_ref(root, ref), root, seen | {ref}))
    for member in schema.get("allOf", ()):
        members.extend(_flatten(member, root, seen))
    return members


def _intersect_types(left: Any, right: Any) -> list[str]:
    mine = {left} if isinstance(left, str) else set(left)
    theirs = {right} if isinstance(right, str) else set(right)
    common = mine & theirs
    if ("integer" in mine and "number" in theirs) or ("number" in mine and "integer" in theirs):
        common.add("integer")
    if not common:
        raise UnsatisfiableSchemaError(f"allOf asks for type {left!r} and type {right!r} at once")
    return sorted(common)


def _intersect_enums(left: list[Any], right: list[Any]) -> list[Any]:
    keys = {canonical(value) for value in right}
    common = [value for value in left if canonical(value) in keys]
    if not common:
        raise UnsatisfiableSchemaError("allOf members' enums have no value in common")
    return common


def _implied(schema: dict[str, Any], name: str) -> Schema | None:
    """What ``schema`` demands of a property it does not declare by name."""
    matching = [
        sub
        for pattern, sub in schema.get("patternProperties", {}).items()
        if re.search(pattern, name)
    ]
    if matching:
        result: Schema | None = None
        for sub in matching:
            result = conjoin(result, sub)
        return result
    return schema.get("additionalProperties")


def _merge_object_shape(left: dict[str, Any], right: dict[str, Any], into: dict[str, Any]) -> None:
    """Properties, pattern properties and additional properties of two members, combined.

    A name only one member declares still has to satisfy what the other says of undeclared
    names (its ``additionalProperties``: ``false`` forbids the name outright).
    """
    mine, theirs = left.get("properties", {}), right.get("properties", {})
    properties: dict[str, Schema] = {}
    for name in {**mine, **theirs}:
        first = mine[name] if name in mine else _implied(left, name)
        second = theirs[name] if name in theirs else _implied(right, name)
        combined = conjoin(first, second)
        properties[name] = True if combined is None else combined
    if properties:
        into["properties"] = properties
    patterns: dict[str, Schema] = dict(left.get("patternProperties", {}))
    for pattern, sub in right.get("patternProperties", {}).items():
        combined = conjoin(patterns.get(pattern), sub)
        patterns[pattern] = True if combined is None else combined
    if patterns:
        into["patternProperties"] = patterns
    additional = conjoin(left.get("additionalProperties"), right.get("additionalProperties"))
    if additional is not None:
        into["additionalProperties"] = additional


def _merge_keyword(key: str, mine: Any, theirs: Any, residual: list[Schema]) -> Any:
    """One keyword both members set, intersected (or ``mine`` with ``theirs`` as residual)."""
    if mine == theirs:
        return mine
    if key == "type":
        return _intersect_types(mine, theirs)
    if key == "enum":
        return _intersect_enums(mine, theirs)
    if key == "const":
        raise UnsatisfiableSchemaError(f"allOf asks for const {mine!r} and {theirs!r} at once")
    if key in _LOWER_BOUNDS:
        return max(mine, theirs)
    if key in _UPPER_BOUNDS:
        return min(mine, theirs)
    if key == "required":
        return list(dict.fromkeys([*mine, *theirs]))
    if key in _FLAGS:
        return bool(mine or theirs)
    if key in _SUBSCHEMAS:
        return conjoin(mine, theirs)
    if key == "multipleOf" and isinstance(mine, int) and isinstance(theirs, int):
        return math.lcm(mine, theirs)
    if key in ANNOTATIONS or key.startswith("x-"):
        return mine
    residual.append({key: theirs})
    return mine


def _merge_pair(
    left: dict[str, Any], right: dict[str, Any], residual: list[Schema]
) -> dict[str, Any]:
    result = {key: value for key, value in left.items() if key not in _OBJECT_SHAPE}
    for key, value in right.items():
        if key in _OBJECT_SHAPE:
            continue
        result[key] = _merge_keyword(key, result[key], value, residual) if key in result else value
    _merge_object_shape(left, right, result)
    return result


def merge_all_of(schema: dict[str, Any], root: Any) -> Merged:
    """Fold a schema with ``allOf`` (and ``$ref`` siblings) into one schema plus a residual.

    Raises:
        UnsatisfiableSchemaError: The members contradict each other.
        SchemaGenerationError: A member's ``$ref`` points to nothing, or a member has a
            keyword of the wrong type.
    """
    residual: list[Schema] = []
    merged: dict[str, Any] = {}
    for member in _flatten(schema, root, frozenset()):
        if member is False:
            raise UnsatisfiableSchemaError("an allOf member is the schema 'false'")
        if member is True:
            continue
        merged = _merge_pair(merged, member, residual)
    return Merged(schema=merged, residual=tuple(residual))
