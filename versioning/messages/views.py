"""A spec document as requests or responses see it: OpenAPI's ``readOnly``/``writeOnly`` rule.

A ``readOnly`` property listed in ``required`` is required in responses only, a
``writeOnly`` one in requests only (OpenAPI 3.1, Schema Object). JSON Schema knows no
direction, so each direction gets a *view* of the document in which those names are left out
of ``required``. Only the dicts on the way to an edited ``required`` list are copied; the
rest is shared with the document, and every JSON pointer means the same node in both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from versioning.spec.location import pointer_tokens, resolve_pointer

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Direction", "direction_view", "excused_flag"]

Direction: TypeAlias = Literal["request", "response"]
_MAX_REFS = 32


def excused_flag(direction: Direction) -> str:
    """The keyword whose properties ``direction`` does not require: ``readOnly`` for requests."""
    return "readOnly" if direction == "request" else "writeOnly"


def _resolve(document: Any, schema: Any) -> Any:
    for _ in range(_MAX_REFS):
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#"):
            return schema
        try:
            schema = resolve_pointer(document, pointer_tokens(ref[1:]))
        except (LookupError, ValueError):
            return None
    return None


def _flagged(document: Any, schema: Any, flag: str, depth: int = 0) -> bool:
    """Whether ``schema`` (through ``$ref`` and ``allOf``) carries ``flag: true``."""
    if depth > _MAX_REFS or not isinstance(schema, dict):
        return False
    if schema.get(flag) is True:
        return True
    target = _resolve(document, schema) if "$ref" in schema else None
    if target is not None and target is not schema and _flagged(document, target, flag, depth + 1):
        return True
    parts = schema.get("allOf")
    return isinstance(parts, list) and any(
        _flagged(document, part, flag, depth + 1) for part in parts
    )


def _nodes(document: Any) -> Iterator[tuple[tuple[str, ...], dict[str, Any], dict[str, Any]]]:
    """Every dict of the document with its path and the properties its ``allOf`` group declares."""
    stack: list[tuple[tuple[str, ...], Any, dict[str, Any]]] = [((), document, {})]
    while stack:
        path, node, inherited = stack.pop()
        if isinstance(node, list):
            stack.extend(((*path, str(i)), item, inherited) for i, item in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        yield path, node, inherited
        group: dict[str, Any] = {}
        parts = node.get("allOf")
        if isinstance(parts, list):
            for part in parts:
                resolved = _resolve(document, part)
                properties = resolved.get("properties") if isinstance(resolved, dict) else None
                if isinstance(properties, dict):
                    group.update(properties)
        for key, child in node.items():
            inherited_here = {**inherited, **group} if key == "allOf" and group else {}
            stack.append(((*path, key), child, inherited_here))


def _edits(document: Any, flag: str) -> list[tuple[tuple[str, ...], list[Any]]]:
    edits = []
    for path, node, inherited in _nodes(document):
        required = node.get("required")
        if not isinstance(required, list) or not required:
            continue
        properties = node.get("properties")
        declared = {**inherited, **(properties if isinstance(properties, dict) else {})}
        kept = [
            name
            for name in required
            if not (isinstance(name, str) and _flagged(document, declared.get(name), flag))
        ]
        if len(kept) != len(required):
            edits.append(((*path, "required"), kept))
    return edits


def _with_edits(document: Any, edits: list[tuple[tuple[str, ...], list[Any]]]) -> Any:
    """A copy of ``document`` sharing every node except those on the way to an edit."""
    root = _copy(document)
    copied = {id(root)}
    for path, value in edits:
        node = root
        for token in path[:-1]:
            key: Any = int(token) if isinstance(node, list) else token
            child = node[key]
            if id(child) not in copied:
                child = _copy(child)
                copied.add(id(child))
                node[key] = child
            node = child
        node[path[-1]] = value
    return root


def _copy(node: Any) -> Any:
    return list(node) if isinstance(node, list) else dict(node)


def direction_view(document: Any, direction: Direction) -> Any:
    """``document`` as ``direction`` sees it (the document itself when nothing is excused)."""
    if not isinstance(document, dict):
        return document
    edits = _edits(document, excused_flag(direction))
    return _with_edits(document, edits) if edits else document
