"""Where our default level differs from oasdiff's for the same rule id, and why.

Users carry oasdiff configurations over by id, so a different default must be visible: the
rule records ``oasdiff_level`` and its doc says why we chose otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from versioning.findings import Level

__all__ = ["OASDIFF_LEVELS", "oasdiff_level", "oasdiff_note"]

OASDIFF_LEVELS: dict[str, Level] = {
    "api-deprecated-sunset-missing": "error",
    "api-security-component-type-changed": "info",
    "api-security-removed": "info",
    "api-security-scope-added": "info",
    "request-body-all-of-added": "error",
    "request-body-discriminator-mapping-changed": "info",
    "request-body-discriminator-property-name-changed": "info",
    "request-body-all-of-removed": "warning",
    "request-body-default-value-changed": "info",
    "request-body-default-value-removed": "info",
    "request-parameter-default-value-added": "error",
    "request-parameter-default-value-changed": "error",
    "request-parameter-default-value-removed": "error",
    "request-parameter-deprecated-sunset-missing": "error",
    "request-parameter-property-type-changed": "warning",
    "request-property-all-of-added": "error",
    "request-property-discriminator-mapping-changed": "info",
    "request-property-discriminator-property-name-changed": "info",
    "request-property-all-of-removed": "warning",
    "request-property-default-value-changed": "info",
    "request-property-default-value-removed": "info",
    "request-property-deprecated-sunset-missing": "error",
    "request-required-property-became-not-read-only": "info",
    "response-body-any-of-added": "info",
    "response-body-discriminator-mapping-changed": "info",
    "response-body-discriminator-property-name-changed": "info",
    "response-body-wrapped-in-one-of": "error",
    "response-optional-property-became-write-only": "info",
    "response-property-any-of-added": "info",
    "response-property-discriminator-mapping-changed": "info",
    "response-property-discriminator-property-name-changed": "info",
    "response-property-deprecated-sunset-missing": "error",
    "response-property-pattern-changed": "info",
    "response-property-pattern-removed": "info",
    "response-required-property-became-not-write-only": "warning",
    "response-required-property-became-write-only": "info",
}
"""oasdiff's level for each id whose default level we set differently."""

_REASONS: dict[str, str] = {
    "-deprecated-sunset-missing": "deprecating is good news for clients, and a missing date"
    " is a gap in the policy rather than a break.",
    "api-security-component-type-changed": "clients keep sending credentials the old way and"
    " are refused.",
    "api-security-removed": "clients authenticating with the removed alternative are locked out.",
    "api-security-scope-added": "tokens issued without the new scope stop working.",
    "-all-of-added": "members are merged and compared as one schema, so whatever the member"
    " changes is reported by its own rule; oasdiff errs even on a member that only moves"
    " existing properties or adds optional ones.",
    "-all-of-removed": "members are merged and compared as one schema, so whatever the removal"
    " changes is reported by its own rule.",
    "-default-value-added": "a default describes behaviour, not validity: requests stay valid,"
    " so every request context rates default changes alike.",
    "-default-value-changed": "a default describes behaviour, not validity: requests stay"
    " valid, but clients that omit the value now get another behaviour; every request"
    " context rates default changes alike.",
    "-default-value-removed": "a default describes behaviour, not validity: requests stay"
    " valid, but clients that omit the value no longer know what they get; every request"
    " context rates default changes alike.",
    "request-parameter-property-type-changed": "a type change refuses values the old type"
    " allowed, in this context as in every other (oasdiff rates request-parameter-type-"
    "changed an error too).",
    "request-required-property-became-not-read-only": "clients never sent the read-only"
    " property and now must, so their requests are refused.",
    "-any-of-added": "a response may now take a shape clients were never told about, the same"
    " widening as a new oneOf branch, which oasdiff rates an error.",
    "response-optional-property-became-write-only": "the property disappears from responses,"
    " like an optional property removed (a warning in oasdiff too).",
    "response-required-property-became-write-only": "the property disappears from responses,"
    " like a required property removed (an error in oasdiff too).",
    "response-required-property-became-not-write-only": "the property only starts appearing"
    " in responses, which clients ignore like any added property.",
    "response-body-wrapped-in-one-of": "oasdiff reports the wrapping once, as an error; we"
    " report each other branch instead, as an error only when it admits values clients never"
    " handled.",
    "-discriminator-property-name-changed": "code generated from the old document"
    " dispatches on the old property and may pick the wrong branch, or none.",
    "-discriminator-mapping-changed": "code generated from the old document deserializes"
    " the value into the schema it used to name.",
    "-pattern-changed": "a client validating response strings against the old pattern may"
    " fail; few do, hence a warning.",
    "-pattern-removed": "a client validating response strings against the old pattern may"
    " fail; few do, hence a warning.",
}
"""Why, by rule id or by the id's change suffix (the longest matching suffix wins)."""


def oasdiff_level(rule_id: str, level: str) -> Level | None:
    """The level oasdiff gives ``rule_id`` when it differs from ``level``, else ``None``."""
    theirs = OASDIFF_LEVELS.get(rule_id)
    return theirs if theirs is not None and theirs != level else None


def oasdiff_note(rule_id: str, level: str) -> str:
    """A sentence for the doc when oasdiff rates the rule differently."""
    theirs = oasdiff_level(rule_id, level)
    if theirs is None:
        return ""
    reason = _REASONS.get(rule_id)
    if reason is None:
        suffixes = [s for s in _REASONS if rule_id.endswith(s)]
        reason = _REASONS[max(suffixes, key=len)] if suffixes else ""
    return f"oasdiff rates this {theirs}; we rate it {level}{': ' + reason if reason else '.'}"
