"""Checking declared steps against the two specs they translate between.

Every mistake is a :class:`ChangesError` at the step's line: a schema, field, operation or
parameter that does not exist in the version it must exist in, an enum value that is not
one, or a step that applies to nothing.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

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
    ValueConverted,
)
from versioning.errors import ChangesError
from versioning.translate.dotted import split_path
from versioning.translate.schemas import (
    enum_values,
    find_property,
    operation_schemas,
    reachable_components,
)
from versioning.translate.webhooks import webhook_operations

if TYPE_CHECKING:
    from collections.abc import Iterable

    from versioning.changes.model import ChangeSet, LocatedStep
    from versioning.spec.model import Spec

__all__ = ["StepChecker", "path_parameters"]


def path_parameters(spec: Spec, key: str) -> set[str]:
    """Names of the path parameters of operation ``key`` in ``spec``."""
    method, _, path = key.partition(" ")
    operation = spec.operation(method, path)
    if operation is None:
        return set()
    return {parameter.name for parameter in operation.parameters if parameter.location == "path"}


def _used_components(spec: Spec) -> set[str]:
    """Component schemas some operation or webhook uses (a webhook's payload is translated)."""
    operations = [*spec.operations, *webhook_operations(spec)]
    return reachable_components(
        spec, [schema for operation in operations for schema in operation_schemas(operation)]
    )


def _hint(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


class StepChecker:
    """Checks the steps of one change set against its older and newer specs."""

    def __init__(self, changes: ChangeSet, older: Spec, newer: Spec) -> None:
        self.changes = changes
        self.older = older
        self.newer = newer
        self.renames = {
            located.step.to: located.step.from_
            for located in changes.steps()
            if isinstance(located.step, SchemaRenamed)
        }
        self._older_used = _used_components(older)
        self._newer_used = _used_components(newer)
        self._older_keys = {operation.key for operation in older.operations}
        self._newer_keys = {operation.key for operation in newer.operations}

    def fail(self, located: LocatedStep, key: str | None, message: str) -> ChangesError:
        """A located error about ``key`` of the step."""
        return ChangesError(
            f"{located.step.summary().split(' ')[0]}: {message}",
            location=located.where(key),
            pointer="/" + "/".join(located.tokens) + (f"/{key}" if key else ""),
        )

    def older_name(self, newer_name: str) -> str:
        """The older version's name for a newer schema (declared renames, else the same)."""
        return self.renames.get(newer_name, newer_name)

    def _newer_schema(self, located: LocatedStep, name: str) -> Any:
        schema = self.newer.schemas.get(name)
        if schema is None:
            raise self.fail(
                located,
                "schema",
                f"no schema {name!r} in {self.newer.version or self.changes.version}"
                + _hint(name, self.newer.schemas),
            )
        if name not in self._newer_used and self.older_name(name) not in self._older_used:
            raise self.fail(
                located, "schema", f"applies to nothing: no operation uses schema {name!r}"
            )
        return schema

    def _older_schema(self, located: LocatedStep, name: str) -> Any:
        older_name = self.older_name(name)
        schema = self.older.schemas.get(older_name)
        if schema is None:
            raise self.fail(
                located,
                "schema",
                f"no schema {older_name!r} in {self.changes.older} (declare a schema_renamed"
                f" step if it had another name there)" + _hint(older_name, self.older.schemas),
            )
        return schema

    def _field(self, located: LocatedStep, key: str, spec: Spec, schema: Any, field: str) -> Any:
        found = find_property(spec, schema, split_path(field))
        if found is None:
            raise self.fail(
                located, key, f"no field {field!r} in that schema in {spec.version or 'the spec'}"
            )
        return found

    def _operations(self, located: LocatedStep, keys: tuple[str, ...] | None) -> None:
        for key in keys or ():
            if key not in self._older_keys:
                raise self.fail(
                    located,
                    "operations",
                    f"no operation {key!r} in {self.changes.older}" + _hint(key, self._older_keys),
                )

    def check(self, located: LocatedStep) -> None:
        """Raise :class:`ChangesError` if ``located`` names something that does not exist."""
        step = located.step
        self._operations(located, getattr(step, "operations", None))
        if isinstance(step, OperationMoved):
            self._check_move(located, step)
        elif isinstance(step, SchemaRenamed):
            self._check_schema_rename(located, step)
        elif isinstance(step, FieldRenamed | FieldAdded | FieldRemoved):
            self._check_field_step(located, step)
        elif isinstance(step, FieldDefaulted):
            newer = self._newer_schema(located, step.schema)
            self._field(located, "field", self.newer, newer, step.field)
        elif isinstance(step, EnumMapped):
            self._check_enum(located, step)
        elif isinstance(step, ValueConverted):
            self._check_converted(located, step)
        elif isinstance(step, ErrorBodyConverted):
            self._newer_schema(located, step.schema)
        elif isinstance(step, Acknowledged):
            self._check_acknowledged(located, step)
        elif isinstance(step, RequestConverted | ResponseConverted) and not step.operations:
            raise self.fail(located, "operations", "list the operations it converts")

    def _check_schema_rename(self, located: LocatedStep, step: SchemaRenamed) -> None:
        if step.from_ not in self.older.schemas:
            raise self.fail(located, "from", f"no schema {step.from_!r} in {self.changes.older}")
        if step.to not in self.newer.schemas:
            raise self.fail(located, "to", f"no schema {step.to!r} in {self.changes.version}")

    def _check_field_step(
        self, located: LocatedStep, step: FieldRenamed | FieldAdded | FieldRemoved
    ) -> None:
        newer = self._newer_schema(located, step.schema)
        if isinstance(step, FieldRenamed):
            self._field(located, "to", self.newer, newer, step.to)
            older = self._older_schema(located, step.schema)
            self._field(located, "from", self.older, older, step.from_)
        elif isinstance(step, FieldAdded):
            self._field(located, "field", self.newer, newer, step.field)
            self._not_in_older(located, step)
        else:
            older = self._older_schema(located, step.schema)
            self._field(located, "field", self.older, older, step.field)

    def _not_in_older(self, located: LocatedStep, step: FieldAdded) -> None:
        """A field the older version already had is not added: downgrading would drop it."""
        older = self.older.schemas.get(self.older_name(step.schema))
        if older is not None and find_property(self.older, older, split_path(step.field)):
            raise self.fail(
                located,
                "field",
                f"field {step.field!r} is not new: {self.older_name(step.schema)} in"
                f" {self.changes.older} has it already, and field_added would drop it from"
                " older responses",
            )

    def _check_move(self, located: LocatedStep, step: OperationMoved) -> None:
        if step.from_ not in self._older_keys:
            raise self.fail(
                located,
                "from",
                f"no operation {step.from_!r} in {self.changes.older}"
                + _hint(step.from_, self._older_keys),
            )
        if step.to not in self._newer_keys:
            raise self.fail(
                located,
                "to",
                f"no operation {step.to!r} in {self.changes.version}"
                + _hint(step.to, self._newer_keys),
            )
        older_params = path_parameters(self.older, step.from_)
        newer_params = path_parameters(self.newer, step.to)
        for old, new in step.path_params.items():
            if old not in older_params:
                raise self.fail(
                    located, "path_params", f"{step.from_} has no path parameter {old!r}"
                )
            if new not in newer_params:
                raise self.fail(located, "path_params", f"{step.to} has no path parameter {new!r}")
        mapped = {step.path_params.get(name, name) for name in older_params}
        missing = sorted(newer_params - mapped)
        if missing:
            raise self.fail(
                located,
                "path_params" if "path_params" in located.keys else "to",
                f"{step.to} needs path parameter(s) {', '.join(missing)}: map them from"
                f" {', '.join(sorted(older_params)) or 'nothing'} with path_params",
            )

    def _check_enum(self, located: LocatedStep, step: EnumMapped) -> None:
        newer = self._newer_schema(located, step.schema)
        if step.field is not None:
            newer = self._field(located, "field", self.newer, newer, step.field)
        allowed_new = enum_values(self.newer, newer)
        if allowed_new is not None:
            for value in step.downgrade:
                if value not in allowed_new:
                    raise self.fail(
                        located, "downgrade", f"{value!r} is not a value of {step.schema} here"
                    )
        older = self.older.schemas.get(self.older_name(step.schema))
        if older is not None and step.field is not None:
            older = find_property(self.older, older, split_path(step.field))
        allowed_old = enum_values(self.older, older) if older is not None else None
        if allowed_old is not None:
            for value in step.downgrade.values():
                if value not in allowed_old:
                    raise self.fail(
                        located,
                        "downgrade",
                        f"{value!r} is not a value the older version {self.changes.older} allows",
                    )
        if not step.downgrade and not step.upgrade:
            raise self.fail(located, None, "applies to nothing: map at least one value")

    def _check_converted(self, located: LocatedStep, step: ValueConverted) -> None:
        newer = self._newer_schema(located, step.schema)
        older = self.older.schemas.get(self.older_name(step.schema))
        fields = ((step.field,) if step.field else ()) + step.fields
        for field in fields:
            tokens = split_path(field)
            in_newer = find_property(self.newer, newer, tokens) is not None
            in_older = older is not None and find_property(self.older, older, tokens) is not None
            if not (in_newer or in_older):
                key = "field" if field == step.field else "fields"
                raise self.fail(
                    located, key, f"no field {field!r} in {step.schema} in either version"
                )
        if step.upgrade is None and step.downgrade is None:
            raise self.fail(located, None, "applies to nothing: name an upgrade or a downgrade")

    def _check_acknowledged(self, located: LocatedStep, step: Acknowledged) -> None:
        if not step.reason.strip():
            raise self.fail(located, "reason", "an acknowledged break needs a reason")
        if step.schema is None:
            return
        newer = self.newer.schemas.get(step.schema)
        older = self.older.schemas.get(self.older_name(step.schema))
        if newer is None and older is None:
            raise self.fail(located, "schema", f"no schema {step.schema!r} in either version")
        if step.field is not None:
            tokens = split_path(step.field)
            if not any(
                schema is not None and find_property(spec, schema, tokens) is not None
                for spec, schema in ((self.newer, newer), (self.older, older))
            ):
                raise self.fail(located, "field", f"no field {step.field!r} in {step.schema}")

    def check_parameter_targets(
        self,
        located: LocatedStep,
        step: ParameterAdded | ParameterRenamed | ParameterRemoved,
        matched: int,
    ) -> None:
        """A parameter step must apply to at least one operation."""
        if matched == 0:
            name = step.to if isinstance(step, ParameterRenamed) else step.name
            raise self.fail(
                located,
                None,
                f"applies to nothing: no operation has {step.in_} parameter {name!r}"
                " in the version it must be in",
            )
