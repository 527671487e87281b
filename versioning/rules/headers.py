"""The headers family: response headers added, removed, made optional or required.

Header names match case-blind (RFC 9110). Header schemas go through the schema family in
the ``response-header`` context. Request headers are parameters (the parameters family).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.findings import Subject
from versioning.rules.contexts import Scope
from versioning.rules.define import define

if TYPE_CHECKING:
    from versioning.diff.model import OperationDiff, ResponseDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["RULES", "check_headers"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="response",
            area=parts.pop("area", "headers"),
            family="headers",
            **parts,
        )
    )


_rule(
    "response-header-added",
    "info",
    action="add",
    message="{subject} was added",
    mirror="request-parameter-removed",
    what="A response declares a new header.",
    why="It does not: clients ignore headers they do not read.",
    example=("headers: {}", "headers: {X-Request-Id}"),
)
_rule(
    "required-response-header-removed",
    "error",
    action="remove",
    message="{subject} (required) was removed",
    mirror="new-required-request-parameter",
    what="A required response header is no longer declared.",
    why="Clients read a header that was guaranteed to be there (a rate limit, a location).",
    example=("headers: {Location: {required: true}}", "headers: {}"),
)
_rule(
    "optional-response-header-removed",
    "warning",
    action="remove",
    message="{subject} (optional) was removed",
    mirror="new-optional-request-parameter",
    what="An optional response header is no longer declared.",
    why="Only a warning: clients had to cope with its absence, but those that use it lose"
    " the information.",
    example=("headers: {X-Request-Id}", "headers: {}"),
)
_rule(
    "response-header-became-optional",
    "error",
    action="change",
    kind="requiredness",
    message="{subject} became optional",
    mirror="request-parameter-became-required",
    what="A required response header became optional.",
    why="Clients rely on a header that was always there and may now be missing.",
    example=("Location: {required: true}", "Location: {required: false}"),
)
_rule(
    "response-header-became-required",
    "info",
    action="change",
    kind="requiredness",
    message="{subject} became required",
    mirror="request-parameter-became-optional",
    what="An optional response header became required.",
    why="It does not: the header is now always present.",
    example=("Location: {required: false}", "Location: {required: true}"),
)


def check_headers(
    operation: OperationDiff, response: ResponseDiff, emitter: Emitter, walker: SchemaWalker
) -> None:
    """The headers of one response present in both documents."""
    for header in response.headers:
        old, new = header.base, header.revision
        subject = Subject(
            direction="response", place="header", status=response.status, name=header.name
        )
        place: dict[str, Any] = {
            "operation": operation.key,
            "subject": subject,
            "base": old.pointer if old else None,
            "revision": new.pointer if new else None,
        }
        if old is None:
            emitter.emit("response-header-added", **place)
        elif new is None:
            requirement = "required" if old.required else "optional"
            emitter.emit(f"{requirement}-response-header-removed", **place)
        else:
            if old.required != new.required:
                change = "became-required" if new.required else "became-optional"
                emitter.emit(f"response-header-{change}", **place)
            scope = Scope(
                operation=operation.key,
                root="response-header",
                nested="response-header-property",
                about=subject,
                text=True,
            )
            walker.walk(header.schema, scope)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
