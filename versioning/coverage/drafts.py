"""Draft the ``changes.yaml`` step an uncovered finding needs, and prove that it works.

Drafts are direction-aware: a request break needs an upgrade (a removed enum value mapped
to a newer one, a newly required field filled, a renamed field moved), a response break a
downgrade (a new enum value mapped back, a removed field re-filled). A removed and an added
property of one schema with compatible types is drafted as ``field_renamed``. Every draft is
run the way ``check`` runs declared steps: the hop is rebuilt with the draft appended and the
finding's witnesses translated; only a draft that then covers the finding is marked as
working. Breaks no step can translate (narrowed request limits) are drafted as
``acknowledged`` with a reason to edit; shape changes need a converter, drafted with its name.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.changes.model import Change, LocatedStep
from versioning.changes.steps import SchemaRenamed, Step
from versioning.coverage.gate import CoverageGate
from versioning.coverage.locate import resolve, schemas_at
from versioning.coverage.matching import StepMatcher
from versioning.coverage.owners import owner_on_path, target_place
from versioning.coverage.places import body_path, body_schemas
from versioning.coverage.renames import renamed_properties
from versioning.coverage.witnesses import finding_direction
from versioning.errors import VersioningError
from versioning.samples import sample_value
from versioning.spec.location import Location, pointer_tokens, resolve_pointer
from versioning.translate.checks import StepChecker
from versioning.translate.hop import Hop
from versioning.translate.webhooks import webhook_payload_schema

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.spec.model import Spec

__all__ = ["Draft", "Drafter"]

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./{} -]*[A-Za-z0-9_/}]|[A-Za-z_]")
_RESERVED = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})
_NARROWING = re.compile(
    r"^(request|new-required-request)-.*-(max[a-z-]*-decreased|min[a-z-]*-increased|"
    r"pattern-(added|changed)|format-(added|changed|narrowed)|multiple-of-|became-enum|"
    r"enum-value-removed|list-of-types-narrowed|type-specialized|const-(added|changed)|"
    r"unique-items-set|max[a-z-]*-set|min[a-z-]*-set)"
)


_FLOW_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _scalar(value: Any, *, flow: bool = False) -> str:
    """``value`` as YAML: plain when that reads back the same, else JSON (valid YAML too).

    Inside a flow collection (``[...]``, ``{...}``) brackets, braces and commas end a plain
    scalar, so only identifier-like strings stay plain there.
    """
    plain = _FLOW_PLAIN if flow else _PLAIN
    if isinstance(value, str) and plain.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


class Draft(msgspec.Struct, frozen=True, kw_only=True):
    """A drafted step: its keys in order, whether it covers the finding, what it still needs."""

    fields: tuple[tuple[str, Any], ...]
    works: bool
    note: str | None = None
    """For a draft that cannot work as printed: what to write (a converter, a reason)."""

    @property
    def kind(self) -> str:
        """The step kind (``field_renamed`` …)."""
        return str(self.fields[0][1])

    def text(self) -> str:
        """The step as a YAML list item, ready to paste under a change's ``steps:``."""
        lines = []
        for index, (key, value) in enumerate(self.fields):
            prefix = "- " if index == 0 else "  "
            if isinstance(value, list):
                rendered = "[" + ", ".join(_scalar(item, flow=True) for item in value) + "]"
            elif isinstance(value, dict):
                rendered = (
                    "{"
                    + ", ".join(
                        f"{_scalar(k, flow=True)}: {_scalar(v, flow=True)}"
                        for k, v in value.items()
                    )
                    + "}"
                )
            else:
                rendered = _scalar(value)
            lines.append(f"{prefix}{key}: {rendered}")
        if self.note is not None:
            lines.extend(f"  # {line}" for line in self.note.splitlines())
        return "\n".join(lines)


def _value_at(spec: Spec, pointer: str | None) -> Any:
    if pointer is None:
        return None
    try:
        return resolve_pointer(spec.document, pointer_tokens(pointer.removeprefix("#")))
    except (LookupError, ValueError):
        return None


def _enum_values(spec: Spec, schemas: list[Any]) -> list[Any]:
    values: list[Any] = []
    for schema in schemas:
        resolved = resolve(spec, schema)
        if isinstance(resolved, dict):
            for value in resolved.get("enum") or (
                [resolved["const"]] if "const" in resolved else []
            ):
                if value not in values:
                    values.append(value)
    return values


def _closest(value: Any, options: list[Any]) -> Any:
    texts = [option for option in options if isinstance(option, str)]
    if isinstance(value, str) and texts:
        close = difflib.get_close_matches(value, texts, n=1, cutoff=0.0)
        preferred = next((option for option in texts if option in ("other", "unknown")), None)
        if preferred is not None and (
            not close or difflib.SequenceMatcher(None, value, close[0]).ratio() < 0.6
        ):
            return preferred
        if close:
            return close[0]
    return options[0] if options else None


def _schemas_at(spec: Spec, finding: Finding, key: str | None) -> list[Any]:
    subject = body_path(finding)
    if subject is None:
        return []
    found: list[Any] = []
    for schema in body_schemas(spec, key, subject):
        found.extend(schemas_at(spec, schema, subject.segments))
    return found


def _component(schema: Any) -> str | None:
    """The component ``schema`` is a ``$ref`` to, if it is one."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        return ref.rsplit("/", 1)[-1]
    return None


class Drafter:
    """Drafts (and proves) steps for the uncovered findings of one hop."""

    def __init__(self, gate: CoverageGate) -> None:
        self.gate = gate
        self.hop = gate.hop
        self._hops: dict[str, Hop | None] = {}
        self._checker: StepChecker | None = None
        self._drafts: dict[int, Draft] = {}
        self._older_names = {
            located.step.to: located.step.from_
            for located in self.hop.changes.steps()
            if isinstance(located.step, SchemaRenamed)
        }

    # -- proving ------------------------------------------------------------------------------

    def _hop_with(self, draft: Draft) -> Hop | None:
        text = draft.text()
        if text in self._hops:
            return self._hops[text]
        hop: Hop | None = None
        try:
            step = msgspec.convert(dict(draft.fields), type=Step)
            location = Location(file="<drafted step>", line=1, column=1)
            located = LocatedStep(step=step, location=location, tokens=("draft",), change="draft")
            change = Change(description="drafted", steps=(located,), location=location)
            changes = msgspec.structs.replace(
                self.hop.changes, changes=(*self.hop.changes.changes, change)
            )
            hop = Hop(
                older=self.hop.older, newer=self.hop.newer, changes=changes, folder=self.hop.folder
            )
        except (msgspec.ValidationError, VersioningError):
            hop = None
        self._hops[text] = hop
        return hop

    def proves(self, draft: Draft, finding: Finding) -> bool:
        """Whether ``finding`` is covered (or acknowledged, for ``acknowledged``) with ``draft``.

        An acknowledgement translates nothing, so it is proved by whether it owns the
        finding's place, without running the witnesses again.
        """
        if draft.kind == "acknowledged":
            return self._acknowledges(draft, finding)
        hop = self._hop_with(draft)
        if hop is None:
            return False
        gate = CoverageGate(hop, older=self.gate.older, newer=self.gate.newer)
        verdict = gate.judge(finding).coverage
        return verdict == "covered" or (draft.kind == "acknowledged" and verdict == "acknowledged")

    def _acknowledges(self, draft: Draft, finding: Finding) -> bool:
        try:
            step = msgspec.convert(dict(draft.fields), type=Step)
        except msgspec.ValidationError:
            return False
        location = Location(file="<drafted step>", line=1, column=1)
        located = LocatedStep(step=step, location=location, tokens=("draft",), change="draft")
        if self._checker is None:
            self._checker = StepChecker(self.hop.changes, self.hop.older, self.hop.newer)
        try:
            self._checker.check(located)
        except VersioningError:
            return False
        matcher = StepMatcher(self.hop.changes, self.hop.older, self.hop.newer)
        return matcher.covers(located, finding)

    def _translatable(self, finding: Finding) -> bool:
        """Whether a translating step could cover ``finding``: some witness shows its break."""
        proof = self.gate.proof_of(finding)
        return proof is None or any(run.exercised for run in proof.runs)

    def draft(self, finding: Finding) -> Draft:
        """The first candidate that covers ``finding`` when run, else the most specific one."""
        cached = self._drafts.get(id(finding))
        if cached is not None:
            return cached
        candidates = list(self._candidates(finding))
        if not self._translatable(finding):  # no witness shows it: only an acknowledgement fits
            candidates = [c for c in candidates if c.kind == "acknowledged"] or [
                self._stub(finding)
            ]
        chosen: Draft | None = None
        for candidate in candidates:
            if candidate.note is None and self.proves(candidate, finding):
                chosen = msgspec.structs.replace(candidate, works=True)
                break
        if chosen is None:
            chosen = candidates[0] if candidates else self._stub(finding)
        self._drafts[id(finding)] = chosen
        return chosen

    def suggestion(self, finding: Finding) -> str:
        """The draft as report text: the step, and whether it was proved to work."""
        draft = self.draft(finding)
        if draft.works:
            return draft.text()
        return (
            draft.text()
            + "\n# not proved: check did not pass with it; "
            + ("see the note" if draft.note else "adapt it")
        )

    # -- candidates ----------------------------------------------------------------------------

    def _older_name(self, newer_name: str) -> str:
        return self._older_names.get(newer_name, newer_name)

    def _owner(self, finding: Finding) -> tuple[str | None, str | None]:
        older, newer = self.hop.older, self.hop.newer
        for spec in (newer, older):
            owner = owner_on_path(finding, spec)
            if owner is not None:
                return owner
        return target_place(finding)

    def _candidates(self, finding: Finding) -> list[Draft]:
        subject = finding.subject
        rule = finding.rule
        if (
            subject is None
            and finding.operation is not None
            and ("removed" in rule and ("path" in rule or "api" in rule or "endpoint" in rule))
        ):
            return self._moves(finding)
        if subject is not None and subject.place == "parameter":
            return self._parameter(finding)
        if subject is not None and subject.place == "status":
            return self._status(finding)
        if subject is not None and subject.place == "media-type":
            return self._media(finding)
        drafts: list[Draft] = []
        schema, field = self._owner(finding)
        direction = finding_direction(finding)
        if schema is not None and field is not None:
            drafts.extend(self._renames(schema, field))
            if "enum" in rule or "const" in rule:
                drafts.extend(self._enum(finding, schema, field, direction))
            if direction == "request":
                drafts.extend(self._request_field(finding, schema, field))
            else:
                drafts.extend(self._response_field(finding, schema, field))
        if direction == "request" and _NARROWING.search(rule):
            drafts.append(self._acknowledge(finding, schema, field))
        schema = schema or self._body_component(finding, direction)
        if schema is None:
            drafts.append(self._acknowledge(finding, None, None))
        else:
            drafts.append(self._converter(finding, schema, field, direction))
        return drafts

    def _body_component(self, finding: Finding, direction: str) -> str | None:
        """The component a finding's body schema is, as the newer version names it."""
        hook = finding.subject.webhook if finding.subject is not None else None
        if hook is not None:
            return _component(webhook_payload_schema(self.hop.newer, hook))
        operation = (
            self.hop.newer.operation(*finding.operation.split(" ", 1))
            if finding.operation
            else None
        )
        if operation is None:
            return None
        schemas: list[Any] = []
        if direction == "request" and operation.request_body is not None:
            schemas = [media.schema for media in operation.request_body.content.values()]
        elif direction == "response":
            status = finding.subject.status if finding.subject is not None else None
            responses = [operation.responses[status]] if status in operation.responses else []
            schemas = [media.schema for r in responses for media in r.content.values()]
        return next((name for name in map(_component, schemas) if name is not None), None)

    def _media(self, finding: Finding) -> list[Draft]:
        subject = finding.subject
        assert subject is not None
        if finding_direction(finding) != "response":
            return [self._acknowledge(finding, None, None)]
        schema = self._body_component(finding, "response")
        status = subject.status or ""
        if schema is None or not (status[:1] in ("4", "5") or status == "default"):
            return [self._acknowledge(finding, None, None)]
        name = re.sub(r"[^a-z0-9]+", "_", schema.lower()).strip("_")
        fields: tuple[tuple[str, Any], ...] = (
            ("step", "error_body_converted"),
            ("schema", schema),
            ("downgrade", f"converters:{name}_to_older_error"),
        )
        if subject.name:
            fields += (("media_type", subject.name),)
        note = (
            f"write converters.py:{name}_to_older_error(body) -> body in the catalog folder:"
            f"\nit turns a {self.hop.newer_id} {schema} error body into the error body"
            f" {self.hop.older_id} clients read"
        )
        return [Draft(fields=fields, works=False, note=note)]

    def _renames(self, schema: str, field: str) -> list[Draft]:
        if "." in field:
            return []
        pairs = renamed_properties(
            self.hop.older, self.hop.newer, older_name=self._older_name(schema), newer_name=schema
        )
        for old, new in pairs.items():
            if field in (old, new):
                return [
                    Draft(
                        fields=(
                            ("step", "field_renamed"),
                            ("schema", schema),
                            ("from", old),
                            ("to", new),
                        ),
                        works=False,
                    )
                ]
        return []

    def _enum(self, finding: Finding, schema: str, field: str, direction: str) -> list[Draft]:
        older, newer = self.hop.older, self.hop.newer
        key = finding.operation
        if direction == "request":
            value = _value_at(older, finding.base.pointer if finding.base else None)
            options = _enum_values(newer, _schemas_at(newer, finding, key))
            mapping_key = "upgrade"
        else:
            value = _value_at(newer, finding.revision.pointer if finding.revision else None)
            options = _enum_values(older, _schemas_at(older, finding, key))
            mapping_key = "downgrade"
        if not isinstance(value, str | int | bool) or not options:
            return []
        target = _closest(value, [option for option in options if option != value])
        if target is None:
            return []
        return [
            Draft(
                fields=(
                    ("step", "enum_mapped"),
                    ("schema", schema),
                    ("field", field),
                    (mapping_key, {value: target}),
                ),
                works=False,
            )
        ]

    def _request_field(self, finding: Finding, schema: str, field: str) -> list[Draft]:
        rule = finding.rule
        drafts: list[Draft] = []
        if "required" in rule:
            newer_schemas = _schemas_at(self.hop.newer, finding, finding.operation)
            default = (
                sample_value(
                    newer_schemas[0], self.hop.newer, direction="request", optional_depth=0
                )
                if newer_schemas
                else None
            )
            if default is not None:
                drafts.append(
                    Draft(
                        fields=(
                            ("step", "field_defaulted"),
                            ("schema", schema),
                            ("field", field),
                            ("default", default),
                        ),
                        works=False,
                    )
                )
        if "removed" in rule:
            drafts.append(
                Draft(
                    fields=(("step", "field_removed"), ("schema", schema), ("field", field)),
                    works=False,
                )
            )
        return drafts

    def _response_field(self, finding: Finding, schema: str, field: str) -> list[Draft]:
        if "removed" not in finding.rule:
            return []
        older_schemas = _schemas_at(self.hop.older, finding, finding.operation)
        default = (
            sample_value(older_schemas[0], self.hop.older, direction="response", optional_depth=0)
            if older_schemas
            else None
        )
        fields: tuple[tuple[str, Any], ...] = (
            ("step", "field_removed"),
            ("schema", schema),
            ("field", field),
        )
        if default is not None:
            fields += (("default", default),)
        return [Draft(fields=fields, works=False)]

    def _parameter(self, finding: Finding) -> list[Draft]:
        subject = finding.subject
        assert subject is not None
        name, location = subject.name or "", subject.location or "query"
        rule = finding.rule
        drafts: list[Draft] = []
        older = self._older_key(finding.operation)
        operations = [older] if older else None
        if "required" in rule:
            newer_operation = (
                self.hop.newer.operation(*finding.operation.split(" ", 1))
                if finding.operation
                else None
            )
            parameter = newer_operation.parameter(name, location) if newer_operation else None  # type: ignore[arg-type]
            schema = parameter.schema if parameter is not None else None
            resolved = resolve(self.hop.newer, schema) if schema else None
            if (
                isinstance(resolved, dict) and resolved.get("format") == "uuid"
            ) or "idempotency" in name.lower():
                drafts.append(
                    Draft(
                        fields=(
                            ("step", "parameter_defaulted"),
                            ("name", name),
                            ("in", location),
                            ("generate", "uuid4"),
                        ),
                        works=False,
                    )
                )
            else:
                default = (
                    sample_value(schema, self.hop.newer, direction="request", optional_depth=0)
                    if schema
                    else None
                )
                drafts.append(
                    Draft(
                        fields=(
                            ("step", "parameter_defaulted"),
                            ("name", name),
                            ("in", location),
                            (
                                "default",
                                ""
                                if default is None
                                else str(default)
                                if not isinstance(default, bool)
                                else str(default).lower(),
                            ),
                        ),
                        works=False,
                    )
                )
        if "removed" in rule:
            drafts.append(
                Draft(
                    fields=(
                        ("step", "parameter_removed"),
                        ("name", name),
                        ("in", location),
                        ("operations", operations),
                    ),
                    works=False,
                )
            )
        if _NARROWING.search(rule.replace("parameter", "property")) or "parameter" in rule:
            drafts.append(self._acknowledge(finding, None, None, parameter=name))
        return drafts

    def _moves(self, finding: Finding) -> list[Draft]:
        key = finding.operation or ""
        method, _, path = key.partition(" ")
        older_keys = {operation.key for operation in self.hop.older.operations}
        added = [
            operation
            for operation in self.hop.newer.operations
            if operation.key not in older_keys and operation.method == method.lower()
        ]
        drafts: list[Draft] = []
        for operation in sorted(
            added, key=lambda op: -difflib.SequenceMatcher(None, path, op.path).ratio()
        )[:3]:
            older_params = list(re.findall(r"{([^}]+)}", path))
            newer_params = list(re.findall(r"{([^}]+)}", operation.path))
            fields: tuple[tuple[str, Any], ...] = (
                ("step", "operation_moved"),
                ("from", key),
                ("to", operation.key),
            )
            if len(older_params) == len(newer_params) and older_params != newer_params:
                fields += (("path_params", dict(zip(older_params, newer_params, strict=True))),)
            drafts.append(Draft(fields=fields, works=False))
        drafts.append(self._acknowledge(finding, None, None))
        return drafts

    def _status(self, finding: Finding) -> list[Draft]:
        subject = finding.subject
        assert subject is not None
        status = subject.status or ""
        older_operation = (
            self.hop.older.operation(*finding.operation.split(" ", 1))
            if finding.operation
            else None
        )
        if not status.isdigit() or older_operation is None:
            return [self._acknowledge(finding, None, None)]
        same_class = [
            code for code in older_operation.responses if code.isdigit() and code[0] == status[0]
        ]
        drafts = [
            Draft(
                fields=(
                    ("step", "status_mapped"),
                    ("downgrade", {status: int(code)}),
                    ("operations", [finding.operation]),
                ),
                works=False,
            )
            for code in same_class[:2]
        ]
        drafts.append(self._acknowledge(finding, None, None))
        return drafts

    def _acknowledge(
        self,
        finding: Finding,
        schema: str | None,
        field: str | None,
        *,
        parameter: str | None = None,
    ) -> Draft:
        fields: list[tuple[str, Any]] = [("step", "acknowledged")]
        where = f" on {finding.operation}" if finding.operation else ""
        reason = (
            f"Older clients are not translated ({finding.rule}{where})."
            " EDIT: say why, for the changelog."
        )
        if schema is not None:
            fields.append(("schema", schema))
            if field is not None:
                fields.append(("field", field))
        elif parameter is not None:
            fields.append(("parameter", parameter))
        older_key = self._older_key(finding.operation)
        if older_key is not None:
            fields.append(("operations", [older_key]))
        fields.append(("reason", reason))
        return Draft(fields=tuple(fields), works=False)

    def _older_key(self, key: str | None) -> str | None:
        """``key`` as the older version names it (steps' ``operations`` use older keys)."""
        if key is None:
            return None
        if self.hop.older.operation(*key.split(" ", 1)) is not None:
            return key
        return self.hop.operations.backward(key)

    def _converter(self, finding: Finding, schema: str, field: str | None, direction: str) -> Draft:
        name = re.sub(r"[^a-z0-9]+", "_", f"{schema or 'value'} {field or ''}".lower()).strip("_")
        way = "upgrade" if direction == "request" else "downgrade"
        fields: tuple[tuple[str, Any], ...] = (
            ("step", "value_converted"),
            ("schema", schema),
        )
        if field is not None:
            fields += (("field", field),)
        fields += ((way, f"converters:{way}_{name}"),)
        note = (
            f"write converters.py:{way}_{name}(value) -> value in the catalog folder:\n"
            f"it turns a {'request' if direction == 'request' else 'response'} value of"
            f" {self.hop.older_id if direction == 'request' else self.hop.newer_id} into one"
            f" {self.hop.newer_id if direction == 'request' else self.hop.older_id} accepts"
        )
        return Draft(fields=fields, works=False, note=note)

    def _stub(self, finding: Finding) -> Draft:
        return self._acknowledge(finding, None, None)
