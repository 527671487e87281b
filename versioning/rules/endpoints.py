"""The endpoints family: operations added or removed, deprecated, re-stabilised.

A removal is judged against the deprecation policy: removing what was never deprecated, or
before its ``x-sunset``, is an error; removing after the announced sunset is information.
When the last operation of a path goes, the ``api-path-…`` variant names the whole path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.rules.define import define
from versioning.rules.document import check_document, check_versioning
from versioning.rules.lifecycle import check_deprecation, check_stability, removal_verdict
from versioning.rules.operation_metadata import check_operation_metadata

if TYPE_CHECKING:
    from versioning.diff.model import OperationDiff, SpecDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker
    from versioning.spec.model import Operation

__all__ = ["RULES", "check_endpoints"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="none",
            area=parts.pop("area", "paths"),
            family="endpoints",
            **parts,
        )
    )


_rule(
    "endpoint-added",
    "info",
    action="add",
    message="endpoint {subject} was added",
    what="A new operation (method on a path) was added.",
    why="It does not: existing clients never call it.",
    example=("paths: {/charges: {get}}", "paths: {/charges: {get, post}}"),
)
for _scope, _what in (
    ("path-", "The last operation of a path was removed, so the whole path went"),
    ("", "An operation was removed while its path stays"),
):
    _rule(
        f"api-{_scope}removed-without-deprecation",
        "error",
        action="remove",
        message="endpoint {subject} was removed without being deprecated first",
        what=f"{_what}; it was not deprecated in the base.",
        why="Clients calling it get 404 or 405 with no warning and no time to migrate.",
        example=("GET /charges: {...}", "(GET /charges removed)"),
    )
    _rule(
        f"api-{_scope}removed-before-sunset",
        "error",
        action="remove",
        message="endpoint {subject} was removed before its sunset date {sunset}",
        what=f"{_what}; it was deprecated, but its `x-sunset` date is still ahead.",
        why="Clients were promised the operation until that date.",
        example=(
            "GET /charges: {deprecated: true, x-sunset: '2030-01-01'}",
            "(GET /charges removed)",
        ),
    )
    _rule(
        f"api-{_scope}removed-with-deprecation",
        "info",
        action="remove",
        message="endpoint {subject} was removed after its deprecation",
        what=f"{_what}; it was deprecated, with no sunset date or one that has passed.",
        why="It is the announced end of the deprecation: clients had the window to migrate.",
        example=(
            "GET /charges: {deprecated: true, x-sunset: '2024-01-01'}",
            "(GET /charges removed)",
        ),
    )
_rule(
    "api-path-sunset-parse",
    "error",
    action="remove",
    message="endpoint {subject} was removed, but its x-sunset {sunset} is not a date",
    what="A deprecated operation was removed and its `x-sunset` cannot be read as a date.",
    why="Nobody can tell whether the promised sunset has passed, so the removal may be early.",
    example=("GET /charges: {deprecated: true, x-sunset: soon}", "(GET /charges removed)"),
)


def _lifecycle_pointer(operation: Operation) -> str:
    """The lifecycle node (``x-sunset``, ``deprecated``, ``x-stability-level``) to point at."""
    if "x-sunset" in operation.extensions:
        return f"{operation.pointer}/x-sunset"
    if operation.deprecated:
        return f"{operation.pointer}/deprecated"
    if "x-stability-level" in operation.extensions:
        return f"{operation.pointer}/x-stability-level"
    return operation.pointer


def _stability(operation: Operation) -> str | None:
    value = operation.extensions.get("x-stability-level")
    return None if value is None else str(value)


def _removed(diff: OperationDiff, emitter: Emitter) -> None:
    base = diff.base
    assert base is not None
    verdict = removal_verdict(
        deprecated=base.deprecated, sunset=base.sunset, today=emitter.policy.today
    )
    scope = "path-" if diff.path_removed else ""
    rule = "api-path-sunset-parse" if verdict == "sunset-parse" else f"api-{scope}removed-{verdict}"
    emitter.emit(rule, operation=diff.key, base=base.pointer, subject=diff.key, sunset=base.sunset)


def check_endpoints(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Operations added, removed, deprecated or restabilised; their metadata; the document.

    The document family (servers, component schemas, the versioning policy) and operation
    metadata (tags, operation ids) run from here, the checker's first family; the versioning
    policy judges every finding, so it runs after the schema walk.
    """
    check_document(diff, emitter)
    check_operation_metadata(diff, emitter)
    walker.finally_do(lambda found: check_versioning(diff, found))
    for operation in diff.operations:
        base, revision = operation.base, operation.revision
        if base is None and revision is not None:
            emitter.emit(
                "endpoint-added",
                operation=operation.key,
                revision=revision.pointer,
                subject=operation.key,
            )
        elif revision is None:
            _removed(operation, emitter)
        elif base is not None:
            place = {
                "operation": operation.key,
                "base": _lifecycle_pointer(base),
                "revision": _lifecycle_pointer(revision),
            }
            subject = f"endpoint {operation.key}"
            check_deprecation(
                prefix="api",
                subject=subject,
                place=place,
                emitter=emitter,
                before=(base.deprecated, base.sunset, _stability(base)),
                after=(revision.deprecated, revision.sunset, _stability(revision)),
            )
            check_stability(
                prefix="api",
                subject=subject,
                place=place,
                emitter=emitter,
                before=_stability(base),
                after=_stability(revision),
            )


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
