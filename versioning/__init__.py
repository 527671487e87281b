"""versiongate's framework-free core: specs, catalogs, diffs, rules and translations.

What an embedding program uses is importable from here (``docs/library.md`` shows it at
work): load specs and catalogs, :func:`compare` two specs into :class:`Finding` values,
look rules up by id, translate messages between versions with a :class:`Translator`, and
catch one error tree rooted at :class:`VersioningError`.

The names are loaded on first use (:pep:`562`), so importing one submodule, or the package
for one name, does not import the checker, the translator and the rule families with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from versioning.catalog import Catalog, VersionInfo, load_catalog
    from versioning.changes import ChangeSet, load_catalog_changes, load_changes
    from versioning.checker import CheckOptions, compare
    from versioning.config import Config, load_config, resolve_config
    from versioning.errors import (
        CatalogError,
        ChangesError,
        ConfigError,
        RefError,
        SpecError,
        SpecLimitError,
        SpecSyntaxError,
        SpecValidationError,
        UsageError,
        VersioningError,
    )
    from versioning.findings import Direction, Finding, Level, SourceRef, level_rank
    from versioning.rules import RuleInfo, all_rules, get_rule
    from versioning.spec import Location, Operation, Spec, load_spec, load_spec_text
    from versioning.translate import ApiRequest, ApiResponse, Translator
    from versioning.webhooks import SignatureError, sign_payload, verify_signature

__all__ = [
    "ApiRequest",
    "ApiResponse",
    "Catalog",
    "CatalogError",
    "ChangeSet",
    "ChangesError",
    "CheckOptions",
    "Config",
    "ConfigError",
    "Direction",
    "Finding",
    "Level",
    "Location",
    "Operation",
    "RefError",
    "RuleInfo",
    "SignatureError",
    "SourceRef",
    "Spec",
    "SpecError",
    "SpecLimitError",
    "SpecSyntaxError",
    "SpecValidationError",
    "Translator",
    "UsageError",
    "VersionInfo",
    "VersioningError",
    "all_rules",
    "compare",
    "get_rule",
    "level_rank",
    "load_catalog",
    "load_catalog_changes",
    "load_changes",
    "load_config",
    "load_spec",
    "load_spec_text",
    "resolve_config",
    "sign_payload",
    "verify_signature",
]

_MODULE_OF: dict[str, str] = {
    "ApiRequest": "versioning.translate",
    "ApiResponse": "versioning.translate",
    "Catalog": "versioning.catalog",
    "CatalogError": "versioning.errors",
    "ChangeSet": "versioning.changes",
    "ChangesError": "versioning.errors",
    "CheckOptions": "versioning.checker",
    "Config": "versioning.config",
    "ConfigError": "versioning.errors",
    "Direction": "versioning.findings",
    "Finding": "versioning.findings",
    "Level": "versioning.findings",
    "Location": "versioning.spec",
    "Operation": "versioning.spec",
    "RefError": "versioning.errors",
    "RuleInfo": "versioning.rules",
    "SignatureError": "versioning.webhooks",
    "SourceRef": "versioning.findings",
    "Spec": "versioning.spec",
    "SpecError": "versioning.errors",
    "SpecLimitError": "versioning.errors",
    "SpecSyntaxError": "versioning.errors",
    "SpecValidationError": "versioning.errors",
    "Translator": "versioning.translate",
    "UsageError": "versioning.errors",
    "VersionInfo": "versioning.catalog",
    "VersioningError": "versioning.errors",
    "all_rules": "versioning.rules",
    "compare": "versioning.checker",
    "get_rule": "versioning.rules",
    "level_rank": "versioning.findings",
    "load_catalog": "versioning.catalog",
    "load_catalog_changes": "versioning.changes",
    "load_changes": "versioning.changes",
    "load_config": "versioning.config",
    "load_spec": "versioning.spec",
    "load_spec_text": "versioning.spec",
    "resolve_config": "versioning.config",
    "sign_payload": "versioning.webhooks",
    "verify_signature": "versioning.webhooks",
}
"""The module each public name comes from."""


__getattr__, __dir__ = lazy_exports(globals(), _MODULE_OF)
