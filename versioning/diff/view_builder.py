"""Build and cache the effective :class:`SchemaView` of every schema of one document.

The value itself, and the JSON helpers the comparisons share, are in
:mod:`versioning.diff.schema_view`; they cannot live here because
:mod:`versioning.diff.schema_merge`, which this module drives, builds views too.

Building a view follows ``$ref`` chains, expands ``allOf`` members and single-branch unions
into parts (:mod:`versioning.diff.schema_merge` merges them) and decides whether ``null``
is accepted, whatever the spelling (``type: [T, "null"]``, a null branch, ``enum`` with
``null``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.diff.schema_merge import NEVER_NODE, Merged, Part, finish, merge
from versioning.diff.schema_view import SchemaView

if TYPE_CHECKING:
    from versioning.diff.model import SchemaKey
    from versioning.spec.model import Spec

__all__ = ["SchemaViews"]

_UNKNOWN: Any = object()
"""Marks a pointer not looked up yet (``None`` is a cached answer: nothing there)."""


class SchemaViews:
    """Builds and caches the :class:`SchemaView` of every schema key of one spec."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.document = spec.document
        self._views: dict[SchemaKey, SchemaView] = {}
        self._nodes: dict[str, Any] = {}
        self._null: dict[str, bool] = {}

    # -- raw access ----------------------------------------------------------------------

    def node(self, pointer: str) -> Any:
        """The raw node at ``pointer`` (``None`` if it does not exist)."""
        nodes = self._nodes
        found: Any = nodes.get(pointer, _UNKNOWN)  # not KeyError: ~40% of calls are misses
        if found is not _UNKNOWN:
            return found
        if not pointer.startswith("/"):
            found = self.document if pointer == "" else None
        else:  # one step from the (cached) parent: most lookups are children of known nodes
            parent_pointer, _, token = pointer.rpartition("/")
            parent = nodes.get(parent_pointer, _UNKNOWN)
            if parent is _UNKNOWN:
                parent = self.node(parent_pointer)
            if "~" in token:
                token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(parent, dict):
                found = parent.get(token)
            elif (
                isinstance(parent, list)
                and token.isascii()
                and token.isdigit()
                and int(token) < len(parent)
            ):
                found = parent[int(token)]
            else:
                found = None
        nodes[pointer] = found
        return found

    def remember(self, pointer: str, node: Any) -> None:
        """Record the node at ``pointer``, which the caller already holds.

        Only for nodes of this very document: a lookup would have found the same object,
        walking from the nearest known ancestor one token at a time.
        """
        self._nodes[pointer] = node

    def target(self, pointer: str) -> str:
        """Follow a pure ``$ref`` chain from ``pointer``; the pointer of the schema it names."""
        node = self.node(pointer)
        if not (isinstance(node, dict) and len(node) == 1 and "$ref" in node):
            return pointer  # most schemas are not a bare reference
        seen = {pointer}
        while isinstance(node, dict) and len(node) == 1 and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if not ref.startswith("#") or ref[1:] in seen:
                break
            pointer = ref[1:]
            seen.add(pointer)
            node = self.node(pointer)
        return pointer

    def admits_null(self, pointer: str) -> bool:
        """Whether the schema at ``pointer`` accepts ``null`` (JSON Schema semantics)."""
        cached = self._null.get(pointer)
        if cached is not None:
            return cached
        self._null[pointer] = True  # cycle guard: a recursive reference adds no constraint
        result = self._admits_null(pointer, self.node(pointer))
        self._null[pointer] = result
        return result

    def _admits_null(self, pointer: str, node: Any) -> bool:
        if not isinstance(node, dict):
            return node is not False
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#") and not self.admits_null(ref[1:]):
            return False
        if _excludes_null(node):
            return False
        for index, _ in enumerate(node.get("allOf") or ()):
            if not self.admits_null(f"{pointer}/allOf/{index}"):
                return False
        for combinator in ("anyOf", "oneOf"):
            branches = node.get(combinator)
            if isinstance(branches, list) and branches:
                pointers = [f"{pointer}/{combinator}/{i}" for i in range(len(branches))]
                if not any(self.admits_null(branch) for branch in pointers):
                    return False
        return True

    def is_null_only(self, pointer: str) -> bool:
        """Whether the schema at ``pointer`` accepts ``null`` and nothing else."""
        node = self.node(self.target(pointer))
        if not isinstance(node, dict):
            return False
        if node.get("type") in ("null", ["null"]):
            return True
        return node.get("enum") == [None] or ("const" in node and node["const"] is None)

    # -- views ---------------------------------------------------------------------------

    def view(self, key: SchemaKey, fallback: str = "") -> SchemaView:
        """The effective schema for ``key`` (``()`` is the unconstrained schema)."""
        cached = self._views.get(key)
        if cached is not None:
            return cached
        view = self._build(key, fallback)
        self._views[key] = view
        return view

    def _build(self, key: SchemaKey, fallback: str) -> SchemaView:
        pointer = key[0] if key else fallback
        if not key:
            return SchemaView(key=key, pointer=pointer)
        parts: list[Part] = []
        refs: set[str] = set()
        all_of_refs: set[str] = set()
        seen: set[str] = set()
        inline: list[str] = []
        for member in key:
            self._expand(member, parts, seen, refs, all_of_refs, inline)
        builder = Merged(key, pointer)
        combinators: dict[str, list[str]] = {}
        index = 0
        while index < len(parts):
            part = parts[index]
            index += 1
            for combinator in ("anyOf", "oneOf"):
                branches = self._branches(part, combinator)
                if branches is None:
                    continue
                if not branches:  # only null branches: the schema accepts null alone
                    builder.never = True
                elif len(branches) == 1:  # anyOf: [X] (plus null) is X
                    self._expand(branches[0], parts, seen, refs, all_of_refs, inline)
                elif combinator not in combinators:
                    combinators[combinator] = branches
                    builder.pointers.setdefault(combinator, f"{part.pointer}/{combinator}")
            merge(builder, part)
        self._nodes.update(builder.nodes)  # every property's node, for target() below
        nullable = all(self.admits_null(member) for member in key)
        return finish(
            builder,
            self.target,
            nullable=nullable,
            combinators=combinators,
            refs=refs,
            all_of_refs=all_of_refs,
            all_of_inline=inline,
        )

    def _branches(self, part: Part, combinator: str) -> list[str] | None:
        branches = part.node.get(combinator)
        if not isinstance(branches, list):
            return None
        pointers = [f"{part.pointer}/{combinator}/{i}" for i in range(len(branches))]
        return [p for p in pointers if not self.is_null_only(p)]

    def _expand(  # noqa: PLR0917 - the accumulators of one expansion
        self,
        pointer: str,
        parts: list[Part],
        seen: set[str],
        refs: set[str],
        all_of: set[str],
        inline: list[str],
    ) -> None:
        """Append the parts (``$ref`` targets, ``allOf`` members, then the node) of a schema.

        ``all_of`` collects the components listed under ``allOf`` (at any depth) and
        ``inline`` the pointers of the members written in place.
        """
        if pointer in seen:
            return
        seen.add(pointer)
        node = self.node(pointer)
        if node is False:
            parts.append(Part(pointer, NEVER_NODE))
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            refs.add(ref[1:])
            self._expand(ref[1:], parts, seen, refs, all_of, inline)
        members = node.get("allOf")
        if isinstance(members, list):
            for position, member in enumerate(members):
                if isinstance(member, dict) and isinstance(member.get("$ref"), str):
                    all_of.add(member["$ref"][1:])
                else:
                    inline.append(f"{pointer}/allOf/{position}")
                self._expand(f"{pointer}/allOf/{position}", parts, seen, refs, all_of, inline)
        parts.append(Part(pointer, node))


def _excludes_null(node: dict[str, Any]) -> bool:
    """Whether a schema's own ``type``/``enum``/``const``/``not`` keywords refuse ``null``."""
    types = node.get("type")
    if isinstance(types, str):
        return types != "null"
    if isinstance(types, list) and "null" not in types:
        return True
    enum = node.get("enum")
    if isinstance(enum, list) and None not in enum:
        return True
    return ("const" in node and node["const"] is not None) or node.get("not") == {}
