"""The component schema and field a step must name to address a finding's place.

Steps are addressed by component name (as the newer version names it) and a field inside
it. The most precise owner is the component that directly holds the property the subject
names (``refunds[].amount`` in a ``Transaction`` response is ``Refund`` + ``amount``); without
a subject, the finding's pointers into ``components/schemas`` say it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.coverage.places import (
    body_path,
    body_schemas,
    components_on_path,
    pointer_places,
)

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.spec.model import Spec

__all__ = ["owner_on_path", "target_place"]

_MARKERS = frozenset({"[]", "*"})


def owner_on_path(finding: Finding, spec: Spec) -> tuple[str, str] | None:
    """The component that directly holds the property the subject names, and its field."""
    subject = body_path(finding)
    if subject is None:
        return None
    found: list[tuple[str, tuple[str, ...]]] = []
    for schema in body_schemas(spec, finding.operation, subject):
        components_on_path(spec, schema, subject.segments, found)
    owners = [(name, rest) for name, rest in found if rest and not _MARKERS & set(rest)]
    if not owners:
        return None
    name, rest = owners[-1]
    return name, ".".join(rest)


def target_place(finding: Finding) -> tuple[str | None, str | None]:
    """The schema and field of the finding's most precise pointer (the newer name on a tie)."""
    places = [place for place in pointer_places(finding) if place.schema is not None]
    if not places:
        return None, None
    place = max(places, key=lambda place: (len(place.properties), place.side == "newer"))
    return place.schema, ".".join(place.properties) or None
