"""The structural kinds of schema change: unions, allOf, discriminators, not, conditionals.

Each is declared once here with its effect (see :mod:`versioning.rules.kind`); the schema
family expands it per context.
"""

from __future__ import annotations

from versioning.rules.kind import Effect, Kind
from versioning.rules.kind import kind as _k

__all__ = ["STRUCTURE_KINDS"]

_STRUCTURE_NOTE = {
    "request": "The change is inside a structural keyword; what it means for a given payload"
    " depends on the other keywords, and we compare it by its effect on accepted values."
}
_ALL_OF_NOTE = (
    "allOf members are merged and compared as one schema, so whatever the member changes"
    " (a new required property, a tighter bound) is reported by its own rule; this finding"
    " only records the restructuring, and only when the merged schema changed at all."
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
        _k(
            f"{change}-added",
            added_effect,
            f"{change}-removed",
            "structure",
            "add",
            f"{article} {what.format(name='entry')} was added",
            f"{{subject}} {shown} added",
            ("type: ...", f"{keyword}: ..."),
            notes=_STRUCTURE_NOTE,
        ),
        _k(
            f"{change}-removed",
            removed_effect,
            f"{change}-added",
            "structure",
            "remove",
            f"{article} {what.format(name='entry')} was removed",
            f"{{subject}} {shown} removed",
            (f"{keyword}: ...", "type: ..."),
            notes=_STRUCTURE_NOTE,
        ),
    ]


STRUCTURE_KINDS: tuple[Kind, ...] = (
    _k(
        "any-of-added",
        "widen",
        "any-of-removed",
        "structure",
        "add",
        "a branch was added to an `anyOf`",
        "{subject} anyOf branch {name} added",
        ("anyOf: [$ref: Card]", "anyOf: [$ref: Card, $ref: Bank]"),
    ),
    _k(
        "any-of-removed",
        "narrow",
        "any-of-added",
        "structure",
        "remove",
        "a branch was removed from an `anyOf`",
        "{subject} anyOf branch {name} removed",
        ("anyOf: [$ref: Card, $ref: Bank]", "anyOf: [$ref: Card]"),
    ),
    _k(
        "one-of-added",
        "widen",
        "one-of-removed",
        "structure",
        "add",
        "a branch was added to a `oneOf`",
        "{subject} oneOf branch {name} added",
        ("oneOf: [$ref: Card]", "oneOf: [$ref: Card, $ref: Bank]"),
    ),
    _k(
        "one-of-removed",
        "narrow",
        "one-of-added",
        "structure",
        "remove",
        "a branch was removed from a `oneOf`",
        "{subject} oneOf branch {name} removed",
        ("oneOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card]"),
    ),
    _k(
        "one-of-became-any-of",
        "widen",
        "any-of-became-one-of",
        "structure",
        "change",
        "a `oneOf` became an `anyOf`: a value may now match several branches",
        "{subject} oneOf became anyOf",
        ("oneOf: [$ref: Card, $ref: Bank]", "anyOf: [$ref: Card, $ref: Bank]"),
    ),
    _k(
        "any-of-became-one-of",
        "narrow",
        "one-of-became-any-of",
        "structure",
        "change",
        "an `anyOf` became a `oneOf`: a value matching several branches is now refused",
        "{subject} anyOf became oneOf",
        ("anyOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card, $ref: Bank]"),
    ),
    _k(
        "any-of-added-compatible",
        "annotation",
        "",
        "structure",
        "add",
        "a branch was added to an `anyOf`, and every value it admits was already handled"
        " through an old branch (a branch split, or a variant of an open object)",
        "{subject} anyOf branch {name} added, within what old branches allowed",
        ("$ref: Card", "anyOf: [$ref: Card, $ref: VisaCard]"),
        no_mirror=_COMPATIBLE_NO_MIRROR,
        why={
            "request": "It does not: every request valid before stays valid.",
            "response": _COMPATIBLE_WHY,
        },
    ),
    _k(
        "one-of-added-compatible",
        "annotation",
        "",
        "structure",
        "add",
        "a branch was added to a `oneOf`, and every value it admits was already handled"
        " through an old branch (a branch split, or a variant of an open object)",
        "{subject} oneOf branch {name} added, within what old branches allowed",
        ("oneOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card, $ref: Bank, $ref: VisaCard]"),
        levels={"request": "warning"},
        no_mirror=_COMPATIBLE_NO_MIRROR,
        why={"request": _ONE_OF_OVERLAP_WHY, "response": _COMPATIBLE_WHY},
    ),
    _k(
        "wrapped-in-one-of",
        "narrow",
        "unwrapped-from-one-of",
        "structure",
        "change",
        "the schema became one branch of a new `oneOf` whose other branches may match the"
        " same values",
        "{subject} wrapped in a oneOf",
        ("$ref: Card", "oneOf: [$ref: Card, $ref: Bank]"),
        why={
            "request": "A payload matching the old schema and another branch now fails"
            " `oneOf`'s exactly-one rule, so requests that were valid can be refused.",
            "response": _WRAPPED_RESPONSE_WHY,
        },
    ),
    _k(
        "unwrapped-from-one-of",
        "widen",
        "wrapped-in-one-of",
        "structure",
        "change",
        "a `oneOf` was replaced by one of its branches, which other branches could overlap",
        "{subject} unwrapped from a oneOf",
        ("oneOf: [$ref: Card, $ref: Bank]", "$ref: Card"),
        why={
            "request": "It does not: a payload matching the kept branch is accepted whether or"
            " not it also matches a dropped one; each dropped branch is reported as removed.",
            "response": "A value matching the kept branch and a dropped one could not be sent"
            " under the old `oneOf`; a client deserializing strictly with the old union may"
            " fail on it.",
        },
    ),
    _k(
        "all-of-added",
        "annotation",
        "all-of-removed",
        "structure",
        "add",
        "a member was added to an `allOf`",
        "{subject} allOf member {name} added",
        ("allOf: [$ref: Base]", "allOf: [$ref: Base, $ref: Audited]"),
        notes={"request": _ALL_OF_NOTE, "response": _ALL_OF_NOTE},
    ),
    _k(
        "all-of-removed",
        "annotation",
        "all-of-added",
        "structure",
        "remove",
        "a member was removed from an `allOf`",
        "{subject} allOf member {name} removed",
        ("allOf: [$ref: Base, $ref: Audited]", "allOf: [$ref: Base]"),
        notes={"request": _ALL_OF_NOTE, "response": _ALL_OF_NOTE},
    ),
    _k(
        "all-of-added-annotation-only",
        "annotation",
        "all-of-removed-annotation-only",
        "structure",
        "add",
        "a member that changes nothing the schema accepts (annotations"
        " only, or constraints already stated) was added to an `allOf`",
        "{subject} allOf member {name} added (annotations only)",
        ("$ref: Base", "allOf: [$ref: Base, {description: audited}]"),
    ),
    _k(
        "all-of-removed-annotation-only",
        "annotation",
        "all-of-added-annotation-only",
        "structure",
        "remove",
        "a member that changed nothing the schema accepts was removed from an `allOf`",
        "{subject} allOf member {name} removed (annotations only)",
        ("allOf: [$ref: Base, {description: audited}]", "$ref: Base"),
    ),
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
    _k(
        "discriminator-added",
        "annotation",
        "discriminator-removed",
        "structure",
        "add",
        "a `discriminator` was added to a union",
        "{subject} discriminator on property {after} added",
        ("oneOf: [...]", "oneOf: [...], discriminator: {propertyName: kind}"),
        notes=_DISCRIMINATOR_NOTES,
    ),
    _k(
        "discriminator-removed",
        "annotation",
        "discriminator-added",
        "structure",
        "remove",
        "the `discriminator` of a union was removed",
        "{subject} discriminator on property {before} removed",
        ("oneOf: [...], discriminator: {propertyName: kind}", "oneOf: [...]"),
        notes=_DISCRIMINATOR_NOTES,
    ),
    _k(
        "discriminator-property-name-changed",
        "annotation",
        "discriminator-property-name-changed",
        "structure",
        "change",
        "the property a `discriminator` reads was changed",
        "{subject} discriminator property changed from {before} to {after}",
        ("discriminator: {propertyName: kind}", "discriminator: {propertyName: type}"),
        levels={"request": "warning", "response": "warning"},
        notes={"request": _DISPATCH_NOTE, "response": _DISPATCH_NOTE},
    ),
    _k(
        "discriminator-mapping-added",
        "annotation",
        "discriminator-mapping-deleted",
        "structure",
        "add",
        "an entry was added to a `discriminator` mapping",
        "{subject} discriminator mapping {name} added (to {after})",
        ("mapping: {card: '#/…/Card'}", "mapping: {card: '#/…/Card', bank: '#/…/Bank'}"),
        notes=_DISCRIMINATOR_NOTES,
    ),
    _k(
        "discriminator-mapping-deleted",
        "annotation",
        "discriminator-mapping-added",
        "structure",
        "remove",
        "an entry was removed from a `discriminator` mapping",
        "{subject} discriminator mapping {name} removed (was {before})",
        ("mapping: {card: '#/…/Card', bank: '#/…/Bank'}", "mapping: {card: '#/…/Card'}"),
        notes=_DISCRIMINATOR_NOTES,
    ),
    _k(
        "discriminator-mapping-changed",
        "annotation",
        "discriminator-mapping-changed",
        "structure",
        "change",
        "a `discriminator` mapping entry now names another schema",
        "{subject} discriminator mapping {name} changed from {before} to {after}",
        ("mapping: {card: '#/…/Card'}", "mapping: {card: '#/…/CardV2'}"),
        levels={"request": "warning", "response": "warning"},
        notes={"request": _DISPATCH_NOTE, "response": _DISPATCH_NOTE},
    ),
    _k(
        "dependent-required-added",
        "narrow",
        "dependent-required-removed",
        "structure",
        "add",
        "a `dependentRequired` entry was added",
        "{subject} dependentRequired for {name} added",
        ("type: object", "dependentRequired: {card: [cvc]}"),
    ),
    _k(
        "dependent-required-removed",
        "widen",
        "dependent-required-added",
        "structure",
        "remove",
        "a `dependentRequired` entry was removed",
        "{subject} dependentRequired for {name} removed",
        ("dependentRequired: {card: [cvc]}", "type: object"),
    ),
    _k(
        "dependent-required-changed",
        "change",
        "dependent-required-changed",
        "structure",
        "change",
        "the properties a `dependentRequired` entry requires changed",
        "{subject} dependentRequired for {name} changed from {before} to {after}",
        ("dependentRequired: {card: [cvc]}", "dependentRequired: {card: [expiry]}"),
    ),
    _k(
        "if-changed",
        "unknown",
        "if-changed",
        "structure",
        "change",
        "the `if` condition changed",
        "{subject} if condition changed",
        ("if: {properties: {kind: {const: a}}}", "if: {properties: {kind: {const: b}}}"),
    ),
    _k(
        "not-changed",
        "unknown",
        "not-changed",
        "structure",
        "change",
        "the schema under `not` changed in a way that neither only narrows nor only widens it",
        "{subject} not schema changed: {name}",
        ("not: {type: string}", "not: {type: integer}"),
    ),
    _k(
        "not-schema-narrowed",
        "widen",
        "not-schema-widened",
        "structure",
        "change",
        "the schema under `not` accepts fewer values (a tighter bound, a new required"
        " property …), so the schema itself accepts more",
        "{subject} not schema narrowed: {name}",
        ("not: {required: [a]}", "not: {required: [a, b]}"),
        notes={"request": _NOT_NOTE, "response": _NOT_NOTE},
    ),
    _k(
        "not-schema-widened",
        "narrow",
        "not-schema-narrowed",
        "structure",
        "change",
        "the schema under `not` accepts more values (a looser bound, a property no longer"
        " required …), so the schema itself accepts fewer",
        "{subject} not schema widened: {name}",
        ("not: {required: [a, b]}", "not: {required: [a]}"),
        notes={"request": _NOT_NOTE, "response": _NOT_NOTE},
    ),
)
