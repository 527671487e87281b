"""Every kind of schema change, by name; the schema family expands each per context.

Value kinds (bounds, types, enums …) live in :mod:`versioning.rules.value_kinds`, structural
ones (unions, ``allOf``, discriminators, ``not`` …) in :mod:`versioning.rules.structure_kinds`;
what a kind is, in :mod:`versioning.rules.kind`.
"""

from __future__ import annotations

from versioning.rules.kind import EFFECT_LEVELS, Effect, Kind
from versioning.rules.structure_kinds import STRUCTURE_KINDS
from versioning.rules.value_kinds import VALUE_KINDS

__all__ = ["EFFECT_LEVELS", "KINDS", "Effect", "Kind"]

KINDS: dict[str, Kind] = {kind.change: kind for kind in (*VALUE_KINDS, *STRUCTURE_KINDS)}
