"""The property family: properties added, removed, made required or optional, read/write-only.

A property's meaning depends on the direction: a new *required* property breaks requests
(clients do not send it), a *removed* one breaks responses (clients read it). ``readOnly``
properties are ignored in requests and ``writeOnly`` ones in responses, as OpenAPI says; a
flip between the two is reported by the mutability rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from versioning.findings import Direction, Level
from versioning.rules.contexts import CONTEXTS
from versioning.rules.docs import compose_doc
from versioning.rules.exempt import exempt_property_rule
from versioning.rules.oasdiff import oasdiff_level
from versioning.rules.registry import Action, RuleInfo
from versioning.sunset import sunset_date

if TYPE_CHECKING:
    import datetime as dt

    from versioning.diff.model import PropertyFacts, SchemaChange
    from versioning.findings import Subject
    from versioning.rules.emit import Emitter

__all__ = ["PROPERTY_CHANGES", "RULES", "report_property_change"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

PROPERTY_CHANGES = frozenset(
    {
        "property-added",
        "property-removed",
        "became-required",
        "became-optional",
        "became-read-only",
        "became-not-read-only",
        "became-write-only",
        "became-not-write-only",
        "property-deprecated",
        "property-reactivated",
        "property-sunset-changed",
        "property-stability-changed",
    }
)

_BODY = {"request-property", "response-property"}


class _Role(msgspec.Struct, frozen=True, kw_only=True):
    """One property rule, written once for every property context of a direction."""

    role: str
    level: Level
    action: Action
    kind: str
    message: str
    what: str
    why: str
    before: str
    after: str
    mirror_role: str | None = None
    no_mirror: str | None = None


_REQUEST_IDS = {
    "request-property": ("new-{}-request-property", "request-property"),
    "request-header-property": ("new-{}-request-header-property", "request-header-property"),
    "request-parameter-property": (
        "new-{}-request-parameter-property",
        "request-parameter-property",
    ),
}
_RESPONSE_IDS = {
    "response-property": ("response-{}-property", "response-property"),
    "response-header-property": ("response-header-{}-property", "response-header-property"),
}


def _request_id(context: str, role: str) -> str:
    added, noun = _REQUEST_IDS[context]
    if role == "added-required-with-default":
        return added.format("required") + "-with-default"
    if role.startswith("added-"):
        return added.format(role.removeprefix("added-"))
    return f"{noun}-{role}"


def _response_id(context: str, role: str) -> str:
    qualified, noun = _RESPONSE_IDS[context]
    if role.startswith(("added-", "removed-")):
        action, requirement = role.split("-", 1)
        return f"{qualified.format(requirement)}-{action}"
    return f"{noun}-{role}"


_DEFAULT_NO_MIRROR = "a default only matters to whoever sends the value, never to a reader"
_CLOSED_NO_MIRROR = (
    "a reader does not refuse anything: a property removed from a response is reported by the"
    " response property removal rules whether or not the object is closed"
)
_REQUEST_ROLES = (
    _Role(
        role="added-required",
        level="error",
        action="add",
        kind="existence",
        message="{subject} was added as required",
        mirror_role="removed-required",
        what="A new required property was added",
        before="properties: {a}",
        after="properties: {a, b}, required: [b]",
        why="Clients do not send the new property yet, so their requests are refused.",
    ),
    _Role(
        role="added-required-with-default",
        level="error",
        action="add",
        kind="existence",
        message="{subject} was added as required, with a default",
        what="A new required property with a `default` was added",
        no_mirror=_DEFAULT_NO_MIRROR,
        before="properties: {a}",
        after="properties: {a, b: {default: x}}, required: [b]",
        why="A default does not apply to a required value: clients that do not send it are"
        " refused all the same.",
    ),
    _Role(
        role="added-optional",
        level="info",
        action="add",
        kind="existence",
        message="{subject} was added as optional",
        mirror_role="removed-optional",
        what="A new optional property was added",
        before="properties: {a}",
        after="properties: {a, b}",
        why="It does not: clients may keep omitting it.",
    ),
    _Role(
        role="removed",
        level="warning",
        action="remove",
        kind="existence",
        message="{subject} was removed",
        mirror_role="added-optional",
        what="A property was removed",
        before="properties: {a, b}",
        after="properties: {a}",
        why="Only a warning: clients that still send it are refused where extra properties"
        " are forbidden, and elsewhere the server silently ignores a value they rely on.",
    ),
    _Role(
        role="removed-closed-schema",
        level="error",
        action="remove",
        kind="existence",
        message="{subject} was removed, and its object refuses properties it does not list",
        what="A property was removed from an object that refuses unlisted properties"
        " (`additionalProperties: false` or `unevaluatedProperties: false`)",
        before="properties: {a, b}, additionalProperties: false",
        after="properties: {a}, additionalProperties: false",
        no_mirror=_CLOSED_NO_MIRROR,
        why="Clients that still send it, as they were allowed to, now send a property the"
        " schema refuses, and their requests are rejected with a 4xx.",
    ),
    _Role(
        role="became-required",
        level="error",
        action="change",
        kind="requiredness",
        message="{subject} became required",
        mirror_role="became-optional",
        what="An optional property became required",
        before="required: []",
        after="required: [b]",
        why="Clients that omit it, as they were allowed to, are refused.",
    ),
    _Role(
        role="became-required-with-default",
        level="error",
        action="change",
        kind="requiredness",
        message="{subject} became required (it has a default)",
        what="An optional property with a `default` became required",
        no_mirror=_DEFAULT_NO_MIRROR,
        before="b: {default: x}, required: []",
        after="b: {default: x}, required: [b]",
        why="Clients that relied on the default and omitted the value are refused.",
    ),
    _Role(
        role="became-optional",
        level="info",
        action="change",
        kind="requiredness",
        message="{subject} became optional",
        mirror_role="became-required",
        what="A required property became optional",
        before="required: [b]",
        after="required: []",
        why="It does not: clients may keep sending it.",
    ),
)
_RESPONSE_ROLES = (
    _Role(
        role="removed-required",
        level="error",
        action="remove",
        kind="existence",
        message="{subject} (required) was removed",
        mirror_role="added-required",
        what="A required property was removed",
        before="properties: {a, b}, required: [b]",
        after="properties: {a}",
        why="Clients read a value that was guaranteed to be there and no longer is.",
    ),
    _Role(
        role="removed-optional",
        level="warning",
        action="remove",
        kind="existence",
        message="{subject} (optional) was removed",
        mirror_role="added-optional",
        what="An optional property was removed",
        before="properties: {a, b}",
        after="properties: {a}",
        why="Only a warning: clients had to cope with its absence, but those that use it"
        " lose the information.",
    ),
    _Role(
        role="added-required",
        level="info",
        action="add",
        kind="existence",
        message="{subject} was added as required",
        what="A new required property was added",
        before="properties: {a}",
        after="properties: {a, b}, required: [b]",
        why="It does not: clients ignore properties they do not read.",
    ),
    _Role(
        role="added-optional",
        level="info",
        action="add",
        kind="existence",
        message="{subject} was added as optional",
        mirror_role="removed",
        what="A new optional property was added",
        before="properties: {a}",
        after="properties: {a, b}",
        why="It does not: clients ignore properties they do not read.",
    ),
    _Role(
        role="became-optional",
        level="error",
        action="change",
        kind="requiredness",
        message="{subject} became optional",
        mirror_role="became-required",
        what="A required property became optional",
        before="required: [b]",
        after="required: []",
        why="Clients rely on a value that was always there and may now be missing.",
    ),
    _Role(
        role="became-required",
        level="info",
        action="change",
        kind="requiredness",
        message="{subject} became required",
        mirror_role="became-optional",
        what="An optional property became required",
        before="required: []",
        after="required: [b]",
        why="It does not: the value is now always present.",
    ),
)


def _declare_roles() -> None:
    for context, roles, make in (
        *((c, _REQUEST_ROLES, _request_id) for c in _REQUEST_IDS),
        *((c, _RESPONSE_ROLES, _response_id) for c in _RESPONSE_IDS),
    ):
        place = CONTEXTS[context]
        other = place.mirror
        for role in roles:
            rule_id = make(context, role.role)
            mirror = None
            if other is not None and role.mirror_role is not None:
                mirror = (_response_id if make is _request_id else _request_id)(
                    other, role.mirror_role
                )
            _DECLARED.append(
                RuleInfo(
                    id=rule_id,
                    level=role.level,
                    direction=place.direction,
                    area=place.area,
                    kind=role.kind,
                    action=role.action,
                    message=role.message,
                    doc=compose_doc(
                        rule_id=rule_id,
                        level=role.level,
                        what=f"{role.what}, in {place.place}.",
                        why=role.why,
                        before=role.before,
                        after=role.after,
                    ),
                    mirror=mirror,
                    oasdiff_level=oasdiff_level(rule_id, role.level),
                    family="properties",
                    no_mirror=None
                    if mirror
                    else (role.no_mirror or place.no_mirror or _NO_ROLE_MIRROR),
                )
            )


_POLICY_ONLY = "a deprecation policy concerns what is deprecated, not a direction of data"
_NO_ROLE_MIRROR = "the reversed change in a response is reported by the property rules there"
_MUTABILITY_NO_MIRROR = (
    "readOnly only matters in requests and writeOnly only in responses, so a flip is reported"
    " in the direction where it has an effect"
)


def _mutability_rules() -> None:
    flips: dict[Direction, dict[tuple[str, str], tuple[Level, str]]] = {
        "request": {
            ("required", "became-not-read-only"): (
                "error",
                "Clients never sent this read-only"
                " property and now must: their requests are refused.",
            ),
            ("optional", "became-not-read-only"): (
                "info",
                "It does not: clients may start sending it.",
            ),
            ("required", "became-read-only"): (
                "info",
                "It does not: clients stop having to send it and the server ignores it if they do.",
            ),
            ("optional", "became-read-only"): ("info", "It does not: the server ignores it."),
            ("required", "became-write-only"): (
                "info",
                "It does not: writeOnly does not change what a request may hold.",
            ),
            ("optional", "became-write-only"): (
                "info",
                "It does not: writeOnly does not change what a request may hold.",
            ),
            ("required", "became-not-write-only"): (
                "info",
                "It does not: writeOnly does not change what a request may hold.",
            ),
            ("optional", "became-not-write-only"): (
                "info",
                "It does not: writeOnly does not change what a request may hold.",
            ),
        },
        "response": {
            ("required", "became-write-only"): (
                "error",
                "A value clients read in every response disappears from responses.",
            ),
            ("optional", "became-write-only"): (
                "warning",
                "Only a warning: clients had to cope"
                " with its absence, but those that use it lose the information.",
            ),
            ("required", "became-not-write-only"): (
                "info",
                "It does not: a value starts"
                " appearing in responses, which clients that do not read it ignore.",
            ),
            ("optional", "became-not-write-only"): (
                "info",
                "It does not: a value may start appearing in responses.",
            ),
            ("required", "became-read-only"): (
                "info",
                "It does not: readOnly does not change what a response may hold.",
            ),
            ("optional", "became-read-only"): (
                "info",
                "It does not: readOnly does not change what a response may hold.",
            ),
            ("required", "became-not-read-only"): (
                "info",
                "It does not: readOnly does not change what a response may hold.",
            ),
            ("optional", "became-not-read-only"): (
                "info",
                "It does not: readOnly does not change what a response may hold.",
            ),
        },
    }
    for direction, entries in flips.items():
        for (requirement, change), (level, why) in entries.items():
            rule_id = f"{direction}-{requirement}-property-{change}"
            keyword = "readOnly" if "read-only" in change else "writeOnly"
            value = "false" if "-not-" in change else "true"
            old_value = "true" if value == "false" else "false"
            article = "An" if requirement == "optional" else "A"
            _DECLARED.append(
                RuleInfo(
                    id=rule_id,
                    level=level,
                    direction=direction,
                    area="schema",
                    kind="mutability",
                    action="change",
                    message=f"{{subject}} ({requirement}) {change.replace('-', ' ')}",
                    doc=compose_doc(
                        rule_id=rule_id,
                        level=level,
                        what=f"{article} {requirement} property of a {direction} body"
                        f" {change.replace('-', ' ')}.",
                        why=why,
                        before=f"b: {{{keyword}: {old_value}}}",
                        after=f"b: {{{keyword}: {value}}}",
                    ),
                    oasdiff_level=oasdiff_level(rule_id, level),
                    family="properties",
                    no_mirror=_MUTABILITY_NO_MIRROR,
                )
            )


def _removal_lifecycle_rules() -> None:
    for direction in ("request", "response"):
        rule_id = f"{direction}-property-removed-before-sunset"
        _DECLARED.append(
            RuleInfo(
                id=rule_id,
                level="error",
                direction=direction,
                area="schema",
                kind="lifecycle",
                action="remove",
                message="{subject} was removed before its sunset date {sunset}",
                doc=compose_doc(
                    rule_id=rule_id,
                    level="error",
                    what=f"A deprecated property of a {direction} body was removed before the"
                    " date in its `x-sunset`.",
                    why="Clients were promised the property until that date and may not have"
                    " migrated yet.",
                    before="b: {deprecated: true, x-sunset: '2030-01-01'}",
                    after="(b removed)",
                ),
                no_mirror=_POLICY_ONLY,
                family="properties",
            )
        )
        rule_id = f"{direction}-property-removed-with-deprecation"
        _DECLARED.append(
            RuleInfo(
                id=rule_id,
                level="info",
                direction=direction,
                area="schema",
                kind="lifecycle",
                action="remove",
                message="{subject} was removed after its deprecation",
                doc=compose_doc(
                    rule_id=rule_id,
                    level="info",
                    what=f"A deprecated property of a {direction} body was removed, with no"
                    " `x-sunset` or after its sunset date.",
                    why="It is the announced end of the deprecation: clients had the whole"
                    " deprecation window to migrate.",
                    before="b: {deprecated: true}",
                    after="(b removed)",
                ),
                no_mirror=_POLICY_ONLY,
                family="properties",
            )
        )


_declare_roles()
_mutability_rules()
_removal_lifecycle_rules()


def _rule_for(context: str, role: str) -> str:
    return _request_id(context, role) if context in _REQUEST_IDS else _response_id(context, role)


def _removal(context: str, facts: PropertyFacts, today: dt.date, *, closed: bool) -> str:
    direction = CONTEXTS[context].direction
    if facts.deprecated and context in _BODY:
        sunset = sunset_date(facts.sunset)
        if sunset is not None and today < sunset:
            return f"{direction}-property-removed-before-sunset"
        return f"{direction}-property-removed-with-deprecation"
    if direction == "request":
        return _rule_for(context, "removed-closed-schema" if closed else "removed")
    return _rule_for(context, "removed-required" if facts.required else "removed-optional")


def report_property_change(
    change: SchemaChange,
    *,
    context: str,
    subject: Subject,
    operation: str | None,
    emitter: Emitter,
) -> None:
    """Report one property change found in a schema of ``context`` (a nested context)."""
    direction = CONTEXTS[context].direction
    before, after = change.base_property, change.revision_property
    ignored = "read_only" if direction == "request" else "write_only"
    place: dict[str, Any] = {
        "operation": operation,
        "base": change.base_pointer,
        "revision": change.revision_pointer,
        "subject": subject,
    }
    kind = change.change
    if kind in {
        "became-read-only",
        "became-not-read-only",
        "became-write-only",
        "became-not-write-only",
    }:
        if context in _BODY and after is not None:
            requirement = "required" if after.required else "optional"
            emitter.emit(f"{direction}-{requirement}-property-{kind}", **place)
        return
    if any(getattr(facts, ignored) for facts in (before, after) if facts is not None):
        exempt = exempt_property_rule(kind, before, after)
        if context == "response-property" and exempt is not None:
            emitter.emit(exempt, **place)
        return
    if kind == "property-added" and after is not None:
        role = (
            (
                "added-required-with-default"
                if after.has_default and direction == "request"
                else "added-required"
            )
            if after.required
            else "added-optional"
        )
        emitter.emit(_rule_for(context, role), **place)
    elif kind == "property-removed" and before is not None:
        emitter.emit(
            _removal(context, before, emitter.policy.today, closed=change.closed),
            **place,
            sunset=before.sunset,
        )
    elif kind == "became-required" and after is not None:
        with_default = after.has_default and direction == "request"
        role = "became-required-with-default" if with_default else "became-required"
        emitter.emit(_rule_for(context, role), **place)
    elif kind == "became-optional":
        emitter.emit(_rule_for(context, "became-optional"), **place)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
