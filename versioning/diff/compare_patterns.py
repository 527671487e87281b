"""Compare ``pattern``s by the strings they accept, where that can be told from their shape.

A pattern replaced by one that accepts every string the old one did (``.*``, the same
pattern with a wider character class or looser repetition, or its anchors dropped — JSON
Schema patterns match anywhere unless anchored) is *generalized*: it loosens the schema
like removing the pattern does. Any other replacement is *changed*: a tool cannot tell in
general whether one regular expression contains another, so that stays for review. The
containment test reads both patterns with Python's regular expression parser (JSON Schema
patterns are ECMA-262; the two agree on the constructs compared here) and answers "no"
whenever a construct is not understood.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

try:  # the parser behind ``re``, public as ``sre_parse`` before Python 3.11
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older interpreters
    import sre_parse

if TYPE_CHECKING:
    from versioning.diff.collect import Collector

__all__ = ["compare_patterns", "pattern_generalizes"]

_UNIVERSAL = frozenset(
    {"", ".*", "^.*", ".*$", "^.*$", "[\\s\\S]*", "^[\\s\\S]*$", "(.*)", "^(.*)$"}
)
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT"})
_MAXREPEAT = int(getattr(sre_parse, "MAXREPEAT", 2**32))


def _items(pattern: str) -> list[tuple[str, Any]] | None:
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    return [(str(op), value) for op, value in parsed]


def _chars(op: str, value: Any) -> set[tuple[str, Any]] | None:
    """A single-character item as a set of ranges and categories (``None``: not one)."""
    if op == "LITERAL":
        return {("RANGE", (value, value))}
    if op == "IN":
        found: set[tuple[str, Any]] = set()
        for inner_op, inner in value:
            name = str(inner_op)
            if name == "LITERAL":
                found.add(("RANGE", (inner, inner)))
            elif name == "RANGE":
                found.add(("RANGE", tuple(inner)))
            elif name == "CATEGORY":
                found.add(("CATEGORY", str(inner)))
            else:
                return None  # NEGATE and the like
        return found
    return None


def _chars_within(old: set[tuple[str, Any]], new: set[tuple[str, Any]]) -> bool:
    ranges = [value for kind, value in new if kind == "RANGE"]
    for kind, value in old:
        if kind == "CATEGORY":
            if (kind, value) not in new:
                return False
        elif not any(low <= value[0] and value[1] <= high for low, high in ranges):
            return False
    return True


def _item_within(old: tuple[str, Any], new: tuple[str, Any]) -> bool:
    (old_op, old_value), (new_op, new_value) = old, new
    if new_op == "ANY":
        return old_op in {"ANY", "LITERAL", "IN"} and old_value != ord("\n")
    if old_op in _REPEATS and new_op in _REPEATS:
        old_min, old_max, old_sub = old_value
        new_min, new_max, new_sub = new_value
        max_ok = new_max == _MAXREPEAT or (old_max != _MAXREPEAT and new_max >= old_max)
        return new_min <= old_min and max_ok and _sequence_within(list(old_sub), list(new_sub))
    if old_op == "SUBPATTERN" and new_op == "SUBPATTERN":
        return _sequence_within(list(old_value[-1]), list(new_value[-1]))
    old_chars, new_chars = _chars(old_op, old_value), _chars(new_op, new_value)
    if old_chars is not None and new_chars is not None:
        return _chars_within(old_chars, new_chars)
    return old == new


def _sequence_within(old: list[Any], new: list[Any]) -> bool:
    items_old = [(str(op), value) for op, value in old]
    items_new = [(str(op), value) for op, value in new]
    return len(items_old) == len(items_new) and all(
        _item_within(a, b) for a, b in zip(items_old, items_new, strict=True)
    )


def _unanchored(items: list[tuple[str, Any]]) -> tuple[list[tuple[str, Any]], bool, bool]:
    start = bool(items) and items[0] == ("AT", sre_parse.AT_BEGINNING)
    end = bool(items) and items[-1] == ("AT", sre_parse.AT_END)
    body = items[1 if start else 0 : len(items) - 1 if end else len(items)]
    return body, start, end


def pattern_generalizes(before: str, after: str) -> bool:
    """Whether every string ``before`` accepts is accepted by ``after`` (as far as shown)."""
    if after in _UNIVERSAL:
        return True
    old, new = _items(before), _items(after)
    if old is None or new is None:
        return False
    old_body, old_start, old_end = _unanchored(old)
    new_body, new_start, new_end = _unanchored(new)
    if (new_start and not old_start) or (new_end and not old_end):
        return False
    return _sequence_within(old_body, new_body)


def compare_patterns(collector: Collector) -> None:
    """``pattern`` added, removed, generalized or changed (several: each added or removed)."""
    before, after = collector.base.patterns, collector.revision.patterns
    if before == after:
        return
    if len(before) == 1 and len(after) == 1:
        change = (
            "pattern-generalized"
            if pattern_generalizes(before[0], after[0])
            else ("pattern-changed")
        )
        collector.change(change, "pattern", before=before[0], after=after[0])
        return
    for pattern in before:
        if pattern not in after:
            collector.change("pattern-removed", "pattern", before=pattern, name=pattern)
    for pattern in after:
        if pattern not in before:
            collector.change("pattern-added", "pattern", after=pattern, name=pattern)
