"""Witnesses of a webhook payload finding, and how the older version judges them.

A webhook's payload is a message the API sends, so a finding about it is proved as a
response finding is: payloads of the newer version (its ``POST webhook:<name>`` examples,
else a full sample of the payload schema), as is and with each value the finding is about
put at its place, are downgraded by :func:`versioning.translate.webhooks.downgrade_webhook_payload`
(what the mock server sends) and must come out strictly valid as the older version's
payload of the same webhook. Payloads are judged as what the API sends (``readOnly``
members may be required, ``writeOnly`` ones not), like response bodies.

Only payload bodies are translated: a webhook's parameters, its payload's media types and
the replies clients send back are not, so findings about them get no witness.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.coverage.bases import MOST_BASES
from versioning.coverage.embed import embed
from versioning.coverage.locate import schemas_at
from versioning.coverage.places import path_segments
from versioning.coverage.values import candidate_values
from versioning.messages.media import pick_media_type
from versioning.messages.problems import Problem
from versioning.samples import sample_value
from versioning.translate.messages import ApiRequest
from versioning.translate.webhooks import (
    webhook_key,
    webhook_operation,
    webhook_payload_schema,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.findings import Finding, Subject
    from versioning.messages.validator import MessageValidator
    from versioning.translate.hop import Hop

__all__ = ["payload_message", "payload_problems", "untranslated_reason", "webhook_payloads"]

_JSON = "application/json"


def untranslated_reason(subject: Subject) -> str | None:
    """Why a finding about a webhook gets no witness (``None``: a payload body, it does)."""
    hook = subject.webhook or ""
    if hook.startswith("callback:"):
        return "callback payloads are not translated between versions"
    if subject.direction == "request":
        return "replies to webhooks are not translated between versions"
    if subject.place == "parameter":
        return "webhook parameters are not translated between versions"
    if subject.place != "body":
        return "webhook payloads are translated as JSON only; their media types are not"
    return None


def payload_message(name: str, payload: Any) -> ApiRequest:
    """A payload of webhook ``name`` as the message the API sends to an endpoint."""
    return ApiRequest(operation=webhook_key(name), headers={"content-type": _JSON}, body=payload)


def payload_problems(
    validator: MessageValidator, name: str, payload: Any, *, strict: bool = False
) -> list[Problem]:
    """Every way ``payload`` is not a payload of webhook ``name`` in the validator's version.

    ``strict`` also reports members the version does not declare.
    """
    schema = webhook_payload_schema(validator.spec, name)
    if schema is None:
        version = f"version {validator.spec.version}" if validator.spec.version else "this spec"
        return [
            Problem(
                part="operation",
                pointer="",
                message=f"{version} declares no payload for webhook {name}.",
            )
        ]
    return validator.value_problems(schema, payload, "response", strict=strict)


def _bases(validator: MessageValidator, name: str, schema: Any) -> tuple[list[Any], str | None]:
    operation = webhook_operation(validator.spec, name)
    body = operation.request_body if operation is not None else None
    media = pick_media_type(body.content, _JSON) if body is not None else None
    candidates = list(body.content[media].examples.values()) if body and media else []
    candidates.append(sample_value(schema, validator.spec, direction="response", optional_depth=3))
    kept: list[Any] = []
    problem: str | None = None
    for payload in candidates:
        problems = payload_problems(validator, name, payload)
        if problems:
            problem = str(problems[0])
            continue
        kept.append(payload)
        if len(kept) == MOST_BASES:
            break
    return kept, None if kept else problem


def _variants(
    subject: Subject,
    base: Any,
    *,
    schema: Any,
    older_schema: Any,
    validators: tuple[MessageValidator, MessageValidator],
) -> Iterator[tuple[str, Any]]:
    source, target = validators
    segments = path_segments(subject.path) if subject.path else ()
    where = subject.path or "the payload"
    for candidate in candidate_values(
        schemas_at(source.spec, schema, segments),
        schemas_at(target.spec, older_schema, segments) if older_schema is not None else [],
        source_spec=source.spec,
        target_spec=target.spec,
        direction="response",
        absent=bool(segments),
    ):
        payload = embed(
            base, segments, candidate.value, spec=source.spec, schema=schema, direction="response"
        )
        yield f"{where} = {candidate.label}", payload


def webhook_payloads(
    finding: Finding, hop: Hop, *, older: MessageValidator, newer: MessageValidator
) -> tuple[list[tuple[str, ApiRequest]], str | None]:
    """Labelled payload witnesses of a webhook finding (newer version), or why there are none."""
    subject = finding.subject
    assert subject is not None
    assert subject.webhook is not None
    reason = untranslated_reason(subject)
    if reason is not None:
        return [], reason
    name = subject.webhook
    schema = webhook_payload_schema(newer.spec, name)
    if schema is None:
        return [], f"{hop.newer_id} declares no payload for webhook {name}"
    bases, problem = _bases(newer, name, schema)
    if not bases:
        return [], f"no valid {hop.newer_id} payload of webhook {name} could be built: {problem}"
    older_schema = webhook_payload_schema(older.spec, name)
    found: list[tuple[str, ApiRequest]] = []
    for base in bases:
        found.append((f"a valid payload of webhook {name}", payload_message(name, base)))
        for label, payload in _variants(
            subject, base, schema=schema, older_schema=older_schema, validators=(newer, older)
        ):
            if payload != base and not payload_problems(newer, name, payload):
                found.append((label, payload_message(name, payload)))
    return found, None
