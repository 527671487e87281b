"""Renamed properties between two versions: a removed and an added member of one schema.

When a component schema loses property ``a`` and gains ``b`` of a compatible type (the
same JSON type and format, or the same ``$ref``), that is most likely a rename; with several
candidates the most similar name wins. Drafts use this to propose ``field_renamed`` instead
of a removal plus an addition.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from versioning.coverage.locate import resolve

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["renamed_properties"]

_SIMILAR = 0.4
"""Least name similarity (difflib ratio) for a rename when several candidates fit."""


def _shape(spec: Spec, schema: Any) -> tuple[Any, ...]:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        return ("$ref", schema["$ref"].rsplit("/", 1)[-1])
    resolved = resolve(spec, schema)
    if not isinstance(resolved, dict):
        return ("any",)
    kind = resolved.get("type")
    kinds = tuple(kind) if isinstance(kind, list) else (kind,)
    return (tuple(sorted(str(k) for k in kinds if k != "null")), resolved.get("format"))


def _properties(spec: Spec, schema: Any) -> dict[str, Any]:
    resolved = resolve(spec, schema)
    if not isinstance(resolved, dict):
        return {}
    found: dict[str, Any] = {}
    for part in resolved.get("allOf") or ():
        found.update(_properties(spec, part))
    properties = resolved.get("properties")
    if isinstance(properties, dict):
        found.update(properties)
    return found


def renamed_properties(
    older: Spec, newer: Spec, *, older_name: str, newer_name: str
) -> dict[str, str]:
    """``{older property: newer property}`` for the likely renames inside one schema."""
    before = _properties(older, older.schemas.get(older_name))
    after = _properties(newer, newer.schemas.get(newer_name))
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    pairs: dict[str, str] = {}
    for name in removed:
        shape = _shape(older, before[name])
        fitting = [
            other
            for other in added
            if other not in pairs.values() and _shape(newer, after[other]) == shape
        ]
        if not fitting:
            continue
        best = max(fitting, key=lambda other: difflib.SequenceMatcher(None, name, other).ratio())
        ratio = difflib.SequenceMatcher(None, name, best).ratio()
        if (len(fitting) == 1 and len(removed) == 1) or ratio >= _SIMILAR:
            pairs[name] = best
    return pairs
