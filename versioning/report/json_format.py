"""The JSON report: a stable, documented schema (``versiongate.report/1``) for other tools.

The shape is declared by the structs below and encoded with every key present (``null`` when
empty), so consumers can rely on keys existing. Additions bump nothing; a removal or a change
of meaning bumps the schema id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.findings import Coverage, Level
from versioning.report.model import ComparisonKind, FailOn
from versioning.report.tool import TOOL_NAME, tool_version

if TYPE_CHECKING:
    from versioning.findings import Finding, SourceRef
    from versioning.report.model import Comparison, Report, Summary

__all__ = [
    "JSON_SCHEMA_ID",
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


class JsonCounts(msgspec.Struct, frozen=True, kw_only=True):
    """Counts by level and by what settles findings."""

    error: int
    warning: int
    info: int
    ignored: int
    covered: int
    blocking: int
    hidden: int


class JsonComparison(msgspec.Struct, frozen=True, kw_only=True):
    """The findings between two documents."""

    kind: ComparisonKind
    base: str
    revision: str
    fail_on: FailOn
    summary: JsonCounts
    findings: list[JsonFinding]


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


def _counts(summary: Summary) -> JsonCounts:
    return JsonCounts(
        error=summary.error, warning=summary.warning, info=summary.info,
        ignored=summary.ignored, covered=summary.settled, blocking=summary.blocking,
        hidden=summary.hidden,
    )  # fmt: skip


def _finding(finding: Finding, comparison: Comparison) -> JsonFinding:
    return JsonFinding(
        rule=finding.rule, level=finding.level, message=finding.message,
        operation=finding.operation, base=_place(finding.base),
        revision=_place(finding.revision), ignored=finding.ignored,
        coverage=finding.coverage, covered_by=finding.covered_by, evidence=finding.evidence,
        blocking=comparison.blocking(finding), suggested_step=comparison.suggestion(finding),
    )  # fmt: skip


def to_json_report(report: Report) -> JsonReport:
    """The report in its documented JSON shape."""
    return JsonReport(
        schema=JSON_SCHEMA_ID,
        tool=TOOL_NAME,
        version=tool_version(),
        exit_code=report.exit_code,
        summary=_counts(report.summary),
        comparisons=[
            JsonComparison(
                kind=comparison.kind,
                base=comparison.base,
                revision=comparison.revision,
                fail_on=comparison.fail_on,
                summary=_counts(comparison.summary),
                findings=[_finding(finding, comparison) for finding in comparison.findings],
            )
            for comparison in report.comparisons
        ],
        notes=list(report.notes),
    )


def render_json(report: Report) -> str:
    """The report as indented JSON text."""
    encoded = msgspec.json.encode(to_json_report(report))
    return msgspec.json.format(encoded, indent=2).decode() + "\n"
