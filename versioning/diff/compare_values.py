"""Compare the value constraints of two schema views: types, null, enums, bounds, formats.

Every change is named by what happened to the *set of accepted values* in rule-id form
(``max-length-decreased``, ``type-generalized``, ``became-not-nullable`` …); whether that
breaks a client depends on the direction, which the rules decide.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from versioning.diff.compare_bounds import compare_bounds
from versioning.diff.compare_enums import (
    VALUE_BOUNDS,
    compare_enum,
    compare_enum_presence,
    const_as_enum,
    is_enumerated,
)
from versioning.diff.compare_patterns import compare_patterns
from versioning.diff.schema_view import canonical, implied_types

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.schema_view import SchemaView

__all__ = ["compare_nullable", "compare_values", "describe"]

_WIDER_FORMATS = {("int32", "int64"), ("float", "double")}


def describe(value: Any) -> str:
    """A short, stable rendering of a JSON value or a set of types for messages."""
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(value)) or "null only"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value
    return canonical(value)


def compare_values(collector: Collector) -> bool:
    """Compare value constraints; ``False`` when the types no longer overlap at all."""
    if not _compare_types(collector):
        compare_nullable(collector)
        compare_enum_presence(collector)
        return False
    compare_nullable(collector)
    compare_enum(collector, "enum", "enum-value")
    compare_enum(collector, "x-extensible-enum", "x-extensible-enum-value")
    _compare_const(collector)
    enumerated = is_enumerated(collector.base) or is_enumerated(collector.revision)
    if not enumerated:  # a listed set of values decides over the value keywords
        _compare_format(collector)
        compare_patterns(collector)
        _compare_multiple_of(collector)
    compare_bounds(collector, skip=VALUE_BOUNDS if enumerated else frozenset())
    _compare_flags_and_defaults(collector)
    return True


def _widened(types: frozenset[str]) -> frozenset[str]:
    return types | {"integer"} if "number" in types else types


def _compare_types(collector: Collector) -> bool:
    before, after = implied_types(collector.base), implied_types(collector.revision)
    if before == after:
        return True
    if before is None or after is None:
        restricted = after if before is None else before
        single = restricted is not None and len(restricted) <= 1
        if before is None:
            change = "type-specialized" if single else "list-of-types-narrowed"
        else:
            change = "type-generalized" if single else "list-of-types-widened"
        collector.change(change, "type", before=_types(before), after=_types(after))
        return True
    old, new = _widened(before), _widened(after)
    single = len(before) == 1 and len(after) == 1
    shown = (_types(before), _types(after))
    if new < old:
        changes = ["type-specialized" if single else "list-of-types-narrowed"]
    elif old < new:
        changes = ["type-generalized" if single else "list-of-types-widened"]
    elif old & new and not single:  # a list lost some types and gained others
        changes = ["list-of-types-narrowed", "list-of-types-widened"]
    else:
        changes = ["type-changed"]
    for change in changes:
        collector.change(change, "type", before=shown[0], after=shown[1])
    return bool(old & new)


def _types(types: frozenset[str] | None) -> str:
    return "any" if types is None else describe(types)


def _constrained(view: SchemaView) -> bool:
    """Whether a view restricts types at all (only then is "accepts null" a real change)."""
    return (
        view.types is not None
        or view.any_of is not None
        or view.one_of is not None
        or view.enum is not None
        or view.const is not None
    )


def compare_nullable(collector: Collector) -> None:
    """``null`` newly accepted or refused."""
    base, revision = collector.base, collector.revision
    if base.nullable == revision.nullable or not (_constrained(base) and _constrained(revision)):
        return
    change = "became-nullable" if revision.nullable else "became-not-nullable"
    collector.change(change, "type", before=base.nullable, after=revision.nullable)


def _compare_const(collector: Collector) -> None:
    before, after = collector.base.const, collector.revision.const
    if (before is None and after is None) or const_as_enum(collector.base, collector.revision):
        return
    if before is None:
        collector.change("const-added", "const", after=after[0] if after else None)
    elif after is None:
        collector.change("const-removed", "const", before=before[0])
    elif canonical(before[0]) != canonical(after[0]):
        collector.change("const-changed", "const", before=before[0], after=after[0])


def _compare_format(collector: Collector) -> None:
    before, after = collector.base.format, collector.revision.format
    if before == after:
        return
    if before is None:
        change = "format-added"
    elif after is None:
        change = "format-removed"
    elif (before, after) in _WIDER_FORMATS:
        change = "format-widened"
    elif (after, before) in _WIDER_FORMATS:
        change = "format-narrowed"
    else:
        change = "format-changed"
    collector.change(change, "format", before=before, after=after)


def _compare_multiple_of(collector: Collector) -> None:
    before, after = collector.base.multiple_of, collector.revision.multiple_of
    if before == after:
        return
    if before is None:
        change = "multiple-of-set"
    elif after is None:
        change = "multiple-of-unset"
    else:
        old, new = Fraction(str(before)), Fraction(str(after))
        if (new / old).denominator == 1:
            change = "multiple-of-narrowed"
        elif (old / new).denominator == 1:
            change = "multiple-of-widened"
        else:
            change = "multiple-of-changed"
    collector.change(change, "multipleOf", before=before, after=after)


def _compare_flags_and_defaults(collector: Collector) -> None:
    base, revision = collector.base, collector.revision
    if base.unique_items != revision.unique_items:
        change = "unique-items-set" if revision.unique_items else "unique-items-unset"
        collector.change(change, "uniqueItems")
    if base.default is None and revision.default is not None:
        collector.change("default-value-added", "default", after=revision.default[0])
    elif base.default is not None and revision.default is None:
        collector.change("default-value-removed", "default", before=base.default[0])
    elif (
        base.default is not None
        and revision.default is not None
        and canonical(base.default[0]) != canonical(revision.default[0])
    ):
        collector.change(
            "default-value-changed", "default", before=base.default[0], after=revision.default[0]
        )
    for keyword, attribute in (
        ("contentMediaType", "content_media_type"),
        ("contentEncoding", "content_encoding"),
    ):
        before, after = getattr(base, attribute), getattr(revision, attribute)
        if before != after:
            kind = "content-media-type" if attribute == "content_media_type" else "content-encoding"
            collector.change(f"{kind}-changed", keyword, before=before, after=after)
