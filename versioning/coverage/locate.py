"""The schemas a property path of a finding leads to, in one version's body schema.

A path such as ``data[].amount.value`` is walked through properties (``allOf`` parts and
``oneOf``/``anyOf`` branches included), array items (``[]``) and map values (``*``). Every
schema the path can end in is returned: a property declared by two branches gives two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["resolve", "schemas_at"]

_MAX_DEPTH = 48
_BRANCHES = ("allOf", "oneOf", "anyOf")


def resolve(spec: Spec, schema: Any) -> Any:
    """``schema`` with its ``$ref`` chain followed (``None`` when it leads nowhere)."""
    for _ in range(_MAX_DEPTH):
        if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
            return schema
        try:
            schema = spec.resolve(schema["$ref"])
        except (LookupError, ValueError):
            return None
    return None


def _children(spec: Spec, schema: Any, segment: str, depth: int, found: list[Any]) -> None:
    """Append every sub-schema ``segment`` leads to from ``schema``."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return
    if segment == "[]":
        items = schema.get("items")
        if isinstance(items, dict):
            found.append(items)
    elif segment == "*":
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            found.append(extra)
    else:
        properties = schema.get("properties")
        if isinstance(properties, dict) and isinstance(properties.get(segment), dict | bool):
            found.append(properties[segment])
        elif isinstance(schema.get("additionalProperties"), dict) and not _declares(schema):
            found.append(schema["additionalProperties"])
    for keyword in _BRANCHES:
        branches = schema.get(keyword)
        if isinstance(branches, list):
            for branch in branches:
                _children(spec, branch, segment, depth + 1, found)


def _declares(schema: dict[str, Any]) -> bool:
    return isinstance(schema.get("properties"), dict) and bool(schema["properties"])


def schemas_at(spec: Spec, schema: Any, segments: tuple[str, ...]) -> list[Any]:
    """Every schema the property path ``segments`` leads to from ``schema`` (deduplicated)."""
    current = [schema]
    for segment in segments:
        following: list[Any] = []
        for node in current:
            _children(spec, node, segment, 0, following)
        unique: dict[int, Any] = {}
        for node in following:
            unique.setdefault(id(node), node)
        current = list(unique.values())
        if not current:
            return []
    return current
