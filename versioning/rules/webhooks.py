"""The webhooks family: webhooks added or removed, and the payloads they deliver.

A webhook reverses the roles: the API sends the request and the client answers it. So a
webhook's payload is judged like a response (widening it breaks the clients that receive
it) and the client's reply like a request (narrowing what the API accepts back breaks
them). The schema rules are reused with those contexts; messages name the webhook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.findings import Subject
from versioning.rules.contexts import Scope
from versioning.rules.define import define

if TYPE_CHECKING:
    from versioning.diff.model import OperationDiff, SpecDiff, WebhookDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["check_webhooks"]


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    define(rule_id, level, direction="none", area="components", family="webhooks", **parts)


_rule(
    "webhook-added",
    "info",
    action="add",
    message="webhook {subject} was added",
    what="A new webhook was added.",
    why="It does not: clients subscribe to the webhooks they know.",
    example=("webhooks: {paid}", "webhooks: {paid, refunded}"),
)
_rule("webhook-removed", "error", action="remove", message="webhook {subject} was removed",
      what="A webhook was removed.", why="Clients that rely on its events stop receiving"
      " them.", example=("webhooks: {paid, refunded}", "webhooks: {paid}"))  # fmt: skip


def _walk_payloads(hook: WebhookDiff, operation: OperationDiff, walker: SchemaWalker) -> None:
    body = operation.request_body
    for media in body.media_types if body is not None else ():
        walker.walk(media.schema, Scope(
            operation=operation.key, root="response-body", nested="response-property",
            about=Subject(direction="response", place="body", webhook=hook.name),
        ))  # fmt: skip
    for response in operation.responses:
        for media in response.media_types:
            walker.walk(media.schema, Scope(
                operation=operation.key, root="request-body", nested="request-property",
                about=Subject(direction="request", place="body", status=response.status,
                              webhook=hook.name),
            ))  # fmt: skip


def check_webhooks(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Webhooks added or removed; the payloads and replies of those kept."""
    for hook in diff.webhooks:
        if hook.base_pointer is None:
            emitter.emit("webhook-added", operation=None, revision=hook.revision_pointer,
                         subject=hook.name)  # fmt: skip
        elif hook.revision_pointer is None:
            emitter.emit("webhook-removed", operation=None, base=hook.base_pointer,
                         subject=hook.name)  # fmt: skip
        for operation in hook.operations:
            _walk_payloads(hook, operation, walker)
