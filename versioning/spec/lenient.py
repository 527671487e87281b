"""``--lenient``: OpenAPI fields written as ``null`` are read as if left out, with a warning.

oasdiff reads ``responses: null`` (and its like) as absent; the OpenAPI schema refuses it, and
so do we unless asked. Only the OpenAPI object structure is visited — paths, operations,
parameters, bodies, responses, media types, components — never schemas or example values,
where ``null`` is data (``default: null``, ``example: null``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.errors import SpecValidationError
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.spec.location import Location

__all__ = ["drop_null_fields"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_KEEP_NULL = frozenset({"example", "default", "const", "value"})
"""Fields whose ``null`` is a value, not a missing object."""

# kind → {field: (child kind, how the field holds it)}: "one", "map" (name → child), "list".
_CHILDREN: dict[str, dict[str, tuple[str, str]]] = {
    "document": {
        "paths": ("pathItem", "map"),
        "webhooks": ("pathItem", "map"),
        "components": ("components", "one"),
    },
    "components": {
        "responses": ("response", "map"),
        "parameters": ("parameter", "map"),
        "requestBodies": ("requestBody", "map"),
        "headers": ("header", "map"),
        "pathItems": ("pathItem", "map"),
        "callbacks": ("callback", "map"),
        "schemas": ("opaque", "map"),
        "examples": ("opaque", "map"),
        "links": ("opaque", "map"),
        "securitySchemes": ("opaque", "map"),
    },
    "pathItem": {
        "parameters": ("parameter", "list"),
        **dict.fromkeys(_METHODS, ("operation", "one")),
    },
    "operation": {
        "parameters": ("parameter", "list"),
        "requestBody": ("requestBody", "one"),
        "responses": ("response", "map"),
        "callbacks": ("callback", "map"),
    },
    "callback": {},
    "parameter": {"content": ("mediaType", "map")},
    "header": {"content": ("mediaType", "map")},
    "requestBody": {"content": ("mediaType", "map")},
    "response": {"headers": ("header", "map"), "content": ("mediaType", "map")},
    "mediaType": {},
}


def _children(
    node: dict[str, Any], kind: str, tokens: list[str]
) -> list[tuple[Any, str, list[str]]]:
    if kind == "callback":  # expression → path item
        return [(item, "pathItem", [*tokens, key]) for key, item in node.items()]
    found: list[tuple[Any, str, list[str]]] = []
    for field, (child_kind, holding) in _CHILDREN[kind].items():
        value = node.get(field)
        if holding == "one":
            found.append((value, child_kind, [*tokens, field]))
        elif holding == "map" and isinstance(value, dict):
            found.extend((item, child_kind, [*tokens, field, key]) for key, item in value.items())
        elif holding == "list" and isinstance(value, list):
            found.extend(
                (item, child_kind, [*tokens, field, str(index)]) for index, item in enumerate(value)
            )
    return found


def _null_fields(node: dict[str, Any], kind: str) -> list[list[str]]:
    """Relative tokens of ``node``'s null fields and of the null entries of its maps."""
    found = [
        [key]
        for key, value in node.items()
        if value is None and key not in _KEEP_NULL and not key.startswith("x-")
    ]
    for field, (_, holding) in _CHILDREN.get(kind, {}).items():
        value = node.get(field)
        if holding == "map" and isinstance(value, dict):
            found.extend([field, key] for key, item in value.items() if item is None)
    return found


def drop_null_fields(
    document: Any, locate: Callable[[list[str]], Location]
) -> list[SpecValidationError]:
    """Remove ``null`` fields and map entries of OpenAPI objects in place; one warning each."""
    warnings: list[SpecValidationError] = []
    stack: list[tuple[Any, str, list[str]]] = [(document, "document", [])]
    while stack:
        node, kind, tokens = stack.pop()
        if not isinstance(node, dict) or "$ref" in node or kind == "opaque":
            continue
        for relative in _null_fields(node, kind):
            place = [*tokens, *relative]
            warnings.append(
                SpecValidationError(
                    f"{relative[-1]!r} is null; read as if it were left out (--lenient)",
                    location=locate(place),
                    pointer=join_pointer(place),
                )
            )
            holder = node if len(relative) == 1 else node[relative[0]]
            del holder[relative[-1]]
        stack.extend(reversed(_children(node, kind, tokens)))
    return warnings
