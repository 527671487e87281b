"""The one error tree of versiongate; every error says where the problem is.

::

    VersioningError (Exception)
    ├── SpecError (ValueError)           a spec document cannot be loaded
    │   ├── SpecSyntaxError              malformed YAML/JSON, bad encoding, duplicate keys
    │   ├── SpecLimitError               size, nesting depth or alias expansion limit exceeded
    │   ├── RefError                     missing, remote, escaping or cyclic ``$ref``
    │   └── SpecValidationError          not an OpenAPI 3.0/3.1 document of the expected shape
    ├── CatalogError (ValueError)        ``versions.yaml`` is inconsistent or incomplete
    ├── ConfigError (ValueError)         ``[tool.versiongate]`` / ``versiongate.toml`` is invalid
    ├── ChangesError (ValueError)        a ``changes.yaml`` step is malformed or applies to nothing
    ├── UsageError (ValueError)          a command-line or API argument is wrong
    ├── SignatureError (ValueError)      a webhook signature is missing, malformed, wrong or old
    └── SchemaGenerationError (ValueError)   no value generator for a schema
        ├── UnsatisfiableSchemaError     the schema admits no value
        └── TooDeepError                 every value recurses past the depth limit

``SignatureError`` is in :mod:`versioning.webhooks` and the last branch in
:mod:`compat_tests.errors`, beside the code that raises them; the rest are defined here.
Findings of the compatibility checker are data, never exceptions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from versioning.spec.location import Location

__all__ = [
    "CatalogError",
    "ChangesError",
    "ConfigError",
    "RefError",
    "SpecError",
    "SpecLimitError",
    "SpecSyntaxError",
    "SpecValidationError",
    "UsageError",
    "VersioningError",
]

_LONGEST_POINTER_SHOWN = 160


class VersioningError(Exception):
    """Root of every error raised on purpose by versiongate.

    Attributes:
        message: What is wrong, without the location prefix.
        location: ``file:line:column`` of the offending node, when known.
        pointer: JSON pointer of the offending node inside its document, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        pointer: str | None = None,
    ) -> None:
        self.message = message
        self.location = location
        self.pointer = pointer
        super().__init__(self.render())

    def render(self) -> str:
        """Format as ``file:line:column: message (at /pointer)``, the form editors can jump to."""
        prefix = f"{self.location}: " if self.location is not None else ""
        pointer = self.pointer
        if pointer is not None and len(pointer) > _LONGEST_POINTER_SHOWN:
            pointer = f"{pointer[:60]}…{pointer[-60:]}"
        suffix = f" (at {pointer or '/'})" if pointer is not None else ""
        return f"{prefix}{self.message}{suffix}"


class SpecError(VersioningError, ValueError):
    """A spec document cannot be loaded."""


class SpecSyntaxError(SpecError):
    """The bytes are not well-formed YAML or JSON (or not UTF-8, or repeat a key)."""


class SpecLimitError(SpecError):
    """The document exceeds a safety limit (size, nesting depth, alias expansion)."""


class RefError(SpecError):
    """A ``$ref`` is remote, escapes the spec's folder, points nowhere, or loops on itself."""


class SpecValidationError(SpecError):
    """The document is not an OpenAPI 3.0/3.1 description of the expected shape."""


class CatalogError(VersioningError, ValueError):
    """The version catalog (``versions.yaml`` and its specs) is inconsistent."""


class ChangesError(VersioningError, ValueError):
    """A ``changes.yaml`` is malformed, names something that does not exist, or does nothing."""


class ConfigError(VersioningError, ValueError):
    """The checker's configuration (``[tool.versiongate]`` or ``versiongate.toml``) is invalid."""


class UsageError(VersioningError, ValueError):
    """A command-line or API argument is wrong."""
