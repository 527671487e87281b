"""Operation metadata: tags and ``operationId`` of operations present in both documents.

Neither changes a request or a response, so both are information, as in oasdiff. They
still matter to code generated from the document: SDKs name methods after the
``operationId`` and group them by tag, so a changed id renames a method in the next SDK.
A changed ``operationId`` is reported as the old one removed (naming the new one), the way
oasdiff reports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.rules.define import define

if TYPE_CHECKING:
    from versioning.diff.model import SpecDiff
    from versioning.findings import Level
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.spec.model import Operation

__all__ = ["RULES", "check_operation_metadata"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

_SDK = (
    "It does not change requests or responses; code generated from the document {0}, so"
    " review the next SDK release."
)


def _rule(rule_id: str, level: Level, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="none",
            area=parts.pop("area", "paths"),
            family="operation-metadata",
            **parts,
        )
    )


_rule(
    "api-tag-added",
    "info",
    action="add",
    area="tags",
    message="tag {name} was added",
    what="An operation was given a new tag.",
    why=_SDK.format("groups operations by tag"),
    example=("tags: [charges]", "tags: [charges, payments]"),
)
_rule(
    "api-tag-removed",
    "info",
    action="remove",
    area="tags",
    message="tag {name} was removed",
    what="An operation lost one of its tags.",
    why=_SDK.format("groups operations by tag"),
    example=("tags: [charges, payments]", "tags: [charges]"),
)
_rule(
    "api-operation-id-added",
    "info",
    action="add",
    message="operationId {after} was added",
    what="An operation without an `operationId` was given one.",
    why=_SDK.format("names methods after the operationId"),
    example=("post: {responses: ...}", "post: {operationId: createCharge, responses: ...}"),
)
_rule(
    "api-operation-id-removed",
    "info",
    action="remove",
    message="operationId {before} was removed (now {after})",
    what="An operation's `operationId` was removed or replaced by another.",
    why=_SDK.format("names methods after the operationId"),
    example=("post: {operationId: createCharge}", "post: {operationId: chargeCreate}"),
)


def _pointer(operation: Operation, keyword: str, present: bool) -> str:
    return f"{operation.pointer}/{keyword}" if present else operation.pointer


def _check(key: str, base: Operation, revision: Operation, emitter: Emitter) -> None:
    old_id, new_id = base.operation_id, revision.operation_id
    if old_id != new_id:
        place = {
            "operation": key,
            "base": _pointer(base, "operationId", old_id is not None),
            "revision": _pointer(revision, "operationId", new_id is not None),
        }
        rule = "api-operation-id-added" if old_id is None else "api-operation-id-removed"
        emitter.emit(rule, before=old_id, after=new_id, **place)
    if base.tags != revision.tags:
        place = {
            "operation": key,
            "base": _pointer(base, "tags", bool(base.tags)),
            "revision": _pointer(revision, "tags", bool(revision.tags)),
        }
        for tag in base.tags:
            if tag not in revision.tags:
                emitter.emit("api-tag-removed", name=tag, **place)
        for tag in revision.tags:
            if tag not in base.tags:
                emitter.emit("api-tag-added", name=tag, **place)


def check_operation_metadata(diff: SpecDiff, emitter: Emitter) -> None:
    """Tags and operation ids of every operation present in both documents."""
    for operation in diff.operations:
        if operation.base is not None and operation.revision is not None:
            _check(operation.key, operation.base, operation.revision, emitter)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
