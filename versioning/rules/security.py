"""The security family: an operation's security requirements and the security schemes.

An operation's ``security`` is a list of alternatives (any one suffices), each a set of
schemes that must all be satisfied; no requirement at all means anonymous access, treated
as the empty alternative. Removing an alternative or adding a required scope locks out the
clients that used it, unless a remaining alternative asks for less of them (anonymous access
asks for nothing); adding an alternative only opens a new way in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.rules.define import define
from versioning.rules.global_security import check_global_security

if TYPE_CHECKING:
    from versioning.diff.model import SpecDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker
    from versioning.spec.model import Operation, SecurityScheme

__all__ = ["RULES", "check_security"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="none",
            area=parts.pop("area", "security"),
            family="security",
            **parts,
        )
    )


_rule(
    "api-security-removed",
    "error",
    action="remove",
    message="security alternative {name} was removed",
    what="One of an operation's security alternatives (or anonymous access) was removed.",
    why="Clients authenticating that way now get 401 or 403.",
    example=("security: [{basicAuth: []}, {apiKey: []}]", "security: [{basicAuth: []}]"),
)
_rule(
    "api-security-added",
    "info",
    action="add",
    message="security alternative {name} was added",
    what="An operation accepts a new security alternative.",
    why="It does not: the alternatives clients use still work.",
    example=("security: [{basicAuth: []}]", "security: [{basicAuth: []}, {oauth: [read]}]"),
)
_rule(
    "api-security-scope-added",
    "error",
    action="add",
    message="security scheme {name} now also requires scope {scope}",
    what="A security requirement of an operation requires a new OAuth scope.",
    why="Tokens issued without the scope are refused.",
    example=("security: [{oauth: [read]}]", "security: [{oauth: [read, write]}]"),
)
_rule(
    "api-security-scope-removed",
    "info",
    action="remove",
    message="security scheme {name} no longer requires scope {scope}",
    what="A security requirement of an operation dropped a required scope.",
    why="It does not: existing tokens carry more than is needed.",
    example=("security: [{oauth: [read, write]}]", "security: [{oauth: [read]}]"),
)
_rule(
    "api-security-component-added",
    "info",
    action="add",
    area="components",
    message="security scheme {name} was added",
    what="A security scheme was defined.",
    why="It does not by itself; operations that start requiring it are reported there.",
    example=("securitySchemes: {basicAuth}", "securitySchemes: {basicAuth, oauth}"),
)
_rule(
    "api-security-component-removed",
    "info",
    action="remove",
    area="components",
    message="security scheme {name} was removed",
    what="A security scheme was removed.",
    why="It does not by itself; operations that stop accepting it are reported there.",
    example=("securitySchemes: {basicAuth, oauth}", "securitySchemes: {basicAuth}"),
)
_rule(
    "api-security-component-type-changed",
    "error",
    action="change",
    area="components",
    kind="type",
    message="security scheme {name} changed from {before} to {after}",
    what="A security scheme's type, HTTP scheme or API key location changed.",
    why="Clients send credentials the old way (Basic vs Bearer, a header vs a query"
    " parameter) and are refused.",
    example=("basicAuth: {type: http, scheme: basic}", "basicAuth: {type: http, scheme: bearer}"),
)
_rule(
    "api-security-component-oauth-scope-added",
    "info",
    action="add",
    area="components",
    message="security scheme {name} offers a new scope {scope}",
    what="An OAuth flow of a security scheme offers a new scope.",
    why="It does not: existing tokens keep their scopes.",
    example=("scopes: {read}", "scopes: {read, write}"),
)
_rule(
    "api-security-component-oauth-scope-removed",
    "info",
    action="remove",
    area="components",
    message="security scheme {name} no longer offers scope {scope}",
    what="An OAuth flow of a security scheme no longer offers a scope.",
    why="It does not by itself; operations that required it are reported there.",
    example=("scopes: {read, write}", "scopes: {read}"),
)
_rule(
    "api-security-component-oauth-url-changed",
    "info",
    action="change",
    area="components",
    kind="type",
    message="security scheme {name} {flow} {field} changed from {before} to {after}",
    what="An OAuth flow's authorization or refresh URL changed.",
    why="It does not break requests; clients that hard-coded the URL must update it.",
    example=("tokenUrl: https://a.example/token", "tokenUrl: https://b.example/token"),
)


_rule(
    "api-security-component-oauth-token-url-changed",
    "info",
    action="change",
    area="components",
    kind="type",
    message="security scheme {name} {flow} {field} changed from {before} to {after}",
    what="An OAuth flow's token URL changed.",
    why="It does not break requests; clients that hard-coded the URL must fetch tokens from"
    " the new one.",
    example=("tokenUrl: https://a.example/token", "tokenUrl: https://b.example/token"),
)
_rule(
    "api-security-component-oauth-scope-changed",
    "info",
    action="change",
    area="components",
    kind="type",
    message="security scheme {name} scope {scope} description changed from {before} to {after}",
    what="The description of a scope an OAuth flow offers changed.",
    why="It does not: tokens and requirements name scopes, not their descriptions.",
    example=("scopes: {read: Read charges}", "scopes: {read: Read charges and refunds}"),
)


def _alternatives(operation: Operation) -> dict[frozenset[str], dict[str, frozenset[str]]]:
    requirements = operation.security or ({},)
    return {
        frozenset(requirement): {name: frozenset(scopes) for name, scopes in requirement.items()}
        for requirement in requirements
    }


def _label(alternative: frozenset[str]) -> str:
    return " + ".join(sorted(alternative)) if alternative else "anonymous access"


def _security_pointer(operation: Operation) -> str:
    return f"{operation.pointer}/security" if operation.security else operation.pointer


def _still_let_in(
    scopes: dict[str, frozenset[str]], after: dict[frozenset[str], dict[str, frozenset[str]]]
) -> bool:
    """Whether a client satisfying ``scopes`` still satisfies some alternative of ``after``.

    An alternative asking for a subset of the schemes (each with a subset of the scopes),
    anonymous access included, lets that client in: dropping the stricter one locks no one out.
    """
    return any(
        names <= scopes.keys() and all(wanted[name] <= scopes[name] for name in names)
        for names, wanted in after.items()
    )


def _check_operation(key: str, base: Operation, revision: Operation, emitter: Emitter) -> None:
    before, after = _alternatives(base), _alternatives(revision)
    place = {
        "operation": key,
        "base": _security_pointer(base),
        "revision": _security_pointer(revision),
    }
    for alternative, scopes in before.items():
        if alternative not in after:
            if not _still_let_in(scopes, after):
                emitter.emit("api-security-removed", name=_label(alternative), **place)
            continue
        for name, required in scopes.items():
            for scope in sorted(after[alternative].get(name, frozenset()) - required):
                emitter.emit("api-security-scope-added", name=name, scope=scope, **place)
            for scope in sorted(required - after[alternative].get(name, frozenset())):
                emitter.emit("api-security-scope-removed", name=name, scope=scope, **place)
    for alternative in after:
        if alternative not in before:
            emitter.emit("api-security-added", name=_label(alternative), **place)


def _shape(scheme: SecurityScheme) -> str:
    parts = [scheme.type, scheme.scheme or "", scheme.location or "", scheme.parameter_name or ""]
    return " ".join(part for part in parts if part)


def _flows(scheme: SecurityScheme) -> dict[str, dict[str, Any]]:
    flows = scheme.raw.get("flows")
    return (
        {k: v for k, v in flows.items() if isinstance(v, dict)} if isinstance(flows, dict) else {}
    )


def _scopes(flow: dict[str, Any]) -> dict[str, str]:
    """A flow's scopes and their descriptions."""
    scopes = flow.get("scopes")
    return {str(k): str(v) for k, v in scopes.items()} if isinstance(scopes, dict) else {}


def _check_flows(name: str, old: SecurityScheme, new: SecurityScheme, emitter: Emitter) -> None:
    place = {"operation": None, "name": name, "base": old.pointer, "revision": new.pointer}
    before, after = _flows(old), _flows(new)
    for flow, settings in after.items():
        previous = before.get(flow, {})
        old_scopes, new_scopes = _scopes(previous), _scopes(settings)
        for scope in sorted(new_scopes.keys() - old_scopes.keys()):
            emitter.emit("api-security-component-oauth-scope-added", scope=scope, **place)
        for scope in sorted(old_scopes.keys() - new_scopes.keys()):
            emitter.emit("api-security-component-oauth-scope-removed", scope=scope, **place)
        for scope in sorted(old_scopes.keys() & new_scopes.keys()):
            old_text, new_text = old_scopes[scope], new_scopes[scope]
            if old_text != new_text:
                emitter.emit(
                    "api-security-component-oauth-scope-changed",
                    scope=scope,
                    before=old_text,
                    after=new_text,
                    **place,
                )
        for field in ("authorizationUrl", "tokenUrl", "refreshUrl"):
            if flow in before and previous.get(field) != settings.get(field):
                rule = "api-security-component-oauth-" + (
                    "token-url-changed" if field == "tokenUrl" else "url-changed"
                )
                emitter.emit(
                    rule,
                    flow=flow,
                    field=field,
                    before=previous.get(field),
                    after=settings.get(field),
                    **place,
                )


def check_security(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Security requirements of every matched operation, the default, then the schemes."""
    check_global_security(diff, emitter)
    for operation in diff.operations:
        if operation.base is not None and operation.revision is not None:
            _check_operation(operation.key, operation.base, operation.revision, emitter)
    for scheme in diff.security_schemes:
        old, new = scheme.base, scheme.revision
        if old is None and new is not None:
            emitter.emit(
                "api-security-component-added",
                operation=None,
                name=scheme.name,
                revision=new.pointer,
            )
        elif new is None and old is not None:
            emitter.emit(
                "api-security-component-removed", operation=None, name=scheme.name, base=old.pointer
            )
        elif old is not None and new is not None:
            if _shape(old) != _shape(new):
                emitter.emit(
                    "api-security-component-type-changed",
                    operation=None,
                    name=scheme.name,
                    before=_shape(old),
                    after=_shape(new),
                    base=old.pointer,
                    revision=new.pointer,
                )
            _check_flows(scheme.name, old, new, emitter)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
