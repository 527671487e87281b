"""The request-bodies family: a body added, removed, made required; its media types.

The body's schemas go through the schema family in the ``request-body`` context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.diff.operations import declares_schema, media_essence
from versioning.findings import Subject
from versioning.rules.contexts import Scope, is_json
from versioning.rules.define import define

if TYPE_CHECKING:
    from versioning.diff.model import OperationDiff, RequestBodyDiff, SpecDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["RULES", "check_request_bodies"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

_NO_BODY_MIRROR = (
    "whether a response has a body is decided per status code; the response rules report"
    " media types and statuses instead"
)


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="request",
            area="requestBody",
            family="request-bodies",
            **parts,
        )
    )


_rule(
    "request-body-added-required",
    "error",
    action="add",
    message="a required request body was added",
    no_mirror=_NO_BODY_MIRROR,
    what="An operation without a request body now requires one.",
    why="Clients send no body and are refused.",
    example=("POST /x: {}", "POST /x: {requestBody: {required: true}}"),
)
_rule(
    "request-body-added-optional",
    "info",
    action="add",
    message="an optional request body was added",
    no_mirror=_NO_BODY_MIRROR,
    what="An operation without a request body now accepts an optional one.",
    why="It does not: clients may keep sending none.",
    example=("POST /x: {}", "POST /x: {requestBody: {required: false}}"),
)
_rule(
    "request-body-removed",
    "error",
    action="remove",
    message="the request body was removed",
    no_mirror=_NO_BODY_MIRROR,
    what="An operation no longer declares a request body.",
    why="Clients keep sending one, which the server now ignores or refuses.",
    example=("POST /x: {requestBody: ...}", "POST /x: {}"),
)
_rule(
    "request-body-became-required",
    "error",
    action="change",
    kind="requiredness",
    message="the request body became required",
    no_mirror=_NO_BODY_MIRROR,
    what="An optional request body became required.",
    why="Clients that send no body, as they were allowed to, are refused.",
    example=("requestBody: {required: false}", "requestBody: {required: true}"),
)
_rule(
    "request-body-became-optional",
    "info",
    action="change",
    kind="requiredness",
    message="the request body became optional",
    no_mirror=_NO_BODY_MIRROR,
    what="A required request body became optional.",
    why="It does not: clients may keep sending one.",
    example=("requestBody: {required: true}", "requestBody: {required: false}"),
)
_rule(
    "request-body-media-type-added",
    "info",
    action="add",
    message="request body media type {name} was added",
    mirror="response-media-type-removed",
    what="The request body accepts a new media type.",
    why="It does not: clients keep sending the ones they use.",
    example=("content: {application/json}", "content: {application/json, text/csv}"),
)
_rule(
    "request-body-media-type-removed",
    "error",
    action="remove",
    message="request body media type {name} was removed",
    mirror="response-media-type-added",
    what="The request body no longer accepts a media type.",
    why="Clients sending that media type get 415 Unsupported Media Type.",
    example=("content: {application/json, text/csv}", "content: {application/json}"),
)
_rule(
    "request-body-media-type-name-changed",
    "info",
    action="change",
    kind="type",
    message="request body media type {before} became {after}",
    mirror="response-media-type-name-changed",
    what="A request media type kept its type but changed its parameters (`charset`,"
    " `version`, `profile` …).",
    why="It does not by itself: the body is read the same way; review whether the server"
    " still accepts the parameters clients send.",
    example=("content: {application/json; charset=utf-8}", "content: {application/json}"),
)
_rule(
    "request-body-media-type-schema-added",
    "error",
    action="add",
    message="request body media type {name} now has a schema",
    mirror="response-body-media-type-schema-removed",
    what="A request media type that accepted anything now declares a schema.",
    why="Requests that do not match the new schema are refused.",
    example=("application/json: {}", "application/json: {schema: {type: object}}"),
)
_rule(
    "request-body-media-type-schema-removed",
    "info",
    action="remove",
    message="request body media type {name} no longer has a schema",
    mirror="response-body-media-type-schema-added",
    what="A request media type's schema was removed: any body is accepted.",
    why="It does not: every request valid before stays valid.",
    example=("application/json: {schema: {type: object}}", "application/json: {}"),
)


def _body_presence(operation: OperationDiff, body: RequestBodyDiff, emitter: Emitter) -> bool:
    """Body added, removed or re-required; ``False`` when one side has no body at all."""
    old, new = body.base, body.revision
    about = Subject(direction="request", place="body")
    if old is None and new is not None:
        rule = "request-body-added-required" if new.required else "request-body-added-optional"
        emitter.emit(rule, operation=operation.key, revision=new.pointer, subject=about)
        return False
    if new is None and old is not None:
        emitter.emit(
            "request-body-removed", operation=operation.key, base=old.pointer, subject=about
        )
        return False
    if old is not None and new is not None and old.required != new.required:
        change = "became-required" if new.required else "became-optional"
        emitter.emit(
            f"request-body-{change}",
            operation=operation.key,
            base=old.pointer,
            revision=new.pointer,
            subject=about,
        )
    return True


def check_request_bodies(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Request bodies of every operation present in both documents."""
    for operation in diff.operations:
        body = operation.request_body
        if operation.base is None or operation.revision is None or body is None:
            continue
        if not _body_presence(operation, body, emitter):
            continue
        for media in body.media_types:
            old, new = media.base, media.revision
            place: dict[str, Any] = {
                "operation": operation.key,
                "name": media.media_type,
                "subject": Subject(direction="request", place="media-type", name=media.media_type),
                "base": old.pointer if old else None,
                "revision": new.pointer if new else None,
            }
            if old is None:
                emitter.emit("request-body-media-type-added", **place)
                continue
            if new is None:
                emitter.emit("request-body-media-type-removed", **place)
                continue
            renamed = old.media_type != new.media_type
            if renamed and media_essence(old.media_type) == media_essence(new.media_type):
                emitter.emit(
                    "request-body-media-type-name-changed",
                    before=old.media_type,
                    after=new.media_type,
                    **place,
                )
            if not declares_schema(old) and declares_schema(new):
                emitter.emit("request-body-media-type-schema-added", **place)
            elif declares_schema(old) and not declares_schema(new):
                emitter.emit("request-body-media-type-schema-removed", **place)
            else:
                walker.walk(
                    media.schema,
                    Scope(
                        operation=operation.key,
                        root="request-body",
                        nested="request-property",
                        about=Subject(direction="request", place="body"),
                        text=not is_json(media.media_type),
                    ),
                )


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
