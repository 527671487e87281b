"""The JUnit XML report: CI systems show each change (or rule/operation pair) as a test case.

One ``<testsuite>`` per comparison. By change (the default): one ``<testcase>`` per change,
named by its message and the operation it affects (or how many), with the rule id as class
name, every affected operation listed in its text. By operation: one ``<testcase>`` per
(operation, rule) with the operation as class name. A case fails when one of its findings
blocks; it is skipped when every finding in it is ignored, covered or acknowledged;
otherwise it passes, with its findings in ``<system-out>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from versioning.findings import level_rank
from versioning.report.model import DOCUMENT_GROUP, is_settled
from versioning.report.rollup import roll_up
from versioning.report.text_parts import status_marks
from versioning.report.tool import TOOL_NAME

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison, Report
    from versioning.report.rollup import GroupBy

__all__ = ["render_junit", "xml_safe"]

# Characters XML 1.0 cannot carry at all, even escaped (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 forbids replaced by U+FFFD, so the file stays parseable."""
    return _NOT_XML.sub("\ufffd", text)


def _describe(finding: Finding) -> str:
    parts = [f"{finding.level}: {finding.message}"]
    for label, side in (("base", finding.base), ("revision", finding.revision)):
        if side is not None:
            where = str(side.location) if side.location is not None else side.pointer
            parts.append(f"  {label}: {where}")
    marks = status_marks(finding)
    if marks:
        parts.append(f"  [{'; '.join(marks)}]")
    return xml_safe("\n".join(parts))


def _operation_cases(comparison: Comparison) -> list[tuple[str, str, list[Finding], str]]:
    """(class name, name, findings, text) per (operation, rule)."""
    cases: dict[tuple[str, str], list[Finding]] = {}
    for finding in comparison.findings:
        key = (finding.operation or DOCUMENT_GROUP, finding.rule)
        cases.setdefault(key, []).append(finding)
    return [
        (operation, rule, findings, "\n\n".join(_describe(finding) for finding in findings))
        for (operation, rule), findings in cases.items()
    ]


def _change_cases(comparison: Comparison) -> list[tuple[str, str, list[Finding], str]]:
    """(class name, name, findings, text) per change, whatever its verdicts; names unique."""
    cases = []
    seen: dict[tuple[str, str], int] = {}
    for change in roll_up(comparison.findings, by_verdict=False):
        lead, operations = change.lead, change.operations
        message = " ".join(lead.message.splitlines())
        where = operations[0] if len(operations) == 1 else f"{len(operations)} operations"
        name = f"{message} ({where})"
        seen[change.rule, name] = count = seen.get((change.rule, name), 0) + 1
        if count > 1:  # two changes alike in all but their place: keep both cases apart
            name += f" [{count}]"
        text = _describe(lead) + xml_safe(f"\n  on: {', '.join(operations)}")
        cases.append((change.rule, name, list(change.findings), text))
    return cases


def _testcase(
    suite: ET.Element,
    case_name: tuple[str, str],
    findings: list[Finding],
    text: str,
    comparison: Comparison,
) -> tuple[bool, bool]:
    """Add one case; returns (failed, skipped)."""
    classname, name = case_name
    case = ET.SubElement(suite, "testcase", name=xml_safe(name), classname=xml_safe(classname))
    blocking = [finding for finding in findings if comparison.blocking(finding)]
    if blocking:
        worst = max(blocking, key=lambda finding: level_rank(finding.level))
        failure = ET.SubElement(case, "failure", message=xml_safe(worst.message), type=worst.level)
        failure.text = text
        return True, False
    if all(is_settled(finding) for finding in findings):
        reason = "; ".join(dict.fromkeys(m for f in findings for m in status_marks(f)))
        ET.SubElement(case, "skipped", message=xml_safe(reason))
        return False, True
    ET.SubElement(case, "system-out").text = text
    return False, False


def render_junit(report: Report, *, group_by: GroupBy = "change") -> str:
    """The report as a JUnit XML document (``<testsuites>`` root)."""
    root = ET.Element("testsuites", name=TOOL_NAME)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for comparison in report.comparisons:
        suite = ET.SubElement(root, "testsuite", name=xml_safe(comparison.title))
        if report.notes:
            properties = ET.SubElement(suite, "properties")
            for note in report.notes:
                ET.SubElement(properties, "property", name="note", value=xml_safe(note))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        cases = _change_cases if group_by == "change" else _operation_cases
        for classname, name, findings, text in cases(comparison):
            failed, skipped = _testcase(suite, (classname, name), findings, text, comparison)
            counts["tests"] += 1
            counts["failures"] += failed
            counts["skipped"] += skipped
        if not counts["tests"]:  # a clean comparison still shows as one passing check
            ET.SubElement(suite, "testcase", name="no-breaking-changes", classname=DOCUMENT_GROUP)
            counts["tests"] = 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
