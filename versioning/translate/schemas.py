"""Questions about the schemas of a spec that compiling and checking steps ask."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from versioning.spec.location import pointer_tokens

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.spec.model import JsonObject, Operation, Spec

__all__ = [
    "COMPONENT_PREFIX",
    "component_name",
    "enum_values",
    "find_property",
    "operation_schemas",
    "reachable_components",
    "response_for_status",
    "subschemas",
]

COMPONENT_PREFIX = "#/components/schemas/"
_CHILD = ("items", "additionalProperties", "contains", "unevaluatedProperties", "unevaluatedItems")
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAPS = ("properties", "patternProperties")


def component_name(ref: str) -> str | None:
    """``"#/components/schemas/Money"`` → ``"Money"``; other references → ``None``."""
    if not ref.startswith(COMPONENT_PREFIX):
        return None
    tokens = pointer_tokens(ref[1:])
    return tokens[2] if len(tokens) == 3 else None


def subschemas(schema: Any) -> Iterator[Any]:
    """The direct sub-schemas of ``schema`` that payload values can be checked against."""
    if not isinstance(schema, dict):
        return
    for key in _CHILD:
        child = schema.get(key)
        if isinstance(child, dict):
            yield child
    for key in _LISTS:
        children = schema.get(key)
        if isinstance(children, list):
            yield from (child for child in children if isinstance(child, dict))
    for key in _MAPS:
        children = schema.get(key)
        if isinstance(children, dict):
            yield from (child for child in children.values() if isinstance(child, dict))


def _deref(spec: Spec, schema: Any) -> Any:
    seen = 0
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 64:
        try:
            schema = spec.resolve(schema["$ref"])
        except LookupError:
            return None
        seen += 1
    return schema


def _variants(spec: Spec, schema: Any, depth: int = 0) -> Iterator[JsonObject]:
    """``schema`` and, through ``$ref``, ``allOf``, ``anyOf`` and ``oneOf``, its alternatives."""
    schema = _deref(spec, schema)
    if not isinstance(schema, dict) or depth > 16:
        return
    yield schema
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) or ():
            yield from _variants(spec, branch, depth + 1)


def find_property(spec: Spec, schema: Any, tokens: tuple[str, ...]) -> JsonObject | None:
    """The schema of the property at dotted ``tokens`` below ``schema``, if declared."""
    current: Any = schema
    for token in tokens:
        found = None
        for variant in _variants(spec, current):
            properties = variant.get("properties")
            if isinstance(properties, dict) and token in properties:
                found = properties[token]
                break
        if found is None:
            return None
        current = found
    resolved = _deref(spec, current)
    return resolved if isinstance(resolved, dict) else None


def enum_values(spec: Spec, schema: Any) -> list[Any] | None:
    """The values an enum (or ``const``) schema allows, or ``None`` when it is open."""
    values: list[Any] = []
    constrained = False
    for variant in _variants(spec, schema):
        if "enum" in variant and isinstance(variant["enum"], list):
            values.extend(variant["enum"])
            constrained = True
        if "const" in variant:
            values.append(variant["const"])
            constrained = True
    return values if constrained else None


def response_for_status(operation: Operation, status: int | str) -> Any:
    """The operation's response for ``status``: exact code, then ``4XX``-style, then default."""
    text = str(status)
    responses = operation.responses
    return (
        responses.get(text)
        or responses.get(f"{text[:1]}XX")
        or responses.get(f"{text[:1]}xx")
        or responses.get("default")
    )


def operation_schemas(operation: Operation) -> Iterator[Any]:
    """Every schema an operation's parameters, request body and responses use."""
    for parameter in operation.parameters:
        if parameter.schema is not None:
            yield parameter.schema
    if operation.request_body is not None:
        for media in operation.request_body.content.values():
            if media.schema is not None:
                yield media.schema
    for response in operation.responses.values():
        for media in response.content.values():
            if media.schema is not None:
                yield media.schema


def reachable_components(spec: Spec, roots: list[Any] | None = None) -> set[str]:
    """Names of the component schemas reachable from ``roots`` (default: every operation)."""
    if roots is None:
        roots = [schema for operation in spec.operations for schema in operation_schemas(operation)]
    seen_refs: set[str] = set()
    names: set[str] = set()
    stack = list(roots)
    while stack:
        schema = stack.pop()
        if not isinstance(schema, dict):
            continue
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref not in seen_refs:
            seen_refs.add(ref)
            name = component_name(ref)
            if name is not None:
                names.add(name)
            with contextlib.suppress(LookupError):
                stack.append(spec.resolve(ref))
        stack.extend(subschemas(schema))
    return names
