"""Draft the ``changes.yaml`` step an uncovered breaking finding needs.

The draft is YAML text with ``<placeholders>``; it names the schema and field the step must
address (as the newer version names them, when the specs are given), so a user fills in
converters and pastes it, or acknowledges the break instead.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from versioning.coverage.places import (
    body_path,
    body_schemas,
    components_on_path,
    pointer_places,
)

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.spec.model import Spec

__all__ = ["suggest_step"]


def _yaml(fields: dict[str, Any]) -> str:
    fields = dict(fields)
    lines = [f"- step: {fields.pop('step')}"]
    lines.extend(f"  {key}: {value}" for key, value in fields.items() if value is not None)
    return "\n".join(lines)


_MARKERS = frozenset({"[]", "*"})
_NARROWED = re.compile(r"^request-.*-(?:(?:max|min)[a-z-]*-(?:decreased|increased|set)|pattern-)")


def _owner_on_path(finding: Finding, spec: Spec) -> tuple[str, str] | None:
    """The component that directly holds the property the subject names, and its field.

    The 201 response property ``refunds[].amount`` in a spec where ``refunds`` holds
    ``Refund`` gives ``("Refund", "amount")``: a step there is as narrow as the finding.
    """
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


def _target(
    finding: Finding, older: Spec | None, newer: Spec | None
) -> tuple[str | None, str | None]:
    """The schema (as the newer version names it, when known) and field a step should name."""
    for spec in (newer, older):
        owner = _owner_on_path(finding, spec) if spec is not None else None
        if owner is not None:
            return owner
    # The most precise pointer wins (a removal's is in the base); on a tie, the newer name.
    places = [place for place in pointer_places(finding) if place.schema is not None]
    if not places:
        return None, None
    place = max(places, key=lambda place: (len(place.properties), place.side == "newer"))
    return place.schema, ".".join(place.properties) or None


def _operations(finding: Finding) -> str | None:
    return f"[{json.dumps(finding.operation)}]" if finding.operation else None


def _draft(finding: Finding, schema: str | None, field: str | None) -> dict[str, Any]:
    rule = finding.rule
    if ("path-removed" in rule or "api-removed" in rule) and finding.operation:
        return {"step": "operation_moved", "from": finding.operation, "to": "<METHOD /new/path>"}
    if _NARROWED.search(rule):
        # An older request outside the new limits cannot be made valid by translating it.
        return {"step": "acknowledged", "reason": "<why older requests may now be refused>",
                "schema": schema, "field": field, "operations": _operations(finding)}  # fmt: skip
    if "parameter" in rule or "header" in rule:
        subject = finding.subject
        named = subject if subject is not None and subject.place == "parameter" else None
        required = "required" in rule
        return {"step": "parameter_defaulted" if required else "parameter_removed",
                "name": named.name if named else "<name>",
                "in": named.location if named else "<query|header>",
                "default": "<value>  # or generate: <module:function>" if required else None,
                "operations": _operations(finding)}  # fmt: skip
    if "enum" in rule and schema:
        return {"step": "enum_mapped", "schema": schema, "field": field,
                "downgrade": "{<new value>: <old value>}"}  # fmt: skip
    if "removed" in rule and schema and field:
        return {"step": "field_removed", "schema": schema, "field": field,
                "downgrade": "<module:function re-deriving it>"}  # fmt: skip
    if "media-type" in rule or "content-type" in rule:
        return {"step": "error_body_converted", "schema": "<NewErrorSchema>",
                "downgrade": "<module:function>", "media_type": "<older media type>"}  # fmt: skip
    if schema:
        return {"step": "value_converted", "schema": schema, "field": field,
                "upgrade": "<module:function>", "downgrade": "<module:function>"}  # fmt: skip
    return {"step": "acknowledged", "reason": "<why this cannot be translated>",
            "operations": _operations(finding)}  # fmt: skip


def suggest_step(finding: Finding, *, older: Spec | None = None, newer: Spec | None = None) -> str:
    """A draft ``changes.yaml`` step (YAML text) that would cover ``finding``.

    Given the two specs, the step names the schema that holds the property the subject
    names, as the newer version calls it (``Transaction`` + ``amount``, not the shared
    ``Money`` the pointer reaches); without them, the schema of the finding's pointer.
    """
    draft = _draft(finding, *_target(finding, older, newer))
    text = _yaml(draft)
    if draft["step"] == "acknowledged":
        return text
    return text + "\n# or, if it cannot be translated:\n- step: acknowledged\n  reason: <why>"
