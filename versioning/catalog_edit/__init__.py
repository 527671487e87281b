"""Edits of a version catalog that keep its files' comments and layout (issue 15).

``new-version`` and ``deprecate`` change ``versions.yaml`` and copy specs as text, never by
re-dumping YAML, then load the catalog back and undo everything if it does not load.
"""

from versioning.catalog_edit.deprecate import Deprecation, deprecate_version
from versioning.catalog_edit.new_version import NewVersion, create_version, parse_version_date

__all__ = ["Deprecation", "NewVersion", "create_version", "deprecate_version", "parse_version_date"]
