"""OpenAPI 3.0 idioms rewritten into their 3.1 (JSON Schema 2020-12) form, in place.

Later stages (diff, validation, generators) then see one form only:

* ``nullable: true`` → ``"null"`` added to ``type`` (and to ``enum``); without ``type`` a
  ``{"type": "null"}`` branch is added to ``anyOf``/``oneOf``, or the schema is wrapped in one.
* ``exclusiveMinimum: true`` + ``minimum: m`` → ``exclusiveMinimum: m`` (same for maximum).
* a schema's ``example: v`` → ``examples: [v]``; a media type's, parameter's or header's
  ``example: v`` → ``examples: {"example": {"value": v}}``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["REWRITTEN_KEYWORDS", "normalise_example_holder", "normalise_schema"]

REWRITTEN_KEYWORDS = frozenset({"example", "exclusiveMinimum", "exclusiveMaximum", "nullable"})
"""The keywords :func:`normalise_schema` rewrites: a schema with none of them stays as it is."""

_NULL_BRANCH = {"type": "null"}


def _add_null(node: dict[str, Any]) -> dict[str, Any]:
    """Make ``node`` also accept ``null``; returns the node to use in its place."""
    if "type" in node:
        types = node["type"]
        if isinstance(types, str):
            node["type"] = [types, "null"] if types != "null" else "null"
        elif isinstance(types, list) and "null" not in types:
            node["type"] = [*types, "null"]
        enum = node.get("enum")
        if isinstance(enum, list) and None not in enum:
            node["enum"] = [*enum, None]
        return node
    for combinator in ("anyOf", "oneOf"):
        branches = node.get(combinator)
        if isinstance(branches, list) and "$ref" not in node and "allOf" not in node:
            if _NULL_BRANCH not in branches:
                node[combinator] = [*branches, dict(_NULL_BRANCH)]
            return node
    if "$ref" in node or "allOf" in node or "anyOf" in node or "oneOf" in node:
        return {"anyOf": [node, dict(_NULL_BRANCH)]}
    return node  # no type constraint at all: null is already accepted


def _exclusive_bound(node: dict[str, Any], exclusive: str, inclusive: str) -> None:
    flag = node.get(exclusive)
    if isinstance(flag, bool):
        del node[exclusive]
        if flag and inclusive in node:
            node[exclusive] = node.pop(inclusive)


def normalise_schema(node: dict[str, Any], *, openapi30: bool) -> dict[str, Any]:
    """Rewrite one schema object (not its children) and return what should stand in its place."""
    if "example" in node:
        example = node.pop("example")
        node.setdefault("examples", [example])
    if not openapi30:
        return node
    if "exclusiveMinimum" in node:
        _exclusive_bound(node, "exclusiveMinimum", "minimum")
    if "exclusiveMaximum" in node:
        _exclusive_bound(node, "exclusiveMaximum", "maximum")
    if "nullable" in node and node.pop("nullable") is True:
        return _add_null(node)
    return node


def normalise_example_holder(node: dict[str, Any]) -> None:
    """Fold a media type's, parameter's or header's single ``example`` into ``examples``."""
    if "example" in node:
        example = node.pop("example")
        if "examples" not in node:
            node["examples"] = {"example": {"value": example}}
