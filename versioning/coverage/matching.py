"""Which declared step a breaking finding is about: a covered finding's label, an acknowledgement.

A finding is matched by data only: its pointers, operation, rule id and structured subject
(:class:`versioning.findings.Subject`), never its message, which is for people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.changes.steps import (
    Acknowledged,
    EnumMapped,
    ErrorBodyConverted,
    FieldAdded,
    FieldDefaulted,
    FieldRemoved,
    FieldRenamed,
    OperationMoved,
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    RequestConverted,
    ResponseConverted,
    SchemaRenamed,
    StatusMapped,
    ValueConverted,
)
from versioning.coverage.places import (
    Place,
    body_path,
    body_schemas,
    components_on_path,
    path_segments,
    pointer_places,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from versioning.changes.model import ChangeSet, LocatedStep
    from versioning.findings import Finding
    from versioning.spec.model import Spec

__all__ = ["StepMatcher", "is_breaking"]


def is_breaking(finding: Finding) -> bool:
    """The default notion of breaking: an ``error``-level finding that is not ignored."""
    return finding.level == "error" and finding.ignored is None


def _names_property(finding: Finding, name: str) -> bool:
    """Whether the property the subject's path ends in is ``name`` (``a.zipcode``: zipcode)."""
    subject = finding.subject
    if subject is None or subject.path is None:
        return False
    segments = path_segments(subject.path)
    return bool(segments) and segments[-1] == name


def _names_parameter(finding: Finding, name: str, location: str | None) -> bool:
    """Whether the subject is the parameter (or response header) ``name`` sent in ``location``.

    Header names are compared case-blind (RFC 9110), other names exactly; ``location``
    ``None`` matches any (a request converter names parameters without one).
    """
    subject = finding.subject
    if subject is None or subject.name is None or subject.place not in {"parameter", "header"}:
        return False
    header = subject.place == "header" or subject.location == "header"
    if location is not None and (subject.location or "header") != location:
        return False
    if header:
        return subject.name.lower() == name.lower()
    return subject.name == name


class StepMatcher:
    """Which declared step is *about* a finding's place: for labels and acknowledgements.

    Matching never decides coverage (running the witnesses does); it names the step a
    covered finding is translated by, and finds the ``acknowledged`` step that owns an
    untranslatable break.
    """

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
        self.pointer_places: dict[int, list[Place]] = {}

    def _subject_places(self, finding: Finding) -> list[Place]:
        """Places the finding's subject names, through the operation's body schema.

        The request property ``billing_address.zipcode`` passes through the body's
        component, then ``Address`` with ``zipcode`` left.
        """
        subject = body_path(finding)
        if subject is None or finding.operation is None:
            return []
        places: list[Place] = []
        keys = {
            "older": self._older_key(finding.operation),
            "newer": self._newer_key(finding.operation),
        }
        for side, spec in (("older", self.older), ("newer", self.newer)):
            found: list[tuple[str, tuple[str, ...]]] = []
            for schema in body_schemas(spec, keys[side], subject):
                components_on_path(spec, schema, subject.segments, found)
            places.extend(
                Place(side=side, schema=name, properties=rest, tokens=()) for name, rest in found
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

    def places(self, finding: Finding) -> list[Place]:
        """Where the finding is: its pointers, then the property path its subject names."""
        cached = self.pointer_places.get(id(finding))
        if cached is None:
            cached = pointer_places(finding) + self._subject_places(finding)
            self.pointer_places[id(finding)] = cached
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
                if not place.properties and _names_property(finding, path[-1]):
                    return True
        return False

    def _covers_error_format(self, finding: Finding, step: ErrorBodyConverted) -> bool:
        if self._covers_schema(finding, step.schema, (), whole=True):
            return True
        for place in pointer_places(finding):
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

    def _covers_parameter(
        self, finding: Finding, name: str, keys: Iterable[str] | None, location: str | None
    ) -> bool:
        return _names_parameter(finding, name, location) and self._in_operations(finding, keys)

    def covers(self, located: LocatedStep, finding: Finding) -> bool:
        """Whether ``located`` is about what ``finding`` reports (its schema, field, parameter)."""
        step = located.step
        if isinstance(step, FieldRenamed):
            return self._in_operations(finding, step.operations) and (
                self._covers_schema(finding, step.schema, (step.to,), whole=False)
                or self._covers_schema(finding, step.schema, (step.from_,), whole=False)
            )
        if isinstance(step, FieldAdded | FieldDefaulted | FieldRemoved):
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
            return self._covers_parameter(finding, step.name, step.operations, step.in_)
        if isinstance(step, ParameterRenamed):
            return any(
                self._covers_parameter(finding, name, step.operations, step.in_)
                for name in (step.from_, step.to)
            )
        if isinstance(step, RequestConverted | ResponseConverted):
            return self._covers_converted(finding, step)
        if isinstance(step, StatusMapped):
            status = finding.subject.status if finding.subject is not None else None
            return self._in_operations(finding, step.operations) and any(
                str(code) == status or f"/responses/{code}" in _pointers(finding)
                for pair in step.downgrade.items()
                for code in pair
            )
        if isinstance(step, Acknowledged):
            return self._covers_acknowledged(finding, step)
        return False

    def _covers_converted(
        self, finding: Finding, step: RequestConverted | ResponseConverted
    ) -> bool:
        if isinstance(step, ResponseConverted):
            return finding.operation is not None and self._in_operations(finding, step.operations)
        return any(
            self._covers_parameter(finding, name, step.operations, None) for name in step.parameters
        )

    def _covers_acknowledged(self, finding: Finding, step: Acknowledged) -> bool:
        if not self._in_operations(finding, step.operations):
            return False
        if step.schema is not None:
            fields = (step.field,) if step.field else ()
            return self._covers_schema(finding, step.schema, fields, whole=not fields)
        if step.parameter is not None:
            return self._covers_parameter(finding, step.parameter, step.operations, None)
        return step.operations is not None and finding.operation is not None


def _pointers(finding: Finding) -> str:
    return " ".join(ref.pointer for ref in (finding.base, finding.revision) if ref is not None)
