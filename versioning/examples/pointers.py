"""Pointers for examples: back from the normalised document to the source, and into values.

The loader rewrites a few idioms before anything else sees the document (see
:mod:`versioning.spec.normalise`): a schema's ``example: v`` becomes ``examples: [v]``, a
media type's or parameter's ``example: v`` becomes ``examples: {example: {value: v}}``, and a
3.0 ``nullable`` schema holding a ``$ref`` or ``allOf`` is wrapped in ``anyOf: [it, null]``.
Those pointers do not exist in the file, so a finding located by them would land on a parent
line. These helpers ask the source positions which spelling the file used, so ``file:line``
lands on the example the author wrote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.spec.location import join_pointer, pointer_tokens

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = [
    "component_name",
    "deepest_pointer",
    "describe_pointer",
    "in_source",
    "nests_deeper",
    "source_pointer",
]

BUNDLE_KEY = "x-versiongate-bundled"
"""Where the loader puts referenced files (:data:`versioning.spec.bundle.BUNDLE_KEY`)."""


def in_source(spec: Spec, tokens: list[str]) -> bool:
    """Whether the node at ``tokens`` is written in the source file.

    A missing node is located at its closest existing parent, and an existing one at its own
    key (after its parent's), so the two locations differ exactly when the node exists.
    The one blind spot: the first key of a referenced file's root sits where the root does.
    """
    return bool(tokens) and spec.locator(tokens) != spec.locator(tokens[:-1])


def source_pointer(spec: Spec, pointer: str) -> str:
    """``pointer`` without the ``anyOf/0`` of ``nullable`` wrappers the file does not have."""
    tokens = pointer_tokens(pointer)
    kept: list[str] = []
    index = 0
    while index < len(tokens):
        step = tokens[index]
        wrapped = (
            tokens[index : index + 2] == ["anyOf", "0"]
            and not in_source(spec, [*kept, "anyOf"])
            and in_source(spec, kept)
        )
        if wrapped:
            index += 2
            continue
        kept.append(step)
        index += 1
    return join_pointer(kept)


def deepest_pointer(value: Any, pointer: str) -> str:
    """The longest prefix of ``pointer`` that exists inside ``value`` (``""`` is the value).

    A missing required property is reported at ``/parent/name``; the parent is what exists.
    """
    found: list[str] = []
    node = value
    for token in pointer_tokens(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            break
        found.append(token)
    return join_pointer(found)


def nests_deeper(value: Any, limit: int) -> bool:
    """Whether ``value`` has containers nested more than ``limit`` levels deep.

    Iterative and stops at the first too-deep container, so a hostile value costs at most
    one pass and never Python's stack.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


_SINGULAR = {
    "schemas": "schema",
    "responses": "response",
    "requestBodies": "request body",
    "parameters": "parameter",
    "headers": "header",
    "examples": "example",
    "pathItems": "path item",
}


def describe_pointer(pointer: str) -> str:
    """A document place as people write references to it.

    ``/components/responses/NotFound/…`` → ``#/components/responses/NotFound``;
    ``/x-versiongate-bundled/money.yaml/Money`` → ``money.yaml#/Money``;
    ``/paths/~1t~1{id}/parameters/0`` → ``path /t/{id}``.
    """
    tokens = pointer_tokens(pointer) if pointer.startswith("/") else []
    if len(tokens) >= 3 and tokens[0] == "components":
        return "#" + join_pointer(tokens[:3])
    if len(tokens) >= 2 and tokens[0] == BUNDLE_KEY:
        return f"{tokens[1]}#{join_pointer(tokens[2:])}"
    if len(tokens) >= 2 and tokens[0] in ("paths", "webhooks"):
        return f"{'path' if tokens[0] == 'paths' else 'webhook'} {tokens[1]}"
    return "#" + pointer


def component_name(pointer: str) -> tuple[str, str] | None:
    """``("schema", "Money")`` for ``/components/schemas/Money…``; ``None`` elsewhere."""
    tokens = pointer_tokens(pointer) if pointer.startswith("/") else []
    if len(tokens) >= 3 and tokens[0] == "components" and tokens[1] in _SINGULAR:
        return _SINGULAR[tokens[1]], tokens[2]
    return None
