"""Copy-on-write access to dotted paths in JSON objects; inputs are never mutated."""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["MISSING", "fill_path", "get_path", "move_path", "pop_path", "set_path", "split_path"]

MISSING: Any = object()
"""Returned by :func:`get_path` when the path does not exist."""


def split_path(dotted: str) -> tuple[str, ...]:
    """``"billing_address.zipcode"`` → ``("billing_address", "zipcode")``."""
    return tuple(dotted.split("."))


def get_path(value: Any, tokens: tuple[str, ...]) -> Any:
    """The value at ``tokens``, or :data:`MISSING`."""
    for token in tokens:
        if type(value) is not dict or token not in value:
            return MISSING
        value = value[token]
    return value


def set_path(value: dict[str, Any], tokens: tuple[str, ...], new: Any) -> dict[str, Any]:
    """A copy of ``value`` with ``new`` at ``tokens`` (missing objects on the way created)."""
    head = tokens[0]
    out = dict(value)
    if len(tokens) == 1:
        out[head] = new
        return out
    child = value.get(head)
    out[head] = set_path(child if type(child) is dict else {}, tokens[1:], new)
    return out


def pop_path(value: dict[str, Any], tokens: tuple[str, ...]) -> dict[str, Any]:
    """A copy of ``value`` without the key at ``tokens`` (``value`` itself when absent)."""
    head = tokens[0]
    if head not in value:
        return value
    if len(tokens) == 1:
        return {key: item for key, item in value.items() if key != head}
    child = value[head]
    if type(child) is not dict:
        return value
    new_child = pop_path(child, tokens[1:])
    if new_child is child:
        return value
    out = dict(value)
    out[head] = new_child
    return out


def move_path(
    value: dict[str, Any], source: tuple[str, ...], target: tuple[str, ...]
) -> dict[str, Any]:
    """Move the value at ``source`` to ``target``; a plain rename keeps the key's position."""
    if len(source) == 1 and len(target) == 1:
        old, new = source[0], target[0]
        if old not in value or old == new:
            return value
        return {(new if key == old else key): item for key, item in value.items() if key != new}
    found = get_path(value, source)
    if found is MISSING:
        return value
    return set_path(pop_path(value, source), target, found)


def fill_path(value: dict[str, Any], tokens: tuple[str, ...], default: Any) -> dict[str, Any]:
    """Set ``default`` (a fresh copy) at ``tokens`` unless something is there already."""
    if get_path(value, tokens) is not MISSING:
        return value
    fresh = copy.deepcopy(default) if isinstance(default, dict | list) else default
    return set_path(value, tokens, fresh)
