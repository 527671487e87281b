"""The structural kinds of schema change: unions, allOf, discriminators, not, conditionals.

Each is declared once here with its effect (see :mod:`versioning.rules.kind`); the schema
family expands it per context.
"""

from __future__ import annotations

from versioning.rules.kind import Effect, Kind

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
        Kind(
            change=f"{change}-added",
            effect=added_effect,
            mirror=f"{change}-removed",
            kind="structure",
            action="add",
            what=f"{article} {what.format(name='entry')} was added",
            message=f"{{subject}} {shown} added",
            before="type: ...",
            after=f"{keyword}: ...",
            notes=_STRUCTURE_NOTE,
        ),
        Kind(
            change=f"{change}-removed",
            effect=removed_effect,
            mirror=f"{change}-added",
            kind="structure",
            action="remove",
            what=f"{article} {what.format(name='entry')} was removed",
            message=f"{{subject}} {shown} removed",
            before=f"{keyword}: ...",
            after="type: ...",
            notes=_STRUCTURE_NOTE,
        ),
    ]


STRUCTURE_KINDS: tuple[Kind, ...] = (
    Kind(
        change="any-of-added",
        effect="widen",
        mirror="any-of-removed",
        kind="structure",
        action="add",
        what="a branch was added to an `anyOf`",
        message="{subject} anyOf branch {name} added",
        before="anyOf: [$ref: Card]",
        after="anyOf: [$ref: Card, $ref: Bank]",
    ),
    Kind(
        change="any-of-removed",
        effect="narrow",
        mirror="any-of-added",
        kind="structure",
        action="remove",
        what="a branch was removed from an `anyOf`",
        message="{subject} anyOf branch {name} removed",
        before="anyOf: [$ref: Card, $ref: Bank]",
        after="anyOf: [$ref: Card]",
    ),
    Kind(
        change="one-of-added",
        effect="widen",
        mirror="one-of-removed",
        kind="structure",
        action="add",
        what="a branch was added to a `oneOf`",
        message="{subject} oneOf branch {name} added",
        before="oneOf: [$ref: Card]",
        after="oneOf: [$ref: Card, $ref: Bank]",
    ),
    Kind(
        change="one-of-removed",
        effect="narrow",
        mirror="one-of-added",
        kind="structure",
        action="remove",
        what="a branch was removed from a `oneOf`",
        message="{subject} oneOf branch {name} removed",
        before="oneOf: [$ref: Card, $ref: Bank]",
        after="oneOf: [$ref: Card]",
    ),
    Kind(
        change="one-of-became-any-of",
        effect="widen",
        mirror="any-of-became-one-of",
        kind="structure",
        action="change",
        what="a `oneOf` became an `anyOf`: a value may now match several branches",
        message="{subject} oneOf became anyOf",
        before="oneOf: [$ref: Card, $ref: Bank]",
        after="anyOf: [$ref: Card, $ref: Bank]",
    ),
    Kind(
        change="any-of-became-one-of",
        effect="narrow",
        mirror="one-of-became-any-of",
        kind="structure",
        action="change",
        what="an `anyOf` became a `oneOf`: a value matching several branches is now refused",
        message="{subject} anyOf became oneOf",
        before="anyOf: [$ref: Card, $ref: Bank]",
        after="oneOf: [$ref: Card, $ref: Bank]",
    ),
    Kind(
        change="any-of-added-compatible",
        effect="annotation",
        mirror="",
        kind="structure",
        action="add",
        what="a branch was added to an `anyOf`, and every value it admits was already handled"
        " through an old branch (a branch split, or a variant of an open object)",
        message="{subject} anyOf branch {name} added, within what old branches allowed",
        before="$ref: Card",
        after="anyOf: [$ref: Card, $ref: VisaCard]",
        no_mirror=_COMPATIBLE_NO_MIRROR,
        why={
            "request": "It does not: every request valid before stays valid.",
            "response": _COMPATIBLE_WHY,
        },
    ),
    Kind(
        change="one-of-added-compatible",
        effect="annotation",
        mirror="",
        kind="structure",
        action="add",
        what="a branch was added to a `oneOf`, and every value it admits was already handled"
        " through an old branch (a branch split, or a variant of an open object)",
        message="{subject} oneOf branch {name} added, within what old branches allowed",
        before="oneOf: [$ref: Card, $ref: Bank]",
        after="oneOf: [$ref: Card, $ref: Bank, $ref: VisaCard]",
        levels={"request": "warning"},
        no_mirror=_COMPATIBLE_NO_MIRROR,
        why={"request": _ONE_OF_OVERLAP_WHY, "response": _COMPATIBLE_WHY},
    ),
    Kind(
        change="wrapped-in-one-of",
        effect="narrow",
        mirror="unwrapped-from-one-of",
        kind="structure",
        action="change",
        what="the schema became one branch of a new `oneOf` whose other branches may match the"
        " same values",
        message="{subject} wrapped in a oneOf",
        before="$ref: Card",
        after="oneOf: [$ref: Card, $ref: Bank]",
        why={
            "request": "A payload matching the old schema and another branch now fails"
            " `oneOf`'s exactly-one rule, so requests that were valid can be refused.",
            "response": _WRAPPED_RESPONSE_WHY,
        },
    ),
    Kind(
        change="unwrapped-from-one-of",
        effect="widen",
        mirror="wrapped-in-one-of",
        kind="structure",
        action="change",
        what="a `oneOf` was replaced by one of its branches, which other branches could overlap",
        message="{subject} unwrapped from a oneOf",
        before="oneOf: [$ref: Card, $ref: Bank]",
        after="$ref: Card",
        why={
            "request": "It does not: a payload matching the kept branch is accepted whether or"
            " not it also matches a dropped one; each dropped branch is reported as removed.",
            "response": "A value matching the kept branch and a dropped one could not be sent"
            " under the old `oneOf`; a client deserializing strictly with the old union may"
            " fail on it.",
        },
    ),
    Kind(
        change="all-of-added",
        effect="annotation",
        mirror="all-of-removed",
        kind="structure",
        action="add",
        what="a member was added to an `allOf`",
        message="{subject} allOf member {name} added",
        before="allOf: [$ref: Base]",
        after="allOf: [$ref: Base, $ref: Audited]",
        notes={"request": _ALL_OF_NOTE, "response": _ALL_OF_NOTE},
    ),
    Kind(
        change="all-of-removed",
        effect="annotation",
        mirror="all-of-added",
        kind="structure",
        action="remove",
        what="a member was removed from an `allOf`",
        message="{subject} allOf member {name} removed",
        before="allOf: [$ref: Base, $ref: Audited]",
        after="allOf: [$ref: Base]",
        notes={"request": _ALL_OF_NOTE, "response": _ALL_OF_NOTE},
    ),
    Kind(
        change="all-of-added-annotation-only",
        effect="annotation",
        mirror="all-of-removed-annotation-only",
        kind="structure",
        action="add",
        what="a member that changes nothing the schema accepts (annotations"
        " only, or constraints already stated) was added to an `allOf`",
        message="{subject} allOf member {name} added (annotations only)",
        before="$ref: Base",
        after="allOf: [$ref: Base, {description: audited}]",
    ),
    Kind(
        change="all-of-removed-annotation-only",
        effect="annotation",
        mirror="all-of-added-annotation-only",
        kind="structure",
        action="remove",
        what="a member that changed nothing the schema accepts was removed from an `allOf`",
        message="{subject} allOf member {name} removed (annotations only)",
        before="allOf: [$ref: Base, {description: audited}]",
        after="$ref: Base",
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
    Kind(
        change="discriminator-added",
        effect="annotation",
        mirror="discriminator-removed",
        kind="structure",
        action="add",
        what="a `discriminator` was added to a union",
        message="{subject} discriminator on property {after} added",
        before="oneOf: [...]",
        after="oneOf: [...], discriminator: {propertyName: kind}",
        notes=_DISCRIMINATOR_NOTES,
    ),
    Kind(
        change="discriminator-removed",
        effect="annotation",
        mirror="discriminator-added",
        kind="structure",
        action="remove",
        what="the `discriminator` of a union was removed",
        message="{subject} discriminator on property {before} removed",
        before="oneOf: [...], discriminator: {propertyName: kind}",
        after="oneOf: [...]",
        notes=_DISCRIMINATOR_NOTES,
    ),
    Kind(
        change="discriminator-property-name-changed",
        effect="annotation",
        mirror="discriminator-property-name-changed",
        kind="structure",
        action="change",
        what="the property a `discriminator` reads was changed",
        message="{subject} discriminator property changed from {before} to {after}",
        before="discriminator: {propertyName: kind}",
        after="discriminator: {propertyName: type}",
        levels={"request": "warning", "response": "warning"},
        notes={"request": _DISPATCH_NOTE, "response": _DISPATCH_NOTE},
    ),
    Kind(
        change="discriminator-mapping-added",
        effect="annotation",
        mirror="discriminator-mapping-deleted",
        kind="structure",
        action="add",
        what="an entry was added to a `discriminator` mapping",
        message="{subject} discriminator mapping {name} added (to {after})",
        before="mapping: {card: '#/…/Card'}",
        after="mapping: {card: '#/…/Card', bank: '#/…/Bank'}",
        notes=_DISCRIMINATOR_NOTES,
    ),
    Kind(
        change="discriminator-mapping-deleted",
        effect="annotation",
        mirror="discriminator-mapping-added",
        kind="structure",
        action="remove",
        what="an entry was removed from a `discriminator` mapping",
        message="{subject} discriminator mapping {name} removed (was {before})",
        before="mapping: {card: '#/…/Card', bank: '#/…/Bank'}",
        after="mapping: {card: '#/…/Card'}",
        notes=_DISCRIMINATOR_NOTES,
    ),
    Kind(
        change="discriminator-mapping-changed",
        effect="annotation",
        mirror="discriminator-mapping-changed",
        kind="structure",
        action="change",
        what="a `discriminator` mapping entry now names another schema",
        message="{subject} discriminator mapping {name} changed from {before} to {after}",
        before="mapping: {card: '#/…/Card'}",
        after="mapping: {card: '#/…/CardV2'}",
        levels={"request": "warning", "response": "warning"},
        notes={"request": _DISPATCH_NOTE, "response": _DISPATCH_NOTE},
    ),
    Kind(
        change="dependent-required-added",
        effect="narrow",
        mirror="dependent-required-removed",
        kind="structure",
        action="add",
        what="a `dependentRequired` entry was added",
        message="{subject} dependentRequired for {name} added",
        before="type: object",
        after="dependentRequired: {card: [cvc]}",
    ),
    Kind(
        change="dependent-required-removed",
        effect="widen",
        mirror="dependent-required-added",
        kind="structure",
        action="remove",
        what="a `dependentRequired` entry was removed",
        message="{subject} dependentRequired for {name} removed",
        before="dependentRequired: {card: [cvc]}",
        after="type: object",
    ),
    Kind(
        change="dependent-required-changed",
        effect="change",
        mirror="dependent-required-changed",
        kind="structure",
        action="change",
        what="the properties a `dependentRequired` entry requires changed",
        message="{subject} dependentRequired for {name} changed from {before} to {after}",
        before="dependentRequired: {card: [cvc]}",
        after="dependentRequired: {card: [expiry]}",
    ),
    Kind(
        change="if-changed",
        effect="unknown",
        mirror="if-changed",
        kind="structure",
        action="change",
        what="the `if` condition changed",
        message="{subject} if condition changed",
        before="if: {properties: {kind: {const: a}}}",
        after="if: {properties: {kind: {const: b}}}",
    ),
    Kind(
        change="not-changed",
        effect="unknown",
        mirror="not-changed",
        kind="structure",
        action="change",
        what="the schema under `not` changed in a way that neither only narrows nor only widens it",
        message="{subject} not schema changed: {name}",
        before="not: {type: string}",
        after="not: {type: integer}",
    ),
    Kind(
        change="not-schema-narrowed",
        effect="widen",
        mirror="not-schema-widened",
        kind="structure",
        action="change",
        what="the schema under `not` accepts fewer values (a tighter bound, a new required"
        " property …), so the schema itself accepts more",
        message="{subject} not schema narrowed: {name}",
        before="not: {required: [a]}",
        after="not: {required: [a, b]}",
        notes={"request": _NOT_NOTE, "response": _NOT_NOTE},
    ),
    Kind(
        change="not-schema-widened",
        effect="narrow",
        mirror="not-schema-narrowed",
        kind="structure",
        action="change",
        what="the schema under `not` accepts more values (a looser bound, a property no longer"
        " required …), so the schema itself accepts fewer",
        message="{subject} not schema widened: {name}",
        before="not: {required: [a, b]}",
        after="not: {required: [a]}",
        notes={"request": _NOT_NOTE, "response": _NOT_NOTE},
    ),
)
