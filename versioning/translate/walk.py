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

__all__ = ["SchemaWalker", "Transform", "chain"]

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


class SchemaWalker:
    """Compiles schemas of one spec into transforms, given the node transform per component."""

    def __init__(self, spec: Spec, node_transform: Callable[[str], Transform | None]) -> None:
        self._spec = spec
        self._node_transform = node_transform
        self._nodes: dict[str, Transform | None] = {}
        self._compiled: dict[str, Transform | None] = {}
        self._reaches: dict[str, bool] = {}
        self._edges: dict[str, list[str]] = {}
        self._predicates: dict[int, tuple[Any, Callable[[Any], bool]]] = {}

    def _node(self, name: str) -> Transform | None:
        if name not in self._nodes:
            self._nodes[name] = self._node_transform(name)
        return self._nodes[name]

    def _direct_refs(self, ref: str) -> list[str]:
        """The references met walking ``ref``'s target, without following them (memoized)."""
        found = self._edges.get(ref)
        if found is not None:
            return found
        found = []
        try:
            stack: list[Any] = [self._spec.resolve(ref)]
        except LookupError:
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

    def _has_node(self, ref: str) -> bool:
        name = component_name(ref)
        return name is not None and self._node(name) is not None

    def _reaches_steps(self, ref: str) -> bool:
        """Whether anything reachable from ``ref`` (itself included) has a node transform.

        A breadth-first walk over the references each target holds; when it finds nothing,
        every reference it visited reaches nothing either, so big documents (Stripe's 500
        schemas) are walked about once, not once per reference.
        """
        known = self._reaches.get(ref)
        if known is not None:
            return known
        seen = {ref}
        queue = [ref]
        found = False
        while queue and not found:
            current = queue.pop()
            if self._reaches.get(current) or self._has_node(current):
                found = True
                break
            for target in self._direct_refs(current):
                if target not in seen and self._reaches.get(target) is not False:
                    seen.add(target)
                    queue.append(target)
        if found:
            self._reaches[ref] = True
        else:
            self._reaches.update(dict.fromkeys(seen, False))
        return found

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
        """``compile_predicate`` for a branch, once per branch object (shared schemas repeat)."""
        cached = self._predicates.get(id(branch))
        if cached is None or cached[0] is not branch:
            cached = (branch, compile_predicate(self._spec, branch))
            self._predicates[id(branch)] = cached
        return cached[1]

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
