"""Pair the branches of two unions by what they are, never by where they stand.

A reordered ``anyOf: [{type: string}, {enum: [""]}]`` must compare each branch with its
old self, and an edited branch with the branch it was. So branches are paired, in order of
confidence, by the component they reference, by ``title``, by identical content, by an
exact structural fingerprint (types, enum, const, format, bounds, property names …), and
last by the best structural similarity (types that overlap, shared property names, equal
discriminating constants, the same enum values). Position never decides a pair; it only
breaks exact ties between equally similar candidates, so the result is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeAlias

from versioning.diff.schema_view import canonical, implied_types

if TYPE_CHECKING:
    from versioning.diff.identity import Identity
    from versioning.diff.schema_view import SchemaView
    from versioning.diff.view_builder import SchemaViews

__all__ = ["Signature", "branch_label", "match_branches", "named_component"]

Signature: TypeAlias = Callable[["SchemaView"], Hashable | None]

_POSITIONAL = re.compile(r"/(?:anyOf|oneOf|allOf|prefixItems)/\d+$|/(?:items|schema)$")


def named_component(view: SchemaView) -> str | None:
    """The component a branch stands for, when it is a reference to one."""
    pointer = view.key[0] if view.key else ""
    return None if not pointer or _POSITIONAL.search(pointer) else pointer


def branch_label(view: SchemaView, index: int) -> str:
    """How messages name a branch: its component name, title, or position."""
    named = named_component(view)
    if named:
        return named.rsplit("/", 1)[-1]
    return view.title or f"#{index}"


def _constants(views: SchemaViews, view: SchemaView) -> dict[str, str]:
    """Properties restricted to one value (``kind: {const: card}``): a union's discriminators."""
    found: dict[str, str] = {}
    for name, key in view.properties.items():
        child = views.view(key)
        if child.const is not None:
            found[name] = canonical(child.const[0])
        elif child.enum is not None and len(child.enum) == 1:
            found[name] = canonical(child.enum[0])
    return found


def _enum(view: SchemaView) -> frozenset[str] | None:
    if view.const is not None:
        return frozenset({canonical(view.const[0])})
    if view.enum is not None:
        return frozenset(canonical(value) for value in view.enum)
    return None


def _fingerprint(views: SchemaViews, view: SchemaView) -> Hashable:
    """Everything that makes two unnamed branches the same branch, as one hashable value."""
    return (
        implied_types(view),
        view.nullable,
        _enum(view),
        view.format,
        view.patterns,
        tuple(sorted(view.bounds.items())),
        view.multiple_of,
        tuple(sorted(view.properties)),
        tuple(sorted(view.required)),
        view.additional_forbidden,
        tuple(sorted(_constants(views, view).items())),
        view.items is not None,
        len(view.prefix_items),
        view.any_of is not None,
        view.one_of is not None,
    )


def _jaccard(left: frozenset[str] | set[str], right: frozenset[str] | set[str]) -> float:
    union = left | right
    return len(left & right) / len(union) if union else 1.0


def _widened(types: frozenset[str]) -> frozenset[str]:
    return types | {"integer"} if "number" in types else types


def similarity(
    base_views: SchemaViews, revision_views: SchemaViews, base: SchemaView, revision: SchemaView
) -> float:
    """How alike two branches are; ``0`` when they cannot be the same branch at all.

    Disjoint types, or a discriminating constant with another value (``kind: card`` vs
    ``kind: bank``), rule a pair out; otherwise shared property names, required names, enum
    values, format and bounds each add to the score.
    """
    before, after = implied_types(base), implied_types(revision)
    if before is not None and after is not None and not _widened(before) & _widened(after):
        return 0.0
    old_constants = _constants(base_views, base)
    new_constants = _constants(revision_views, revision)
    shared = old_constants.keys() & new_constants.keys()
    if any(old_constants[name] != new_constants[name] for name in shared):
        return 0.0
    score = 1.0 + 2.0 * len(shared)
    score += _jaccard(set(base.properties), set(revision.properties))
    score += 0.5 * _jaccard(base.required, revision.required)
    old_enum, new_enum = _enum(base), _enum(revision)
    if (old_enum is None) != (new_enum is None):
        score -= 0.5
    elif old_enum is not None and new_enum is not None:
        score += _jaccard(old_enum, new_enum)
    score += 0.25 * (before == after) + 0.25 * (base.format == revision.format)
    score += 0.25 * _jaccard(set(base.bounds), set(revision.bounds))
    return max(score, 0.01)


def match_branches(
    identity: Identity, base: list[SchemaView], revision: list[SchemaView]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair base and revision branches; returns (pairs, unmatched base, unmatched revision)."""
    left, right = list(range(len(base))), list(range(len(revision)))
    pairs: list[tuple[int, int]] = []
    base_views, revision_views = identity.base, identity.revision

    def pair(i: int, j: int) -> None:
        pairs.append((i, j))
        left.remove(i)
        right.remove(j)

    for i in list(left):  # identical data first: it cannot be anything but itself
        same = next((j for j in right if identity.same_keys(base[i].key, revision[j].key)), None)
        if same is not None:
            pair(i, same)
    signatures: tuple[tuple[Signature, Signature], ...] = (
        (named_component, named_component),
        (lambda view: view.title, lambda view: view.title),
        (
            lambda view: _fingerprint(base_views, view),
            lambda view: _fingerprint(revision_views, view),
        ),
    )
    for of_base, of_revision in signatures:
        found: dict[Hashable, list[int]] = {}
        for j in right:
            signature = of_revision(revision[j])
            if signature is not None:
                found.setdefault(signature, []).append(j)
        for i in list(left):
            candidates = found.get(of_base(base[i])) or []
            if candidates:
                pair(i, candidates.pop(0))
    scored = sorted(
        (
            (similarity(base_views, revision_views, base[i], revision[j]), i, j)
            for i in left
            for j in right
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for score, i, j in scored:
        if score > 0 and i in left and j in right:
            pair(i, j)
    return sorted(pairs), left, right
