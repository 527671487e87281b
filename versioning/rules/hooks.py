"""Inside webhooks and callbacks: the requests the API sends and the replies it expects.

The roles are reversed: the API is the client. What it sends (the payload, its parameters,
the payload's media types) is judged like a response, since clients read it; what it
expects back (reply statuses and media types) like a request, since clients write it. One
table declares each rule twice, ``webhook-…`` and ``callback-…``; schemas go through the
schema family (payload and parameters in response contexts, replies in request contexts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.findings import Subject
from versioning.rules.contexts import Scope, is_json
from versioning.rules.define import define

if TYPE_CHECKING:
    from versioning.diff.model import MediaTypeDiff, OperationDiff, WebhookDiff
    from versioning.findings import Direction, Level
    from versioning.rules.emit import Emitter
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["check_hook", "hook_label"]

_RULES: tuple[tuple[str, Level, Any, str, str, str, tuple[str, str]], ...] = (
    (
        "operation-added",
        "info",
        "add",
        "{kind} {subject} now also sends {name} requests",
        "The {kind} sends requests with a new method.",
        "It does not: clients that do not expect the new requests answer them as before, and"
        " the API only starts using them.",
        ("paid: {post}", "paid: {post, put}"),
    ),
    (
        "operation-removed",
        "error",
        "remove",
        "{kind} {subject} no longer sends {name} requests",
        "The {kind} no longer sends requests with one of its methods.",
        "Clients that act on those requests stop receiving them.",
        ("paid: {post, put}", "paid: {post}"),
    ),
    (
        "payload-added",
        "info",
        "add",
        "{subject} was added",
        "The {kind}'s requests now carry a body.",
        "It does not: clients that ignored the body of a bodiless call keep working.",
        ("post: {}", "post: {requestBody: ...}"),
    ),
    (
        "payload-removed",
        "error",
        "remove",
        "{subject} was removed",
        "The {kind}'s requests no longer carry a body.",
        "Clients read the payload they were promised and find nothing.",
        ("post: {requestBody: ...}", "post: {}"),
    ),
    (
        "payload-media-type-added",
        "warning",
        "add",
        "{subject} was added",
        "The {kind} may send its payload in a new media type.",
        "Only a warning: the API picks the format, so clients that only parse the old one may"
        " receive one they cannot read.",
        ("content: {application/json}", "content: {application/json, application/xml}"),
    ),
    (
        "payload-media-type-removed",
        "info",
        "remove",
        "{subject} was removed",
        "The {kind} no longer sends its payload in one of its media types.",
        "It does not: clients keep receiving the formats they parse.",
        ("content: {application/json, application/xml}", "content: {application/json}"),
    ),
    (
        "parameter-added",
        "info",
        "add",
        "{subject} was added",
        "The {kind}'s requests carry a new parameter.",
        "It does not: clients ignore parameters they do not read.",
        ("parameters: []", "parameters: [X-Signature]"),
    ),
    (
        "required-parameter-removed",
        "error",
        "remove",
        "{subject} (required) was removed",
        "A parameter the {kind}'s requests always carried was removed.",
        "Clients read a value that was guaranteed (a signature, an event id) and no longer is.",
        ("parameters: [{name: X-Signature, required: true}]", "parameters: []"),
    ),
    (
        "optional-parameter-removed",
        "warning",
        "remove",
        "{subject} (optional) was removed",
        "A parameter the {kind}'s requests could carry was removed.",
        "Only a warning: clients had to cope with its absence, but those that use it lose the"
        " information.",
        ("parameters: [X-Retry]", "parameters: []"),
    ),
    (
        "parameter-became-optional",
        "error",
        "change",
        "{subject} became optional",
        "A parameter the {kind}'s requests always carried may now be missing.",
        "Clients rely on a value that was always there.",
        ("{name: X-Signature, required: true}", "{name: X-Signature, required: false}"),
    ),
    (
        "parameter-became-required",
        "info",
        "change",
        "{subject} became required",
        "A parameter the {kind}'s requests could carry is now always there.",
        "It does not: the value is now always present.",
        ("{name: X-Retry, required: false}", "{name: X-Retry, required: true}"),
    ),
    (
        "reply-status-added",
        "info",
        "add",
        "{subject} was added",
        "The {kind} accepts a new reply status.",
        "It does not: clients keep answering with the statuses they use.",
        ("responses: {200}", "responses: {200, 202}"),
    ),
    (
        "reply-status-removed",
        "warning",
        "remove",
        "{subject} was removed",
        "A status clients could answer the {kind} with is no longer declared.",
        "Only a warning: clients still answering with it may be treated as failing (and be"
        " retried), though most APIs accept any success.",
        ("responses: {200, 204}", "responses: {200}"),
    ),
    (
        "reply-media-type-added",
        "info",
        "add",
        "{subject} was added",
        "The {kind} accepts replies in a new media type.",
        "It does not: clients keep replying in the format they use.",
        ("content: {application/json}", "content: {application/json, text/plain}"),
    ),
    (
        "reply-media-type-removed",
        "error",
        "remove",
        "{subject} was removed",
        "The {kind} no longer accepts replies in one of its media types.",
        "Clients replying in that format are refused.",
        ("content: {application/json, text/plain}", "content: {application/json}"),
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
        for change, level, action, message, what, why, example in _RULES:
            direction = _direction(change)
            define(
                f"{prefix}-{change}",
                level,
                direction=direction,
                area="webhooks",
                action=action,
                family="hooks",
                message=message.replace("{kind}", prefix),
                what=what.format(kind=prefix),
                why=why,
                example=example,
                no_mirror=_NO_MIRROR if direction == "request" else None,
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
