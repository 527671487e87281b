"""Inside webhooks and callbacks: the requests the API sends and the replies it expects.

The roles are reversed: the API is the client. What it sends (the payload, its parameters,
the payload's media types) is judged like a response, since clients read it; what it
expects back (reply statuses and media types) like a request, since clients write it. One
table declares each rule twice, ``webhook-…`` and ``callback-…``; schemas go through the
schema family (payload and parameters in response contexts, replies in request contexts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from versioning.findings import Level, Subject
from versioning.rules.contexts import Scope, is_json
from versioning.rules.define import define
from versioning.rules.registry import Action, RuleInfo

if TYPE_CHECKING:
    from versioning.diff.model import MediaTypeDiff, OperationDiff, WebhookDiff
    from versioning.findings import Direction
    from versioning.rules.emit import Emitter
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["RULES", "check_hook", "hook_label"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


class _HookRule(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the table: declared once as ``webhook-<change>`` and ``callback-<change>``.

    ``{kind}`` in ``message`` and ``what`` becomes ``webhook`` or ``callback``.
    """

    change: str
    level: Level
    action: Action
    message: str
    what: str
    why: str
    example: tuple[str, str]
    """``(before, after)``."""


_RULES: tuple[_HookRule, ...] = (
    _HookRule(
        change="operation-added",
        level="info",
        action="add",
        message="{kind} {subject} now also sends {name} requests",
        what="The {kind} sends requests with a new method.",
        why="It does not: clients that do not expect the new requests answer them as before, and"
        " the API only starts using them.",
        example=("paid: {post}", "paid: {post, put}"),
    ),
    _HookRule(
        change="operation-removed",
        level="error",
        action="remove",
        message="{kind} {subject} no longer sends {name} requests",
        what="The {kind} no longer sends requests with one of its methods.",
        why="Clients that act on those requests stop receiving them.",
        example=("paid: {post, put}", "paid: {post}"),
    ),
    _HookRule(
        change="payload-added",
        level="info",
        action="add",
        message="{subject} was added",
        what="The {kind}'s requests now carry a body.",
        why="It does not: clients that ignored the body of a bodiless call keep working.",
        example=("post: {}", "post: {requestBody: ...}"),
    ),
    _HookRule(
        change="payload-removed",
        level="error",
        action="remove",
        message="{subject} was removed",
        what="The {kind}'s requests no longer carry a body.",
        why="Clients read the payload they were promised and find nothing.",
        example=("post: {requestBody: ...}", "post: {}"),
    ),
    _HookRule(
        change="payload-media-type-added",
        level="warning",
        action="add",
        message="{subject} was added",
        what="The {kind} may send its payload in a new media type.",
        why="Only a warning: the API picks the format, so clients that only parse the old one may"
        " receive one they cannot read.",
        example=("content: {application/json}", "content: {application/json, application/xml}"),
    ),
    _HookRule(
        change="payload-media-type-removed",
        level="info",
        action="remove",
        message="{subject} was removed",
        what="The {kind} no longer sends its payload in one of its media types.",
        why="It does not: clients keep receiving the formats they parse.",
        example=("content: {application/json, application/xml}", "content: {application/json}"),
    ),
    _HookRule(
        change="parameter-added",
        level="info",
        action="add",
        message="{subject} was added",
        what="The {kind}'s requests carry a new parameter.",
        why="It does not: clients ignore parameters they do not read.",
        example=("parameters: []", "parameters: [X-Signature]"),
    ),
    _HookRule(
        change="required-parameter-removed",
        level="error",
        action="remove",
        message="{subject} (required) was removed",
        what="A parameter the {kind}'s requests always carried was removed.",
        why="Clients read a value that was guaranteed (a signature, an event id) and no longer is.",
        example=("parameters: [{name: X-Signature, required: true}]", "parameters: []"),
    ),
    _HookRule(
        change="optional-parameter-removed",
        level="warning",
        action="remove",
        message="{subject} (optional) was removed",
        what="A parameter the {kind}'s requests could carry was removed.",
        why="Only a warning: clients had to cope with its absence, but those that use it lose the"
        " information.",
        example=("parameters: [X-Retry]", "parameters: []"),
    ),
    _HookRule(
        change="parameter-became-optional",
        level="error",
        action="change",
        message="{subject} became optional",
        what="A parameter the {kind}'s requests always carried may now be missing.",
        why="Clients rely on a value that was always there.",
        example=("{name: X-Signature, required: true}", "{name: X-Signature, required: false}"),
    ),
    _HookRule(
        change="parameter-became-required",
        level="info",
        action="change",
        message="{subject} became required",
        what="A parameter the {kind}'s requests could carry is now always there.",
        why="It does not: the value is now always present.",
        example=("{name: X-Retry, required: false}", "{name: X-Retry, required: true}"),
    ),
    _HookRule(
        change="reply-status-added",
        level="info",
        action="add",
        message="{subject} was added",
        what="The {kind} accepts a new reply status.",
        why="It does not: clients keep answering with the statuses they use.",
        example=("responses: {200}", "responses: {200, 202}"),
    ),
    _HookRule(
        change="reply-status-removed",
        level="warning",
        action="remove",
        message="{subject} was removed",
        what="A status clients could answer the {kind} with is no longer declared.",
        why="Only a warning: clients still answering with it may be treated as failing (and be"
        " retried), though most APIs accept any success.",
        example=("responses: {200, 204}", "responses: {200}"),
    ),
    _HookRule(
        change="reply-media-type-added",
        level="info",
        action="add",
        message="{subject} was added",
        what="The {kind} accepts replies in a new media type.",
        why="It does not: clients keep replying in the format they use.",
        example=("content: {application/json}", "content: {application/json, text/plain}"),
    ),
    _HookRule(
        change="reply-media-type-removed",
        level="error",
        action="remove",
        message="{subject} was removed",
        what="The {kind} no longer accepts replies in one of its media types.",
        why="Clients replying in that format are refused.",
        example=("content: {application/json, text/plain}", "content: {application/json}"),
    ),
)


_NO_MIRROR = (
    "what a client answers a webhook or callback with has no counterpart in what the API"
    " sends; the payload rules judge the other direction"
)


def _direction(change: str) -> Direction:
    """Replies are written by clients (requests); payloads and parameters read (responses)."""
    if change.startswith("reply-"):
        return "request"
    return "none" if change.startswith("operation-") else "response"


def _declare() -> None:
    for prefix in ("webhook", "callback"):
        for hook_rule in _RULES:
            direction = _direction(hook_rule.change)
            _DECLARED.append(
                define(
                    f"{prefix}-{hook_rule.change}",
                    hook_rule.level,
                    direction=direction,
                    area="webhooks",
                    action=hook_rule.action,
                    family="hooks",
                    message=hook_rule.message.replace("{kind}", prefix),
                    what=hook_rule.what.format(kind=prefix),
                    why=hook_rule.why,
                    example=hook_rule.example,
                    no_mirror=_NO_MIRROR if direction == "request" else None,
                )
            )


_declare()


def hook_label(prefix: str, name: str) -> str:
    """What a subject's ``webhook`` holds: the webhook's name, ``callback:<name>`` else."""
    return name if prefix == "webhook" else f"callback:{name}"


def _payload(
    prefix: str, operation: OperationDiff, label: str, emitter: Emitter, walker: SchemaWalker
) -> None:
    body = operation.request_body
    old = body.base if body is not None else None
    new = body.revision if body is not None else None
    about = Subject(direction="response", place="body", webhook=label)
    place: dict[str, Any] = {"operation": operation.key, "subject": about}
    if old is None and new is not None:
        emitter.emit(f"{prefix}-payload-added", revision=new.pointer, **place)
    elif new is None and old is not None:
        emitter.emit(f"{prefix}-payload-removed", base=old.pointer, **place)
    for media in body.media_types if body and old is not None and new is not None else ():
        _media(prefix, operation, media, about, emitter, kind="payload")
        walker.walk(
            media.schema,
            Scope(
                operation=operation.key,
                root="response-body",
                nested="response-property",
                about=about,
                text=not is_json(media.media_type),
            ),
        )


def _media(
    prefix: str,
    operation: OperationDiff,
    media: MediaTypeDiff,
    about: Subject,
    emitter: Emitter,
    *,
    kind: str,
) -> None:
    if media.base is not None and media.revision is not None:
        return
    subject = Subject(
        direction=about.direction,
        place="media-type",
        status=about.status,
        name=media.media_type,
        webhook=about.webhook,
    )
    change = "added" if media.base is None else "removed"
    emitter.emit(
        f"{prefix}-{kind}-media-type-{change}",
        operation=operation.key,
        subject=subject,
        base=media.base.pointer if media.base else None,
        revision=media.revision.pointer if media.revision else None,
    )


def _parameters(
    prefix: str, operation: OperationDiff, label: str, emitter: Emitter, walker: SchemaWalker
) -> None:
    for parameter in operation.parameters:
        old, new = parameter.base, parameter.revision
        subject = Subject(
            direction="response",
            place="parameter",
            location=parameter.location,
            name=parameter.name,
            webhook=label,
        )
        place: dict[str, Any] = {
            "operation": operation.key,
            "subject": subject,
            "base": old.pointer if old else None,
            "revision": new.pointer if new else None,
        }
        if old is None:
            emitter.emit(f"{prefix}-parameter-added", **place)
        elif new is None:
            requirement = "required" if old.required else "optional"
            emitter.emit(f"{prefix}-{requirement}-parameter-removed", **place)
        else:
            if old.required != new.required:
                change = "became-required" if new.required else "became-optional"
                emitter.emit(f"{prefix}-parameter-{change}", **place)
            walker.walk(
                parameter.schema,
                Scope(
                    operation=operation.key,
                    root="response-header",
                    nested="response-header-property",
                    about=subject,
                    text=True,
                ),
            )


def _replies(
    prefix: str, operation: OperationDiff, label: str, emitter: Emitter, walker: SchemaWalker
) -> None:
    for response in operation.responses:
        old, new = response.base, response.revision
        about = Subject(direction="request", place="status", status=response.status, webhook=label)
        if old is None or new is None:
            change = "added" if old is None else "removed"
            emitter.emit(
                f"{prefix}-reply-status-{change}",
                operation=operation.key,
                subject=about,
                base=old.pointer if old else None,
                revision=new.pointer if new else None,
            )
            continue
        body = Subject(direction="request", place="body", status=response.status, webhook=label)
        for media in response.media_types:
            _media(prefix, operation, media, about, emitter, kind="reply")
            walker.walk(
                media.schema,
                Scope(
                    operation=operation.key,
                    root="request-body",
                    nested="request-property",
                    about=body,
                    text=not is_json(media.media_type),
                ),
            )


def check_hook(prefix: str, hook: WebhookDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """The operations of one webhook or callback present in both documents."""
    label = hook_label(prefix, hook.name)
    for operation in hook.operations:
        old, new = operation.base, operation.revision
        if old is None or new is None:
            present = new or old
            assert present is not None
            change = "added" if old is None else "removed"
            emitter.emit(
                f"{prefix}-operation-{change}",
                operation=operation.key,
                subject=hook.name,
                name=present.method.upper(),
                base=old.pointer if old else None,
                revision=new.pointer if new else None,
            )
            continue
        _payload(prefix, operation, label, emitter, walker)
        _parameters(prefix, operation, label, emitter, walker)
        _replies(prefix, operation, label, emitter, walker)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
