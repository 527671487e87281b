"""A small, predictable stand-in for the diff engine, so CLI tests control the findings.

It reports operations removed (error), parameters removed (warning) and operations added
(info), each at the JSON pointer of the operation or parameter, located in its document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.findings import Finding, SourceRef
from versioning.rules.registry import RuleInfo

if TYPE_CHECKING:
    from versioning.checker import CheckOptions
    from versioning.findings import Level
    from versioning.spec.model import Spec

REMOVED = "endpoint-removed"
PARAMETER_REMOVED = "request-parameter-removed"
ADDED = "endpoint-added"

_LEVELS: tuple[tuple[str, Level], ...] = (
    (REMOVED, "error"),
    (PARAMETER_REMOVED, "warning"),
    (ADDED, "info"),
)
FAKE_RULES = tuple(
    RuleInfo(
        id=rule_id,
        level=level,
        direction="none",
        area="paths",
        kind="existence",
        action="remove",
        message=rule_id,
        doc=f"What changed: {rule_id}.",
    )
    for rule_id, level in _LEVELS
)


def _at(spec: Spec, pointer: str) -> SourceRef:
    return SourceRef(pointer=pointer, location=spec.locate(pointer))


def compare(base: Spec, revision: Spec, *, options: CheckOptions | None = None) -> list[Finding]:
    del options
    findings = []
    for operation in base.operations:
        other = revision.operation(operation.method, operation.path)
        if other is None:
            findings.append(Finding(
                rule=REMOVED, level="error", message="endpoint removed",
                operation=operation.key, base=_at(base, operation.pointer),
            ))  # fmt: skip
            continue
        for parameter in operation.parameters:
            if other.parameter(parameter.name, parameter.location) is None:
                findings.append(Finding(
                    rule=PARAMETER_REMOVED, level="warning", operation=operation.key,
                    message=f"request parameter '{parameter.name}' removed",
                    base=_at(base, parameter.pointer), revision=_at(revision, other.pointer),
                ))  # fmt: skip
    for operation in revision.operations:
        if base.operation(operation.method, operation.path) is None:
            findings.append(Finding(
                rule=ADDED, level="info", message="endpoint added",
                operation=operation.key, revision=_at(revision, operation.pointer),
            ))  # fmt: skip
    return sorted(findings, key=lambda finding: (finding.operation or "", finding.rule))
