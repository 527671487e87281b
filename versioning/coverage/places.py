"""Where a finding is: the component schemas and property paths it is about.

Two sources: the finding's JSON pointers (``/components/schemas/Address/properties/zipcode``)
and the body property its subject names (status ``201``, path ``refunds[].amount``), walked
through the operation's body schema to every component it passes. The subject is data the
rules attach (:class:`versioning.findings.Subject`); the message text is never read, so
rewording a rule cannot change the gate.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.messages.media import pick_media_type
from versioning.spec.location import pointer_tokens
from versioning.translate.schemas import component_name, response_for_status
from versioning.translate.webhooks import webhook_payload_schema

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.spec.model import RequestBody, Response, Spec

__all__ = [
    "BodyPath",
    "Place",
    "body_path",
    "body_schemas",
    "components_on_path",
    "path_segments",
    "pointer_places",
]


class Place(msgspec.Struct, frozen=True, kw_only=True):
    """Where a finding is: a component schema and the property path inside it, if any."""

    side: str
    schema: str | None
    properties: tuple[str, ...]
    tokens: tuple[str, ...]


_SKIPPED = frozenset({"items", "additionalProperties", "allOf", "anyOf", "oneOf", "prefixItems"})


def _pointer_place(side: str, pointer: str | None) -> Place | None:
    """The component and property path a pointer is in (``None`` for a malformed pointer)."""
    if pointer is None:
        return None
    try:
        tokens = tuple(pointer_tokens(pointer.removeprefix("#")))
    except ValueError:
        return None
    schema = None
    properties: list[str] = []
    if len(tokens) >= 3 and tokens[:2] == ("components", "schemas"):
        schema = tokens[2]
        rest = tokens[3:]
        index = 0
        while index < len(rest):
            if rest[index] == "properties" and index + 1 < len(rest):
                properties.append(rest[index + 1])
                index += 2
            elif rest[index] in _SKIPPED or rest[index].isdigit():
                index += 1
            else:
                break
    return Place(side=side, schema=schema, properties=tuple(properties), tokens=tokens)


def pointer_places(finding: Finding) -> list[Place]:
    """The places of the finding's base (``older``) and revision (``newer``) pointers."""
    places = [
        _pointer_place("older", finding.base.pointer if finding.base else None),
        _pointer_place("newer", finding.revision.pointer if finding.revision else None),
    ]
    return [place for place in places if place is not None]


_BRANCH = re.compile(r"\([^)]*\)")
_MAX_WALK = 32


def path_segments(path: str) -> tuple[str, ...]:
    """``refunds[].amount`` → ``("refunds", "[]", "amount")``; branch labels are dropped."""
    segments: list[str] = []
    for piece in _BRANCH.sub("", path).split("."):
        name = piece
        arrays = 0
        while name.endswith("[]"):
            name, arrays = name[:-2], arrays + 1
        if name:
            segments.append(name)
        segments.extend(["[]"] * arrays)
    return tuple(segments)


class BodyPath(msgspec.Struct, frozen=True, kw_only=True):
    """A property inside an operation's body (or a webhook's payload) and its path."""

    direction: str
    status: str | None
    segments: tuple[str, ...]
    webhook: str | None = None
    """The webhook whose payload holds it (``None``: the operation's own body)."""


def body_path(finding: Finding) -> BodyPath | None:
    """The body property the finding's subject names, if it names one.

    Only properties inside an operation's request or response body, or a webhook's payload:
    a finding about the body itself is placed by its pointers; callbacks and the replies to
    a webhook are translated by no step.
    """
    subject = finding.subject
    if subject is None or subject.place != "body" or not subject.nested or subject.path is None:
        return None
    hook = subject.webhook
    if hook is not None and (subject.direction != "response" or hook.startswith("callback:")):
        return None
    return BodyPath(
        direction=subject.direction,
        status=subject.status,
        segments=path_segments(subject.path),
        webhook=hook,
    )


def body_schemas(spec: Spec, key: str | None, subject: BodyPath) -> list[Any]:
    """The body schemas of operation ``key`` the subject can be in, as translation picks them.

    A response subject without a status could be in any response of the operation; a
    webhook's payload is the schema the version declares for it, whatever ``key`` is.
    """
    if subject.webhook is not None:
        payload = webhook_payload_schema(spec, subject.webhook)
        return [] if payload is None else [payload]
    if key is None:
        return []
    method, _, path = key.partition(" ")
    operation = spec.operation(method, path)
    if operation is None:
        return []
    bodies: list[RequestBody | Response | None]
    if subject.direction == "request":
        bodies = [operation.request_body]
    elif subject.status is not None:
        bodies = [response_for_status(operation, subject.status)]
    else:
        bodies = list(operation.responses.values())
    schemas = []
    for body in bodies:
        content = body.content if body is not None else {}
        media = pick_media_type(content, None)
        if media is not None:
            schemas.append(content[media].schema)
    return schemas


def components_on_path(
    spec: Spec,
    schema: Any,
    remaining: tuple[str, ...],
    found: list[tuple[str, tuple[str, ...]]],
    depth: int = 0,
) -> None:
    """Every component schema the property path passes through, with the rest of the path."""
    if not isinstance(schema, dict) or depth > _MAX_WALK:
        return
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = component_name(ref)
        if name is not None:
            found.append((name, remaining))
        with contextlib.suppress(LookupError):
            components_on_path(spec, spec.resolve(ref), remaining, found, depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) or ():
            components_on_path(spec, branch, remaining, found, depth + 1)
    if not remaining:
        return
    head, rest = remaining[0], remaining[1:]
    if head == "[]":
        components_on_path(spec, schema.get("items"), rest, found, depth + 1)
    elif head == "*":
        components_on_path(spec, schema.get("additionalProperties"), rest, found, depth + 1)
    else:
        properties = schema.get("properties")
        if isinstance(properties, dict) and head in properties:
            components_on_path(spec, properties[head], rest, found, depth + 1)
