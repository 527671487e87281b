"""Cheap predicates deciding which ``oneOf``/``anyOf`` branch a payload value belongs to.

Full JSON Schema validation per value would cost milliseconds; a branch is told apart by its
type, ``const``/``enum``, required keys and the ``const``/``enum`` of its properties (what
discriminators are made of), looking through ``$ref`` and ``allOf``.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.spec.model import Spec

__all__ = ["Predicate", "compile_predicate"]

Predicate: TypeAlias = "Callable[[Any], bool]"

_MAX_DEPTH = 4


def _type_check(name: str, value: Any) -> bool:
    kind = type(value)
    if name == "null":
        return value is None
    if name == "boolean":
        return kind is bool
    if name == "integer":
        return kind is int or (kind is float and value.is_integer())
    if name == "number":
        return kind in (int, float)
    if name == "string":
        return kind is str
    if name == "array":
        return kind is list
    if name == "object":
        return kind is dict
    return True


def _value_checks(schema: dict[str, Any]) -> list[Predicate]:
    """Checks on the value itself: ``type``, ``const``, ``enum`` and required keys."""
    checks: list[Predicate] = []
    types = schema.get("type")
    if isinstance(types, str):
        types = [types]
    if isinstance(types, list):
        names = tuple(str(name) for name in types)
        checks.append(lambda value: any(_type_check(name, value) for name in names))
    if "const" in schema:
        constant = schema["const"]
        checks.append(lambda value: value == constant)
    if isinstance(schema.get("enum"), list):
        allowed = list(schema["enum"])
        checks.append(lambda value: value in allowed)
    required = schema.get("required")
    if isinstance(required, list) and required:
        keys = tuple(str(key) for key in required)
        checks.append(lambda value: type(value) is not dict or all(key in value for key in keys))
    return checks


def _checks(spec: Spec, schema: Any, depth: int) -> list[Predicate]:
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return []
    checks: list[Predicate] = []
    ref = schema.get("$ref")
    if isinstance(ref, str):
        with contextlib.suppress(LookupError):
            checks.extend(_checks(spec, spec.resolve(ref), depth + 1))
    checks.extend(_value_checks(schema))
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for name, sub in properties.items():
            inner = _checks(spec, sub, depth + 1) if _discriminating(spec, sub) else []
            if inner:
                checks.append(_property_check(name, inner))
    for branch in schema.get("allOf") or ():
        checks.extend(_checks(spec, branch, depth + 1))
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            checks.append(
                _any_of([compile_predicate(spec, branch, depth + 1) for branch in branches])
            )
    return checks


def _any_of(options: list[Predicate]) -> Predicate:
    return lambda value: any(test(value) for test in options)


def _discriminating(spec: Spec, schema: Any) -> bool:
    """Whether a property schema pins its value (``const``/``enum``), through one ``$ref``."""
    if not isinstance(schema, dict):
        return False
    if isinstance(schema.get("$ref"), str):
        try:
            schema = spec.resolve(schema["$ref"])
        except LookupError:
            return False
    return isinstance(schema, dict) and ("const" in schema or "enum" in schema)


def _property_check(name: str, inner: list[Predicate]) -> Predicate:
    def check(value: Any) -> bool:
        if type(value) is not dict or name not in value:
            return True
        item = value[name]
        return all(test(item) for test in inner)

    return check


def compile_predicate(spec: Spec, schema: Any, depth: int = 0) -> Predicate:
    """A fast, shallow test of whether ``value`` can be an instance of ``schema``."""
    checks = _checks(spec, schema, depth)
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(test(value) for test in checks)
