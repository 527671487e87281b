"""The document's default ``security``: alternatives and scopes added or removed.

Every operation without its own ``security`` inherits the document's, and the security
family already compares each operation's *effective* requirements (and reports there
what locks clients out). So changes to the default itself are information, as in oasdiff:
they say where a change of many operations came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.rules.define import define

if TYPE_CHECKING:
    from versioning.diff.model import SpecDiff
    from versioning.findings import Level
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.spec.model import Spec

__all__ = ["RULES", "check_global_security"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

_WHY = (
    "It does not by itself: each operation that inherits the default reports the change of"
    " its own requirements, an error where clients are locked out."
)


def _rule(rule_id: str, level: Level, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id, level, direction="none", area="security", family="security", why=_WHY, **parts
        )
    )


_rule(
    "api-global-security-added",
    "info",
    action="add",
    message="default security alternative {name} was added",
    what="The document's default `security` gained an alternative.",
    example=("security: [{basicAuth: []}]", "security: [{basicAuth: []}, {oauth: [read]}]"),
)
_rule(
    "api-global-security-removed",
    "info",
    action="remove",
    message="default security alternative {name} was removed",
    what="The document's default `security` lost an alternative.",
    example=("security: [{basicAuth: []}, {oauth: [read]}]", "security: [{basicAuth: []}]"),
)
_rule(
    "api-global-security-scope-added",
    "info",
    action="add",
    message="default security scheme {name} now also requires scope {scope}",
    what="A scheme of the document's default `security` requires a new scope.",
    example=("security: [{oauth: [read]}]", "security: [{oauth: [read, write]}]"),
)
_rule(
    "api-global-security-scope-removed",
    "info",
    action="remove",
    message="default security scheme {name} no longer requires scope {scope}",
    what="A scheme of the document's default `security` no longer requires a scope.",
    example=("security: [{oauth: [read, write]}]", "security: [{oauth: [read]}]"),
)

Alternatives = dict[frozenset[str], dict[str, frozenset[str]]]


def _alternatives(spec: Spec) -> Alternatives:
    declared = spec.document.get("security")
    found: Alternatives = {}
    for requirement in declared if isinstance(declared, list) else ():
        if isinstance(requirement, dict):
            scopes = {
                str(name): frozenset(map(str, listed if isinstance(listed, list) else ()))
                for name, listed in requirement.items()
            }
            found[frozenset(scopes)] = scopes
    return found


def _label(alternative: frozenset[str]) -> str:
    return " + ".join(sorted(alternative)) if alternative else "anonymous access"


def check_global_security(diff: SpecDiff, emitter: Emitter) -> None:
    """Alternatives and scopes of the document's default ``security``."""
    before, after = _alternatives(diff.base), _alternatives(diff.revision)
    if before == after:
        return
    place = {"operation": None, "base": "/security", "revision": "/security"}
    for alternative, scopes in before.items():
        if alternative not in after:
            emitter.emit("api-global-security-removed", name=_label(alternative), **place)
            continue
        for name, required in scopes.items():
            now = after[alternative].get(name, frozenset())
            for scope in sorted(now - required):
                emitter.emit("api-global-security-scope-added", name=name, scope=scope, **place)
            for scope in sorted(required - now):
                emitter.emit("api-global-security-scope-removed", name=name, scope=scope, **place)
    for alternative in after:
        if alternative not in before:
            emitter.emit("api-global-security-added", name=_label(alternative), **place)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
