"""Compare ``anyOf``/``oneOf`` branches (paired by meaning, not position) and ``allOf`` members.

Branches are paired by :mod:`versioning.diff.branch_pairing`. A paired branch is compared
with its old self; an unpaired old branch was removed; an unpaired new branch was added,
and is ``…-added-compatible`` when every value it admits was already handled through an
old branch (see :mod:`versioning.diff.conformance`): a client sees nothing new. A schema
that gains a union around its old shape (or loses one) is matched the same way. For
``oneOf``, whose exactly-one rule refuses a value matching two branches, wrapping and
unwrapping are reported only when the other branches may overlap the wrapped one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from versioning.diff.branch_pairing import branch_label, match_branches
from versioning.diff.collect import at
from versioning.diff.conformance import may_overlap

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.model import SchemaKey
    from versioning.diff.schema_view import SchemaView
    from versioning.diff.view_builder import SchemaViews

__all__ = ["combinator_mismatch", "compare_branches"]

_PREFIX: dict[str, Literal["any-of", "one-of"]] = {"anyOf": "any-of", "oneOf": "one-of"}


def combinator_mismatch(collector: Collector) -> bool:
    """One side is a union (``anyOf``/``oneOf``) and the other is not."""
    base, revision = collector.base, collector.revision
    return (base.any_of is None) != (revision.any_of is None) or (base.one_of is None) != (
        revision.one_of is None
    )


def _views(views: SchemaViews, keys: tuple[SchemaKey, ...]) -> list[SchemaView]:
    return [views.view(key) for key in keys]


def _overlapping(views: SchemaViews, branches: list[SchemaView]) -> bool:
    """Whether any two branches of one union may match the same value."""
    return any(
        may_overlap(views, first, views, second)
        for index, first in enumerate(branches)
        for second in branches[index + 1 :]
    )


def _switched(collector: Collector) -> bool:
    """A ``oneOf`` became an ``anyOf`` (or the reverse): compared as one union.

    The switch itself only changes anything when two branches may match one value.
    """
    base, revision = collector.base, collector.revision
    for old, new, before, after, change in (
        ("oneOf", "anyOf", base.one_of, revision.any_of, "one-of-became-any-of"),
        ("anyOf", "oneOf", base.any_of, revision.one_of, "any-of-became-one-of"),
    ):
        only_old = base.any_of is None if old == "oneOf" else base.one_of is None
        only_new = revision.one_of is None if new == "anyOf" else revision.any_of is None
        if before is not None and after is not None and only_old and only_new:
            _compare_unions(collector, before, after, (old, new))
            branches = _views(collector.identity.revision, after)
            if _overlapping(collector.identity.revision, branches):
                collector.change(change, old, revision_pointer=at(revision, new))
            return True
    return False


def compare_branches(collector: Collector) -> None:
    """``anyOf`` and ``oneOf``, then the ``allOf`` members."""
    if not _switched(collector):
        for attribute, keyword in (("any_of", "anyOf"), ("one_of", "oneOf")):
            before: tuple[SchemaKey, ...] | None = getattr(collector.base, attribute)
            after: tuple[SchemaKey, ...] | None = getattr(collector.revision, attribute)
            if before is not None and after is not None:
                _compare_unions(collector, before, after, (keyword, keyword))
            elif after is not None:
                _compare_wrapping(collector, after, keyword, wrapped=True)
            elif before is not None:
                _compare_wrapping(collector, before, keyword, wrapped=False)


def _added(
    collector: Collector,
    keyword: str,
    label: str,
    key: SchemaKey,
    *,
    old: tuple[SchemaKey, ...],
    pointer: str,
) -> None:
    """A new branch: ``…-added``, or ``…-added-compatible`` when old branches handled it."""
    compatible = any(collector.conformance.within(key, base) for base in old)
    change = f"{_PREFIX[keyword]}-added{'-compatible' if compatible else ''}"
    collector.change(change, keyword, name=label, revision_pointer=pointer)


def _compare_unions(
    collector: Collector,
    before: tuple[SchemaKey, ...],
    after: tuple[SchemaKey, ...],
    keywords: tuple[str, str],
) -> None:
    """Branches paired by meaning; the rest removed (base keyword) or added (revision's)."""
    base = _views(collector.identity.base, before)
    revision = _views(collector.identity.revision, after)
    pairs, removed, added = match_branches(collector.identity, base, revision)
    base_at = at(collector.base, keywords[0])
    revision_at = at(collector.revision, keywords[1])
    for i, j in pairs:
        collector.edge(
            _PREFIX[keywords[1]],
            branch_label(revision[j], j),
            before[i],
            after[j],
            base_pointer=f"{base_at}/{i}",
            revision_pointer=f"{revision_at}/{j}",
        )
    for i in removed:
        collector.change(
            f"{_PREFIX[keywords[0]]}-removed",
            keywords[0],
            name=branch_label(base[i], i),
            base_pointer=f"{base_at}/{i}",
        )
    for j in added:
        _added(
            collector,
            keywords[1],
            branch_label(revision[j], j),
            after[j],
            old=before,
            pointer=f"{revision_at}/{j}",
        )


def _compare_wrapping(
    collector: Collector, branches: tuple[SchemaKey, ...], keyword: str, *, wrapped: bool
) -> None:
    """One side is a plain schema, the other a union: find the plain one among the branches."""
    prefix = _PREFIX[keyword]
    plain = collector.base if wrapped else collector.revision
    union_views = collector.identity.revision if wrapped else collector.identity.base
    union = _views(union_views, branches)
    union_view = collector.revision if wrapped else collector.base
    if wrapped:
        pairs, _, others = match_branches(collector.identity, [plain], union)
    else:
        pairs, others, _ = match_branches(collector.identity, union, [plain])
    matched = (pairs[0][1] if wrapped else pairs[0][0]) if pairs else None
    branch_pointer = at(union_view, keyword)
    if matched is None:
        collector.change(
            f"{prefix}-removed" if wrapped else f"{prefix}-added",
            keyword,
            name=branch_label(plain, 0),
        )
        others = list(range(len(branches)))
    else:
        key = branches[matched]
        collector.edge(
            "wrapped",
            branch_label(union[matched], matched),
            plain.key if wrapped else key,
            key if wrapped else plain.key,
            base_pointer=plain.pointer if wrapped else f"{branch_pointer}/{matched}",
            revision_pointer=f"{branch_pointer}/{matched}" if wrapped else plain.pointer,
        )
        overlapping = any(
            may_overlap(union_views, union[matched], union_views, union[index]) for index in others
        )
        if keyword == "oneOf" and overlapping:
            collector.change("wrapped-in-one-of" if wrapped else "unwrapped-from-one-of", keyword)
    for index in others:
        pointer = f"{branch_pointer}/{index}"
        label = branch_label(union[index], index)
        if wrapped:
            _added(collector, keyword, label, branches[index], old=(plain.key,), pointer=pointer)
        else:
            collector.change(f"{prefix}-removed", keyword, name=label, base_pointer=pointer)
