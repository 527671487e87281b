"""The value kinds of schema change: bounds, types, null, enums, formats, patterns, defaults.

Each is declared once here with its effect (see :mod:`versioning.rules.kind`); the schema
family expands it per context.
"""

from __future__ import annotations

from versioning.diff.compare_bounds import BOUND_NAMES
from versioning.rules.kind import Effect, Kind
from versioning.rules.kind import kind as _k

__all__ = ["VALUE_KINDS"]

_BOUND_EXAMPLES = {
    "maximum": (100, 50),
    "exclusiveMaximum": (100, 50),
    "maxLength": (500, 200),
    "maxItems": (10, 5),
    "maxContains": (3, 2),
    "maxProperties": (50, 20),
    "minimum": (1, 5),
    "exclusiveMinimum": (0, 1),
    "minLength": (1, 3),
    "minItems": (1, 2),
    "minContains": (2, 3),
    "minProperties": (1, 2),
}
_LABELS = {
    "max": "maximum",
    "min": "minimum",
    "exclusive-max": "exclusive maximum",
    "exclusive-min": "exclusive minimum",
}
_SET_NOTE = (
    "It is only a warning (as in oasdiff): the new bound refuses values nobody was told about"
    " but that were allowed, and most clients never sent such values."
)


def _bound_kinds() -> list[Kind]:
    kinds: list[Kind] = []
    for keyword, name in BOUND_NAMES.items():
        upper = name.startswith(("max", "exclusive-max"))
        label = _LABELS.get(name, name.replace("-", " "))
        old, new = _BOUND_EXAMPLES[keyword]  # a tightening: old -> new
        tighter, looser = ("decreased", "increased") if upper else ("increased", "decreased")
        moves: tuple[tuple[str, Effect, str, int, int], ...] = (
            (tighter, "narrow", looser, old, new),
            (looser, "widen", tighter, new, old),
        )
        for change, effect, mirror, before, after in moves:
            kinds.append(
                Kind(
                    change=f"{name}-{change}",
                    effect=effect,
                    mirror=f"{name}-{mirror}",
                    kind="constraints",
                    action="decrease" if change == "decreased" else "increase",
                    what=f"`{keyword}` {change}",
                    message=f"{{subject}} {label} {change} from {{before}} to {{after}}",
                    before=f"{keyword}: {before}",
                    after=f"{keyword}: {after}",
                )
            )
        kinds.append(
            Kind(
                change=f"{name}-set",
                effect="narrow",
                mirror=f"{name}-unset",
                kind="constraints",
                action="set",
                what=f"`{keyword}` was set where there was none",
                message=f"{{subject}} {label} set to {{after}}",
                before="type: ...",
                after=f"{keyword}: {new}",
                levels={"request": "warning"},
                notes={"request": _SET_NOTE},
            )
        )
        kinds.append(
            Kind(
                change=f"{name}-unset",
                effect="widen",
                mirror=f"{name}-set",
                kind="constraints",
                action="remove",
                what=f"`{keyword}` was removed",
                message=f"{{subject}} {label} {{before}} removed",
                before=f"{keyword}: {new}",
                after="type: ...",
            )
        )
    return kinds


_ENUM_ADDED_NOTE = (
    "Only a warning (as in oasdiff): many clients map unknown values to a fallback, but one"
    " with an exhaustive switch fails. Declare `x-extensible-enum` to promise that values"
    " will be added."
)
_DEFAULT_NOTE = (
    "A request stays valid, but a client that omits the value now gets different behaviour"
    " from the server, so it is a warning."
)

_PATTERN_LOOSER_NOTE = (
    "Information only (as in oasdiff): a looser pattern lets responses hold strings the old"
    " one refused, but a pattern documents a format rather than a value set clients switch"
    " on, and clients do not validate responses against it."
)

_OTHER_KINDS: tuple[Kind, ...] = (
    _k(
        "type-changed",
        "change",
        "type-changed",
        "type",
        "change",
        "the type changed to one that shares no values (or only some) with the old one",
        "{subject} type changed from {before} to {after}",
        ("type: string", "type: integer"),
    ),
    _k(
        "type-compatible",
        "annotation",
        "type-compatible",
        "type",
        "change",
        "the type changed to `string` (in a request) or from `string` (in a response) where"
        " values travel as text: a parameter, a header, or a form, text or XML body",
        "{subject} type changed from {before} to {after}, compatible as text",
        ("type: integer", "type: string"),
        why={
            "request": "It does not: every old value, written as text, is still a valid string.",
            "response": "It does not: clients read the value as text, which every new value is.",
        },
    ),
    _k(
        "type-specialized",
        "narrow",
        "type-generalized",
        "type",
        "specialize",
        "the type became narrower (`number` to `integer`, or a type set where any was allowed)",
        "{subject} type specialized from {before} to {after}",
        ("type: number", "type: integer"),
    ),
    _k(
        "type-generalized",
        "widen",
        "type-specialized",
        "type",
        "generalize",
        "the type became wider (`integer` to `number`, or the type restriction was dropped)",
        "{subject} type generalized from {before} to {after}",
        ("type: integer", "type: number"),
    ),
    _k(
        "list-of-types-narrowed",
        "narrow",
        "list-of-types-widened",
        "type",
        "remove",
        "a type was removed from a list of types",
        "{subject} list of types narrowed from {before} to {after}",
        ("type: [string, integer]", "type: [string]"),
    ),
    _k(
        "list-of-types-widened",
        "widen",
        "list-of-types-narrowed",
        "type",
        "add",
        "a type was added to a list of types",
        "{subject} list of types widened from {before} to {after}",
        ("type: [string]", "type: [string, integer]"),
    ),
    _k(
        "became-nullable",
        "widen",
        "became-not-nullable",
        "requiredness",
        "change",
        '`null` became a valid value (`nullable: true`, a `"null"` type or a null branch)',
        "{subject} became nullable",
        ("type: string", "type: [string, 'null']"),
    ),
    _k(
        "became-not-nullable",
        "narrow",
        "became-nullable",
        "requiredness",
        "change",
        "`null` is no longer a valid value",
        "{subject} became not nullable",
        ("type: [string, 'null']", "type: string"),
    ),
    _k(
        "enum-value-removed",
        "narrow",
        "enum-value-added",
        "values",
        "remove",
        "a value was removed from an `enum`",
        "{subject} enum value {name} removed",
        ("enum: [card, bank]", "enum: [card]"),
    ),
    _k(
        "enum-value-added",
        "widen",
        "enum-value-removed",
        "values",
        "add",
        "a value was added to an `enum`",
        "{subject} enum value {name} added",
        ("enum: [card]", "enum: [card, bank]"),
        levels={"response": "warning"},
        notes={"response": _ENUM_ADDED_NOTE},
    ),
    _k(
        "became-enum",
        "narrow",
        "enum-removed",
        "values",
        "change",
        "the schema was restricted to an `enum`",
        "{subject} restricted to the values {after}",
        ("type: string", "type: string, enum: [card, bank]"),
    ),
    _k(
        "enum-removed",
        "widen",
        "became-enum",
        "values",
        "remove",
        "the `enum` restriction was removed",
        "{subject} no longer restricted to the values {before}",
        ("type: string, enum: [card, bank]", "type: string"),
    ),
    _k(
        "x-extensible-enum-value-removed",
        "narrow",
        "x-extensible-enum-value-added",
        "values",
        "remove",
        "a value was removed from an `x-extensible-enum`",
        "{subject} extensible enum value {name} removed",
        ("x-extensible-enum: [card, bank]", "x-extensible-enum: [card]"),
    ),
    _k(
        "x-extensible-enum-value-added",
        "widen",
        "x-extensible-enum-value-removed",
        "values",
        "add",
        "a value was added to an `x-extensible-enum`",
        "{subject} extensible enum value {name} added",
        ("x-extensible-enum: [card]", "x-extensible-enum: [card, bank]"),
        levels={"response": "info"},
        notes={"response": "Clients of an extensible enum promised to accept unknown values."},
    ),
    _k(
        "const-added",
        "narrow",
        "const-removed",
        "values",
        "add",
        "a `const` was set",
        "{subject} const {after} set",
        ("type: string", "const: card"),
    ),
    _k(
        "const-removed",
        "widen",
        "const-added",
        "values",
        "remove",
        "the `const` was removed",
        "{subject} const {before} removed",
        ("const: card", "type: string"),
    ),
    _k(
        "const-changed",
        "change",
        "const-changed",
        "values",
        "change",
        "the `const` value changed",
        "{subject} const changed from {before} to {after}",
        ("const: card", "const: bank"),
    ),
    _k(
        "format-added",
        "narrow",
        "format-removed",
        "type",
        "add",
        "a `format` was set",
        "{subject} format {after} set",
        ("type: string", "type: string, format: email"),
    ),
    _k(
        "format-removed",
        "widen",
        "format-added",
        "type",
        "remove",
        "the `format` was removed",
        "{subject} format {before} removed",
        ("type: string, format: email", "type: string"),
    ),
    _k(
        "format-narrowed",
        "narrow",
        "format-widened",
        "type",
        "specialize",
        "the `format` became narrower (`int64` to `int32`, `double` to `float`)",
        "{subject} format narrowed from {before} to {after}",
        ("format: int64", "format: int32"),
    ),
    _k(
        "format-widened",
        "widen",
        "format-narrowed",
        "type",
        "generalize",
        "the `format` became wider (`int32` to `int64`, `float` to `double`)",
        "{subject} format widened from {before} to {after}",
        ("format: int32", "format: int64"),
    ),
    _k(
        "format-changed",
        "change",
        "format-changed",
        "type",
        "change",
        "the `format` changed to an unrelated one",
        "{subject} format changed from {before} to {after}",
        ("format: date", "format: uuid"),
    ),
    _k(
        "pattern-added",
        "narrow",
        "pattern-removed",
        "constraints",
        "add",
        "a `pattern` was added",
        "{subject} pattern {after} added",
        ("type: string", "pattern: '^[A-Z]{3}$'"),
    ),
    _k(
        "pattern-removed",
        "widen",
        "pattern-added",
        "constraints",
        "remove",
        "the `pattern` was removed",
        "{subject} pattern {before} removed",
        ("pattern: '^[A-Z]{3}$'", "type: string"),
        levels={"response": "info"},
        notes={"response": _PATTERN_LOOSER_NOTE},
    ),
    _k(
        "pattern-generalized",
        "widen",
        "",
        "constraints",
        "generalize",
        "the `pattern` was replaced by one that accepts every string the old one did (`.*`,"
        " a wider character class, a looser repetition, dropped anchors)",
        "{subject} pattern generalized from {before} to {after}",
        ("pattern: '^[A-Z]{3}$'", "pattern: '^[A-Za-z]{2,3}$'"),
        levels={"response": "info"},
        notes={"response": _PATTERN_LOOSER_NOTE},
        no_mirror="the reverse replacement is a pattern change a tool cannot always read as a"
        " narrowing, reported by the pattern change rules",
    ),
    _k(
        "pattern-changed",
        "unknown",
        "pattern-changed",
        "constraints",
        "change",
        "the `pattern` changed",
        "{subject} pattern changed from {before} to {after}",
        ("pattern: '^[A-Z]{3}$'", "pattern: '^[A-Z]{2,3}$'"),
    ),
    _k(
        "multiple-of-set",
        "narrow",
        "multiple-of-unset",
        "constraints",
        "set",
        "a `multipleOf` was set",
        "{subject} multipleOf set to {after}",
        ("type: number", "multipleOf: 0.01"),
    ),
    _k(
        "multiple-of-unset",
        "widen",
        "multiple-of-set",
        "constraints",
        "remove",
        "the `multipleOf` was removed",
        "{subject} multipleOf {before} removed",
        ("multipleOf: 0.01", "type: number"),
    ),
    _k(
        "multiple-of-narrowed",
        "narrow",
        "multiple-of-widened",
        "constraints",
        "change",
        "`multipleOf` became a multiple of the old value (fewer values pass)",
        "{subject} multipleOf narrowed from {before} to {after}",
        ("multipleOf: 2", "multipleOf: 4"),
    ),
    _k(
        "multiple-of-widened",
        "widen",
        "multiple-of-narrowed",
        "constraints",
        "change",
        "`multipleOf` became a divisor of the old value (more values pass)",
        "{subject} multipleOf widened from {before} to {after}",
        ("multipleOf: 4", "multipleOf: 2"),
    ),
    _k(
        "multiple-of-changed",
        "change",
        "multiple-of-changed",
        "constraints",
        "change",
        "`multipleOf` changed to an unrelated value",
        "{subject} multipleOf changed from {before} to {after}",
        ("multipleOf: 2", "multipleOf: 3"),
    ),
    _k(
        "unique-items-set",
        "narrow",
        "unique-items-unset",
        "constraints",
        "set",
        "`uniqueItems: true` was set",
        "{subject} items must now be unique",
        ("type: array", "uniqueItems: true"),
    ),
    _k(
        "unique-items-unset",
        "widen",
        "unique-items-set",
        "constraints",
        "remove",
        "`uniqueItems: true` was removed",
        "{subject} items may now repeat",
        ("uniqueItems: true", "type: array"),
    ),
    _k(
        "default-value-added",
        "annotation",
        "default-value-removed",
        "values",
        "add",
        "a `default` was added",
        "{subject} default value {after} added",
        ("type: integer", "default: 20"),
    ),
    _k(
        "default-value-removed",
        "annotation",
        "default-value-added",
        "values",
        "remove",
        "the `default` was removed",
        "{subject} default value {before} removed",
        ("default: 20", "type: integer"),
        levels={"request": "warning"},
        notes={"request": _DEFAULT_NOTE},
    ),
    _k(
        "default-value-changed",
        "annotation",
        "default-value-changed",
        "values",
        "change",
        "the `default` value changed",
        "{subject} default value changed from {before} to {after}",
        ("default: 20", "default: 10"),
        levels={"request": "warning"},
        notes={"request": _DEFAULT_NOTE},
    ),
    _k(
        "content-media-type-changed",
        "change",
        "content-media-type-changed",
        "type",
        "change",
        "the `contentMediaType` of an encoded string changed",
        "{subject} contentMediaType changed from {before} to {after}",
        ("contentMediaType: image/png", "contentMediaType: image/jpeg"),
    ),
    _k(
        "content-encoding-changed",
        "change",
        "content-encoding-changed",
        "type",
        "change",
        "the `contentEncoding` of a string changed",
        "{subject} contentEncoding changed from {before} to {after}",
        ("contentEncoding: base64", "contentEncoding: base32"),
    ),
    _k(
        "additional-properties-forbidden",
        "narrow",
        "additional-properties-allowed",
        "structure",
        "set",
        "`additionalProperties: false` was set: properties not listed are refused",
        "{subject} no longer accepts properties that are not listed",
        ("type: object", "additionalProperties: false"),
        levels={"request": "warning"},
        notes={
            "request": "Only a warning: only clients sending properties the spec never"
            " listed are refused."
        },
    ),
    _k(
        "additional-properties-allowed",
        "widen",
        "additional-properties-forbidden",
        "structure",
        "remove",
        "`additionalProperties: false` was removed: unlisted properties may appear",
        "{subject} now accepts properties that are not listed",
        ("additionalProperties: false", "type: object"),
        levels={"response": "info"},
        notes={
            "response": "Information only: like a new optional property, unlisted"
            " properties are ignored by clients that do not read them."
        },
    ),
)


VALUE_KINDS: tuple[Kind, ...] = (*_bound_kinds(), *_OTHER_KINDS)
