"""The step vocabulary of ``changes.yaml``: frozen, typed values decoded from YAML.

Each step says how one difference between a version and the previous one is translated:
requests go *up* (older → newer), responses come *down* (newer → older). Steps addressed
to a schema (by its name in the newer version) apply wherever that schema occurs in a
payload. ``operations`` filters, where present, name operations as the *older* version
does (``"POST /charges"``), because that is what the client called.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import msgspec

__all__ = [
    "Acknowledged",
    "EnumMapped",
    "ErrorBodyConverted",
    "FieldAdded",
    "FieldDefaulted",
    "FieldRemoved",
    "FieldRenamed",
    "OperationMoved",
    "ParameterAdded",
    "ParameterDefaulted",
    "ParameterLocation",
    "ParameterRemoved",
    "ParameterRenamed",
    "RequestConverted",
    "ResponseConverted",
    "SchemaRenamed",
    "StatusMapped",
    "Step",
    "StepBase",
    "ValueConverted",
]

ParameterLocation: TypeAlias = Literal["query", "header", "path", "cookie"]


class StepBase(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="step"
):
    """Common base: the ``step:`` key of each YAML entry picks the subclass."""

    def summary(self) -> str:
        """A short human label (``field_renamed Transaction.order_id → merchant_reference``)."""
        return str(type(self).__struct_config__.tag)


class OperationMoved(StepBase, frozen=True, tag="operation_moved"):
    """An operation moved to another path or method; path parameters may be renamed.

    Upgrade routes the older call to the newer operation. Responses keep their shape
    (schema steps do the rest).
    """

    from_: str = msgspec.field(name="from")
    """Operation key in the older version, ``"POST /charges"``."""
    to: str
    """Operation key in the newer version, ``"POST /transactions"``."""
    path_params: dict[str, str] = msgspec.field(default_factory=dict)
    """Older path parameter name → newer name (``charge_id: transaction_id``)."""

    def summary(self) -> str:
        """Label for reports."""
        return f"operation_moved {self.from_} → {self.to}"


class SchemaRenamed(StepBase, frozen=True, tag="schema_renamed"):
    """A component schema got a new name (not visible on the wire; links the two versions)."""

    from_: str = msgspec.field(name="from")
    to: str

    def summary(self) -> str:
        """Label for reports."""
        return f"schema_renamed {self.from_} → {self.to}"


class FieldRenamed(StepBase, frozen=True, tag="field_renamed"):
    """A field was renamed or moved inside a schema (dotted paths, relative to the schema)."""

    schema: str
    from_: str = msgspec.field(name="from")
    """Dotted path in the older version (``billing_address.zipcode``)."""
    to: str
    """Dotted path in the newer version."""
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"field_renamed {self.schema}.{self.from_} → {self.to}"


class FieldAdded(StepBase, frozen=True, tag="field_added"):
    """A field exists from the newer version on: upgrade fills ``default``, downgrade drops it."""

    schema: str
    field: str
    default: Any = msgspec.UNSET
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"field_added {self.schema}.{self.field}"


class FieldDefaulted(StepBase, frozen=True, tag="field_defaulted"):
    """An optional field became required: upgrade fills ``default`` where a request lacks it.

    The mirror of ``parameter_defaulted`` for body fields; responses are left alone (older
    clients accept the field, which they could always receive).
    """

    schema: str
    field: str
    default: Any
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"field_defaulted {self.schema}.{self.field}"


class FieldRemoved(StepBase, frozen=True, tag="field_removed"):
    """A field of the older version is gone: upgrade drops it, downgrade re-derives it.

    ``downgrade`` names a converter ``(newer object[, context]) -> older field value``;
    without one, ``default`` is filled in, and without that the field is left out.
    """

    schema: str
    field: str
    downgrade: str | None = None
    default: Any = msgspec.UNSET
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"field_removed {self.schema}.{self.field}"


class EnumMapped(StepBase, frozen=True, tag="enum_mapped"):
    """Enum values differ: ``downgrade`` maps newer values to older ones, ``upgrade`` back.

    Without ``field`` the schema itself is the enum (``TransactionStatus``).
    """

    schema: str
    field: str | None = None
    downgrade: dict[str, Any] = msgspec.field(default_factory=dict)
    upgrade: dict[str, Any] = msgspec.field(default_factory=dict)
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        where = f"{self.schema}.{self.field}" if self.field else self.schema
        pairs = ", ".join(f"{new} → {old}" for new, old in self.downgrade.items())
        return f"enum_mapped {where} ({pairs})" if pairs else f"enum_mapped {where}"


class ValueConverted(StepBase, frozen=True, tag="value_converted"):
    """A value changed shape or unit; named Python converters translate it both ways.

    With ``field`` the converters receive and return that field's value; without it they
    receive and return the whole object, and ``fields`` lists what they read and write.
    """

    schema: str
    field: str | None = None
    fields: tuple[str, ...] = ()
    upgrade: str | None = None
    downgrade: str | None = None
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        touched = self.field or ", ".join(self.fields) or "*"
        return f"value_converted {self.schema}.{touched}"


class ErrorBodyConverted(StepBase, frozen=True, tag="error_body_converted"):
    """The error format changed: ``downgrade`` converts a newer error body to the older one.

    ``media_type`` is the older versions' error media type; error responses of a status an
    operation does not declare are converted too when they carry the newer media type.
    """

    schema: str
    downgrade: str
    upgrade: str | None = None
    media_type: str | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"error_body_converted {self.schema}"


class ParameterAdded(StepBase, frozen=True, tag="parameter_added"):
    """A parameter exists from the newer version on; upgrade fills ``default`` or generates it.

    ``generate`` is ``uuid4`` or a ``module:function`` taking no argument.
    """

    name: str
    in_: ParameterLocation = msgspec.field(name="in")
    default: str | None = None
    generate: str | None = None
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"{type(self).__struct_config__.tag} {self.in_} {self.name}"


class ParameterDefaulted(ParameterAdded, frozen=True, tag="parameter_defaulted"):
    """An existing parameter became required; upgrade fills ``default`` or generates it."""


class ParameterRenamed(StepBase, frozen=True, tag="parameter_renamed"):
    """A query, header or cookie parameter was renamed."""

    from_: str = msgspec.field(name="from")
    to: str
    in_: ParameterLocation = msgspec.field(name="in")
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"parameter_renamed {self.in_} {self.from_} → {self.to}"


class ParameterRemoved(StepBase, frozen=True, tag="parameter_removed"):
    """A parameter of the older version is gone; upgrade drops it."""

    name: str
    in_: ParameterLocation = msgspec.field(name="in")
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        return f"parameter_removed {self.in_} {self.name}"


class RequestConverted(StepBase, frozen=True, tag="request_converted"):
    """Parameters changed in a way only code can translate (``ApiRequest[, context]``)."""

    operations: tuple[str, ...]
    upgrade: str
    parameters: tuple[str, ...] = ()
    """The parameters the converter reads and writes (checked, and used for coverage)."""

    def summary(self) -> str:
        """Label for reports."""
        return f"request_converted {', '.join(self.operations)}"


class ResponseConverted(StepBase, frozen=True, tag="response_converted"):
    """Responses changed in a way only code can translate (``ApiResponse[, context]``).

    The converter runs last in the hop, after the schema steps, and receives and returns the
    whole response as the older version's client will see it. It must keep the status and
    ``content-type`` (``status_mapped`` and ``error_body_converted`` change those).
    """

    operations: tuple[str, ...]
    downgrade: str

    def summary(self) -> str:
        """Label for reports."""
        return f"response_converted {', '.join(self.operations)}"


class StatusMapped(StepBase, frozen=True, tag="status_mapped"):
    """A response status changed: ``downgrade`` maps newer status codes to older ones."""

    downgrade: dict[str, int]
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        pairs = ", ".join(f"{new} → {old}" for new, old in self.downgrade.items())
        return f"status_mapped {pairs}"


class Acknowledged(StepBase, frozen=True, tag="acknowledged"):
    """A break that cannot be translated; the reason is shown in reports and the changelog."""

    reason: str
    schema: str | None = None
    field: str | None = None
    parameter: str | None = None
    operations: tuple[str, ...] | None = None

    def summary(self) -> str:
        """Label for reports."""
        where = ".".join(part for part in (self.schema, self.field) if part)
        where = where or self.parameter or ", ".join(self.operations or ()) or "API"
        return f"acknowledged {where}: {self.reason}"


Step: TypeAlias = (
    OperationMoved
    | SchemaRenamed
    | FieldRenamed
    | FieldAdded
    | FieldDefaulted
    | FieldRemoved
    | EnumMapped
    | ValueConverted
    | ErrorBodyConverted
    | ParameterAdded
    | ParameterDefaulted
    | ParameterRenamed
    | ParameterRemoved
    | RequestConverted
    | ResponseConverted
    | StatusMapped
    | Acknowledged
)
