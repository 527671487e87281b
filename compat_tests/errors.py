"""Why a schema cannot be turned into a strategy: it admits no value, or we cannot reach one."""

from __future__ import annotations

from versioning.errors import VersioningError

__all__ = ["SchemaGenerationError", "TooDeepError", "UnsatisfiableSchemaError"]


class SchemaGenerationError(VersioningError, ValueError):
    """No strategy can be built for a schema (unsupported regex, recursion without a base …)."""


class UnsatisfiableSchemaError(SchemaGenerationError):
    """The schema provably admits no value (``false``, ``minimum`` above ``maximum`` …)."""


class TooDeepError(SchemaGenerationError):
    """A recursive schema has no value without recursing past the depth limit."""
