"""A walk over an OpenAPI document that knows which nodes are schemas, refs or plain data.

A generic walk over every dict would mistake data for structure: an example payload with a
``"$ref"`` key, a ``default`` response versus a schema's ``default`` value, a property named
``value``. This walk follows the OpenAPI 3.0/3.1 object model instead and hands each schema
and each ``$ref`` to a visitor. Paths are linked tuples, materialised only when needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from versioning.spec.normalise import (
    REWRITTEN_KEYWORDS,
    normalise_example_holder,
    normalise_schema,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MAX_SCHEMA_DEPTH", "Kind", "Path", "RefVisitor", "Traversal", "path_tokens"]

Path: TypeAlias = "tuple[Path, str] | None"
"""A node's place as ``(parent, token)`` links; ``None`` is the document root."""

Kind: TypeAlias = str
"""What an object is: ``schema``, ``parameter``, ``response``, ``pathItem`` …"""

MAX_SCHEMA_DEPTH = 200
"""Deepest schema nesting walked; real specs stay under 30, Python's stack allows ~450."""

_SCHEMA_CHILD = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
    "contentSchema",
)
_SCHEMA_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_KEYWORDS = frozenset((*_SCHEMA_CHILD, *_SCHEMA_MAP, *_SCHEMA_LIST))
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENT_KINDS = {
    "schemas": "schema",
    "responses": "response",
    "parameters": "parameter",
    "examples": "example",
    "requestBodies": "requestBody",
    "headers": "header",
    "securitySchemes": "securityScheme",
    "links": "link",
    "callbacks": "callback",
    "pathItems": "pathItem",
}


def path_tokens(path: Path) -> list[str]:
    """The reference tokens of a linked path, root first."""
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(token)
    tokens.reverse()
    return tokens


class RefVisitor(Protocol):
    """Called for every ``{"$ref": …}`` object; returns nothing, may rewrite the ref in place."""

    def __call__(self, node: dict[str, Any], path: Path, kind: Kind, context: str) -> None:
        """Handle one reference object found at ``path`` in document ``context``."""
        ...


class Traversal:
    """Walks OpenAPI objects, normalising schemas and reporting references.

    Each dict is visited once (by identity), so shared or re-queued nodes cost nothing twice.

    Args:
        on_ref: Visitor for reference objects.
        on_too_deep: Called with the path when schemas nest beyond ``MAX_SCHEMA_DEPTH``.
        openapi30: Apply the 3.0 → 3.1 normalisations.
    """

    def __init__(
        self, *, on_ref: RefVisitor, on_too_deep: Callable[[Path], None], openapi30: bool
    ) -> None:
        self.on_ref = on_ref
        self.on_too_deep = on_too_deep
        self.openapi30 = openapi30
        self.seen: set[int] = set()
        self._dispatch: dict[Kind, Callable[[dict[str, Any], Path, str], None]] = {
            "schema": self._schema_root,
            "parameter": self.parameter,
            "header": self.header,
            "response": self.response,
            "requestBody": self.request_body,
            "pathItem": self.path_item,
            "callback": self.callback,
            "example": self._leaf,
            "link": self._leaf,
            "securityScheme": self._leaf,
            "mediaType": self.media_type,
            "document": self.document,
        }

    def visit(self, node: Any, path: Path, kind: Kind, context: str) -> Any:
        """Walk ``node`` as an object of ``kind``; returns the node to keep in its place."""
        if not isinstance(node, dict):
            return node
        if kind == "schema":
            return self.schema(node, path, context, 0)
        if id(node) in self.seen:
            return node
        self.seen.add(id(node))
        if "$ref" in node and kind != "document":
            self.on_ref(node, path, kind, context)
            return node
        self._dispatch[kind](node, path, context)
        return node

    # -- schemas ---------------------------------------------------------------------------

    def _schema_root(self, node: dict[str, Any], path: Path, context: str) -> None:
        self.schema(node, path, context, 0)

    def schema(self, node: dict[str, Any], path: Path, context: str, depth: int) -> dict[str, Any]:
        """Normalise a schema and its subschemas; returns its replacement (usually itself)."""
        if id(node) in self.seen:
            return node
        if depth > MAX_SCHEMA_DEPTH:
            self.on_too_deep(path)
        # Most schemas are leaves in the 3.1 form already: one set check each, not two calls.
        keys = node.keys()
        if not keys.isdisjoint(REWRITTEN_KEYWORDS):
            replaced = normalise_schema(node, openapi30=self.openapi30)
            if replaced is not node:  # wrapped in anyOf for null: walk the original at its path
                self.seen.add(id(replaced))
                replaced["anyOf"][0] = self.schema(node, path, context, depth)
                return replaced
        self.seen.add(id(node))
        if "$ref" in node and isinstance(node["$ref"], str):
            self.on_ref(node, path, "schema", context)
        if not keys.isdisjoint(_SUBSCHEMA_KEYWORDS):
            self._schema_children(node, path, context, depth + 1)
        return node

    def _schema_children(self, node: dict[str, Any], path: Path, context: str, depth: int) -> None:
        for key in _SCHEMA_CHILD:
            child = node.get(key)
            if isinstance(child, dict):
                node[key] = self.schema(child, (path, key), context, depth)
            elif key == "items" and isinstance(child, list):
                self._schema_list(child, (path, key), context, depth)
        for key in _SCHEMA_LIST:
            child = node.get(key)
            if isinstance(child, list):
                self._schema_list(child, (path, key), context, depth)
        for key in _SCHEMA_MAP:
            child = node.get(key)
            if isinstance(child, dict):
                child_path = (path, key)
                for name, sub in child.items():
                    if isinstance(sub, dict):
                        child[name] = self.schema(sub, (child_path, name), context, depth)

    def _schema_list(self, items: list[Any], path: Path, context: str, depth: int) -> None:
        for index, sub in enumerate(items):
            if isinstance(sub, dict):
                items[index] = self.schema(sub, (path, str(index)), context, depth)

    # -- OpenAPI objects -------------------------------------------------------------------

    def _leaf(self, node: dict[str, Any], path: Path, context: str) -> None:
        """Examples, links and security schemes hold no schemas to walk."""

    def _map(self, mapping: Any, path: Path, kind: Kind, context: str) -> None:
        if isinstance(mapping, dict):
            for name, child in mapping.items():
                mapping[name] = self.visit(child, (path, name), kind, context)

    def _list(self, items: Any, path: Path, kind: Kind, context: str) -> None:
        if isinstance(items, list):
            for index, child in enumerate(items):
                items[index] = self.visit(child, (path, str(index)), kind, context)

    def document(self, node: dict[str, Any], path: Path, context: str) -> None:
        """The root OpenAPI object."""
        self._map(node.get("paths"), (path, "paths"), "pathItem", context)
        self._map(node.get("webhooks"), (path, "webhooks"), "pathItem", context)
        components = node.get("components")
        if isinstance(components, dict):
            components_path = (path, "components")
            for section, kind in _COMPONENT_KINDS.items():
                self._map(components.get(section), (components_path, section), kind, context)

    def path_item(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A path item: shared parameters and one operation per method."""
        self._list(node.get("parameters"), (path, "parameters"), "parameter", context)
        for method in _METHODS:
            operation = node.get(method)
            if isinstance(operation, dict):
                self.operation(operation, (path, method), context)

    def operation(self, node: dict[str, Any], path: Path, context: str) -> None:
        """An operation: parameters, request body, responses and callbacks."""
        self._list(node.get("parameters"), (path, "parameters"), "parameter", context)
        if "requestBody" in node:
            self.visit(node["requestBody"], (path, "requestBody"), "requestBody", context)
        self._map(node.get("responses"), (path, "responses"), "response", context)
        self._map(node.get("callbacks"), (path, "callbacks"), "callback", context)

    def callback(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A callback: expressions mapping to path items."""
        self._map(node, path, "pathItem", context)

    def parameter(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A parameter: a schema or a content map, and examples."""
        self._schema_holder(node, path, context)

    def header(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A header: like a parameter without name and location."""
        self._schema_holder(node, path, context)

    def _schema_holder(self, node: dict[str, Any], path: Path, context: str) -> None:
        normalise_example_holder(node)
        if isinstance(node.get("schema"), dict):
            node["schema"] = self.schema(node["schema"], (path, "schema"), context, 0)
        self._map(node.get("content"), (path, "content"), "mediaType", context)
        self._map(node.get("examples"), (path, "examples"), "example", context)

    def request_body(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A request body: its content map."""
        self._map(node.get("content"), (path, "content"), "mediaType", context)

    def response(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A response: headers, content and links."""
        self._map(node.get("headers"), (path, "headers"), "header", context)
        self._map(node.get("content"), (path, "content"), "mediaType", context)
        self._map(node.get("links"), (path, "links"), "link", context)

    def media_type(self, node: dict[str, Any], path: Path, context: str) -> None:
        """A media type: schema, examples and per-property encoding headers."""
        self._schema_holder(node, path, context)
        encoding = node.get("encoding")
        if isinstance(encoding, dict):
            for name, entry in encoding.items():
                if isinstance(entry, dict):
                    entry_path = ((path, "encoding"), name)
                    self._map(entry.get("headers"), (entry_path, "headers"), "header", context)
