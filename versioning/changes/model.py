"""A version's declared changes as loaded: descriptions and steps, each with its location."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.changes.steps import Step
from versioning.spec.location import Location

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Change", "ChangeSet", "LocatedStep"]


class LocatedStep(msgspec.Struct, frozen=True, kw_only=True):
    """One step and where it is written (``changes.yaml:line:column``)."""

    step: Step
    location: Location
    tokens: tuple[str, ...]
    """Reference tokens of the step inside its file (``changes/0/steps/2``)."""
    change: str
    """The description of the change the step belongs to."""
    keys: dict[str, Location] = msgspec.field(default_factory=dict)
    """Where each key of the step is written, for errors about one value."""

    def where(self, key: str | None = None) -> Location:
        """The location of ``key`` in the step (the step itself when absent)."""
        return self.keys.get(key, self.location) if key is not None else self.location

    def label(self) -> str:
        """``2024-01-15/changes.yaml:14 field_renamed Address.zipcode → postal_code``."""
        return f"{self.location.file}:{self.location.line} {self.step.summary()}"


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One declared change: a description (for the changelog) and its steps."""

    description: str
    steps: tuple[LocatedStep, ...]
    location: Location


class ChangeSet(msgspec.Struct, frozen=True, kw_only=True):
    """The changes from ``older`` to ``version``; empty when the version has no file."""

    version: str
    older: str
    file: str | None
    changes: tuple[Change, ...] = ()

    def steps(self) -> Iterator[LocatedStep]:
        """Every step, in declaration order."""
        for change in self.changes:
            yield from change.steps
