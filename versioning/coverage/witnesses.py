"""Witnesses of a breaking finding: messages of the source version that show the break.

For a request finding the source is the older version (what an older client sends), for a
response finding the newer one (what head answers, before it is downgraded); a webhook
payload finding's come from the newer version too (what the API sends), see
:mod:`versioning.coverage.webhooks`. Each witness is
a valid base message of an affected operation, as is or with one of the values the finding
is about (:mod:`versioning.coverage.values`) put at the finding's place. Witnesses the
source version itself refuses are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import msgspec

from versioning.coverage.bases import request_bases, response_bases
from versioning.coverage.embed import ABSENT, embed
from versioning.coverage.locate import schemas_at
from versioning.coverage.places import path_segments
from versioning.coverage.values import candidate_values
from versioning.coverage.webhooks import webhook_payloads
from versioning.messages.media import pick_media_type
from versioning.messages.parameters import encode_parameter, parameter_schema, scalar_text
from versioning.translate.messages import ApiRequest, ApiResponse
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.findings import Finding, Subject
    from versioning.messages.validator import MessageValidator
    from versioning.spec.model import Operation
    from versioning.translate.hop import Hop

__all__ = ["Witness", "WitnessSet", "finding_direction", "witnesses_for"]


class Witness(msgspec.Struct, frozen=True, kw_only=True):
    """One message that shows a finding, in the version it comes from.

    Attributes:
        label: What it carries, for people (``reason = 'fraudulent', an enum value of …``).
        direction: ``request`` (upgraded older → newer), ``response`` (downgraded) or
            ``webhook`` (a payload the API sends, downgraded).
        message: The request (older version), response (newer version) or, for a webhook,
            its payload as the body of a ``POST webhook:<name>`` request (newer version).
        older_operation: For responses, the operation the older client called.
        request: For responses, that client's request (converters may read it).
    """

    label: str
    direction: Literal["request", "response", "webhook"]
    message: ApiRequest | ApiResponse
    older_operation: str | None = None
    request: ApiRequest | None = None


class WitnessSet(msgspec.Struct, frozen=True, kw_only=True):
    """The witnesses of one finding, or why none could be built."""

    witnesses: tuple[Witness, ...]
    problem: str | None = None


def finding_direction(finding: Finding) -> Literal["request", "response"]:
    """Which way the finding's messages travel; operation-level findings are about requests."""
    if finding.subject is not None and finding.subject.direction == "response":
        return "response"
    if finding.subject is None:
        from versioning.rules.registry import get_rule

        try:
            if get_rule(finding.rule).direction == "response":
                return "response"
        except KeyError:
            return "response" if finding.rule.startswith("response-") else "request"
    return "request"


def _operation(validator: MessageValidator, key: str | None) -> Operation | None:
    if key is None:
        return None
    method, _, path = key.partition(" ")
    return validator.spec.operation(method, path)


def _older_keys(hop: Hop, key: str) -> list[str]:
    """The older operations whose clients the finding's operation serves."""
    older = [operation.key for operation in hop.older.operations]
    if key in older:
        return [key]
    return [
        candidate for candidate in older if (hop.operations.forward(candidate) or ("",))[0] == key
    ]


def _newer_key(hop: Hop, key: str) -> str | None:
    if hop.newer.operation(*key.split(" ", 1)) is not None:
        return key
    moved = hop.operations.forward(key)
    return moved[0] if moved is not None else None


def _where(subject: Subject | None) -> str:
    if subject is None:
        return ""
    if subject.place == "parameter":
        return f"{subject.location} parameter {subject.name}"
    if subject.place == "header":
        return f"response header {subject.name}"
    return subject.path or "the body"


def _body_schema(operation: Operation | None, content_type: str | None) -> Any:
    body = operation.request_body if operation is not None else None
    if body is None:
        return None
    chosen = pick_media_type(body.content, content_type)
    return body.content[chosen].schema if chosen is not None else None


def _with_parameter(
    request: ApiRequest, location: str, name: str, value: Any, parameter: Any
) -> ApiRequest:
    path = dict(request.path_params)
    query = {key: list(values) for key, values in request.query.items()}
    headers = dict(request.headers)
    if location == "query":
        query.pop(name, None)
    elif location == "header":
        headers.pop(name.lower(), None)
    elif location == "path":
        path.pop(name, None)
    if value is not ABSENT:
        pairs = (
            encode_parameter(parameter, value)
            if parameter is not None
            else [(name, scalar_text(value))]
        )
        for key, text in pairs:
            if location == "query":
                query.setdefault(key, []).append(text)
            elif location == "header":
                headers[key.lower()] = text
            elif location == "path":
                path[key] = text
            else:
                headers["cookie"] = f"{key}={text}"
    return msgspec.structs.replace(request, path_params=path, query=query, headers=headers)


def _request_variants(
    finding: Finding,
    base: ApiRequest,
    *,
    older: Operation,
    newer: Operation | None,
    validators: tuple[MessageValidator, MessageValidator],
) -> Iterator[tuple[str, ApiRequest]]:
    subject = finding.subject
    source, target = validators
    if subject is None or subject.webhook is not None:
        return
    where = _where(subject)
    if subject.place == "body":
        segments = path_segments(subject.path) if subject.path else ()
        schema = _body_schema(older, base.headers.get("content-type"))
        if schema is None:
            return
        newer_schema = _body_schema(newer, base.headers.get("content-type"))
        for candidate in candidate_values(
            schemas_at(source.spec, schema, segments),
            schemas_at(target.spec, newer_schema, segments) if newer_schema else [],
            source_spec=source.spec,
            target_spec=target.spec,
            direction="request",
            absent=bool(segments),
        ):
            body = embed(
                base.body,
                segments,
                candidate.value,
                spec=source.spec,
                schema=schema,
                direction="request",
            )
            yield f"{where} = {candidate.label}", msgspec.structs.replace(base, body=body)
    elif subject.place == "parameter" and subject.name and subject.location:
        location = subject.location
        parameter = older.parameter(subject.name, location)  # type: ignore[arg-type]
        moved = newer.parameter(subject.name, location) if newer is not None else None  # type: ignore[arg-type]
        for candidate in candidate_values(
            [parameter_schema(parameter)] if parameter is not None else [],
            [parameter_schema(moved)] if moved is not None else [],
            source_spec=source.spec,
            target_spec=target.spec,
            direction="request",
        ):
            yield (
                f"{where} = {candidate.label}",
                _with_parameter(base, location, subject.name, candidate.value, parameter),
            )


def _request_witnesses(
    finding: Finding, hop: Hop, older: MessageValidator, newer: MessageValidator
) -> WitnessSet:
    if finding.operation is None:
        return WitnessSet(witnesses=(), problem="the finding names no operation")
    keys = _older_keys(hop, finding.operation)
    if not keys:
        return WitnessSet(
            witnesses=(), problem=f"{hop.older_id} has no operation {finding.operation}"
        )
    witnesses: list[Witness] = []
    problem: str | None = None
    for key in keys:
        operation = _operation(older, key)
        assert operation is not None
        bases = request_bases(operation, older)
        if not bases.messages:
            problem = f"no valid {hop.older_id} request of {key} could be built: {bases.problem}"
            continue
        newer_operation = _operation(newer, _newer_key(hop, key))
        for base in bases.messages:
            witnesses.append(
                Witness(label=f"a valid {key} request", direction="request", message=base)
            )
            for label, message in _request_variants(
                finding, base, older=operation, newer=newer_operation, validators=(older, newer)
            ):
                if message != base and not older.request_problems(message):
                    witnesses.append(Witness(label=label, direction="request", message=message))
    return WitnessSet(witnesses=_unique(witnesses), problem=None if witnesses else problem)


def _response_variants(
    finding: Finding,
    base: ApiResponse,
    *,
    newer: Operation,
    older: Operation,
    validators: tuple[MessageValidator, MessageValidator],
    status: str,
) -> Iterator[tuple[str, ApiResponse]]:
    subject = finding.subject
    source, target = validators
    if subject is None or subject.webhook is not None:
        return
    where = _where(subject)
    declared = newer.responses[status]
    older_declared = response_for_status(older, base.status)
    if subject.place == "body":
        segments = path_segments(subject.path) if subject.path else ()
        chosen = pick_media_type(declared.content, base.headers.get("content-type"))
        if chosen is None:
            return
        schema = declared.content[chosen].schema
        older_chosen = pick_media_type(older_declared.content, chosen) if older_declared else None
        older_schema = older_declared.content[older_chosen].schema if older_chosen else None
        for candidate in candidate_values(
            schemas_at(source.spec, schema, segments),
            schemas_at(target.spec, older_schema, segments) if older_schema else [],
            source_spec=source.spec,
            target_spec=target.spec,
            direction="response",
            absent=bool(segments),
        ):
            body = embed(
                base.body,
                segments,
                candidate.value,
                spec=source.spec,
                schema=schema,
                direction="response",
            )
            yield f"{where} = {candidate.label}", msgspec.structs.replace(base, body=body)
    elif subject.place == "header" and subject.name:
        header = next(
            (h for n, h in declared.headers.items() if n.lower() == subject.name.lower()), None
        )
        older_header = None
        if older_declared is not None:
            older_header = next(
                (h for n, h in older_declared.headers.items() if n.lower() == subject.name.lower()),
                None,
            )
        for candidate in candidate_values(
            [header.schema] if header is not None and header.schema is not None else [],
            [older_header.schema] if older_header is not None and older_header.schema else [],
            source_spec=source.spec,
            target_spec=target.spec,
            direction="response",
        ):
            headers = {k: v for k, v in base.headers.items() if k != subject.name.lower()}
            if candidate.value is not ABSENT:
                headers[subject.name.lower()] = scalar_text(candidate.value)
            yield f"{where} = {candidate.label}", msgspec.structs.replace(base, headers=headers)


def _response_witnesses(
    finding: Finding, hop: Hop, older: MessageValidator, newer: MessageValidator
) -> WitnessSet:
    if finding.operation is None:
        return WitnessSet(witnesses=(), problem="the finding names no operation")
    newer_key = _newer_key(hop, finding.operation)
    newer_operation = _operation(newer, newer_key)
    if newer_operation is None or newer_key is None:
        return WitnessSet(
            witnesses=(), problem=f"{hop.newer_id} has no operation {finding.operation}"
        )
    clients = [key for key in _older_keys(hop, newer_key) if _operation(older, key) is not None]
    if not clients:
        return WitnessSet(
            witnesses=(), problem=f"no operation of {hop.older_id} becomes {newer_key}"
        )
    subject = finding.subject
    statuses = (
        [subject.status]
        if subject is not None and subject.status in newer_operation.responses
        else list(newer_operation.responses)
    )
    witnesses: list[Witness] = []
    problem: str | None = None
    for status in statuses:
        declared = newer_operation.responses[status]
        media_types: list[str | None] = [None]
        if subject is not None and subject.place == "media-type":
            media_types = list(declared.content) or [None]
        for media_type in media_types:
            bases = response_bases(newer_operation, status, newer, media_type=media_type)
            if not bases.messages:
                problem = (
                    f"no valid {hop.newer_id} {status} response of {newer_key}"
                    f" could be built: {bases.problem}"
                )
                continue
            for client in clients:
                older_operation = _operation(older, client)
                assert older_operation is not None
                requests = request_bases(older_operation, older).messages
                request = requests[0] if requests else ApiRequest(operation=client)
                for base in bases.messages:
                    witnesses.append(
                        Witness(
                            label=f"a valid {status} response of {newer_key}",
                            direction="response",
                            message=base,
                            older_operation=client,
                            request=request,
                        )
                    )
                    for label, message in _response_variants(
                        finding,
                        base,
                        newer=newer_operation,
                        older=older_operation,
                        validators=(newer, older),
                        status=status,
                    ):
                        if message != base and not newer.response_problems(
                            message, newer_operation
                        ):
                            witnesses.append(
                                Witness(
                                    label=label,
                                    direction="response",
                                    message=message,
                                    older_operation=client,
                                    request=request,
                                )
                            )
    return WitnessSet(witnesses=_unique(witnesses), problem=None if witnesses else problem)


def _unique(witnesses: list[Witness]) -> tuple[Witness, ...]:
    seen: list[Witness] = []
    for witness in witnesses:
        if not any(
            w.message == witness.message and w.older_operation == witness.older_operation
            for w in seen
        ):
            seen.append(witness)
    return tuple(seen)


def witnesses_for(
    finding: Finding, *, hop: Hop, older: MessageValidator, newer: MessageValidator
) -> WitnessSet:
    """The witnesses of ``finding`` for the hop ``older`` → ``newer``."""
    subject = finding.subject
    if subject is not None and subject.webhook is not None:
        payloads, problem = webhook_payloads(finding, hop, older=older, newer=newer)
        witnesses = [
            Witness(label=label, direction="webhook", message=message)
            for label, message in payloads
        ]
        return WitnessSet(witnesses=_unique(witnesses), problem=problem)
    if finding_direction(finding) == "response":
        return _response_witnesses(finding, hop, older, newer)
    return _request_witnesses(finding, hop, older, newer)
