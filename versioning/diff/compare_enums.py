"""Compare enumerated schemas by the values they really accept.

When either side lists its values (``enum``, ``const``), that list decides what is accepted,
and the other value keywords (``maxLength``, ``pattern``, ``minimum``, ``format`` …) only
matter insofar as they refuse listed values. So an ``enum`` replacing a ``maxLength: 5000``
string is a narrowing, not "max length unset" plus "became enum", and the values are
compared after filtering each side's list by that side's own constraints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from versioning.diff.collect import at
from versioning.diff.schema_view import canonical

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.schema_view import SchemaView

__all__ = [
    "VALUE_BOUNDS",
    "compare_enum",
    "compare_enum_presence",
    "const_as_enum",
    "is_enumerated",
    "satisfies",
]

VALUE_BOUNDS = frozenset(
    {
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
    }
)
"""Bounds on a single string or number value (an ``enum`` decides over them)."""


def is_enumerated(view: SchemaView) -> bool:
    """Whether the schema lists the values it accepts."""
    return view.enum is not None or view.const is not None


def _number_ok(view: SchemaView, value: float) -> bool:
    bounds = view.bounds
    if "maximum" in bounds and value > bounds["maximum"]:
        return False
    if "minimum" in bounds and value < bounds["minimum"]:
        return False
    if "exclusiveMaximum" in bounds and value >= bounds["exclusiveMaximum"]:
        return False
    if "exclusiveMinimum" in bounds and value <= bounds["exclusiveMinimum"]:
        return False
    return view.multiple_of is None or (value / view.multiple_of).is_integer()


def _string_ok(view: SchemaView, value: str) -> bool:
    if len(value) > view.bounds.get("maxLength", len(value)):
        return False
    if len(value) < view.bounds.get("minLength", 0):
        return False
    for pattern in view.patterns:
        try:
            if re.search(pattern, value) is None:
                return False
        except re.error:  # an ECMA-only pattern: assume it accepts the listed value
            continue
    return True


def satisfies(view: SchemaView, value: Any) -> bool:
    """Whether ``value`` passes the view's value constraints (not its type or enum)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return _number_ok(view, float(value))
    if isinstance(value, str):
        return _string_ok(view, value)
    return True


def _accepted(view: SchemaView, values: tuple[Any, ...]) -> dict[str, Any]:
    return {canonical(value): value for value in values if satisfies(view, value)}


def const_as_enum(base: SchemaView, revision: SchemaView) -> bool:
    """Whether one side's ``const`` is compared as a one-value ``enum`` with the other's.

    ``enum: [a, b]`` becoming ``const: a`` drops ``b`` exactly as ``enum: [a]`` would; it
    is not "no longer an enum" plus "const set".
    """
    if (base.enum is None) == (revision.enum is None):
        return False
    single = base if base.enum is None else revision
    return single.const is not None


def _report(
    collector: Collector,
    prefix: str,
    keywords: tuple[str, str],
    values: dict[str, Any],
    *,
    added: bool,
) -> None:
    base, revision = collector.base, collector.revision
    base_keyword, revision_keyword = keywords
    for value in values.values():
        if added:
            collector.change(
                f"{prefix}-added",
                name=_name(value),
                after=value,
                base_pointer=at(base, base_keyword),
                revision_pointer=_index(
                    collector, at(revision, revision_keyword), value, revision=True
                ),
            )
        else:
            collector.change(
                f"{prefix}-removed",
                name=_name(value),
                before=value,
                base_pointer=_index(collector, at(base, base_keyword), value, revision=False),
                revision_pointer=at(revision, revision_keyword),
            )


def _name(value: Any) -> str:
    return value if isinstance(value, str) else canonical(value)


def _index(collector: Collector, pointer: str, value: Any, *, revision: bool) -> str:
    """The pointer of ``value`` inside the raw list at ``pointer`` (or the list itself)."""
    views = collector.identity.revision if revision else collector.identity.base
    raw = views.node(pointer)
    if isinstance(raw, list):
        wanted = canonical(value)
        for index, item in enumerate(raw):
            if canonical(item) == wanted:
                return f"{pointer}/{index}"
    return pointer


def compare_enum(collector: Collector, keyword: str, prefix: str) -> None:
    """Values added to or removed from an ``enum`` (or an ``x-extensible-enum``).

    For ``enum``, each side's list is first filtered by that side's own constraints; an
    enum appearing or disappearing also reports the listed values the other side refused.
    A ``const`` facing an ``enum`` counts as a one-value ``enum`` (see :func:`const_as_enum`).
    """
    base, revision = collector.base, collector.revision
    extensible = keyword == "x-extensible-enum"
    before = base.extensible_enum if extensible else base.enum
    after = revision.extensible_enum if extensible else revision.enum
    keywords = (keyword, keyword)
    if not extensible and const_as_enum(base, revision):
        if before is None:
            before, keywords = base.const, ("const", keyword)
        else:
            after, keywords = revision.const, (keyword, "const")
    if before is None and after is None:
        return
    if before is None or after is None:
        if extensible:
            return
        if before is None:
            assert after is not None
            collector.change("became-enum", keyword, after=list(after))
            refused = {
                k: v for k, v in _accepted(revision, after).items() if not satisfies(base, v)
            }
            _report(collector, prefix, keywords, refused, added=True)
        else:
            collector.change("enum-removed", keyword, before=list(before))
            lost = {k: v for k, v in _accepted(base, before).items() if not satisfies(revision, v)}
            _report(collector, prefix, keywords, lost, added=False)
        return
    old = _accepted(base, before) if not extensible else {canonical(v): v for v in before}
    new = _accepted(revision, after) if not extensible else {canonical(v): v for v in after}
    removed = {k: v for k, v in old.items() if k not in new}
    _report(collector, prefix, keywords, removed, added=False)
    _report(collector, prefix, keywords, {k: v for k, v in new.items() if k not in old}, added=True)


def compare_enum_presence(collector: Collector) -> None:
    """Only whether an ``enum`` appeared or went, for schemas whose types no longer meet.

    Listing values next to a type change (``type: integer`` becoming ``type: string,
    enum: [a, b]``) restricts the new type too; the values themselves share nothing with
    the old ones, so they are not compared one by one.
    """
    before, after = collector.base.enum, collector.revision.enum
    if before is None and after is not None:
        collector.change("became-enum", "enum", after=list(after))
    elif before is not None and after is None:
        collector.change("enum-removed", "enum", before=list(before))
