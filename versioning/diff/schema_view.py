"""The effective schema: ``$ref``, ``allOf`` and null-spellings folded into one flat view.

Comparing schemas textually reports refactorings as changes (oasdiff issues #106, #154,
#766, #398). So before comparing, each schema is reduced to what it *accepts*: ``$ref``
chains are followed, ``allOf`` members are merged into one set of keywords (properties
united, bounds tightened, types intersected), a single-branch ``anyOf``/``oneOf`` is the
branch itself, and "or null" — ``type: [T, "null"]``, a ``{type: "null"}`` branch, ``enum``
with ``null`` (all three forms the loader gives 3.0's ``nullable``) — becomes one flag.
Each keyword keeps the pointer it came from, so findings point at the real line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from versioning.diff.model import SchemaKey
from versioning.spec.location import join_pointer, pointer_tokens, resolve_pointer

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["BOUNDS", "SchemaView", "SchemaViews", "canonical"]

BOUNDS: tuple[str, ...] = (
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxContains",
    "maxProperties",
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minContains",
    "minProperties",
)
_UPPER = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxContains",
                    "maxProperties"})  # fmt: skip
_NEUTRAL_LOWER = {"minLength": 0, "minItems": 0, "minProperties": 0, "minContains": 1}
"""Lower bounds whose value is the default: stating them changes nothing."""
_JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
_CHILD_KEYWORDS = ("not", "if", "then", "else", "contains", "propertyNames", "contentSchema")


def canonical(value: Any) -> str:
    """A hashable canonical form of a JSON value (key order and ``1``/``1.0`` do not matter)."""
    return msgspec.json.encode(_canonical_value(value), order="sorted").decode()


def _canonical_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical_value(item) for item in value]
    return value


class SchemaView(msgspec.Struct, frozen=True, kw_only=True):
    """What one schema accepts, with the pointer each keyword came from.

    ``types`` holds the non-null JSON types (``None``: any type); ``nullable`` says whether
    ``null`` is accepted. Subschemas are :data:`SchemaKey`s, compared lazily. ``pointers``
    maps a keyword to the pointer of the node that stated it.
    """

    key: SchemaKey
    pointer: str
    never: bool = False
    types: frozenset[str] | None = None
    nullable: bool = True
    enum: tuple[Any, ...] | None = None
    extensible_enum: tuple[Any, ...] | None = None
    const: tuple[Any] | None = None
    format: str | None = None
    patterns: tuple[str, ...] = ()
    bounds: dict[str, float] = msgspec.field(default_factory=dict)
    multiple_of: float | None = None
    unique_items: bool = False
    properties: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    property_pointers: dict[str, str] = msgspec.field(default_factory=dict)
    required: frozenset[str] = frozenset()
    additional: SchemaKey | None = None
    """``None``: any extra property is accepted; ``("!never",)``-style keys never occur:
    ``additional_forbidden`` says ``additionalProperties: false``."""
    additional_forbidden: bool = False
    pattern_properties: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    items: SchemaKey | None = None
    items_forbidden: bool = False
    prefix_items: tuple[SchemaKey, ...] = ()
    any_of: tuple[SchemaKey, ...] | None = None
    one_of: tuple[SchemaKey, ...] | None = None
    children: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    """``not``, ``if``, ``then``, ``else``, ``contains``, ``propertyNames``, ``contentSchema``."""
    dependent_required: dict[str, frozenset[str]] = msgspec.field(default_factory=dict)
    dependent_schemas: dict[str, SchemaKey] = msgspec.field(default_factory=dict)
    unevaluated: dict[str, SchemaKey | bool] = msgspec.field(default_factory=dict)
    content_media_type: str | None = None
    content_encoding: str | None = None
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    default: tuple[Any] | None = None
    sunset: str | None = None
    stability: str | None = None
    title: str | None = None
    ref_names: frozenset[str] = frozenset()
    """Pointers of the ``$ref`` targets this schema stands for (for matching branches)."""
    all_of_refs: frozenset[str] = frozenset()
    """``$ref`` targets listed directly under ``allOf`` (structure only, never semantics)."""
    pointers: dict[str, str] = msgspec.field(default_factory=dict)


class _Part(msgspec.Struct, frozen=True):
    pointer: str
    node: dict[str, Any]


_NEVER_NODE: dict[str, Any] = {"not": {}}


class _Builder:
    """Accumulates the keywords of one schema's parts into a :class:`SchemaView`."""

    def __init__(self, key: SchemaKey, pointer: str) -> None:
        self.key = key
        self.pointer = pointer
        self.values: dict[str, Any] = {}
        self.pointers: dict[str, str] = {}
        self.types: frozenset[str] | None = None
        self.bounds: dict[str, float] = {}
        self.properties: dict[str, list[str]] = {}
        self.required: set[str] = set()
        self.patterns: list[str] = []
        self.pattern_properties: dict[str, list[str]] = {}
        self.additional: list[str] = []
        self.items: list[str] = []
        self.children: dict[str, list[str]] = {}
        self.dependent_required: dict[str, set[str]] = {}
        self.dependent_schemas: dict[str, list[str]] = {}
        self.unevaluated: dict[str, list[str] | bool] = {}
        self.never = False


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
        try:
            return self._nodes[pointer]
        except KeyError:
            pass
        try:
            found = resolve_pointer(self.document, pointer_tokens(pointer))
        except (LookupError, ValueError):
            found = None
        self._nodes[pointer] = found
        return found

    def target(self, pointer: str) -> str:
        """Follow a pure ``$ref`` chain from ``pointer``; the pointer of the schema it names."""
        seen = {pointer}
        node = self.node(pointer)
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
        parts: list[_Part] = []
        refs: set[str] = set()
        all_of_refs: set[str] = set()
        seen: set[str] = set()
        for member in key:
            self._expand(member, parts, seen, refs, all_of_refs)
        builder = _Builder(key, pointer)
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
                    self._expand(branches[0], parts, seen, refs, all_of_refs)
                elif combinator not in combinators:
                    combinators[combinator] = branches
                    builder.pointers.setdefault(combinator, f"{part.pointer}/{combinator}")
            _merge(builder, part)
        nullable = all(self.admits_null(member) for member in key)
        return _finish(
            builder, self, nullable=nullable, combinators=combinators, refs=refs,
            all_of_refs=all_of_refs,
        )  # fmt: skip

    def _branches(self, part: _Part, combinator: str) -> list[str] | None:
        branches = part.node.get(combinator)
        if not isinstance(branches, list):
            return None
        pointers = [f"{part.pointer}/{combinator}/{i}" for i in range(len(branches))]
        return [p for p in pointers if not self.is_null_only(p)]

    def _expand(
        self, pointer: str, parts: list[_Part], seen: set[str], refs: set[str], all_of: set[str]
    ) -> None:
        """Append the parts (``$ref`` targets, ``allOf`` members, then the node) of a schema."""
        if pointer in seen:
            return
        seen.add(pointer)
        node = self.node(pointer)
        if node is False:
            parts.append(_Part(pointer, _NEVER_NODE))
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            refs.add(ref[1:])
            self._expand(ref[1:], parts, seen, refs, all_of)
        members = node.get("allOf")
        if isinstance(members, list):
            for position, member in enumerate(members):
                if isinstance(member, dict) and isinstance(member.get("$ref"), str):
                    all_of.add(member["$ref"][1:])
                self._expand(f"{pointer}/allOf/{position}", parts, seen, refs, all_of)
        parts.append(_Part(pointer, node))


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


def _merge(builder: _Builder, part: _Part) -> None:
    """Fold one part's keywords into the builder (an ``allOf`` is the conjunction)."""
    node, pointer = part.node, part.pointer
    if node is _NEVER_NODE or node.get("not") == {}:
        builder.never = True
    _merge_type(builder, node.get("type"), pointer)
    for keyword in BOUNDS:
        value = node.get(keyword)
        if isinstance(value, int | float) and not isinstance(value, bool):
            _merge_bound(builder, keyword, float(value), f"{pointer}/{keyword}")
    _merge_scalars(builder, node, pointer)
    _merge_object(builder, node, pointer)
    _merge_array(builder, node, pointer)


def _merge_type(builder: _Builder, raw: Any, pointer: str) -> None:
    if raw is None:
        return
    listed = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    types = frozenset(t for t in listed if t in _JSON_TYPES and t != "null")
    builder.pointers.setdefault("type", f"{pointer}/type")
    if builder.types is None:
        builder.types = types
        return
    widened = {*builder.types, *(("integer",) if "number" in builder.types else ())}
    others = {*types, *(("integer",) if "number" in types else ())}
    merged = widened & others
    if "number" in merged:
        merged.discard("integer")
    builder.types = frozenset(merged)
    builder.pointers["type"] = f"{pointer}/type"


def _merge_bound(builder: _Builder, keyword: str, value: float, pointer: str) -> None:
    if keyword in _NEUTRAL_LOWER and value <= _NEUTRAL_LOWER[keyword]:
        return
    current = builder.bounds.get(keyword)
    tighter = current is None or (value < current if keyword in _UPPER else value > current)
    if tighter:
        builder.bounds[keyword] = value
        builder.pointers[keyword] = pointer


_FIRST_WINS = (
    "format",
    "multipleOf",
    "contentMediaType",
    "contentEncoding",
    "title",
    "x-sunset",
    "x-stability-level",
)


def _merge_scalars(builder: _Builder, node: dict[str, Any], pointer: str) -> None:
    for keyword in _FIRST_WINS:
        if keyword in node and keyword not in builder.values:
            builder.values[keyword] = node[keyword]
            builder.pointers[keyword] = f"{pointer}/{keyword}"
    for keyword in ("enum", "x-extensible-enum"):
        values = node.get(keyword)
        if isinstance(values, list):
            _merge_enum(builder, keyword, values, pointer)
    for keyword in ("const", "default"):
        if keyword in node and keyword not in builder.values:
            builder.values[keyword] = (node[keyword],)
            builder.pointers[keyword] = f"{pointer}/{keyword}"
    for flag in ("readOnly", "writeOnly", "deprecated", "uniqueItems"):
        if node.get(flag) is True and flag not in builder.values:
            builder.values[flag] = True
            builder.pointers[flag] = f"{pointer}/{flag}"
    pattern = node.get("pattern")
    if isinstance(pattern, str) and pattern not in builder.patterns:
        builder.patterns.append(pattern)
        builder.pointers.setdefault("pattern", f"{pointer}/pattern")


def _merge_enum(builder: _Builder, keyword: str, values: list[Any], pointer: str) -> None:
    current = builder.values.get(keyword)
    kept = [value for value in values if value is not None]
    if current is None:
        builder.values[keyword] = kept
        builder.pointers[keyword] = f"{pointer}/{keyword}"
        return
    allowed = {canonical(value) for value in kept}
    builder.values[keyword] = [value for value in current if canonical(value) in allowed]


def _merge_object(builder: _Builder, node: dict[str, Any], pointer: str) -> None:
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name in properties:
            child = f"{pointer}/properties{join_pointer([name])}"
            builder.properties.setdefault(name, []).append(child)
    required = node.get("required")
    if isinstance(required, list):
        builder.required.update(name for name in required if isinstance(name, str))
        builder.pointers.setdefault("required", f"{pointer}/required")
    additional = node.get("additionalProperties")
    if additional is False:
        builder.values["additionalProperties"] = False
        builder.pointers["additionalProperties"] = f"{pointer}/additionalProperties"
    elif isinstance(additional, dict):
        builder.additional.append(f"{pointer}/additionalProperties")
        builder.pointers.setdefault("additionalProperties", f"{pointer}/additionalProperties")
    _merge_keyed(builder.pattern_properties, node.get("patternProperties"), pointer,
                 "patternProperties")  # fmt: skip
    _merge_keyed(builder.dependent_schemas, node.get("dependentSchemas"), pointer,
                 "dependentSchemas")  # fmt: skip
    dependent = node.get("dependentRequired")
    if isinstance(dependent, dict):
        for name, needs in dependent.items():
            if isinstance(needs, list):
                builder.dependent_required.setdefault(name, set()).update(map(str, needs))
        builder.pointers.setdefault("dependentRequired", f"{pointer}/dependentRequired")
    for keyword in ("unevaluatedProperties", "unevaluatedItems"):
        if keyword in node:
            _merge_unevaluated(builder, keyword, node[keyword], pointer)


def _merge_keyed(found: dict[str, list[str]], raw: Any, pointer: str, keyword: str) -> None:
    if isinstance(raw, dict):
        for name in raw:
            found.setdefault(name, []).append(f"{pointer}/{keyword}{join_pointer([name])}")


def _merge_unevaluated(builder: _Builder, keyword: str, value: Any, pointer: str) -> None:
    builder.pointers.setdefault(keyword, f"{pointer}/{keyword}")
    if value is False:
        builder.unevaluated[keyword] = False
    elif isinstance(value, dict) and builder.unevaluated.get(keyword) is not False:
        listed = builder.unevaluated.setdefault(keyword, [])
        if isinstance(listed, list):
            listed.append(f"{pointer}/{keyword}")


def _merge_array(builder: _Builder, node: dict[str, Any], pointer: str) -> None:
    items = node.get("items")
    if items is False:
        builder.values["items"] = False
        builder.pointers["items"] = f"{pointer}/items"
    elif isinstance(items, dict):
        builder.items.append(f"{pointer}/items")
        builder.pointers.setdefault("items", f"{pointer}/items")
    prefix = node.get("prefixItems")
    if isinstance(prefix, list) and "prefixItems" not in builder.values:
        builder.values["prefixItems"] = [f"{pointer}/prefixItems/{i}" for i in range(len(prefix))]
        builder.pointers["prefixItems"] = f"{pointer}/prefixItems"
    for keyword in _CHILD_KEYWORDS:
        if keyword in node and not (keyword == "not" and node[keyword] == {}):
            builder.children.setdefault(keyword, []).append(f"{pointer}/{keyword}")
            builder.pointers.setdefault(keyword, f"{pointer}/{keyword}")


def _finish(
    builder: _Builder,
    views: SchemaViews,
    *,
    nullable: bool,
    combinators: dict[str, list[str]],
    refs: set[str],
    all_of_refs: set[str],
) -> SchemaView:
    values = builder.values

    def keyed(pointers: list[str]) -> SchemaKey:
        return tuple(views.target(p) for p in pointers)

    enum = values.get("enum")
    extensible = values.get("x-extensible-enum")
    prefix = values.get("prefixItems")
    types = frozenset() if builder.never else builder.types
    return SchemaView(
        key=builder.key,
        pointer=builder.pointer,
        never=builder.never,
        types=types,
        nullable=nullable,
        enum=tuple(enum) if enum is not None else None,
        extensible_enum=tuple(extensible) if extensible is not None else None,
        const=values.get("const"),
        format=_text(values.get("format")),
        patterns=tuple(sorted(builder.patterns)),
        bounds=builder.bounds,
        multiple_of=_number(values.get("multipleOf")),
        unique_items=values.get("uniqueItems") is True,
        properties={name: keyed(found) for name, found in builder.properties.items()},
        property_pointers={name: found[0] for name, found in builder.properties.items()},
        required=frozenset(builder.required),
        additional=keyed(builder.additional) if builder.additional else None,
        additional_forbidden=values.get("additionalProperties") is False,
        pattern_properties={p: keyed(f) for p, f in builder.pattern_properties.items()},
        items=keyed(builder.items) if builder.items else None,
        items_forbidden=values.get("items") is False,
        prefix_items=tuple((views.target(p),) for p in prefix) if prefix else (),
        any_of=_branch_keys(views, combinators.get("anyOf")),
        one_of=_branch_keys(views, combinators.get("oneOf")),
        children={name: keyed(found) for name, found in builder.children.items()},
        dependent_required={k: frozenset(v) for k, v in builder.dependent_required.items()},
        dependent_schemas={k: keyed(v) for k, v in builder.dependent_schemas.items()},
        unevaluated={
            k: (keyed(v) if isinstance(v, list) else v) for k, v in builder.unevaluated.items()
        },
        content_media_type=_text(values.get("contentMediaType")),
        content_encoding=_text(values.get("contentEncoding")),
        read_only=values.get("readOnly") is True,
        write_only=values.get("writeOnly") is True,
        deprecated=values.get("deprecated") is True,
        default=values.get("default"),
        sunset=_scalar_text(values.get("x-sunset")),
        stability=_text(values.get("x-stability-level")),
        title=_text(values.get("title")),
        ref_names=frozenset(refs),
        all_of_refs=frozenset(all_of_refs),
        pointers=builder.pointers,
    )


def _branch_keys(views: SchemaViews, pointers: list[str] | None) -> tuple[SchemaKey, ...] | None:
    if pointers is None:
        return None
    return tuple((views.target(pointer),) for pointer in pointers)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _scalar_text(value: Any) -> str | None:
    return None if value is None or isinstance(value, dict | list) else str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None
