"""What a kind of schema change is: its effect on accepted values, level, doc parts.

A kind says what happened to the set of values a schema accepts (its *effect*): ``narrow``
(fewer values: breaks requests), ``widen`` (more values: breaks responses), ``change`` (some
values lost and others gained: breaks both), ``unknown`` (a tool cannot tell: a warning) or
``annotation`` (no values change). The level per direction follows from the effect unless
the kind overrides it, and the override's reason is in ``notes`` (or ``why``).
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import msgspec

from versioning.findings import Level
from versioning.rules.registry import Action

__all__ = ["EFFECT_LEVELS", "Effect", "Kind"]

Effect: TypeAlias = Literal["narrow", "widen", "change", "unknown", "annotation"]

EFFECT_LEVELS: dict[Effect, dict[str, Level]] = {
    "narrow": {"request": "error", "response": "info"},
    "widen": {"request": "info", "response": "error"},
    "change": {"request": "error", "response": "error"},
    "unknown": {"request": "warning", "response": "warning"},
    "annotation": {"request": "info", "response": "info"},
}


class Kind(msgspec.Struct, frozen=True, kw_only=True):
    """One kind of schema change (the second half of a schema rule id)."""

    change: str
    effect: Effect
    mirror: str
    """The kind of the reversed change (``""``: none, and ``no_mirror`` says why)."""
    kind: str
    action: Action
    what: str
    message: str
    before: str
    after: str
    levels: dict[str, Level] = msgspec.field(default_factory=dict)
    notes: dict[str, str] = msgspec.field(default_factory=dict)
    """Extra sentences for the "Why it breaks" part, per direction."""
    no_mirror: str | None = None
    why: dict[str, str] = msgspec.field(default_factory=dict)
    """The "Why it breaks" part per direction, where the effect's generic one would mislead."""

    def level(self, direction: str) -> Level:
        """The default level of this kind in a request or a response."""
        return self.levels.get(direction, EFFECT_LEVELS[self.effect][direction])
