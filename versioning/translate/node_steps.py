"""What each schema-addressed step does to one object (or value) of its schema.

``node_transform(step, direction, convert)`` returns a pure function of ``(value, context)``,
or ``None`` when the step does nothing in that direction (a renamed enum value has no
upgrade when the older values are still valid, for example).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import msgspec

from versioning.changes.steps import (
    EnumMapped,
    ErrorBodyConverted,
    FieldAdded,
    FieldDefaulted,
    FieldRemoved,
    FieldRenamed,
    ValueConverted,
)
from versioning.translate.dotted import (
    MISSING,
    fill_path,
    get_path,
    move_path,
    pop_path,
    set_path,
    split_path,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.changes.steps import Step
    from versioning.translate.context import TranslationContext
    from versioning.translate.walk import Transform

__all__ = ["Converter", "Direction", "node_transform"]

Direction: TypeAlias = Literal["upgrade", "downgrade"]
Converter: TypeAlias = "Callable[[Any, TranslationContext], Any]"


def _renamed(step: FieldRenamed, direction: Direction) -> Transform:
    old, new = split_path(step.from_), split_path(step.to)
    source, target = (old, new) if direction == "upgrade" else (new, old)

    def run(value: Any, context: TranslationContext) -> Any:
        return move_path(value, source, target) if type(value) is dict else value

    return run


def _added(step: FieldAdded, direction: Direction) -> Transform | None:
    tokens = split_path(step.field)
    if direction == "downgrade":
        return lambda value, context: pop_path(value, tokens) if type(value) is dict else value
    if step.default is msgspec.UNSET:
        return None
    default = step.default
    return lambda value, context: (
        fill_path(value, tokens, default) if type(value) is dict else value
    )


def _defaulted(step: FieldDefaulted, direction: Direction) -> Transform | None:
    if direction == "downgrade":
        return None
    tokens = split_path(step.field)
    default = step.default
    return lambda value, context: (
        fill_path(value, tokens, default) if type(value) is dict else value
    )


def _removed(step: FieldRemoved, direction: Direction, convert: Callable[[str], Converter]) -> Any:
    tokens = split_path(step.field)
    if direction == "upgrade":
        return lambda value, context: pop_path(value, tokens) if type(value) is dict else value
    if step.downgrade is not None:
        derive = convert(step.downgrade)

        def run(value: Any, context: TranslationContext) -> Any:
            if type(value) is not dict:
                return value
            return set_path(value, tokens, derive(value, context))

        return run
    if step.default is msgspec.UNSET:
        return None
    default = step.default
    return lambda value, context: (
        fill_path(value, tokens, default) if type(value) is dict else value
    )


def _mapped(step: EnumMapped, direction: Direction) -> Transform | None:
    mapping = step.downgrade if direction == "downgrade" else step.upgrade
    if not mapping:
        return None
    table = dict(mapping)
    if step.field is None:
        return lambda value, context: table.get(value, value) if type(value) is str else value
    tokens = split_path(step.field)

    def run(value: Any, context: TranslationContext) -> Any:
        found = get_path(value, tokens)
        if type(found) is not str or found not in table:
            return value
        return set_path(value, tokens, table[found])

    return run


def _converted(
    step: ValueConverted, direction: Direction, convert: Callable[[str], Converter]
) -> Transform | None:
    name = step.upgrade if direction == "upgrade" else step.downgrade
    if name is None:
        return None
    function = convert(name)
    if step.field is None and step.fields:  # an object-level converter: objects only
        return lambda value, context: function(value, context) if type(value) is dict else value
    if step.field is None:
        return lambda value, context: value if value is None else function(value, context)
    tokens = split_path(step.field)

    def run(value: Any, context: TranslationContext) -> Any:
        found = get_path(value, tokens)
        if found is MISSING:
            return value
        return set_path(value, tokens, function(found, context))

    return run


def _error_body(
    step: ErrorBodyConverted, direction: Direction, convert: Callable[[str], Converter]
) -> Transform | None:
    name = step.upgrade if direction == "upgrade" else step.downgrade
    if name is None:
        return None
    function = convert(name)
    return lambda value, context: function(value, context) if type(value) is dict else value


def node_transform(
    step: Step, direction: Direction, convert: Callable[[str], Converter]
) -> Transform | None:
    """The transform ``step`` applies to one value of its schema, in ``direction``."""
    if isinstance(step, FieldRenamed):
        return _renamed(step, direction)
    if isinstance(step, FieldAdded):
        return _added(step, direction)
    if isinstance(step, FieldDefaulted):
        return _defaulted(step, direction)
    if isinstance(step, FieldRemoved):
        transform: Transform | None = _removed(step, direction, convert)
        return transform
    if isinstance(step, EnumMapped):
        return _mapped(step, direction)
    if isinstance(step, ValueConverted):
        return _converted(step, direction, convert)
    if isinstance(step, ErrorBodyConverted):
        return _error_body(step, direction, convert)
    return None
