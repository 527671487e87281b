"""The webhooks family: webhooks and callbacks added or removed, and what is inside them.

A webhook (or an operation's callback) reverses the roles: the API sends the request and
the client answers it. So its payload is judged like a response (widening it breaks the
clients that receive it) and the client's reply like a request (narrowing what the API
accepts back breaks them); :mod:`versioning.rules.hooks` compares the inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.rules.define import define
from versioning.rules.hooks import check_hook

if TYPE_CHECKING:
    from versioning.diff.model import SpecDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["RULES", "check_webhooks"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(rule_id, level, direction="none", area="components", family="webhooks", **parts)
    )


_rule(
    "webhook-added",
    "info",
    action="add",
    message="webhook {subject} was added",
    what="A new webhook was added.",
    why="It does not: clients subscribe to the webhooks they know.",
    example=("webhooks: {paid}", "webhooks: {paid, refunded}"),
)
_rule(
    "webhook-removed",
    "error",
    action="remove",
    message="webhook {subject} was removed",
    what="A webhook was removed.",
    why="Clients that rely on its events stop receiving them.",
    example=("webhooks: {paid, refunded}", "webhooks: {paid}"),
)
_rule(
    "callback-added",
    "info",
    action="add",
    message="callback {subject} was added",
    what="An operation declares a new callback (a request the API sends back).",
    why="It does not: clients that registered nothing for it receive nothing new.",
    example=("callbacks: {onPaid}", "callbacks: {onPaid, onRefunded}"),
)
_rule(
    "callback-removed",
    "error",
    action="remove",
    message="callback {subject} was removed",
    what="An operation no longer declares one of its callbacks.",
    why="Clients that registered for it stop receiving its requests.",
    example=("callbacks: {onPaid, onRefunded}", "callbacks: {onPaid}"),
)


def check_webhooks(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Webhooks added or removed, what changed inside those kept; the same for callbacks."""
    for hook in diff.webhooks:
        if hook.base_pointer is None:
            emitter.emit(
                "webhook-added", operation=None, revision=hook.revision_pointer, subject=hook.name
            )
        elif hook.revision_pointer is None:
            emitter.emit(
                "webhook-removed", operation=None, base=hook.base_pointer, subject=hook.name
            )
        check_hook("webhook", hook, emitter, walker)
    for operation in diff.operations:
        for callback in operation.callbacks:
            if callback.base_pointer is None:
                emitter.emit(
                    "callback-added",
                    operation=operation.key,
                    revision=callback.revision_pointer,
                    subject=callback.name,
                )
            elif callback.revision_pointer is None:
                emitter.emit(
                    "callback-removed",
                    operation=operation.key,
                    base=callback.base_pointer,
                    subject=callback.name,
                )
            check_hook("callback", callback, emitter, walker)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
