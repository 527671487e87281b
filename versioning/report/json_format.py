"""The JSON report: a stable, documented schema (``versiongate.report/1``) for other tools.

The shape is declared by the structs below and encoded with every key present (``null`` when
empty), so consumers can rely on keys existing. Additions bump nothing; a removal or a change
of meaning bumps the schema id.

Each comparison carries both views: ``findings``, one entry per finding (per operation, as
the checker reports them), and ``changes``, the roll-up: one entry per change and verdict,
in reading order (what fails the build first), pointing into ``findings`` by index. The
layout options (``--group-by``, ``--verbose``) do not change the JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.findings import Coverage, Level
from versioning.report.model import DOCUMENT_GROUP, ComparisonKind, FailOn
from versioning.report.rollup import reading_order
from versioning.report.tool import TOOL_NAME, tool_version

if TYPE_CHECKING:
    from versioning.findings import Finding, SourceRef
    from versioning.report.model import Comparison, Report, Summary
    from versioning.report.rollup import Change

__all__ = [
    "JSON_SCHEMA_ID",
    "JsonChange",
    "JsonComparison",
    "JsonCounts",
    "JsonFinding",
    "JsonPlace",
    "JsonReport",
    "render_json",
    "to_json_report",
]

JSON_SCHEMA_ID = "versiongate.report/1"


class JsonPlace(msgspec.Struct, frozen=True, kw_only=True):
    """A node in one document: its JSON pointer and, when known, ``file:line:column``."""

    pointer: str
    file: str | None
    line: int | None
    column: int | None


class JsonFinding(msgspec.Struct, frozen=True, kw_only=True):
    """One finding; ``blocking`` says whether it fails the build.

    ``suggested_step`` is the draft ``changes.yaml`` step (YAML text) for an uncovered
    finding of a catalog check, ``null`` otherwise. ``evidence`` is what running its
    witnesses showed (a catalog check's breaking findings only).
    """

    rule: str
    level: Level
    message: str
    operation: str | None
    base: JsonPlace | None
    revision: JsonPlace | None
    ignored: str | None
    coverage: Coverage | None
    covered_by: str | None
    evidence: str | None
    blocking: bool
    suggested_step: str | None


class JsonChange(msgspec.Struct, frozen=True, kw_only=True):
    """One change (the same rule at the same place in both documents) and one verdict on it.

    ``id`` is stable across runs and shared by the entries of one change that has several
    verdicts (covered on some operations, not on others). ``message``, ``operation``,
    ``base``, ``revision`` and ``evidence`` are those of the finding that reaches the change
    most directly; ``operations`` lists every operation it affects (empty for a document-wide
    change) and ``findings`` the indexes of its findings in the comparison's ``findings``.
    ``suggested_steps`` holds each distinct draft step for it (an uncovered change only).
    """

    id: str
    rule: str
    level: Level
    message: str
    operation: str | None
    operations: list[str]
    findings: list[int]
    base: JsonPlace | None
    revision: JsonPlace | None
    ignored: str | None
    coverage: Coverage | None
    covered_by: str | None
    evidence: str | None
    blocking: bool
    suggested_steps: list[str]


class JsonCounts(msgspec.Struct, frozen=True, kw_only=True):
    """Counts by level and by what settles findings; ``changes`` counts roll-up entries."""

    error: int
    warning: int
    info: int
    ignored: int
    covered: int
    blocking: int
    hidden: int
    changes: int


class JsonComparison(msgspec.Struct, frozen=True, kw_only=True):
    """The findings between two documents."""

    kind: ComparisonKind
    base: str
    revision: str
    fail_on: FailOn
    summary: JsonCounts
    findings: list[JsonFinding]
    changes: list[JsonChange]


class JsonReport(msgspec.Struct, frozen=True, kw_only=True):
    """The whole report."""

    schema: str
    tool: str
    version: str
    exit_code: int
    summary: JsonCounts
    comparisons: list[JsonComparison]
    notes: list[str]


def _place(side: SourceRef | None) -> JsonPlace | None:
    if side is None:
        return None
    location = side.location
    return JsonPlace(
        pointer=side.pointer,
        file=location.file if location else None,
        line=location.line if location else None,
        column=location.column if location else None,
    )


def _counts(summary: Summary, changes: int) -> JsonCounts:
    return JsonCounts(
        error=summary.error,
        warning=summary.warning,
        info=summary.info,
        ignored=summary.ignored,
        covered=summary.settled,
        blocking=summary.blocking,
        hidden=summary.hidden,
        changes=changes,
    )


def _finding(finding: Finding, comparison: Comparison) -> JsonFinding:
    return JsonFinding(
        rule=finding.rule,
        level=finding.level,
        message=finding.message,
        operation=finding.operation,
        base=_place(finding.base),
        revision=_place(finding.revision),
        ignored=finding.ignored,
        coverage=finding.coverage,
        covered_by=finding.covered_by,
        evidence=finding.evidence,
        blocking=comparison.blocking(finding),
        suggested_step=comparison.suggestion(finding),
    )


def _change(change: Change, comparison: Comparison, positions: dict[int, int]) -> JsonChange:
    lead = change.lead
    steps = (comparison.suggestion(finding) for finding in change.findings)
    return JsonChange(
        id=change.id,
        rule=lead.rule,
        level=lead.level,
        message=lead.message,
        operation=lead.operation,
        operations=[name for name in change.operations if name != DOCUMENT_GROUP],
        findings=[positions[id(finding)] for finding in change.findings],
        base=_place(lead.base),
        revision=_place(lead.revision),
        ignored=lead.ignored,
        coverage=lead.coverage,
        covered_by=lead.covered_by,
        evidence=lead.evidence,
        blocking=comparison.blocking(lead),
        suggested_steps=list(dict.fromkeys(step for step in steps if step is not None)),
    )


def _comparison(comparison: Comparison) -> JsonComparison:
    positions = {id(finding): index for index, finding in enumerate(comparison.findings)}
    changes = [_change(change, comparison, positions) for change in reading_order(comparison)]
    return JsonComparison(
        kind=comparison.kind,
        base=comparison.base,
        revision=comparison.revision,
        fail_on=comparison.fail_on,
        summary=_counts(comparison.summary, len(changes)),
        findings=[_finding(finding, comparison) for finding in comparison.findings],
        changes=changes,
    )


def to_json_report(report: Report) -> JsonReport:
    """The report in its documented JSON shape."""
    comparisons = [_comparison(comparison) for comparison in report.comparisons]
    return JsonReport(
        schema=JSON_SCHEMA_ID,
        tool=TOOL_NAME,
        version=tool_version(),
        exit_code=report.exit_code,
        summary=_counts(report.summary, sum(c.summary.changes for c in comparisons)),
        comparisons=comparisons,
        notes=list(report.notes),
    )


def render_json(report: Report) -> str:
    """The report as indented JSON text."""
    encoded = msgspec.json.encode(to_json_report(report))
    return msgspec.json.format(encoded, indent=2).decode() + "\n"
