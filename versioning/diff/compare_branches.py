"""Compare ``anyOf``/``oneOf`` branches (matched by meaning, not position) and ``allOf`` refs.

Branches are paired by the component they reference, then by ``title``, then by identical
content, then by shape (types, property names, a constant discriminating property), so a
reordered ``oneOf`` is no change and an edited branch is compared with its old self. A schema
that gains a ``oneOf`` around its old shape (or loses one) is matched the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Literal, TypeAlias

from versioning.diff.collect import at

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.model import SchemaKey
    from versioning.diff.schema_view import SchemaView
    from versioning.diff.schema_views import SchemaViews

__all__ = ["Signature", "branch_label", "combinator_mismatch", "compare_branches", "match_branches"]

Signature: TypeAlias = Callable[["SchemaView"], Hashable | None]

_POSITIONAL = re.compile(r"/(?:anyOf|oneOf|allOf|prefixItems)/\d+$|/(?:items|schema)$")


def _named(view: SchemaView) -> str | None:
    """The component a branch stands for, when it is a reference to one."""
    pointer = view.key[0] if view.key else ""
    return None if not pointer or _POSITIONAL.search(pointer) else pointer


def branch_label(view: SchemaView, index: int) -> str:
    """How messages name a branch: its component name, title, or position."""
    named = _named(view)
    if named:
        return named.rsplit("/", 1)[-1]
    return view.title or f"#{index}"


def _shape(views: SchemaViews, view: SchemaView) -> tuple[object, ...]:
    """A coarse fingerprint: types, property names and constant-valued properties."""
    constants = []
    for name, key in sorted(view.properties.items()):
        child = views.view(key)
        if child.const is not None:
            constants.append((name, repr(child.const[0])))
        elif child.enum is not None and len(child.enum) == 1:
            constants.append((name, repr(child.enum[0])))
    return (view.types, tuple(sorted(view.properties)), tuple(constants))


def _similarity(base: SchemaView, revision: SchemaView) -> float:
    """How alike two unnamed branches look: overlapping types, then shared property names."""
    if base.types is not None and revision.types is not None and not base.types & revision.types:
        return 0.0
    names = set(base.properties) | set(revision.properties)
    shared = len(set(base.properties) & set(revision.properties))
    return 1.0 + (shared / len(names) if names else 1.0)


def match_branches(
    collector: Collector, base: list[SchemaView], revision: list[SchemaView]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair base and revision branches; returns (pairs, unmatched base, unmatched revision)."""
    left, right = list(range(len(base))), list(range(len(revision)))
    pairs: list[tuple[int, int]] = []
    base_views, revision_views = collector.identity.base, collector.identity.revision

    def pair(i: int, j: int) -> None:
        pairs.append((i, j))
        left.remove(i)
        right.remove(j)

    signatures: tuple[tuple[Signature, Signature], ...] = (
        (_named, _named),
        (lambda view: view.title, lambda view: view.title),
        (lambda view: _shape(base_views, view), lambda view: _shape(revision_views, view)),
    )
    for of_base, of_revision in signatures:
        found: dict[Hashable, int] = {}
        for j in right:
            found.setdefault(of_revision(revision[j]), j)
        for i in list(left):
            signature = of_base(base[i])
            if signature is not None and signature in found:
                j = found.pop(signature)
                if j in right:
                    pair(i, j)
    for i in list(left):
        same = [j for j in right if collector.identity.same_keys(base[i].key, revision[j].key)]
        if same:
            pair(i, same[0])
    scored = sorted(
        ((_similarity(base[i], revision[j]), i, j) for i in left for j in right),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for score, i, j in scored:
        if score > 0 and i in left and j in right:
            pair(i, j)
    return sorted(pairs), left, right


def combinator_mismatch(collector: Collector) -> bool:
    """One side is a union (``anyOf``/``oneOf``) and the other is not."""
    base, revision = collector.base, collector.revision
    return (base.any_of is None) != (revision.any_of is None) or (base.one_of is None) != (
        revision.one_of is None
    )


def _switched(collector: Collector) -> bool:
    """A ``oneOf`` became an ``anyOf`` (or the reverse): compared as one union."""
    base, revision = collector.base, collector.revision
    for old, new, before, after, change in (
        ("oneOf", "anyOf", base.one_of, revision.any_of, "one-of-became-any-of"),
        ("anyOf", "oneOf", base.any_of, revision.one_of, "any-of-became-one-of"),
    ):
        only_old = base.any_of is None if old == "oneOf" else base.one_of is None
        only_new = revision.one_of is None if new == "anyOf" else revision.any_of is None
        if before is not None and after is not None and only_old and only_new:
            _compare_unions(collector, before, after, (old, new))
            collector.change(change, old, revision_pointer=at(revision, new))
            return True
    return False


def compare_branches(collector: Collector) -> None:
    """``anyOf``, ``oneOf`` and the ``allOf`` members' references."""
    if not _switched(collector):
        for attribute, keyword in (("any_of", "anyOf"), ("one_of", "oneOf")):
            before: tuple[SchemaKey, ...] | None = getattr(collector.base, attribute)
            after: tuple[SchemaKey, ...] | None = getattr(collector.revision, attribute)
            prefix = "any-of" if keyword == "anyOf" else "one-of"
            if before is not None and after is not None:
                _compare_unions(collector, before, after, (keyword, keyword))
            elif after is not None:
                _compare_wrapping(collector, after, keyword, prefix, wrapped=True)
            elif before is not None:
                _compare_wrapping(collector, before, keyword, prefix, wrapped=False)
    _compare_all_of(collector)


def _views(views: SchemaViews, keys: tuple[SchemaKey, ...]) -> list[SchemaView]:
    return [views.view(key) for key in keys]


_PREFIX: dict[str, Literal["any-of", "one-of"]] = {"anyOf": "any-of", "oneOf": "one-of"}


def _compare_unions(
    collector: Collector,
    before: tuple[SchemaKey, ...],
    after: tuple[SchemaKey, ...],
    keywords: tuple[str, str],
) -> None:
    """Branches paired by meaning; the rest removed (base keyword) or added (revision's)."""
    base = _views(collector.identity.base, before)
    revision = _views(collector.identity.revision, after)
    pairs, removed, added = match_branches(collector, base, revision)
    base_at = at(collector.base, keywords[0])
    revision_at = at(collector.revision, keywords[1])
    for i, j in pairs:
        collector.edge(
            _PREFIX[keywords[1]], branch_label(revision[j], j), before[i], after[j],
            base_pointer=f"{base_at}/{i}", revision_pointer=f"{revision_at}/{j}",
        )  # fmt: skip
    for i in removed:
        collector.change(
            f"{_PREFIX[keywords[0]]}-removed", keywords[0], name=branch_label(base[i], i),
            base_pointer=f"{base_at}/{i}",
        )  # fmt: skip
    for j in added:
        collector.change(
            f"{_PREFIX[keywords[1]]}-added", keywords[1], name=branch_label(revision[j], j),
            revision_pointer=f"{revision_at}/{j}",
        )  # fmt: skip


def _compare_wrapping(
    collector: Collector,
    branches: tuple[SchemaKey, ...],
    keyword: str,
    prefix: str,
    *,
    wrapped: bool,
) -> None:
    """One side is a plain schema, the other a union: find the plain one among the branches."""
    plain = collector.base if wrapped else collector.revision
    union_side = collector.identity.revision if wrapped else collector.identity.base
    union = _views(union_side, branches)
    union_view = collector.revision if wrapped else collector.base
    if wrapped:
        pairs, _, others = match_branches(collector, [plain], union)
    else:
        pairs, others, _ = match_branches(collector, union, [plain])
    matched = (pairs[0][1] if wrapped else pairs[0][0]) if pairs else None
    branch_pointer = at(union_view, keyword)
    if matched is not None:
        key = branches[matched]
        collector.edge(
            "wrapped", branch_label(union[matched], matched),
            plain.key if wrapped else key, key if wrapped else plain.key,
            base_pointer=plain.pointer if wrapped else f"{branch_pointer}/{matched}",
            revision_pointer=f"{branch_pointer}/{matched}" if wrapped else plain.pointer,
        )  # fmt: skip
        if prefix == "one-of":
            change = "wrapped-in-one-of" if wrapped else "unwrapped-from-one-of"
            collector.change(change, keyword)
            return
    else:
        collector.change(
            f"{prefix}-removed" if wrapped else f"{prefix}-added", keyword,
            name=branch_label(plain, 0),
        )  # fmt: skip
        others = list(range(len(branches)))
    for index in others:
        pointer = f"{branch_pointer}/{index}"
        collector.change(
            f"{prefix}-added" if wrapped else f"{prefix}-removed", keyword,
            name=branch_label(union[index], index),
            base_pointer=None if wrapped else pointer,
            revision_pointer=pointer if wrapped else None,
        )  # fmt: skip


def _compare_all_of(collector: Collector) -> None:
    """``allOf`` members referenced by name, reported only when the meaning changed too."""
    before, after = collector.base.all_of_refs, collector.revision.all_of_refs
    for pointer in sorted(before - after):
        collector.change(
            "all-of-removed", "allOf", name=pointer.rsplit("/", 1)[-1], conditional=True
        )
    for pointer in sorted(after - before):
        collector.change("all-of-added", "allOf", name=pointer.rsplit("/", 1)[-1], conditional=True)
