"""``anyOf`` and ``oneOf`` (with OpenAPI discriminators): one strategy per branch that has values.

Keywords beside the combinator apply to every branch, so each branch is generated merged with
them. A ``oneOf`` value must match exactly one branch: unless the branches are disjoint by
type or by a discriminating constant, values matching several are filtered out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from compat_tests.errors import SchemaGenerationError, UnsatisfiableSchemaError
from compat_tests.schema_keywords import Schema, keyword_problem, resolve_ref
from compat_tests.strategies.json_values import canonical

if TYPE_CHECKING:
    from compat_tests.strategies.builder import SchemaStrategies

__all__ = ["branches_are_disjoint", "combinator_strategy"]


def _mentions_ref(node: Any) -> bool:
    if isinstance(node, dict):
        return "$ref" in node or any(_mentions_ref(value) for value in node.values())
    if isinstance(node, list):
        return any(_mentions_ref(item) for item in node)
    return False


def _resolved(node: Schema, root: Any) -> Schema:
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        seen.add(node["$ref"])
        try:
            node = resolve_ref(root, node["$ref"])
        except SchemaGenerationError:
            break
    return node


def _types(node: Schema) -> set[str] | None:
    if not isinstance(node, dict) or "type" not in node:
        return None
    declared = node["type"]
    types = {declared} if isinstance(declared, str) else set(declared)
    if "number" in types:
        types.add("integer")
    return types


def _constants(node: Schema, name: str, root: Any) -> set[str] | None:
    """The values ``node`` allows for required property ``name``, when it pins them."""
    if not isinstance(node, dict) or name not in node.get("required", ()):
        return None
    prop = _resolved(node.get("properties", {}).get(name, True), root)
    if not isinstance(prop, dict):
        return None
    if "const" in prop:
        return {canonical(prop["const"])}
    if isinstance(prop.get("enum"), list):
        return {canonical(value) for value in prop["enum"]}
    return None


def _pairwise_disjoint(sets: list[set[str]]) -> bool:
    seen: set[str] = set()
    for values in sets:
        if values & seen:
            return False
        seen |= values
    return True


def branches_are_disjoint(branches: list[Schema], root: Any) -> bool:
    """Whether no value can match two branches (decided from types or a pinned property)."""
    resolved = [_resolved(branch, root) for branch in branches]
    if any(keyword_problem(branch) is not None for branch in resolved):
        return False  # a branch that cannot be read: filter rather than guess
    types = [_types(branch) for branch in resolved]
    if all(found is not None for found in types):
        return _pairwise_disjoint([found for found in types if found is not None])
    first = resolved[0]
    for name in first.get("required", ()) if isinstance(first, dict) else ():
        pinned = [_constants(branch, name, root) for branch in resolved]
        if all(found is not None for found in pinned) and _pairwise_disjoint(
            [found for found in pinned if found is not None]
        ):
            return True
    return False


def _discriminator_constraints(
    branches: list[Schema], discriminator: Any
) -> list[dict[str, Any] | None]:
    """Per branch, the discriminator value(s) that select it (``None`` when not a ``$ref``)."""
    if not isinstance(discriminator, dict) or not isinstance(
        discriminator.get("propertyName"), str
    ):
        return [None] * len(branches)
    name = discriminator["propertyName"]
    mapping = discriminator.get("mapping") or {}
    constraints: list[dict[str, Any] | None] = []
    for branch in branches:
        ref = branch.get("$ref") if isinstance(branch, dict) else None
        if not isinstance(ref, str):
            constraints.append(None)
            continue
        schema_name = ref.rsplit("/", 1)[-1]
        values = [key for key, target in mapping.items() if target in (ref, schema_name)]
        constraints.append(
            {"properties": {name: {"enum": values or [schema_name]}}, "required": [name]}
        )
    return constraints


def _failure(failures: list[SchemaGenerationError], keyword: str) -> SchemaGenerationError:
    if all(isinstance(error, UnsatisfiableSchemaError) for error in failures):
        reasons = "; ".join(dict.fromkeys(error.message for error in failures))
        return UnsatisfiableSchemaError(f"no {keyword} branch admits a value ({reasons})")
    return next(e for e in failures if not isinstance(e, UnsatisfiableSchemaError))


def combinator_strategy(
    builder: SchemaStrategies, schema: dict[str, Any], core: dict[str, Any], depth: int
) -> st.SearchStrategy[Any]:
    """Values of an ``anyOf``/``oneOf`` schema (the other keywords apply to every branch)."""
    keyword = "oneOf" if "oneOf" in core else "anyOf"
    branches: list[Schema] = list(core[keyword])
    rest = {key: value for key, value in core.items() if key != keyword}
    selectors = _discriminator_constraints(branches, schema.get("discriminator"))
    order = list(range(len(branches)))
    shallow = builder.is_shallow(depth)
    if shallow:  # deep in a recursion: prefer branches that do not recurse further
        order.sort(key=lambda index: _mentions_ref(branches[index]))
    options: list[st.SearchStrategy[Any]] = []
    failures: list[SchemaGenerationError] = []
    for index in order:
        branch = branches[index]
        if shallow and options and _mentions_ref(branch):
            break
        for selector in (selectors[index], None) if selectors[index] else (None,):
            parts = [part for part in (rest, selector) if part]
            candidate = {"allOf": [*parts, branch]} if parts else branch
            try:
                options.append(builder.build(candidate, depth))
                break
            except SchemaGenerationError as error:
                failures.append(error)
    if not options:
        raise _failure(failures, keyword)
    strategy = st.one_of(options)
    if (
        keyword == "oneOf"
        and len(branches) > 1
        and not branches_are_disjoint(branches, builder.root)
    ):
        compiled = [builder.compiled(branch) for branch in branches]
        strategy = strategy.filter(
            lambda value: sum(branch.is_valid(value) for branch in compiled) == 1
        )
    return strategy
