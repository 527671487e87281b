"""SARIF 2.1.0: findings for code-scanning tools (GitHub code scanning, IDE viewers).

``runs[0].tool.driver.rules`` describes every rule the results use, with its help text from
the catalog; each result points at the revision's node (the base's for a removal), with the
other side as a related location. By change (the default) there is one result per change:
its first operation is the result's logical location, every other operation it affects a
related location of its own (id 2 on), and ``partialFingerprints`` carries the change's
stable id so code scanning tracks one alert per change across runs. By operation there is
one result per finding. Ignored, covered and acknowledged findings are kept as *suppressed*
results, which viewers show as dismissed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import msgspec

from versioning.report.model import DOCUMENT_GROUP, is_settled, primary_location
from versioning.report.rollup import reading_order
from versioning.report.rule_index import find_rule
from versioning.report.text_parts import status_marks
from versioning.report.tool import TOOL_NAME, TOOL_URI, tool_version

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report
    from versioning.report.rollup import Change, GroupBy
    from versioning.rules.registry import RuleInfo
    from versioning.spec.location import Location

__all__ = [
    "FINGERPRINT",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "artifact_uri",
    "render_sarif",
    "to_sarif",
]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "versiongateChange/v1"
"""The ``partialFingerprints`` key holding a change's stable id (by change only)."""


def artifact_uri(file: str, root: Path | None = None) -> str:
    """A URI reference for ``file``: relative to ``root`` (the checkout) when inside it.

    ``git:REF:path`` locations become ``path``: the file at that place in the repository.
    """
    if file.startswith("git:"):
        file = file.split(":", 2)[2]
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to((root or Path.cwd()).resolve())
        except ValueError:
            return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _first_sentence(doc: str, fallback: str) -> str:
    for paragraph in doc.split("\n\n"):
        if paragraph.startswith("What changed:"):
            return paragraph.removeprefix("What changed:").strip()
    return fallback


def _descriptor(rule_id: str) -> dict[str, Any]:
    info: RuleInfo | None = find_rule(rule_id)
    if info is None:
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    return {
        "id": info.id,
        "name": "".join(part.capitalize() for part in info.id.split("-")),
        "shortDescription": {"text": _first_sentence(info.doc, info.message)},
        "fullDescription": {"text": info.doc or info.message},
        "help": {"text": info.doc or info.message, "markdown": info.doc or info.message},
        "defaultConfiguration": {"level": _LEVELS[info.level]},
        "properties": {
            "tags": [info.area, info.kind, info.direction],
            "direction": info.direction,
        },
    }


def _physical(location: Location) -> dict[str, Any]:
    uri = artifact_uri(location.file)
    artifact = {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": location.line, "startColumn": location.column},
        }
    }


def _result(finding: Finding, comparison: Comparison, rule_index: int) -> dict[str, Any]:
    location = primary_location(finding)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.level],
        "message": {"text": finding.message},
        "locations": [],
        "properties": {
            "operation": finding.operation,
            "comparison": comparison.title,
            "blocking": comparison.blocking(finding),
            "basePointer": finding.base.pointer if finding.base else None,
            "revisionPointer": finding.revision.pointer if finding.revision else None,
        },
    }
    if location is not None:
        place = _physical(location)
        if finding.operation:
            place["logicalLocations"] = [{"fullyQualifiedName": finding.operation}]
        result["locations"].append(place)
    base = finding.base.location if finding.base else None
    if base is not None and base is not location:
        related = _physical(base)
        related.update(id=1, message={"text": f"before the change: {base}"})
        result["relatedLocations"] = [related]
    marks = status_marks(finding)
    if is_settled(finding):
        result["suppressions"] = [{"kind": "external", "justification": "; ".join(marks)}]
    return result


def _operation_place(operation: str, related_id: int) -> dict[str, Any]:
    return {
        "id": related_id,
        "message": {"text": f"also affects {operation}"},
        "logicalLocations": [{"fullyQualifiedName": operation}],
    }


def _change_result(change: Change, comparison: Comparison, rule_index: int) -> dict[str, Any]:
    """The lead finding's result, with the change's other operations as related locations."""
    result = _result(change.lead, comparison, rule_index)
    operations = [name for name in change.operations if name != DOCUMENT_GROUP]
    others = [name for name in operations if name != change.lead.operation]
    related = result.setdefault("relatedLocations", [])
    related.extend(_operation_place(name, position) for position, name in enumerate(others, 2))
    if not related:
        del result["relatedLocations"]
    result["partialFingerprints"] = {FINGERPRINT: change.id}
    result["properties"].update(operations=operations, findings=len(change.findings))
    return result


def _results(report: Report, index: dict[str, int], group_by: GroupBy) -> list[dict[str, Any]]:
    if group_by == "operation":
        return [
            _result(finding, comparison, index[finding.rule])
            for comparison in report.comparisons
            for finding in comparison.findings
        ]
    return [
        _change_result(change, comparison, index[change.rule])
        for comparison in report.comparisons
        for change in reading_order(comparison)
    ]


def to_sarif(
    report: Report, *, root: Path | None = None, group_by: GroupBy = "change"
) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a JSON-ready dict) with one run."""
    rule_ids = sorted({f.rule for c in report.comparisons for f in c.findings})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    results = _results(report, index, group_by)
    base_uri = (root or Path.cwd()).resolve().as_uri() + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": tool_version(),
                        "informationUri": TOOL_URI,
                        "rules": [_descriptor(rule_id) for rule_id in rule_ids],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": base_uri}},
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "exitCode": report.exit_code,
                        "toolExecutionNotifications": [
                            {"level": "note", "message": {"text": note}} for note in report.notes
                        ],
                    }
                ],
            }
        ],
    }


def render_sarif(report: Report, *, group_by: GroupBy = "change") -> str:
    """The SARIF log as indented JSON text."""
    encoded = msgspec.json.encode(to_sarif(report, group_by=group_by))
    return msgspec.json.format(encoded, indent=2).decode() + "\n"
