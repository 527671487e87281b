"""The parameters family: request parameters added, removed, made required, re-serialised.

Parameters are matched by location and name (header names case-blind, renamed path
parameters followed). Their schemas go through the schema family in the
``request-parameter`` context, and their deprecation through the lifecycle rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.findings import Subject
from versioning.rules.contexts import ContextName, Scope
from versioning.rules.define import define
from versioning.rules.lifecycle import check_deprecation, removal_verdict

if TYPE_CHECKING:
    from versioning.diff.model import OperationDiff, ParameterDiff, SpecDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker
    from versioning.spec.model import Parameter

__all__ = ["RULES", "check_parameters"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

_PATH_ONLY = "path parameters exist only in requests"
_POLICY = "a deprecation policy concerns what is deprecated, not a direction of data"


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(rule_id, level, direction="request", area="parameters", family="parameters", **parts)
    )


_rule(
    "new-request-path-parameter",
    "error",
    action="add",
    message="{subject} was added",
    no_mirror=_PATH_ONLY,
    what="A path parameter was added to an existing operation.",
    why="Clients build the URL without it, so their calls miss the operation.",
    example=("/charges/{id}: {parameters: [id]}", "/charges/{id}: {parameters: [id, x]}"),
)
_rule(
    "new-required-request-parameter",
    "error",
    action="add",
    message="{subject} was added as required",
    mirror="required-response-header-removed",
    what="A new required query, header or cookie parameter was added.",
    why="Clients do not send it yet, so their requests are refused.",
    example=("parameters: [limit]", "parameters: [limit, {name: region, required: true}]"),
)
_rule(
    "new-optional-request-parameter",
    "info",
    action="add",
    message="{subject} was added as optional",
    mirror="optional-response-header-removed",
    what="A new optional parameter was added.",
    why="It does not: clients may omit it.",
    example=("parameters: [limit]", "parameters: [limit, region]"),
)
_rule(
    "new-required-request-default-parameter-to-existing-path",
    "error",
    action="add",
    message="{subject} was added as required to every operation of the path",
    no_mirror="path-level parameters exist only in requests",
    what="A required parameter was added at the path level of an existing path, so every"
    " operation of the path requires it.",
    why="Clients of every operation on the path do not send it yet and are refused.",
    example=(
        "/charges: {parameters: []}",
        "/charges: {parameters: [{name: region, required: true}]}",
    ),
)
_rule(
    "new-optional-request-default-parameter-to-existing-path",
    "info",
    action="add",
    message="{subject} was added as optional to every operation of the path",
    no_mirror="path-level parameters exist only in requests",
    what="An optional parameter was added at the path level of an existing path.",
    why="It does not: clients may omit it.",
    example=("/charges: {parameters: []}", "/charges: {parameters: [region]}"),
)
_rule(
    "request-parameter-removed",
    "warning",
    action="remove",
    message="{subject} was removed",
    mirror="response-header-added",
    what="A parameter was removed without being deprecated first.",
    why="Only a warning: servers usually ignore unknown parameters, but a client that still"
    " sends it silently loses what it asked for (a filter, a header's effect).",
    example=("parameters: [limit, region]", "parameters: [limit]"),
)
_rule(
    "request-parameter-removed-before-sunset",
    "error",
    action="remove",
    message="{subject} was removed before its sunset date {sunset}",
    no_mirror=_POLICY,
    what="A deprecated parameter was removed before the date in its `x-sunset`.",
    why="Clients were promised the parameter until that date.",
    example=("region: {deprecated: true, x-sunset: '2030-01-01'}", "(region removed)"),
)
_rule(
    "request-parameter-removed-with-deprecation",
    "info",
    action="remove",
    message="{subject} was removed after its deprecation",
    no_mirror=_POLICY,
    what="A deprecated parameter was removed, with no sunset date or after it.",
    why="It is the announced end of the deprecation.",
    example=("region: {deprecated: true}", "(region removed)"),
)
_rule(
    "request-parameter-became-required",
    "error",
    action="change",
    kind="requiredness",
    message="{subject} became required",
    mirror="response-header-became-optional",
    what="An optional parameter became required.",
    why="Clients that omit it, as they were allowed to, are refused.",
    example=("{name: region, required: false}", "{name: region, required: true}"),
)
_rule(
    "request-parameter-became-optional",
    "info",
    action="change",
    kind="requiredness",
    message="{subject} became optional",
    mirror="response-header-became-required",
    what="A required parameter became optional.",
    why="It does not: clients may keep sending it.",
    example=("{name: region, required: true}", "{name: region, required: false}"),
)
_rule(
    "request-parameter-serialization-changed",
    "error",
    action="change",
    kind="type",
    message="{subject} serialization changed from {before} to {after}",
    no_mirror="response headers have a single serialization",
    what="A parameter's `style` or `explode` changed, so the same value is written"
    " differently on the wire.",
    why="Clients keep serializing the old way (`ids=1,2` vs `ids=1&ids=2`), which the server"
    " now reads wrongly or refuses.",
    example=("{name: ids, style: form, explode: true}", "{name: ids, style: form, explode: false}"),
)

_DEFAULT_STYLE = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}


def _serialization(parameter: Parameter) -> str:
    style = parameter.style or _DEFAULT_STYLE.get(parameter.location, "form")
    explode = parameter.explode if parameter.explode is not None else style == "form"
    return f"style={style}, explode={str(explode).lower()}"


def _subject(parameter: ParameterDiff) -> Subject:
    return Subject(
        direction="request", place="parameter", location=parameter.location, name=parameter.name
    )


def _sunset(parameter: Parameter) -> str | None:
    value = parameter.extensions.get("x-sunset")
    return None if value is None else str(value)


def _added(operation: OperationDiff, parameter: ParameterDiff, emitter: Emitter) -> None:
    new = parameter.revision
    assert new is not None
    if parameter.location == "path":
        rule = "new-request-path-parameter"
    elif parameter.added_at_path_level:
        requirement = "required" if new.required else "optional"
        rule = f"new-{requirement}-request-default-parameter-to-existing-path"
    else:
        rule = f"new-{'required' if new.required else 'optional'}-request-parameter"
    emitter.emit(rule, operation=operation.key, revision=new.pointer, subject=_subject(parameter))


def _removed(operation: OperationDiff, parameter: ParameterDiff, emitter: Emitter) -> None:
    old = parameter.base
    assert old is not None
    verdict = removal_verdict(
        deprecated=old.deprecated, sunset=_sunset(old), today=emitter.policy.today
    )
    rule = {
        "without-deprecation": "request-parameter-removed",
        "before-sunset": "request-parameter-removed-before-sunset",
        "with-deprecation": "request-parameter-removed-with-deprecation",
        "sunset-parse": "request-parameter-sunset-parse",
    }[verdict]
    emitter.emit(
        rule,
        operation=operation.key,
        base=old.pointer,
        subject=_subject(parameter),
        sunset=_sunset(old),
    )


def _changed(
    operation: OperationDiff, parameter: ParameterDiff, emitter: Emitter, walker: SchemaWalker
) -> None:
    old, new = parameter.base, parameter.revision
    assert old is not None
    assert new is not None
    subject = _subject(parameter)
    place = {"operation": operation.key, "base": old.pointer, "revision": new.pointer}
    if old.required != new.required:
        change = "became-required" if new.required else "became-optional"
        emitter.emit(f"request-parameter-{change}", subject=subject, **place)
    before, after = _serialization(old), _serialization(new)
    if before != after:
        emitter.emit(
            "request-parameter-serialization-changed",
            subject=subject,
            before=before,
            after=after,
            **place,
        )
    check_deprecation(
        prefix="request-parameter",
        subject=subject,
        place=place,
        emitter=emitter,
        before=(old.deprecated, _sunset(old), None),
        after=(new.deprecated, _sunset(new), None),
    )
    header = parameter.location == "header"
    nested: ContextName = "request-header-property" if header else "request-parameter-property"
    scope = Scope(
        operation=operation.key,
        root="request-parameter",
        nested=nested,
        about=subject,
        text=new.schema is not None,
    )
    walker.walk(parameter.schema, scope)


def check_parameters(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Every parameter of every operation present in both documents."""
    for operation in diff.operations:
        if operation.base is None or operation.revision is None:
            continue
        for parameter in operation.parameters:
            if parameter.base is None:
                _added(operation, parameter, emitter)
            elif parameter.revision is None:
                _removed(operation, parameter, emitter)
            else:
                _changed(operation, parameter, emitter, walker)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
