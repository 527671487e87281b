"""Changes found under ``not``: the same change, read the other way round.

A schema with ``not: N`` accepts exactly the values ``N`` refuses. So a change that makes
``N`` accept fewer values (a tighter bound, a new required property) makes the schema
accept more, and the reverse. The walk goes into ``not`` like into any subschema, and each
change found there is reported once, as what it does to the schema around it:
``not-schema-narrowed`` (``N`` accepts fewer values: a widening, which breaks responses),
``not-schema-widened`` (``N`` accepts more: a narrowing, which breaks requests), or
``not-changed`` when the inner change is neither (a type swapped for another). The message
names the inner change and its path includes ``(not)``. Annotations under ``not`` change
nothing and are not reported. A ``not`` inside a ``not`` turns the reading back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.diff.compare_values import describe
from versioning.rules.schema_kinds import KINDS

if TYPE_CHECKING:
    from versioning.diff.model import SchemaChange
    from versioning.rules.schema_kinds import Effect

__all__ = ["negated_change"]

_PROPERTY_EFFECTS: dict[str, Effect] = {
    "property-added": "narrow",
    "property-removed": "widen",
    "became-required": "narrow",
    "became-optional": "widen",
}
"""What a property change does to the values its object accepts (the rest annotate)."""
_OUTER = {"narrow": "not-schema-narrowed", "widen": "not-schema-widened"}
"""The inner effect, named as what happened to the subschema under ``not``."""


def _effect(change: str) -> Effect:
    kind = KINDS.get(change)
    if kind is not None:
        return kind.effect
    return _PROPERTY_EFFECTS.get(change, "annotation")


def _describe(change: SchemaChange) -> str:
    """``max-length-decreased from 10 to 5``, ``property-added b``: the inner change in words."""
    text = change.change.replace("-", " ")
    if change.name is not None:
        text += f" {change.name}"
    if change.before is not None or change.after is not None:
        text += f" from {describe(change.before)} to {describe(change.after)}"
    return text


def negated_change(change: SchemaChange) -> SchemaChange | None:
    """The finding a change under ``not`` gives the schema around it (``None``: nothing)."""
    effect = _effect(change.change)
    if effect == "annotation":
        return None
    outer = _OUTER.get(effect, "not-changed")
    return msgspec.structs.replace(
        change, change=outer, name=_describe(change), before=None, after=None
    )
