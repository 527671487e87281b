"""Changes to properties a direction ignores: ``readOnly`` in requests, ``writeOnly`` in responses.

A ``readOnly`` property never appears in a request and a ``writeOnly`` one never in a
response, so narrowing the first or widening the second breaks nobody. oasdiff still
records a few of those changes, as information, under ids of their own; these are them.
Other changes inside such properties are not reported at all (the opposite direction
reports them where they matter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.rules.docs import compose_doc
from versioning.rules.registry import Action, RuleInfo
from versioning.rules.schema_kinds import KINDS

if TYPE_CHECKING:
    from versioning.diff.model import PropertyFacts
    from versioning.findings import Direction

__all__ = ["RULES", "exempt_property_rule", "exempt_value_rule"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

_REQUEST_VALUES = (
    "enum-value-removed",
    "exclusive-max-decreased",
    "exclusive-min-increased",
    "max-decreased",
    "max-length-decreased",
    "min-increased",
)
_RESPONSE_VALUES = ("enum-value-added",)
_NO_MIRROR = (
    "readOnly only matters in requests and writeOnly only in responses: the same change in"
    " the other direction is reported by the ordinary rules"
)


def _declare_values() -> None:
    sides: tuple[tuple[Direction, str, tuple[str, ...]], ...] = (
        ("request", "read-only", _REQUEST_VALUES),
        ("response", "write-only", _RESPONSE_VALUES),
    )
    for direction, flag, changes in sides:
        keyword = "readOnly" if flag == "read-only" else "writeOnly"
        for change in changes:
            kind = KINDS[change]
            rule_id = f"{direction}-{flag}-property-{change}"
            _DECLARED.append(
                RuleInfo(
                    id=rule_id,
                    level="info",
                    direction=direction,
                    area="schema",
                    kind=kind.kind,
                    action=kind.action,
                    message=kind.message,
                    family="properties",
                    doc=compose_doc(
                        rule_id=rule_id,
                        level="info",
                        what=f"{kind.what[0].upper()}{kind.what[1:]}, in a `{keyword}` property"
                        f" of a {direction} body.",
                        why=f"It does not: a `{keyword}` property never appears in a {direction}.",
                        before=f"{kind.before}, {keyword}: true",
                        after=f"{kind.after}, {keyword}: true",
                    ),
                    no_mirror=_NO_MIRROR if direction == "request" else None,
                )
            )


_PROPERTY_ROLES: dict[str, tuple[str, Action, str]] = {
    "added-required": (
        "response-required-write-only-property-added",
        "add",
        "{subject} (write-only, required) was added",
    ),
    "added-optional": (
        "response-optional-write-only-property-added",
        "add",
        "{subject} (write-only, optional) was added",
    ),
    "removed-required": (
        "response-required-write-only-property-removed",
        "remove",
        "{subject} (write-only, required) was removed",
    ),
    "removed-optional": (
        "response-optional-write-only-property-removed",
        "remove",
        "{subject} (write-only, optional) was removed",
    ),
    "became-required": (
        "response-write-only-property-became-required",
        "change",
        "{subject} (write-only) became required",
    ),
    "became-optional": (
        "response-write-only-property-became-optional",
        "change",
        "{subject} (write-only) became optional",
    ),
}


def _declare_properties() -> None:
    for role, (rule_id, action, message) in _PROPERTY_ROLES.items():
        what = role.replace("-", " ", 1).replace("-", " ")
        _DECLARED.append(
            RuleInfo(
                id=rule_id,
                level="info",
                direction="response",
                area="schema",
                kind="requiredness" if role.startswith("became") else "existence",
                action=action,
                message=message,
                family="properties",
                doc=compose_doc(
                    rule_id=rule_id,
                    level="info",
                    what=f"A `writeOnly` property of a response body: {what}.",
                    why="It does not: a `writeOnly` property never appears in a response.",
                    before="b: {writeOnly: true}",
                    after=f"b: {{writeOnly: true}} ({what})",
                ),
            )
        )


_declare_values()
_declare_properties()


def exempt_value_rule(direction: str, change: str) -> str | None:
    """The id for a value change inside an ignored property, or ``None`` (not reported)."""
    if direction == "request" and change in _REQUEST_VALUES:
        return f"request-read-only-property-{change}"
    if direction == "response" and change in _RESPONSE_VALUES:
        return f"response-write-only-property-{change}"
    return None


def exempt_property_rule(
    change: str, before: PropertyFacts | None, after: PropertyFacts | None
) -> str | None:
    """The id for a write-only response property added, removed or re-required."""
    if change == "property-added" and after is not None:
        return _PROPERTY_ROLES[f"added-{'required' if after.required else 'optional'}"][0]
    if change == "property-removed" and before is not None:
        return _PROPERTY_ROLES[f"removed-{'required' if before.required else 'optional'}"][0]
    if change in {"became-required", "became-optional"}:
        return _PROPERTY_ROLES[change][0]
    return None


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
