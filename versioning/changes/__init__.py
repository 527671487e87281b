"""The ``changes.yaml`` format: declared changes between adjacent versions, as typed steps."""

from versioning.changes.load import CHANGES_FILE, load_catalog_changes, load_changes
from versioning.changes.model import Change, ChangeSet, LocatedStep

__all__ = [
    "CHANGES_FILE",
    "Change",
    "ChangeSet",
    "LocatedStep",
    "load_catalog_changes",
    "load_changes",
]
