"""The value kinds of schema change: bounds, types, null, enums, formats, patterns, defaults.

Each is declared once here with its effect (see :mod:`versioning.rules.kind`); the schema
family expands it per context.
"""

from __future__ import annotations

from versioning.diff.compare_bounds import BOUND_NAMES
from versioning.rules.kind import Effect, Kind

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
    Kind(
        change="type-changed",
        effect="change",
        mirror="type-changed",
        kind="type",
        action="change",
        what="the type changed to one that shares no values (or only some) with the old one",
        message="{subject} type changed from {before} to {after}",
        before="type: string",
        after="type: integer",
    ),
    Kind(
        change="type-compatible",
        effect="annotation",
        mirror="type-compatible",
        kind="type",
        action="change",
        what="the type changed to `string` (in a request) or from `string` (in a response) where"
        " values travel as text: a parameter, a header, or a form, text or XML body",
        message="{subject} type changed from {before} to {after}, compatible as text",
        before="type: integer",
        after="type: string",
        why={
            "request": "It does not: every old value, written as text, is still a valid string.",
            "response": "It does not: clients read the value as text, which every new value is.",
        },
    ),
    Kind(
        change="type-specialized",
        effect="narrow",
        mirror="type-generalized",
        kind="type",
        action="specialize",
        what="the type became narrower (`number` to `integer`, or a type set where any was"
        " allowed)",
        message="{subject} type specialized from {before} to {after}",
        before="type: number",
        after="type: integer",
    ),
    Kind(
        change="type-generalized",
        effect="widen",
        mirror="type-specialized",
        kind="type",
        action="generalize",
        what="the type became wider (`integer` to `number`, or the type restriction was dropped)",
        message="{subject} type generalized from {before} to {after}",
        before="type: integer",
        after="type: number",
    ),
    Kind(
        change="list-of-types-narrowed",
        effect="narrow",
        mirror="list-of-types-widened",
        kind="type",
        action="remove",
        what="a type was removed from a list of types",
        message="{subject} list of types narrowed from {before} to {after}",
        before="type: [string, integer]",
        after="type: [string]",
    ),
    Kind(
        change="list-of-types-widened",
        effect="widen",
        mirror="list-of-types-narrowed",
        kind="type",
        action="add",
        what="a type was added to a list of types",
        message="{subject} list of types widened from {before} to {after}",
        before="type: [string]",
        after="type: [string, integer]",
    ),
    Kind(
        change="became-nullable",
        effect="widen",
        mirror="became-not-nullable",
        kind="requiredness",
        action="change",
        what='`null` became a valid value (`nullable: true`, a `"null"` type or a null branch)',
        message="{subject} became nullable",
        before="type: string",
        after="type: [string, 'null']",
    ),
    Kind(
        change="became-not-nullable",
        effect="narrow",
        mirror="became-nullable",
        kind="requiredness",
        action="change",
        what="`null` is no longer a valid value",
        message="{subject} became not nullable",
        before="type: [string, 'null']",
        after="type: string",
    ),
    Kind(
        change="enum-value-removed",
        effect="narrow",
        mirror="enum-value-added",
        kind="values",
        action="remove",
        what="a value was removed from an `enum`",
        message="{subject} enum value {name} removed",
        before="enum: [card, bank]",
        after="enum: [card]",
    ),
    Kind(
        change="enum-value-added",
        effect="widen",
        mirror="enum-value-removed",
        kind="values",
        action="add",
        what="a value was added to an `enum`",
        message="{subject} enum value {name} added",
        before="enum: [card]",
        after="enum: [card, bank]",
        levels={"response": "warning"},
        notes={"response": _ENUM_ADDED_NOTE},
    ),
    Kind(
        change="became-enum",
        effect="narrow",
        mirror="enum-removed",
        kind="values",
        action="change",
        what="the schema was restricted to an `enum`",
        message="{subject} restricted to the values {after}",
        before="type: string",
        after="type: string, enum: [card, bank]",
    ),
    Kind(
        change="enum-removed",
        effect="widen",
        mirror="became-enum",
        kind="values",
        action="remove",
        what="the `enum` restriction was removed",
        message="{subject} no longer restricted to the values {before}",
        before="type: string, enum: [card, bank]",
        after="type: string",
    ),
    Kind(
        change="x-extensible-enum-value-removed",
        effect="narrow",
        mirror="x-extensible-enum-value-added",
        kind="values",
        action="remove",
        what="a value was removed from an `x-extensible-enum`",
        message="{subject} extensible enum value {name} removed",
        before="x-extensible-enum: [card, bank]",
        after="x-extensible-enum: [card]",
    ),
    Kind(
        change="x-extensible-enum-value-added",
        effect="widen",
        mirror="x-extensible-enum-value-removed",
        kind="values",
        action="add",
        what="a value was added to an `x-extensible-enum`",
        message="{subject} extensible enum value {name} added",
        before="x-extensible-enum: [card]",
        after="x-extensible-enum: [card, bank]",
        levels={"response": "info"},
        notes={"response": "Clients of an extensible enum promised to accept unknown values."},
    ),
    Kind(
        change="const-added",
        effect="narrow",
        mirror="const-removed",
        kind="values",
        action="add",
        what="a `const` was set",
        message="{subject} const {after} set",
        before="type: string",
        after="const: card",
    ),
    Kind(
        change="const-removed",
        effect="widen",
        mirror="const-added",
        kind="values",
        action="remove",
        what="the `const` was removed",
        message="{subject} const {before} removed",
        before="const: card",
        after="type: string",
    ),
    Kind(
        change="const-changed",
        effect="change",
        mirror="const-changed",
        kind="values",
        action="change",
        what="the `const` value changed",
        message="{subject} const changed from {before} to {after}",
        before="const: card",
        after="const: bank",
    ),
    Kind(
        change="format-added",
        effect="narrow",
        mirror="format-removed",
        kind="type",
        action="add",
        what="a `format` was set",
        message="{subject} format {after} set",
        before="type: string",
        after="type: string, format: email",
    ),
    Kind(
        change="format-removed",
        effect="widen",
        mirror="format-added",
        kind="type",
        action="remove",
        what="the `format` was removed",
        message="{subject} format {before} removed",
        before="type: string, format: email",
        after="type: string",
    ),
    Kind(
        change="format-narrowed",
        effect="narrow",
        mirror="format-widened",
        kind="type",
        action="specialize",
        what="the `format` became narrower (`int64` to `int32`, `double` to `float`)",
        message="{subject} format narrowed from {before} to {after}",
        before="format: int64",
        after="format: int32",
    ),
    Kind(
        change="format-widened",
        effect="widen",
        mirror="format-narrowed",
        kind="type",
        action="generalize",
        what="the `format` became wider (`int32` to `int64`, `float` to `double`)",
        message="{subject} format widened from {before} to {after}",
        before="format: int32",
        after="format: int64",
    ),
    Kind(
        change="format-changed",
        effect="change",
        mirror="format-changed",
        kind="type",
        action="change",
        what="the `format` changed to an unrelated one",
        message="{subject} format changed from {before} to {after}",
        before="format: date",
        after="format: uuid",
    ),
    Kind(
        change="pattern-added",
        effect="narrow",
        mirror="pattern-removed",
        kind="constraints",
        action="add",
        what="a `pattern` was added",
        message="{subject} pattern {after} added",
        before="type: string",
        after="pattern: '^[A-Z]{3}$'",
    ),
    Kind(
        change="pattern-removed",
        effect="widen",
        mirror="pattern-added",
        kind="constraints",
        action="remove",
        what="the `pattern` was removed",
        message="{subject} pattern {before} removed",
        before="pattern: '^[A-Z]{3}$'",
        after="type: string",
        levels={"response": "info"},
        notes={"response": _PATTERN_LOOSER_NOTE},
    ),
    Kind(
        change="pattern-generalized",
        effect="widen",
        mirror="",
        kind="constraints",
        action="generalize",
        what="the `pattern` was replaced by one that accepts every string the old one did (`.*`,"
        " a wider character class, a looser repetition, dropped anchors)",
        message="{subject} pattern generalized from {before} to {after}",
        before="pattern: '^[A-Z]{3}$'",
        after="pattern: '^[A-Za-z]{2,3}$'",
        levels={"response": "info"},
        notes={"response": _PATTERN_LOOSER_NOTE},
        no_mirror="the reverse replacement is a pattern change a tool cannot always read as a"
        " narrowing, reported by the pattern change rules",
    ),
    Kind(
        change="pattern-changed",
        effect="unknown",
        mirror="pattern-changed",
        kind="constraints",
        action="change",
        what="the `pattern` changed",
        message="{subject} pattern changed from {before} to {after}",
        before="pattern: '^[A-Z]{3}$'",
        after="pattern: '^[A-Z]{2,3}$'",
    ),
    Kind(
        change="multiple-of-set",
        effect="narrow",
        mirror="multiple-of-unset",
        kind="constraints",
        action="set",
        what="a `multipleOf` was set",
        message="{subject} multipleOf set to {after}",
        before="type: number",
        after="multipleOf: 0.01",
    ),
    Kind(
        change="multiple-of-unset",
        effect="widen",
        mirror="multiple-of-set",
        kind="constraints",
        action="remove",
        what="the `multipleOf` was removed",
        message="{subject} multipleOf {before} removed",
        before="multipleOf: 0.01",
        after="type: number",
    ),
    Kind(
        change="multiple-of-narrowed",
        effect="narrow",
        mirror="multiple-of-widened",
        kind="constraints",
        action="change",
        what="`multipleOf` became a multiple of the old value (fewer values pass)",
        message="{subject} multipleOf narrowed from {before} to {after}",
        before="multipleOf: 2",
        after="multipleOf: 4",
    ),
    Kind(
        change="multiple-of-widened",
        effect="widen",
        mirror="multiple-of-narrowed",
        kind="constraints",
        action="change",
        what="`multipleOf` became a divisor of the old value (more values pass)",
        message="{subject} multipleOf widened from {before} to {after}",
        before="multipleOf: 4",
        after="multipleOf: 2",
    ),
    Kind(
        change="multiple-of-changed",
        effect="change",
        mirror="multiple-of-changed",
        kind="constraints",
        action="change",
        what="`multipleOf` changed to an unrelated value",
        message="{subject} multipleOf changed from {before} to {after}",
        before="multipleOf: 2",
        after="multipleOf: 3",
    ),
    Kind(
        change="unique-items-set",
        effect="narrow",
        mirror="unique-items-unset",
        kind="constraints",
        action="set",
        what="`uniqueItems: true` was set",
        message="{subject} items must now be unique",
        before="type: array",
        after="uniqueItems: true",
    ),
    Kind(
        change="unique-items-unset",
        effect="widen",
        mirror="unique-items-set",
        kind="constraints",
        action="remove",
        what="`uniqueItems: true` was removed",
        message="{subject} items may now repeat",
        before="uniqueItems: true",
        after="type: array",
    ),
    Kind(
        change="default-value-added",
        effect="annotation",
        mirror="default-value-removed",
        kind="values",
        action="add",
        what="a `default` was added",
        message="{subject} default value {after} added",
        before="type: integer",
        after="default: 20",
    ),
    Kind(
        change="default-value-removed",
        effect="annotation",
        mirror="default-value-added",
        kind="values",
        action="remove",
        what="the `default` was removed",
        message="{subject} default value {before} removed",
        before="default: 20",
        after="type: integer",
        levels={"request": "warning"},
        notes={"request": _DEFAULT_NOTE},
    ),
    Kind(
        change="default-value-changed",
        effect="annotation",
        mirror="default-value-changed",
        kind="values",
        action="change",
        what="the `default` value changed",
        message="{subject} default value changed from {before} to {after}",
        before="default: 20",
        after="default: 10",
        levels={"request": "warning"},
        notes={"request": _DEFAULT_NOTE},
    ),
    Kind(
        change="content-media-type-changed",
        effect="change",
        mirror="content-media-type-changed",
        kind="type",
        action="change",
        what="the `contentMediaType` of an encoded string changed",
        message="{subject} contentMediaType changed from {before} to {after}",
        before="contentMediaType: image/png",
        after="contentMediaType: image/jpeg",
    ),
    Kind(
        change="content-encoding-changed",
        effect="change",
        mirror="content-encoding-changed",
        kind="type",
        action="change",
        what="the `contentEncoding` of a string changed",
        message="{subject} contentEncoding changed from {before} to {after}",
        before="contentEncoding: base64",
        after="contentEncoding: base32",
    ),
    Kind(
        change="additional-properties-forbidden",
        effect="narrow",
        mirror="additional-properties-allowed",
        kind="structure",
        action="set",
        what="`additionalProperties: false` was set: properties not listed are refused",
        message="{subject} no longer accepts properties that are not listed",
        before="type: object",
        after="additionalProperties: false",
        levels={"request": "warning"},
        notes={
            "request": "Only a warning: only clients sending properties the spec never"
            " listed are refused."
        },
    ),
    Kind(
        change="additional-properties-allowed",
        effect="widen",
        mirror="additional-properties-forbidden",
        kind="structure",
        action="remove",
        what="`additionalProperties: false` was removed: unlisted properties may appear",
        message="{subject} now accepts properties that are not listed",
        before="additionalProperties: false",
        after="type: object",
        levels={"response": "info"},
        notes={
            "response": "Information only: like a new optional property, unlisted"
            " properties are ignored by clients that do not read them."
        },
    ),
)


VALUE_KINDS: tuple[Kind, ...] = (*_bound_kinds(), *_OTHER_KINDS)
