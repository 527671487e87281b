"""The responses family: status codes and media types of responses.

Success (2xx) statuses are a contract clients code against; error statuses are advisory,
since any call can fail in ways the document never listed. Response schemas go through the
schema family in the ``response-body`` context; headers through the headers family.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.diff.operations import declares_schema, media_essence
from versioning.findings import Subject
from versioning.rules.contexts import Scope, is_json
from versioning.rules.define import define
from versioning.rules.headers import check_headers

if TYPE_CHECKING:
    from versioning.diff.model import MediaTypeDiff, OperationDiff, ResponseDiff, SpecDiff
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.rules.schema_walk import SchemaWalker

__all__ = ["RULES", "check_responses", "is_success"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


def is_success(status: str) -> bool:
    """``2xx`` codes and the ``2XX`` range."""
    return status.upper().startswith("2")


def _rule(rule_id: str, level: Any, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="response",
            area=parts.pop("area", "responses"),
            family="responses",
            **parts,
        )
    )


_rule(
    "response-success-status-removed",
    "error",
    action="remove",
    message="success status {status} was removed",
    what="A 2xx status an operation returned is no longer declared.",
    why="Clients check for that status and treat anything else as a failure.",
    example=("responses: {200, 404}", "responses: {201, 404}"),
)
_rule(
    "response-success-status-added",
    "info",
    action="add",
    message="success status {status} was added",
    what="A new 2xx status was declared.",
    why="It does not by itself: the operation only documents one more outcome.",
    example=("responses: {200}", "responses: {200, 202}"),
)
_rule(
    "response-non-success-status-removed",
    "info",
    action="remove",
    message="non-success status {status} was removed",
    what="An error status is no longer declared.",
    why="It does not: clients must handle undeclared errors anyway.",
    example=("responses: {200, 409}", "responses: {200}"),
)
_rule(
    "response-non-success-status-added",
    "info",
    action="add",
    message="non-success status {status} was added",
    what="A new error status was declared.",
    why="It does not: any call can fail; the document now says how.",
    example=("responses: {200}", "responses: {200, 409}"),
)
_rule(
    "response-media-type-added",
    "info",
    action="add",
    message="{status} response media type {name} was added",
    mirror="request-body-media-type-removed",
    what="A response may come in a new media type.",
    why="It does not: servers answer in a media type the client accepts (Accept header).",
    example=("content: {application/json}", "content: {application/json, text/csv}"),
)
_rule(
    "response-media-type-removed",
    "error",
    action="remove",
    message="{status} response media type {name} was removed",
    mirror="request-body-media-type-added",
    what="A response media type is no longer offered.",
    why="Clients asking for it (or parsing it) get something else or 406 Not Acceptable.",
    example=("content: {application/json, text/csv}", "content: {application/json}"),
)
_rule(
    "response-media-type-name-generalized",
    "error",
    action="generalize",
    kind="type",
    message="{status} response media type {before} became the range {after}",
    what="A response media type was replaced by a range that covers it.",
    why="Clients can no longer know which format to parse.",
    example=("content: {application/json}", "content: {application/*}"),
)
_rule(
    "response-media-type-name-specialized",
    "info",
    action="specialize",
    kind="type",
    message="{status} response media range {before} became {after}",
    what="A response media range was replaced by one media type it covers.",
    why="It does not: the response is one of the formats allowed before.",
    example=("content: {application/*}", "content: {application/json}"),
)
_rule(
    "response-media-type-name-changed",
    "info",
    action="change",
    kind="type",
    message="{status} response media type {before} became {after}",
    mirror="request-body-media-type-name-changed",
    what="A response media type kept its type but changed its parameters (`charset`,"
    " `version`, `profile` …).",
    why="It does not by itself: the body is parsed the same way; a client that matched the"
    " whole header value should review it.",
    example=("content: {application/json; charset=utf-8}", "content: {application/json}"),
)
_rule(
    "response-body-media-type-schema-added",
    "info",
    action="add",
    message="{status} response media type {name} now has a schema",
    mirror="request-body-media-type-schema-removed",
    what="A response media type that promised nothing now declares a schema.",
    why="It does not: the response only gets more precisely described.",
    example=("application/json: {}", "application/json: {schema: {type: object}}"),
)
_rule(
    "response-body-media-type-schema-removed",
    "warning",
    action="remove",
    message="{status} response media type {name} no longer has a schema",
    mirror="request-body-media-type-schema-added",
    what="A response media type's schema was removed.",
    why="Only a warning: nothing is promised about the body any more, which a client that"
    " relied on the schema should review.",
    example=("application/json: {schema: {type: object}}", "application/json: {}"),
)


def _kind(status: str) -> str:
    return "success" if is_success(status) else "non-success"


def _about(status: str) -> Subject:
    return Subject(direction="response", place="status", status=status)


def _status(operation: OperationDiff, response: ResponseDiff, emitter: Emitter) -> bool:
    """Statuses added or removed; ``True`` when both sides have a response to compare.

    An exact code matched with the other side's range (``200`` with ``2XX``) is compared,
    but the exact code itself was still removed (or added).
    """
    old, new = response.base, response.revision
    if old is None or new is None:
        if old is not None:
            emitter.emit(
                f"response-{_kind(old.status)}-status-removed",
                operation=operation.key,
                base=old.pointer,
                status=old.status,
                subject=_about(old.status),
            )
        elif new is not None:
            emitter.emit(
                f"response-{_kind(new.status)}-status-added",
                operation=operation.key,
                revision=new.pointer,
                status=new.status,
                subject=_about(new.status),
            )
        return False
    if old.status != new.status and old.status[1:].isdigit():
        emitter.emit(
            f"response-{_kind(old.status)}-status-removed",
            operation=operation.key,
            base=old.pointer,
            revision=new.pointer,
            status=f"{old.status} (now only the range {new.status})",
            subject=_about(old.status),
        )
    elif old.status != new.status:
        emitter.emit(
            f"response-{_kind(new.status)}-status-added",
            operation=operation.key,
            base=old.pointer,
            revision=new.pointer,
            status=new.status,
            subject=_about(new.status),
        )
    return True


def _media(
    operation: OperationDiff,
    status: str,
    media: MediaTypeDiff,
    emitter: Emitter,
    walker: SchemaWalker,
) -> None:
    old, new = media.base, media.revision
    place: dict[str, Any] = {
        "operation": operation.key,
        "status": status,
        "name": media.media_type,
        "subject": Subject(
            direction="response", place="media-type", status=status, name=media.media_type
        ),
        "base": old.pointer if old else None,
        "revision": new.pointer if new else None,
    }
    if old is None:
        emitter.emit("response-media-type-added", **place)
        return
    if new is None:
        emitter.emit("response-media-type-removed", **place)
        return
    if old.media_type != new.media_type:
        if media_essence(old.media_type) == media_essence(new.media_type):
            change = "changed"
        else:
            change = "generalized" if new.media_type.endswith("/*") else "specialized"
        emitter.emit(
            f"response-media-type-name-{change}",
            before=old.media_type,
            after=new.media_type,
            **place,
        )
    if not declares_schema(old) and declares_schema(new):
        emitter.emit("response-body-media-type-schema-added", **place)
    elif declares_schema(old) and not declares_schema(new):
        emitter.emit("response-body-media-type-schema-removed", **place)
    else:
        scope = Scope(
            operation=operation.key,
            root="response-body",
            nested="response-property",
            about=Subject(direction="response", place="body", status=status),
            text=not is_json(media.media_type),
        )
        walker.walk(media.schema, scope)


def check_responses(diff: SpecDiff, emitter: Emitter, walker: SchemaWalker) -> None:
    """Responses of every operation present in both documents."""
    for operation in diff.operations:
        if operation.base is None or operation.revision is None:
            continue
        for response in operation.responses:
            if not _status(operation, response, emitter):
                continue
            for media in response.media_types:
                _media(operation, response.status, media, emitter, walker)
            check_headers(operation, response, emitter, walker)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
