"""Members a message carries that its version does not declare.

Schemas usually allow extra members, so a field added in a later version still validates in
an older one; a client of that version must nevertheless never see it ("every byte in its
own version"). Strict checks report such members. Only objects whose schema lists
``properties`` are checked (``allOf`` parts count as one object, any ``oneOf``/``anyOf``
branch may declare a member); maps and free-form objects are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.messages.scalars import resolved

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.spec.model import Spec

__all__ = ["undeclared_members"]

_MAX_DEPTH = 64
_MOST_CACHED = 4096
_DECLARED: dict[tuple[int, int], tuple[Spec, Any, dict[str, Any] | None]] = {}
"""``_declared`` by ``(id(spec), id(schema))``, holding both so neither id can be reused."""


def _declared(spec: Spec, schema: Any, depth: int = 0) -> dict[str, Any] | None:
    """Property name → schema the object declares; ``None`` when it takes any member."""
    schema = resolved(schema, spec)
    if schema is None or depth > _MAX_DEPTH:
        return None
    if schema.get("additionalProperties") not in (None, False) or schema.get("patternProperties"):
        return None
    declared: dict[str, Any] = {}
    properties = schema.get("properties")
    listed = isinstance(properties, dict)
    if listed:
        declared.update(properties)
    for part in schema.get("allOf") or ():
        found = _declared(spec, part, depth + 1)
        if found is None:
            if _is_object_schema(spec, part):
                return None
            continue
        listed = True
        declared.update(found)
    branches = [*(schema.get("oneOf") or ()), *(schema.get("anyOf") or ())]
    for branch in branches:
        found = _declared(spec, branch, depth + 1)
        if found is None:
            if _is_object_schema(spec, branch):
                return None
            continue
        listed = True
        for name, member in found.items():
            declared.setdefault(name, member)
    return declared if listed else None


def _declared_once(spec: Spec, schema: Any) -> dict[str, Any] | None:
    """:func:`_declared`, worked out once per schema: strict checks run on every response."""
    key = (id(spec), id(schema))
    cached = _DECLARED.get(key)
    if cached is not None and cached[0] is spec and cached[1] is schema:
        return cached[2]
    found = _declared(spec, schema)
    if len(_DECLARED) >= _MOST_CACHED:
        _DECLARED.clear()
    _DECLARED[key] = (spec, schema, found)
    return found


def _is_object_schema(spec: Spec, schema: Any) -> bool:
    schema = resolved(schema, spec)
    return isinstance(schema, dict) and schema.get("type") in (None, "object")


def _items(spec: Spec, schema: Any) -> Any:
    schema = resolved(schema, spec)
    if schema is None:
        return None
    items = schema.get("items")
    if isinstance(items, dict):
        return items
    for part in schema.get("allOf") or ():
        found = _items(spec, part)
        if found is not None:
            return found
    return None


def undeclared_members(
    spec: Spec, schema: Any, value: Any, pointer: str = "", depth: int = 0
) -> Iterator[str]:
    """JSON pointers of the object members in ``value`` that ``schema`` does not declare."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        declared = _declared_once(spec, schema)
        if declared is None:
            return
        for name, member in value.items():
            known = name in declared
            if known and not isinstance(member, dict | list):
                continue  # a declared scalar: nothing inside it to check (the common case)
            where = f"{pointer}/{str(name).replace('~', '~0').replace('/', '~1')}"
            if not known:
                yield where
            else:
                yield from undeclared_members(spec, declared[name], member, where, depth + 1)
    elif isinstance(value, list):
        nested = any(isinstance(item, dict | list) for item in value)
        items = _items(spec, schema) if nested else None
        if items is not None:
            for index, member in enumerate(value):
                yield from undeclared_members(spec, items, member, f"{pointer}/{index}", depth + 1)
