"""versiongate's framework-free core: specs, catalogs, diffs, rules and translations."""

from versioning.catalog import Catalog, VersionInfo, load_catalog
from versioning.errors import (
    CatalogError,
    RefError,
    SpecError,
    SpecLimitError,
    SpecSyntaxError,
    SpecValidationError,
    UsageError,
    VersioningError,
)
from versioning.spec import Location, Operation, Spec, load_spec, load_spec_text

__all__ = [
    "Catalog",
    "CatalogError",
    "Location",
    "Operation",
    "RefError",
    "Spec",
    "SpecError",
    "SpecLimitError",
    "SpecSyntaxError",
    "SpecValidationError",
    "UsageError",
    "VersionInfo",
    "VersioningError",
    "load_catalog",
    "load_spec",
    "load_spec_text",
]
