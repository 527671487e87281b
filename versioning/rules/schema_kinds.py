"""Every kind of schema change, declared once; the schema family expands it per context.

A kind says what happened to the set of values a schema accepts (its *effect*): ``narrow``
(fewer values: breaks requests), ``widen`` (more values: breaks responses), ``change`` (some
values lost and others gained: breaks both), ``unknown`` (a tool cannot tell: a warning) or
``annotation`` (no values change). The level per direction follows from the effect unless
the kind overrides it, and the override's reason is in ``notes``.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import msgspec

from versioning.diff.compare_bounds import BOUND_NAMES
from versioning.findings import Level
from versioning.rules.registry import Action

__all__ = ["EFFECT_LEVELS", "KINDS", "Effect", "Kind"]

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


_BOUND_EXAMPLES = {
    "maximum": (100, 50), "exclusiveMaximum": (100, 50), "maxLength": (500, 200),
    "maxItems": (10, 5), "maxContains": (3, 2), "maxProperties": (50, 20),
    "minimum": (1, 5), "exclusiveMinimum": (0, 1), "minLength": (1, 3),
    "minItems": (1, 2), "minContains": (2, 3), "minProperties": (1, 2),
}  # fmt: skip
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


def _k(  # noqa: PLR0917 - positional, so the table below reads as a table
    change: str,
    effect: Effect,
    mirror: str,
    kind: str,
    action: Action,
    what: str,
    message: str,
    example: tuple[str, str],
    *,
    levels: dict[str, Level] | None = None,
    notes: dict[str, str] | None = None,
    no_mirror: str | None = None,
    why: dict[str, str] | None = None,
) -> Kind:
    return Kind(
        change=change, effect=effect, mirror=mirror, kind=kind, action=action, what=what,
        message=message, before=example[0], after=example[1],
        levels=levels or {}, notes=notes or {}, no_mirror=no_mirror, why=why or {},
    )  # fmt: skip


_STRUCTURE_NOTE = {
    "request": "The change is inside a structural keyword; what it means for a given payload"
    " depends on the other keywords, and we compare it by its effect on accepted values."
}
_ALL_OF_NOTE = (
    "allOf members are merged and compared as one schema, so whatever the member changes"
    " (a new required property, a tighter bound) is reported by its own rule; this finding"
    " only records the restructuring, and only when the merged schema changed at all."
)
_PATTERN_LOOSER_NOTE = (
    "Information only (as in oasdiff): a looser pattern lets responses hold strings the old"
    " one refused, but a pattern documents a format rather than a value set clients switch"
    " on, and clients do not validate responses against it."
)
_DISCRIMINATOR_NOTE = (
    "A discriminator only tells deserializers which branch a payload is; the branches"
    " themselves are compared by their own rules."
)
_DISCRIMINATOR_NOTES = {"request": _DISCRIMINATOR_NOTE, "response": _DISCRIMINATOR_NOTE}
_DISPATCH_NOTE = (
    "A warning (oasdiff: info): validation does not change, but code generated from the old"
    " document dispatches on the old property or mapping and may pick the wrong branch, or"
    " none."
)
_NOT_NOTE = (
    "A value is valid when it does *not* match the subschema, so every change under `not`"
    " counts the other way round; oasdiff reports changes under `not` with the ids (and"
    " levels) they would have outside it."
)
_COMPATIBLE_WHY = (
    "It does not: every value of the new branch was already a value of an old branch as a"
    " client reads it (no other type, every property the old branch guarantees, compatible"
    " shared properties), so clients see nothing they did not handle. oasdiff reports any"
    " new response branch as a widening."
)
_ONE_OF_OVERLAP_WHY = (
    "Only a warning: values of the new branch also match the old branch that accepted them,"
    " and `oneOf` refuses a value matching two branches, unless a discriminator tells them"
    " apart."
)
_COMPATIBLE_NO_MIRROR = (
    "removing a branch is a narrowing whatever its values, reported by the branch removal rules"
)
_WRAPPED_RESPONSE_WHY = (
    "It does not by itself: responses the server sends still match one branch, and each"
    " other branch is reported as added (an error when it admits values clients never"
    " handled)."
)
_ENUM_ADDED_NOTE = (
    "Only a warning (as in oasdiff): many clients map unknown values to a fallback, but one"
    " with an exhaustive switch fails. Declare `x-extensible-enum` to promise that values"
    " will be added."
)
_DEFAULT_NOTE = (
    "A request stays valid, but a client that omits the value now gets different behaviour"
    " from the server, so it is a warning."
)

_OTHER_KINDS: tuple[Kind, ...] = (
    _k("type-changed", "change", "type-changed", "type", "change",
       "the type changed to one that shares no values (or only some) with the old one",
       "{subject} type changed from {before} to {after}", ("type: string", "type: integer")),
    _k("type-compatible", "annotation", "type-compatible", "type", "change",
       "the type changed to `string` (in a request) or from `string` (in a response) where"
       " values travel as text: a parameter, a header, or a form, text or XML body",
       "{subject} type changed from {before} to {after}, compatible as text",
       ("type: integer", "type: string"),
       why={"request": "It does not: every old value, written as text, is still a valid"
            " string.", "response": "It does not: clients read the value as text, which every"
            " new value is."}),
    _k("type-specialized", "narrow", "type-generalized", "type", "specialize",
       "the type became narrower (`number` to `integer`, or a type set where any was allowed)",
       "{subject} type specialized from {before} to {after}", ("type: number", "type: integer")),
    _k("type-generalized", "widen", "type-specialized", "type", "generalize",
       "the type became wider (`integer` to `number`, or the type restriction was dropped)",
       "{subject} type generalized from {before} to {after}", ("type: integer", "type: number")),
    _k("list-of-types-narrowed", "narrow", "list-of-types-widened", "type", "remove",
       "a type was removed from a list of types", "{subject} list of types narrowed from"
       " {before} to {after}", ("type: [string, integer]", "type: [string]")),
    _k("list-of-types-widened", "widen", "list-of-types-narrowed", "type", "add",
       "a type was added to a list of types", "{subject} list of types widened from {before}"
       " to {after}", ("type: [string]", "type: [string, integer]")),
    _k("became-nullable", "widen", "became-not-nullable", "requiredness", "change",
       "`null` became a valid value (`nullable: true`, a `\"null\"` type or a null branch)",
       "{subject} became nullable", ("type: string", "type: [string, 'null']")),
    _k("became-not-nullable", "narrow", "became-nullable", "requiredness", "change",
       "`null` is no longer a valid value", "{subject} became not nullable",
       ("type: [string, 'null']", "type: string")),
    _k("enum-value-removed", "narrow", "enum-value-added", "values", "remove",
       "a value was removed from an `enum`", "{subject} enum value {name} removed",
       ("enum: [card, bank]", "enum: [card]")),
    _k("enum-value-added", "widen", "enum-value-removed", "values", "add",
       "a value was added to an `enum`", "{subject} enum value {name} added",
       ("enum: [card]", "enum: [card, bank]"),
       levels={"response": "warning"}, notes={"response": _ENUM_ADDED_NOTE}),
    _k("became-enum", "narrow", "enum-removed", "values", "change",
       "the schema was restricted to an `enum`", "{subject} restricted to the values {after}",
       ("type: string", "type: string, enum: [card, bank]")),
    _k("enum-removed", "widen", "became-enum", "values", "remove",
       "the `enum` restriction was removed", "{subject} no longer restricted to the values"
       " {before}", ("type: string, enum: [card, bank]", "type: string")),
    _k("x-extensible-enum-value-removed", "narrow", "x-extensible-enum-value-added", "values",
       "remove", "a value was removed from an `x-extensible-enum`",
       "{subject} extensible enum value {name} removed",
       ("x-extensible-enum: [card, bank]", "x-extensible-enum: [card]")),
    _k("x-extensible-enum-value-added", "widen", "x-extensible-enum-value-removed", "values",
       "add", "a value was added to an `x-extensible-enum`",
       "{subject} extensible enum value {name} added",
       ("x-extensible-enum: [card]", "x-extensible-enum: [card, bank]"),
       levels={"response": "info"},
       notes={"response": "Clients of an extensible enum promised to accept unknown values."}),
    _k("const-added", "narrow", "const-removed", "values", "add",
       "a `const` was set", "{subject} const {after} set", ("type: string", "const: card")),
    _k("const-removed", "widen", "const-added", "values", "remove",
       "the `const` was removed", "{subject} const {before} removed",
       ("const: card", "type: string")),
    _k("const-changed", "change", "const-changed", "values", "change",
       "the `const` value changed", "{subject} const changed from {before} to {after}",
       ("const: card", "const: bank")),
    _k("format-added", "narrow", "format-removed", "type", "add",
       "a `format` was set", "{subject} format {after} set",
       ("type: string", "type: string, format: email")),
    _k("format-removed", "widen", "format-added", "type", "remove",
       "the `format` was removed", "{subject} format {before} removed",
       ("type: string, format: email", "type: string")),
    _k("format-narrowed", "narrow", "format-widened", "type", "specialize",
       "the `format` became narrower (`int64` to `int32`, `double` to `float`)",
       "{subject} format narrowed from {before} to {after}", ("format: int64", "format: int32")),
    _k("format-widened", "widen", "format-narrowed", "type", "generalize",
       "the `format` became wider (`int32` to `int64`, `float` to `double`)",
       "{subject} format widened from {before} to {after}", ("format: int32", "format: int64")),
    _k("format-changed", "change", "format-changed", "type", "change",
       "the `format` changed to an unrelated one", "{subject} format changed from {before} to"
       " {after}", ("format: date", "format: uuid")),
    _k("pattern-added", "narrow", "pattern-removed", "constraints", "add",
       "a `pattern` was added", "{subject} pattern {after} added",
       ("type: string", "pattern: '^[A-Z]{3}$'")),
    _k("pattern-removed", "widen", "pattern-added", "constraints", "remove",
       "the `pattern` was removed", "{subject} pattern {before} removed",
       ("pattern: '^[A-Z]{3}$'", "type: string"), levels={"response": "info"},
       notes={"response": _PATTERN_LOOSER_NOTE}),
    _k("pattern-generalized", "widen", "", "constraints", "generalize",
       "the `pattern` was replaced by one that accepts every string the old one did (`.*`,"
       " a wider character class, a looser repetition, dropped anchors)",
       "{subject} pattern generalized from {before} to {after}",
       ("pattern: '^[A-Z]{3}$'", "pattern: '^[A-Za-z]{2,3}$'"), levels={"response": "info"},
       notes={"response": _PATTERN_LOOSER_NOTE},
       no_mirror="the reverse replacement is a pattern change a tool cannot always read as a"
       " narrowing, reported by the pattern change rules"),
    _k("pattern-changed", "unknown", "pattern-changed", "constraints", "change",
       "the `pattern` changed", "{subject} pattern changed from {before} to {after}",
       ("pattern: '^[A-Z]{3}$'", "pattern: '^[A-Z]{2,3}$'")),
    _k("multiple-of-set", "narrow", "multiple-of-unset", "constraints", "set",
       "a `multipleOf` was set", "{subject} multipleOf set to {after}",
       ("type: number", "multipleOf: 0.01")),
    _k("multiple-of-unset", "widen", "multiple-of-set", "constraints", "remove",
       "the `multipleOf` was removed", "{subject} multipleOf {before} removed",
       ("multipleOf: 0.01", "type: number")),
    _k("multiple-of-narrowed", "narrow", "multiple-of-widened", "constraints", "change",
       "`multipleOf` became a multiple of the old value (fewer values pass)",
       "{subject} multipleOf narrowed from {before} to {after}",
       ("multipleOf: 2", "multipleOf: 4")),
    _k("multiple-of-widened", "widen", "multiple-of-narrowed", "constraints", "change",
       "`multipleOf` became a divisor of the old value (more values pass)",
       "{subject} multipleOf widened from {before} to {after}",
       ("multipleOf: 4", "multipleOf: 2")),
    _k("multiple-of-changed", "change", "multiple-of-changed", "constraints", "change",
       "`multipleOf` changed to an unrelated value", "{subject} multipleOf changed from {before}"
       " to {after}", ("multipleOf: 2", "multipleOf: 3")),
    _k("unique-items-set", "narrow", "unique-items-unset", "constraints", "set",
       "`uniqueItems: true` was set", "{subject} items must now be unique",
       ("type: array", "uniqueItems: true")),
    _k("unique-items-unset", "widen", "unique-items-set", "constraints", "remove",
       "`uniqueItems: true` was removed", "{subject} items may now repeat",
       ("uniqueItems: true", "type: array")),
    _k("default-value-added", "annotation", "default-value-removed", "values", "add",
       "a `default` was added", "{subject} default value {after} added",
       ("type: integer", "default: 20")),
    _k("default-value-removed", "annotation", "default-value-added", "values", "remove",
       "the `default` was removed", "{subject} default value {before} removed",
       ("default: 20", "type: integer"), levels={"request": "warning"},
       notes={"request": _DEFAULT_NOTE}),
    _k("default-value-changed", "annotation", "default-value-changed", "values", "change",
       "the `default` value changed", "{subject} default value changed from {before} to {after}",
       ("default: 20", "default: 10"), levels={"request": "warning"},
       notes={"request": _DEFAULT_NOTE}),
    _k("content-media-type-changed", "change", "content-media-type-changed", "type", "change",
       "the `contentMediaType` of an encoded string changed",
       "{subject} contentMediaType changed from {before} to {after}",
       ("contentMediaType: image/png", "contentMediaType: image/jpeg")),
    _k("content-encoding-changed", "change", "content-encoding-changed", "type", "change",
       "the `contentEncoding` of a string changed",
       "{subject} contentEncoding changed from {before} to {after}",
       ("contentEncoding: base64", "contentEncoding: base32")),
    _k("additional-properties-forbidden", "narrow", "additional-properties-allowed", "structure",
       "set", "`additionalProperties: false` was set: properties not listed are refused",
       "{subject} no longer accepts properties that are not listed",
       ("type: object", "additionalProperties: false"), levels={"request": "warning"},
       notes={"request": "Only a warning: only clients sending properties the spec never"
              " listed are refused."}),
    _k("additional-properties-allowed", "widen", "additional-properties-forbidden", "structure",
       "remove", "`additionalProperties: false` was removed: unlisted properties may appear",
       "{subject} now accepts properties that are not listed",
       ("additionalProperties: false", "type: object"), levels={"response": "info"},
       notes={"response": "Information only: like a new optional property, unlisted"
              " properties are ignored by clients that do not read them."}),
)  # fmt: skip


def _structure(
    keyword: str, change: str, *, widen_on_add: bool = False, named: bool = False
) -> list[Kind]:
    """``<change>-added`` / ``<change>-removed`` for a structural keyword."""
    added_effect: Effect = "widen" if widen_on_add else "narrow"
    removed_effect: Effect = "narrow" if widen_on_add else "widen"
    what = f"`{keyword}` {{name}}" if named else f"`{keyword}`"
    article = "an" if keyword[0] in "aeiou" else "a"
    shown = f"{keyword} {{name}}" if named else keyword
    return [
        _k(f"{change}-added", added_effect, f"{change}-removed", "structure", "add",
           f"{article} {what.format(name='entry')} was added", f"{{subject}} {shown} added",
           ("type: ...", f"{keyword}: ..."), notes=_STRUCTURE_NOTE),
        _k(f"{change}-removed", removed_effect, f"{change}-added", "structure", "remove",
           f"{article} {what.format(name='entry')} was removed", f"{{subject}} {shown} removed",
           (f"{keyword}: ...", "type: ..."), notes=_STRUCTURE_NOTE),
    ]  # fmt: skip


_STRUCTURE_KINDS: tuple[Kind, ...] = (
    _k("any-of-added", "widen", "any-of-removed", "structure", "add",
       "a branch was added to an `anyOf`", "{subject} anyOf branch {name} added",
       ("anyOf: [$ref: Card]", "anyOf: [$ref: Card, $ref: Bank]")),
    _k("any-of-removed", "narrow", "any-of-added", "structure", "remove",
       "a branch was removed from an `anyOf`", "{subject} anyOf branch {name} removed",
       ("anyOf: [$ref: Card, $ref: Bank]", "anyOf: [$ref: Card]")),
    _k("one-of-added", "widen", "one-of-removed", "structure", "add",
       "a branch was added to a `oneOf`", "{subject} oneOf branch {name} added",
       ("oneOf: [$ref: Card]", "oneOf: [$ref: Card, $ref: Bank]")),
    _k("one-of-removed", "narrow", "one-of-added", "structure", "remove",
       "a branch was removed from a `oneOf`", "{subject} oneOf branch {name} removed",
       ("oneOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card]")),
    _k("one-of-became-any-of", "widen", "any-of-became-one-of", "structure", "change",
       "a `oneOf` became an `anyOf`: a value may now match several branches",
       "{subject} oneOf became anyOf",
       ("oneOf: [$ref: Card, $ref: Bank]", "anyOf: [$ref: Card, $ref: Bank]")),
    _k("any-of-became-one-of", "narrow", "one-of-became-any-of", "structure", "change",
       "an `anyOf` became a `oneOf`: a value matching several branches is now refused",
       "{subject} anyOf became oneOf",
       ("anyOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card, $ref: Bank]")),
    _k("any-of-added-compatible", "annotation", "", "structure", "add",
       "a branch was added to an `anyOf`, and every value it admits was already handled"
       " through an old branch (a branch split, or a variant of an open object)",
       "{subject} anyOf branch {name} added, within what old branches allowed",
       ("$ref: Card", "anyOf: [$ref: Card, $ref: VisaCard]"),
       no_mirror=_COMPATIBLE_NO_MIRROR,
       why={"request": "It does not: every request valid before stays valid.",
            "response": _COMPATIBLE_WHY}),
    _k("one-of-added-compatible", "annotation", "", "structure", "add",
       "a branch was added to a `oneOf`, and every value it admits was already handled"
       " through an old branch (a branch split, or a variant of an open object)",
       "{subject} oneOf branch {name} added, within what old branches allowed",
       ("oneOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card, $ref: Bank, $ref: VisaCard]"),
       levels={"request": "warning"}, no_mirror=_COMPATIBLE_NO_MIRROR,
       why={"request": _ONE_OF_OVERLAP_WHY, "response": _COMPATIBLE_WHY}),
    _k("wrapped-in-one-of", "narrow", "unwrapped-from-one-of", "structure", "change",
       "the schema became one branch of a new `oneOf` whose other branches may match the"
       " same values", "{subject} wrapped in a oneOf",
       ("$ref: Card", "oneOf: [$ref: Card, $ref: Bank]"),
       why={"request": "A payload matching the old schema and another branch now fails"
            " `oneOf`'s exactly-one rule, so requests that were valid can be refused.",
            "response": _WRAPPED_RESPONSE_WHY}),
    _k("unwrapped-from-one-of", "widen", "wrapped-in-one-of", "structure", "change",
       "a `oneOf` was replaced by one of its branches, which other branches could overlap",
       "{subject} unwrapped from a oneOf", ("oneOf: [$ref: Card, $ref: Bank]", "$ref: Card"),
       why={"request": "It does not: a payload matching the kept branch is accepted whether or"
            " not it also matches a dropped one; each dropped branch is reported as removed.",
            "response": "A value matching the kept branch and a dropped one could not be sent"
            " under the old `oneOf`; a client deserializing strictly with the old union may"
            " fail on it."}),
    _k("all-of-added", "annotation", "all-of-removed", "structure", "add",
       "a member was added to an `allOf`", "{subject} allOf member {name} added",
       ("allOf: [$ref: Base]", "allOf: [$ref: Base, $ref: Audited]"),
       notes={"request": _ALL_OF_NOTE, "response": _ALL_OF_NOTE}),
    _k("all-of-removed", "annotation", "all-of-added", "structure", "remove",
       "a member was removed from an `allOf`", "{subject} allOf member {name} removed",
       ("allOf: [$ref: Base, $ref: Audited]", "allOf: [$ref: Base]"),
       notes={"request": _ALL_OF_NOTE, "response": _ALL_OF_NOTE}),
    _k("all-of-added-annotation-only", "annotation", "all-of-removed-annotation-only",
       "structure", "add", "a member that changes nothing the schema accepts (annotations"
       " only, or constraints already stated) was added to an `allOf`",
       "{subject} allOf member {name} added (annotations only)",
       ("$ref: Base", "allOf: [$ref: Base, {description: audited}]")),
    _k("all-of-removed-annotation-only", "annotation", "all-of-added-annotation-only",
       "structure", "remove", "a member that changed nothing the schema accepts was removed"
       " from an `allOf`", "{subject} allOf member {name} removed (annotations only)",
       ("allOf: [$ref: Base, {description: audited}]", "$ref: Base")),
    *_structure("contains", "contains"),
    *_structure("dependentSchemas", "dependent-schema", named=True),
    *_structure("patternProperties", "pattern-property", named=True),
    *_structure("propertyNames", "property-names"),
    *_structure("unevaluatedItems", "unevaluated-items"),
    *_structure("unevaluatedProperties", "unevaluated-properties"),
    *_structure("contentSchema", "content-schema"),
    *_structure("prefixItems", "prefix-items", widen_on_add=True, named=True),
    *_structure("if", "if"),
    *_structure("then", "then"),
    *_structure("else", "else"),
    *_structure("not", "not"),
    _k("discriminator-added", "annotation", "discriminator-removed", "structure", "add",
       "a `discriminator` was added to a union", "{subject} discriminator on property {after}"
       " added", ("oneOf: [...]", "oneOf: [...], discriminator: {propertyName: kind}"),
       notes=_DISCRIMINATOR_NOTES),
    _k("discriminator-removed", "annotation", "discriminator-added", "structure", "remove",
       "the `discriminator` of a union was removed", "{subject} discriminator on property"
       " {before} removed", ("oneOf: [...], discriminator: {propertyName: kind}",
       "oneOf: [...]"), notes=_DISCRIMINATOR_NOTES),
    _k("discriminator-property-name-changed", "annotation",
       "discriminator-property-name-changed", "structure", "change",
       "the property a `discriminator` reads was changed",
       "{subject} discriminator property changed from {before} to {after}",
       ("discriminator: {propertyName: kind}", "discriminator: {propertyName: type}"),
       levels={"request": "warning", "response": "warning"},
       notes={"request": _DISPATCH_NOTE, "response": _DISPATCH_NOTE}),
    _k("discriminator-mapping-added", "annotation", "discriminator-mapping-deleted",
       "structure", "add", "an entry was added to a `discriminator` mapping",
       "{subject} discriminator mapping {name} added (to {after})",
       ("mapping: {card: '#/…/Card'}", "mapping: {card: '#/…/Card', bank: '#/…/Bank'}"),
       notes=_DISCRIMINATOR_NOTES),
    _k("discriminator-mapping-deleted", "annotation", "discriminator-mapping-added",
       "structure", "remove", "an entry was removed from a `discriminator` mapping",
       "{subject} discriminator mapping {name} removed (was {before})",
       ("mapping: {card: '#/…/Card', bank: '#/…/Bank'}", "mapping: {card: '#/…/Card'}"),
       notes=_DISCRIMINATOR_NOTES),
    _k("discriminator-mapping-changed", "annotation", "discriminator-mapping-changed",
       "structure", "change", "a `discriminator` mapping entry now names another schema",
       "{subject} discriminator mapping {name} changed from {before} to {after}",
       ("mapping: {card: '#/…/Card'}", "mapping: {card: '#/…/CardV2'}"),
       levels={"request": "warning", "response": "warning"},
       notes={"request": _DISPATCH_NOTE, "response": _DISPATCH_NOTE}),
    _k("dependent-required-added", "narrow", "dependent-required-removed", "structure", "add",
       "a `dependentRequired` entry was added", "{subject} dependentRequired for {name} added",
       ("type: object", "dependentRequired: {card: [cvc]}")),
    _k("dependent-required-removed", "widen", "dependent-required-added", "structure", "remove",
       "a `dependentRequired` entry was removed", "{subject} dependentRequired for {name}"
       " removed", ("dependentRequired: {card: [cvc]}", "type: object")),
    _k("dependent-required-changed", "change", "dependent-required-changed", "structure",
       "change", "the properties a `dependentRequired` entry requires changed",
       "{subject} dependentRequired for {name} changed from {before} to {after}",
       ("dependentRequired: {card: [cvc]}", "dependentRequired: {card: [expiry]}")),
    _k("if-changed", "unknown", "if-changed", "structure", "change",
       "the `if` condition changed", "{subject} if condition changed",
       ("if: {properties: {kind: {const: a}}}", "if: {properties: {kind: {const: b}}}")),
    _k("not-changed", "unknown", "not-changed", "structure", "change",
       "the schema under `not` changed in a way that neither only narrows nor only widens it",
       "{subject} not schema changed: {name}",
       ("not: {type: string}", "not: {type: integer}")),
    _k("not-schema-narrowed", "widen", "not-schema-widened", "structure", "change",
       "the schema under `not` accepts fewer values (a tighter bound, a new required"
       " property …), so the schema itself accepts more",
       "{subject} not schema narrowed: {name}",
       ("not: {required: [a]}", "not: {required: [a, b]}"), notes={"request": _NOT_NOTE,
       "response": _NOT_NOTE}),
    _k("not-schema-widened", "narrow", "not-schema-narrowed", "structure", "change",
       "the schema under `not` accepts more values (a looser bound, a property no longer"
       " required …), so the schema itself accepts fewer",
       "{subject} not schema widened: {name}",
       ("not: {required: [a, b]}", "not: {required: [a]}"), notes={"request": _NOT_NOTE,
       "response": _NOT_NOTE}),
)  # fmt: skip

KINDS: dict[str, Kind] = {
    kind.change: kind for kind in (*_bound_kinds(), *_OTHER_KINDS, *_STRUCTURE_KINDS)
}
