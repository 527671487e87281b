"""Compiling a schema into a payload transform that applies steps wherever schemas occur.

The walk follows the schema the payload conforms to — through properties, arrays, maps
(``additionalProperties``/``patternProperties``), ``$ref``s (recursive ones too), ``allOf``
and the matching ``oneOf``/``anyOf`` branch — and at each named component applies the node
transform the hop compiled for it, after translating the children. Sub-schemas that cannot
reach a component with steps are pruned, so translating costs only what changes.
Transforms never mutate their input: changed objects are shallow copies, unchanged
sub-trees are shared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeAlias

from versioning.translate.match import compile_predicate
from versioning.translate.schemas import component_name, subschemas

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.spec.model import Spec
    from versioning.translate.context import TranslationContext

__all__ = ["ReferenceGraph", "SchemaWalker", "Transform", "chain", "reference_graph"]

Transform: TypeAlias = "Callable[[Any, TranslationContext], Any]"


def chain(transforms: list[Transform]) -> Transform | None:
    """Apply ``transforms`` one after the other (``None`` for none)."""
    if not transforms:
        return None
    if len(transforms) == 1:
        return transforms[0]
    steps = tuple(transforms)

    def run(value: Any, context: TranslationContext) -> Any:
        for step in steps:
            value = step(value, context)
        return value

    return run


def _properties_transform(properties: list[tuple[str, Transform]]) -> Transform:
    def run(value: Any, context: TranslationContext) -> Any:
        if type(value) is not dict:
            return value
        out: dict[str, Any] | None = None
        for name, transform in properties:
            if name in value:
                old = value[name]
                new = transform(old, context)
                if new is not old:
                    if out is None:
                        out = dict(value)
                    out[name] = new
        return value if out is None else out

    return run


def _map_transform(
    rest: Transform | None,
    patterns: list[tuple[re.Pattern[str], Transform]],
    declared: frozenset[str],
) -> Transform:
    """Undeclared keys: matching ``patternProperties``, else ``additionalProperties``."""

    def translate(key: str, old: Any, context: TranslationContext) -> Any:
        new, matched = old, False
        for pattern, transform in patterns:
            if pattern.search(key):
                new, matched = transform(new, context), True
        if not matched and rest is not None:
            new = rest(new, context)
        return new

    def run(value: Any, context: TranslationContext) -> Any:
        if type(value) is not dict:
            return value
        out: dict[str, Any] | None = None
        for key, old in value.items():
            if key in declared:
                continue
            new = translate(key, old, context)
            if new is not old:
                if out is None:
                    out = dict(value)
                out[key] = new
        return value if out is None else out

    return run


def _array_transform(items: Transform | None, prefix: list[Transform | None]) -> Transform:
    def run(value: Any, context: TranslationContext) -> Any:
        if type(value) is not list:
            return value
        out = list(value)
        for index, old in enumerate(value):
            transform = prefix[index] if index < len(prefix) else items
            if transform is not None:
                out[index] = transform(old, context)
        return out

    return run


def _choice_transform(branches: list[tuple[Callable[[Any], bool], Transform | None]]) -> Transform:
    def run(value: Any, context: TranslationContext) -> Any:
        for matches, transform in branches:
            if matches(value):
                return value if transform is None else transform(value, context)
        return value

    return run


class ReferenceGraph:
    """The ``$ref``s each target of one document holds, and its branch predicates, cached.

    Both depend only on the document, so every hop and walker over a spec shares them: the
    coverage gate builds a hop per drafted step, and each would otherwise walk Stripe's
    schemas again.
    """

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._edges: dict[str, list[str]] = {}
        self._predicates: dict[int, tuple[Any, Callable[[Any], bool]]] = {}

    def components(self) -> list[str]:
        """A reference to every component schema."""
        return [f"#/components/schemas/{name}" for name in self._spec.schemas]

    def targets(self, ref: str) -> list[str]:
        """The references met walking ``ref``'s target, without following them."""
        found = self._edges.get(ref)
        if found is not None:
            return found
        found = []
        try:
            stack: list[Any] = [self._spec.resolve(ref)]
        except (LookupError, ValueError):
            stack = []
        while stack:
            schema = stack.pop()
            if not isinstance(schema, dict):
                continue
            target = schema.get("$ref")
            if isinstance(target, str):
                found.append(target)
            stack.extend(subschemas(schema))
        self._edges[ref] = found
        return found

    def closure(self, refs: set[str]) -> set[str]:
        """``refs`` and every reference reachable from them."""
        seen = set(refs)
        queue = list(refs)
        while queue:
            for target in self.targets(queue.pop()):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        return seen

    def predicate(self, branch: Any) -> Callable[[Any], bool]:
        """``compile_predicate`` of a branch of this document, compiled once."""
        cached = self._predicates.get(id(branch))
        if cached is None or cached[0] is not branch:
            cached = (branch, compile_predicate(self._spec, branch))
            self._predicates[id(branch)] = cached
        return cached[1]


_GRAPHS: dict[int, tuple[Any, ReferenceGraph]] = {}
_MOST_GRAPHS = 16
"""Documents whose graphs are kept (a catalog's versions); older ones are let go."""


def reference_graph(spec: Spec) -> ReferenceGraph:
    """The shared :class:`ReferenceGraph` of ``spec``'s document."""
    kept = _GRAPHS.get(id(spec.document))
    if kept is None or kept[0] is not spec.document:
        kept = (spec.document, ReferenceGraph(spec))
        _GRAPHS.pop(id(spec.document), None)
        _GRAPHS[id(spec.document)] = kept
        while len(_GRAPHS) > _MOST_GRAPHS:
            del _GRAPHS[next(iter(_GRAPHS))]
    return kept[1]


class SchemaWalker:
    """Compiles schemas of one spec into transforms, given the node transform per component."""

    def __init__(self, spec: Spec, node_transform: Callable[[str], Transform | None]) -> None:
        self._spec = spec
        self._node_transform = node_transform
        self._nodes: dict[str, Transform | None] = {}
        self._compiled: dict[str, Transform | None] = {}
        self._reaching: set[str] | None = None
        self._known: set[str] = set()

    def _node(self, name: str) -> Transform | None:
        if name not in self._nodes:
            self._nodes[name] = self._node_transform(name)
        return self._nodes[name]

    def _has_node(self, ref: str) -> bool:
        name = component_name(ref)
        return name is not None and self._node(name) is not None

    def _reaches_steps(self, ref: str) -> bool:
        """Whether anything reachable from ``ref`` (itself included) has a node transform.

        Answered from one reverse walk of the document's reference graph (shared by every
        walker of the spec) from the components that have steps, so a big document (Stripe's
        500 schemas, densely linked) costs one pass, not one walk per reference.
        """
        if self._reaching is None or ref not in self._known:
            graph = reference_graph(self._spec)
            self._known = graph.closure({*self._known, ref, *graph.components()})
            reverse: dict[str, list[str]] = {}
            for source in self._known:
                for target in graph.targets(source):
                    reverse.setdefault(target, []).append(source)
            reaching = {source for source in self._known if self._has_node(source)}
            queue = list(reaching)
            while queue:
                for source in reverse.get(queue.pop(), ()):
                    if source not in reaching:
                        reaching.add(source)
                        queue.append(source)
            self._reaching = reaching
        return ref in self._reaching

    def compile(self, schema: Any) -> Transform | None:
        """The transform for values of ``schema``; ``None`` when nothing below has steps."""
        if not isinstance(schema, dict):
            return None
        parts: list[Transform] = []
        structural = [
            self._compile_object(schema),
            self._compile_array(schema),
            *(self.compile(branch) for branch in schema.get("allOf") or ()),
            self._compile_choice(schema),
        ]
        parts.extend(part for part in structural if part is not None)
        ref = schema.get("$ref")
        if isinstance(ref, str):
            referenced = self._compile_ref(ref)
            if referenced is not None:
                parts.append(referenced)
        return chain(parts)

    def _compile_ref(self, ref: str) -> Transform | None:
        if ref in self._compiled:
            return self._compiled[ref]
        if not self._reaches_steps(ref):
            self._compiled[ref] = None
            return None
        cell: list[Transform] = []

        def recursive(value: Any, context: TranslationContext) -> Any:
            return cell[0](value, context)

        self._compiled[ref] = recursive  # a recursive schema meets itself through this
        try:
            target = self._spec.resolve(ref)
        except LookupError:
            target = None
        name = component_name(ref)
        node = self._node(name) if name is not None else None
        inner = self.compile(target)
        transform = chain([part for part in (inner, node) if part is not None])
        cell.append(transform if transform is not None else (lambda value, context: value))
        self._compiled[ref] = transform
        return transform

    def _compile_object(self, schema: dict[str, Any]) -> Transform | None:
        properties_schema = schema.get("properties")
        properties: list[tuple[str, Transform]] = []
        declared: frozenset[str] = frozenset()
        if isinstance(properties_schema, dict):
            declared = frozenset(properties_schema)
            for name, sub in properties_schema.items():
                transform = self.compile(sub)
                if transform is not None:
                    properties.append((name, transform))
        rest = self.compile(schema.get("additionalProperties"))
        patterns: list[tuple[re.Pattern[str], Transform]] = []
        pattern_schema = schema.get("patternProperties")
        if isinstance(pattern_schema, dict):
            for pattern, sub in pattern_schema.items():
                transform = self.compile(sub)
                if transform is not None:
                    patterns.append((re.compile(pattern), transform))
        parts: list[Transform] = []
        if properties:
            parts.append(_properties_transform(properties))
        if rest is not None or patterns:
            parts.append(_map_transform(rest, patterns, declared))
        return chain(parts)

    def _compile_array(self, schema: dict[str, Any]) -> Transform | None:
        items = self.compile(schema.get("items"))
        prefix = [self.compile(sub) for sub in schema.get("prefixItems") or ()]
        if items is None and all(part is None for part in prefix):
            return None
        return _array_transform(items, prefix)

    def _predicate(self, branch: Any) -> Callable[[Any], bool]:
        """``compile_predicate`` for a branch, once per spec and branch (hops share specs)."""
        return reference_graph(self._spec).predicate(branch)

    def _compile_choice(self, schema: dict[str, Any]) -> Transform | None:
        transforms: list[Transform | None] = []
        for key in ("oneOf", "anyOf"):
            branches = schema.get(key)
            if not isinstance(branches, list):
                continue
            compiled = [self.compile(branch) for branch in branches]
            if all(part is None for part in compiled):
                continue
            options = [
                (self._predicate(branch), part)
                for branch, part in zip(branches, compiled, strict=True)
            ]
            transforms.append(_choice_transform(options))
        return chain([part for part in transforms if part is not None])
