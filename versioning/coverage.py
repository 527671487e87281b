"""The coverage gate: is each breaking change between two versions covered by a declared step?

:func:`classify` marks every breaking finding of ``compare(older, newer)`` as ``covered``
(``covered_by`` names the step: ``file:line kind target``), ``acknowledged`` (``covered_by``
is the reason) or ``uncovered``; :func:`suggest_step` drafts the ``changes.yaml`` entry an
uncovered finding needs. A step covers a finding when the finding's place (its pointers in
either document, its operation, the parameter it names) falls inside what the step
translates: a schema-addressed step covers its fields in ``components/schemas`` of both
versions (the older one under its older name), an error format step covers the error
responses, a move covers the removal of the operation it moved, a parameter step covers that
parameter of the operations it applies to.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.changes.steps import (
    Acknowledged,
    EnumMapped,
    ErrorBodyConverted,
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    OperationMoved,
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    RequestConverted,
    SchemaRenamed,
    StatusMapped,
    ValueConverted,
)
from versioning.spec.location import pointer_tokens
from versioning.translate.hop import pick_media_type
from versioning.translate.schemas import component_name, response_for_status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from versioning.changes.model import ChangeSet, LocatedStep
    from versioning.findings import Finding
    from versioning.spec.model import RequestBody, Response, Spec

__all__ = ["classify", "is_breaking", "suggest_step"]


def is_breaking(finding: Finding) -> bool:
    """The default notion of breaking: an ``error``-level finding that is not ignored."""
    return finding.level == "error" and finding.ignored is None


class _Place(msgspec.Struct, frozen=True, kw_only=True):
    """Where a finding is: a component schema and the property path inside it, if any."""

    side: str
    schema: str | None
    properties: tuple[str, ...]
    tokens: tuple[str, ...]


_SKIPPED = frozenset({"items", "additionalProperties", "allOf", "anyOf", "oneOf", "prefixItems"})


def _place(side: str, pointer: str | None) -> _Place | None:
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
    return _Place(side=side, schema=schema, properties=tuple(properties), tokens=tokens)


def _places(finding: Finding) -> list[_Place]:
    places = [
        _place("older", finding.base.pointer if finding.base else None),
        _place("newer", finding.revision.pointer if finding.revision else None),
    ]
    return [place for place in places if place is not None]


# How the checker's messages name a property inside a body: ``request property 'a.b'`` or
# ``201 response property 'a.b'``; a status is a code, a range (``4XX``) or ``default``.
_PROPERTY = re.compile(
    r"(?:(?P<status>[1-5](?:[0-9]{2}|XX|xx)|default) )?"
    r"(?P<direction>request|response) property '(?P<path>[^']*)'"
)
_BRANCH = re.compile(r"\([^)]*\)")
_MAX_WALK = 32


def _path_segments(path: str) -> tuple[str, ...]:
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


class _Subject(msgspec.Struct, frozen=True, kw_only=True):
    """The body property a finding's message names: direction, status (responses) and path."""

    direction: str
    status: str | None
    segments: tuple[str, ...]


def _subject(message: str) -> _Subject | None:
    """``"201 response property 'refunds[].amount' ..."`` → response, 201, its segments."""
    match = _PROPERTY.search(message)
    if match is None:
        return None
    return _Subject(
        direction=match["direction"],
        status=match["status"],
        segments=_path_segments(match["path"]),
    )


def _body_schemas(spec: Spec, key: str | None, subject: _Subject) -> list[Any]:
    """The body schemas of operation ``key`` the subject can be in, as translation picks them.

    A response subject without a status could be in any response of the operation.
    """
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


def _components_on_path(
    spec: Spec, schema: Any, remaining: tuple[str, ...], found: list[tuple[str, tuple[str, ...]]],
    depth: int = 0,
) -> None:  # fmt: skip
    """Every component schema the property path passes through, with the rest of the path."""
    if not isinstance(schema, dict) or depth > _MAX_WALK:
        return
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = component_name(ref)
        if name is not None:
            found.append((name, remaining))
        with contextlib.suppress(LookupError):
            _components_on_path(spec, spec.resolve(ref), remaining, found, depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) or ():
            _components_on_path(spec, branch, remaining, found, depth + 1)
    if not remaining:
        return
    head, rest = remaining[0], remaining[1:]
    if head == "[]":
        _components_on_path(spec, schema.get("items"), rest, found, depth + 1)
    elif head == "*":
        _components_on_path(spec, schema.get("additionalProperties"), rest, found, depth + 1)
    else:
        properties = schema.get("properties")
        if isinstance(properties, dict) and head in properties:
            _components_on_path(spec, properties[head], rest, found, depth + 1)


def _mentions(finding: Finding, name: str) -> bool:
    text = finding.message.lower()
    return f"'{name.lower()}'" in text or f"`{name.lower()}`" in text or f" {name.lower()}" in text


class _Matcher:
    """Decides, for one change set, which step covers a finding."""

    def __init__(self, changes: ChangeSet, older: Spec, newer: Spec) -> None:
        self.changes = changes
        self.older = older
        self.newer = newer
        self.renames = {
            located.step.to: located.step.from_
            for located in changes.steps()
            if isinstance(located.step, SchemaRenamed)
        }
        self._older_keys = {operation.key for operation in older.operations}
        self._newer_keys = {operation.key for operation in newer.operations}
        self._moves = {
            located.step.from_: located.step.to
            for located in changes.steps()
            if isinstance(located.step, OperationMoved)
        }
        self._places: dict[int, list[_Place]] = {}

    def _message_places(self, finding: Finding) -> list[_Place]:
        """Places the finding's message names, through the operation's body schema.

        ``request property 'billing_address.zipcode'`` passes through the body's component,
        then ``Address`` with ``zipcode`` left.
        """
        subject = _subject(finding.message)
        if subject is None or finding.operation is None:
            return []
        places: list[_Place] = []
        keys = {
            "older": self._older_key(finding.operation),
            "newer": self._newer_key(finding.operation),
        }
        for side, spec in (("older", self.older), ("newer", self.newer)):
            found: list[tuple[str, tuple[str, ...]]] = []
            for schema in _body_schemas(spec, keys[side], subject):
                _components_on_path(spec, schema, subject.segments, found)
            places.extend(
                _Place(side=side, schema=name, properties=rest, tokens=()) for name, rest in found
            )
        return places

    def _older_key(self, key: str) -> str | None:
        if key in self._older_keys:
            return key
        return next((old for old, new in self._moves.items() if new == key), None)

    def _newer_key(self, key: str) -> str | None:
        if key in self._newer_keys:
            return key
        return self._moves.get(key)

    def places(self, finding: Finding) -> list[_Place]:
        """Where the finding is: its pointers, then the property path its message names."""
        cached = self._places.get(id(finding))
        if cached is None:
            cached = _places(finding) + self._message_places(finding)
            self._places[id(finding)] = cached
        return cached

    def _schema_names(self, newer_name: str) -> dict[str, str]:
        return {"newer": newer_name, "older": self.renames.get(newer_name, newer_name)}

    def _operation_keys(self, keys: Iterable[str] | None) -> set[str] | None:
        """The older keys a step is limited to, plus what they become in the newer version."""
        if keys is None:
            return None
        older = set(keys)
        return older | {self._moves.get(key, key) for key in older}

    def _in_operations(self, finding: Finding, keys: Iterable[str] | None) -> bool:
        allowed = self._operation_keys(keys)
        return allowed is None or finding.operation is None or finding.operation in allowed

    def _covers_schema(
        self, finding: Finding, schema: str, fields: tuple[str, ...], whole: bool
    ) -> bool:
        names = self._schema_names(schema)
        paths = [tuple(field.split(".")) for field in fields]
        for place in self.places(finding):
            if place.schema is None or place.schema != names[place.side]:
                continue
            if whole:
                return True
            for path in paths:
                if place.properties[: len(path)] == path:
                    return True
                if not place.properties and _mentions(finding, path[-1]):
                    return True
        return False

    def _covers_error_format(self, finding: Finding, step: ErrorBodyConverted) -> bool:
        if self._covers_schema(finding, step.schema, (), whole=True):
            return True
        for place in _places(finding):
            tokens = place.tokens
            if "responses" not in tokens:
                continue
            after = tokens[tokens.index("responses") + 1 :]
            status = after[0] if after else ""
            if (
                tokens[:2] == ("components", "responses")
                or status[:1] in {"4", "5"}
                or status == "default"
            ):
                return True
        return False

    def _covers_parameter(self, finding: Finding, name: str, keys: Iterable[str] | None) -> bool:
        rule = finding.rule
        about_parameters = "parameter" in rule or "header" in rule
        return about_parameters and _mentions(finding, name) and self._in_operations(finding, keys)

    def covers(self, located: LocatedStep, finding: Finding) -> bool:
        """Whether ``located`` translates (or acknowledges) what ``finding`` reports."""
        step = located.step
        if isinstance(step, FieldRenamed):
            return self._in_operations(finding, step.operations) and (
                self._covers_schema(finding, step.schema, (step.to,), whole=False)
                or self._covers_schema(finding, step.schema, (step.from_,), whole=False)
            )
        if isinstance(step, FieldAdded | FieldRemoved):
            return self._in_operations(finding, step.operations) and self._covers_schema(
                finding, step.schema, (step.field,), whole=False
            )
        if isinstance(step, EnumMapped | ValueConverted):
            fields: tuple[str, ...] = (step.field,) if step.field else ()
            if isinstance(step, ValueConverted):
                fields += step.fields
            return self._in_operations(finding, step.operations) and self._covers_schema(
                finding, step.schema, fields, whole=not fields
            )
        if isinstance(step, ErrorBodyConverted):
            return self._covers_error_format(finding, step)
        if isinstance(step, OperationMoved):
            return finding.operation == step.from_ and step.from_ not in self._newer_keys
        if isinstance(step, ParameterAdded | ParameterRemoved):
            return self._covers_parameter(finding, step.name, step.operations)
        if isinstance(step, ParameterRenamed):
            return any(
                self._covers_parameter(finding, name, step.operations)
                for name in (step.from_, step.to)
            )
        if isinstance(step, RequestConverted):
            return any(
                self._covers_parameter(finding, name, step.operations) for name in step.parameters
            )
        if isinstance(step, StatusMapped):
            return self._in_operations(finding, step.operations) and any(
                str(status) in finding.message or f"/responses/{status}" in _pointers(finding)
                for pair in step.downgrade.items()
                for status in pair
            )
        if isinstance(step, Acknowledged):
            return self._covers_acknowledged(finding, step)
        return False

    def _covers_acknowledged(self, finding: Finding, step: Acknowledged) -> bool:
        if not self._in_operations(finding, step.operations):
            return False
        if step.schema is not None:
            fields = (step.field,) if step.field else ()
            return self._covers_schema(finding, step.schema, fields, whole=not fields)
        if step.parameter is not None:
            return self._covers_parameter(finding, step.parameter, step.operations)
        return step.operations is not None and finding.operation is not None


def _pointers(finding: Finding) -> str:
    return " ".join(ref.pointer for ref in (finding.base, finding.revision) if ref is not None)


def classify(
    findings: Iterable[Finding],
    *,
    older: Spec,
    newer: Spec,
    changes: ChangeSet,
    breaking: Callable[[Finding], bool] = is_breaking,
) -> list[Finding]:
    """Set ``coverage`` (and ``covered_by``) on each breaking finding of ``older → newer``.

    Findings that are not breaking are returned unchanged. A translating step is preferred
    over an acknowledgement when both match.
    """
    matcher = _Matcher(changes, older, newer)
    steps = list(changes.steps())
    translating = [located for located in steps if not isinstance(located.step, Acknowledged)]
    acknowledging = [located for located in steps if isinstance(located.step, Acknowledged)]
    result: list[Finding] = []
    for finding in findings:
        if not breaking(finding):
            result.append(finding)
            continue
        covering = next((s for s in translating if matcher.covers(s, finding)), None)
        if covering is not None:
            result.append(
                msgspec.structs.replace(finding, coverage="covered", covered_by=covering.label())
            )
            continue
        acknowledged = next((s for s in acknowledging if matcher.covers(s, finding)), None)
        if acknowledged is not None:
            assert isinstance(acknowledged.step, Acknowledged)
            result.append(
                msgspec.structs.replace(
                    finding, coverage="acknowledged", covered_by=acknowledged.step.reason
                )
            )
            continue
        result.append(msgspec.structs.replace(finding, coverage="uncovered", covered_by=None))
    return result


def _yaml(fields: dict[str, Any]) -> str:
    fields = dict(fields)
    lines = [f"- step: {fields.pop('step')}"]
    lines.extend(f"  {key}: {value}" for key, value in fields.items() if value is not None)
    return "\n".join(lines)


def suggest_step(finding: Finding) -> str:
    """A draft ``changes.yaml`` step (YAML text) that would cover ``finding``."""
    places = _places(finding)
    place = next((p for p in places if p.schema is not None), None)
    schema = place.schema if place is not None else None
    field = ".".join(place.properties) if place is not None and place.properties else None
    rule = finding.rule
    draft: dict[str, Any]
    if ("path-removed" in rule or "api-removed" in rule) and finding.operation:
        draft = {"step": "operation_moved", "from": finding.operation, "to": "<METHOD /new/path>"}
    elif "parameter" in rule or "header" in rule:
        kind = "parameter_defaulted" if "required" in rule else "parameter_removed"
        draft = {"step": kind, "name": "<name>", "in": "<query|header>",
                 "operations": f"[{finding.operation}]" if finding.operation else None}  # fmt: skip
    elif "enum" in rule and schema:
        draft = {"step": "enum_mapped", "schema": schema, "field": field,
                 "downgrade": "{<new value>: <old value>}"}  # fmt: skip
    elif "removed" in rule and schema and field:
        draft = {"step": "field_removed", "schema": schema, "field": field,
                 "downgrade": "<module:function re-deriving it>"}  # fmt: skip
    elif "media-type" in rule or "content-type" in rule:
        draft = {"step": "error_body_converted", "schema": "<NewErrorSchema>",
                 "downgrade": "<module:function>", "media_type": "<older media type>"}  # fmt: skip
    elif schema:
        draft = {"step": "value_converted", "schema": schema, "field": field,
                 "upgrade": "<module:function>", "downgrade": "<module:function>"}  # fmt: skip
    else:
        draft = {"step": "acknowledged", "reason": "<why this cannot be translated>",
                 "operations": f"[{finding.operation}]" if finding.operation else None}  # fmt: skip
    draft_text = _yaml(draft)
    return draft_text + (
        "\n# or, if it cannot be translated:\n- step: acknowledged\n  reason: <why>"
        if draft["step"] != "acknowledged" else ""
    )  # fmt: skip
