"""What a client can observe of a union change: values already handled, and overlapping branches.

Two questions decide whether a union change matters to clients:

* **Within**: is every value of a new branch one that a client coded against an old
  branch already handles? ``$ref A`` becoming ``anyOf: [A, B]`` is no widening a client
  sees when every B is an A as the client reads it: B has no other type, carries every
  property A guarantees (its ``required``), its shared properties are themselves within
  A's, and A does not refuse B's extra properties. Properties a branch leaves undeclared
  are not values anyone sends, so they do not count; a branch split (one generic branch
  replaced by narrower ones) is therefore no widening either.
* **Overlap**: can one value match two branches? Only then does ``oneOf``'s exactly-one
  rule refuse values that ``anyOf`` would accept. Branches are provably disjoint when
  their types do not meet, their enums share no value, a required discriminating property
  has different constants, or one refuses a property the other requires.

Both answers are conservative in the direction that keeps a finding: "not within" and
"may overlap" are the defaults when a schema is too intricate to tell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.diff.compare_enums import satisfies
from versioning.diff.schema_view import canonical, implied_types

if TYPE_CHECKING:
    from versioning.diff.identity import Identity
    from versioning.diff.model import SchemaKey
    from versioning.diff.schema_view import SchemaView
    from versioning.diff.view_builder import SchemaViews

__all__ = ["Conformance", "may_overlap"]

_MAX_DEPTH = 6
_UPPER = frozenset(
    {"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxContains", "maxProperties"}
)
_NARROWER_FORMATS = {("int32", "int64"), ("float", "double")}


def _types(view: SchemaView) -> frozenset[str] | None:
    """Implied types, ``number`` standing for ``integer`` too."""
    types = implied_types(view)
    return types | {"integer"} if types is not None and "number" in types else types


def _values(view: SchemaView) -> frozenset[str] | None:
    if view.const is not None:
        return frozenset({canonical(view.const[0])})
    if view.enum is not None:
        return frozenset(canonical(value) for value in view.enum)
    return None


def _constants(views: SchemaViews, view: SchemaView) -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for name, key in view.properties.items():
        values = _values(views.view(key))
        if values is not None:
            found[name] = values
    return found


def may_overlap(views_x: SchemaViews, x: SchemaView, views_y: SchemaViews, y: SchemaView) -> bool:
    """Whether some value may match both schemas (``False`` only when provably disjoint)."""
    if x.never or y.never:
        return False
    types_x, types_y = _types(x), _types(y)
    if types_x is not None and types_y is not None and not types_x & types_y:
        return x.nullable and y.nullable
    values_x, values_y = _values(x), _values(y)
    if values_x is not None and values_y is not None and not values_x & values_y:
        return False
    constants_x, constants_y = _constants(views_x, x), _constants(views_y, y)
    for name in constants_x.keys() & constants_y.keys():
        required = name in x.required or name in y.required
        if required and not constants_x[name] & constants_y[name]:
            return False
    if x.additional_forbidden and any(name not in x.properties for name in y.required):
        return False
    return not (y.additional_forbidden and any(name not in y.properties for name in x.required))


class Conformance:
    """Answers "is every value of this revision schema handled by that base schema?"."""

    def __init__(self, identity: Identity) -> None:
        self.identity = identity
        self._cache: dict[tuple[SchemaKey, SchemaKey], bool] = {}
        self._open: set[tuple[SchemaKey, SchemaKey]] = set()
        self._memo: dict[tuple[SchemaKey, SchemaKey], bool] = {}

    def within(self, revision: SchemaKey, base: SchemaKey) -> bool:
        """Whether a client coded against ``base`` handles every value of ``revision``.

        A recursive schema is assumed within itself while it is being checked; answers that
        may rest on that assumption are kept only for this question, and only the final
        answer is kept for later ones.
        """
        key = (revision, base)
        cached = self._cache.get(key)
        if cached is None:
            self._memo = {}
            cached = self._within(revision, base, 0)
            self._cache[key] = cached
        return cached

    def _within(self, revision: SchemaKey, base: SchemaKey, depth: int) -> bool:
        if not base:
            return True
        if not revision:
            return False
        if self.identity.same_keys(base, revision):
            return True
        key = (revision, base)
        known = self._cache.get(key, self._memo.get(key))
        if known is not None:
            return known
        if key in self._open:
            return True  # coinduction: a recursive schema is within itself
        if depth > _MAX_DEPTH:
            return False
        self._open.add(key)
        try:
            result = self._views_within(
                self.identity.revision.view(revision), self.identity.base.view(base), depth
            )
        finally:
            self._open.discard(key)
        self._memo[key] = result
        return result

    def _views_within(self, new: SchemaView, old: SchemaView, depth: int) -> bool:
        if new.never:
            return True
        if old.never:
            return False
        for union in (new.any_of, new.one_of):
            if union is not None:
                return all(self._within(branch, old.key, depth + 1) for branch in union)
        for union in (old.any_of, old.one_of):
            if union is not None:
                return any(self._within(new.key, branch, depth + 1) for branch in union)
        return (
            (old.nullable or not new.nullable)
            and _value_within(new, old)
            and self._object_within(new, old, depth)
            and self._array_within(new, old, depth)
        )

    def _object_within(self, new: SchemaView, old: SchemaView, depth: int) -> bool:
        if not old.required <= new.required:
            return False
        for name, key in new.properties.items():
            if name in old.properties:
                if not self._within(key, old.properties[name], depth + 1):
                    return False
            elif old.additional_forbidden or (
                old.additional is not None and not self._within(key, old.additional, depth + 1)
            ):
                return False
        if old.additional is not None and new.additional is not None:
            return self._within(new.additional, old.additional, depth + 1)
        return True

    def _array_within(self, new: SchemaView, old: SchemaView, depth: int) -> bool:
        if old.items is None:
            return True
        return new.items is not None and self._within(new.items, old.items, depth + 1)


def _value_within(new: SchemaView, old: SchemaView) -> bool:
    """Types, listed values, format, patterns, bounds and ``multipleOf``."""
    old_types, new_types = _types(old), _types(new)
    if old_types is not None and (new_types is None or not new_types <= old_types):
        return False
    old_values, new_values = _values(old), _values(new)
    if old_values is not None and (new_values is None or not new_values <= old_values):
        return False
    if old_values is not None:
        return True  # the listed values decide; the other value keywords add nothing
    listed = new.const if new.const is not None else new.enum
    if listed is not None:  # a few values: each must pass the old value keywords
        return all(satisfies(old, value) for value in listed)
    narrower_format = (new.format, old.format) in _NARROWER_FORMATS
    if old.format is not None and old.format != new.format and not narrower_format:
        return False
    if not set(old.patterns) <= set(new.patterns):
        return False
    for keyword, bound in old.bounds.items():
        tighter = new.bounds.get(keyword)
        if tighter is None or (tighter > bound if keyword in _UPPER else tighter < bound):
            return False
    if old.multiple_of is not None:
        step = new.multiple_of
        return step is not None and (step / old.multiple_of).is_integer()
    return True
