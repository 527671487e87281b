"""Compare the numeric bounds of two schema views, each named by the keyword that states it.

Two spellings need care. For integers, ``exclusiveMinimum: 0`` and ``minimum: 1`` accept
the same values: rewriting one as the other is no change, and a real change is reported
under the keyword the revision uses (``exclusive-min-increased`` when the revision states
``exclusiveMinimum``, with the old bound written the same way), so ids match what the
document says. And ``minContains`` left out means 1 wherever ``contains`` applies, so
stating ``minContains: 2`` raises it from 1 rather than setting a new bound.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from versioning.diff.schema_view import BOUNDS

if TYPE_CHECKING:
    from versioning.diff.collect import Collector

__all__ = ["BOUND_NAMES", "compare_bounds"]

BOUND_NAMES: dict[str, str] = {
    "maximum": "max",
    "exclusiveMaximum": "exclusive-max",
    "maxLength": "max-length",
    "maxItems": "max-items",
    "maxContains": "max-contains",
    "maxProperties": "max-properties",
    "minimum": "min",
    "exclusiveMinimum": "exclusive-min",
    "minLength": "min-length",
    "minItems": "min-items",
    "minContains": "min-contains",
    "minProperties": "min-properties",
}
_UPPER = frozenset(BOUNDS[:6])
_INTEGER = frozenset({"integer"})
_SPELLINGS = (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum"))

Move = tuple[str, float | None, float | None]
"""A bound keyword, its old value and its new value (``None``: not stated)."""


def _decisive(bounds: dict[str, float], pair: tuple[str, str]) -> tuple[str, float] | None:
    """The keyword that decides an integer bound, and the inclusive bound it gives."""
    inclusive, exclusive = pair
    lower = inclusive == "minimum"
    found: list[tuple[float, str]] = []
    if inclusive in bounds:
        found.append((bounds[inclusive], inclusive))
    if exclusive in bounds:
        value = bounds[exclusive]
        found.append((math.floor(value) + 1 if lower else math.ceil(value) - 1, exclusive))
    if not found:
        return None
    value, keyword = max(found) if lower else min(found)
    return keyword, value


def _integer_moves(base: dict[str, float], revision: dict[str, float]) -> list[Move]:
    """Integer ``minimum``/``exclusiveMinimum`` (and maximum) moves, by inclusive value."""
    moves: list[Move] = []
    for pair in _SPELLINGS:
        before, after = _decisive(base, pair), _decisive(revision, pair)
        if before is None and after is None:
            continue
        if after is None:
            assert before is not None
            moves.append((before[0], base[before[0]], None))
        elif before is None:
            moves.append((after[0], None, revision[after[0]]))
        elif before[1] != after[1]:
            keyword = after[0]
            shift = 0 if keyword == pair[0] else (-1 if keyword == "exclusiveMinimum" else 1)
            moves.append((keyword, before[1] + shift, revision[keyword]))
    return moves


def compare_bounds(collector: Collector, *, skip: frozenset[str]) -> None:
    """Every bound set, unset, increased or decreased (``skip``: keywords an enum decides)."""
    base, revision = dict(collector.base.bounds), dict(collector.revision.bounds)
    if "contains" in collector.base.children and "contains" in collector.revision.children:
        base.setdefault("minContains", 1.0)
        revision.setdefault("minContains", 1.0)
    if not base and not revision:
        return
    moves: list[Move] = []
    integers = collector.base.types == _INTEGER and collector.revision.types == _INTEGER
    if integers:
        moves = _integer_moves(base, revision)
    spelled = {keyword for pair in _SPELLINGS for keyword in pair} if integers else set()
    moves.extend(
        (keyword, base.get(keyword), revision.get(keyword))
        for keyword in BOUND_NAMES
        if keyword not in spelled and base.get(keyword) != revision.get(keyword)
    )
    for keyword, before, after in moves:
        if keyword in skip:
            continue
        name = BOUND_NAMES[keyword]
        if before is None:
            change = f"{name}-set"
        elif after is None:
            change = f"{name}-unset"
        else:
            change = f"{name}-increased" if after > before else f"{name}-decreased"
        collector.change(change, keyword, before=before, after=after)
