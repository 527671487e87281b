"""JUnit XML: one test case per rule and operation, failing exactly when a finding blocks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.report.samples import ALL, BREAKING, report
from versioning.findings import Finding
from versioning.report.junit_format import render_junit


def _cases(xml: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.fromstring(xml)
    return {
        (case.get("classname", ""), case.get("name", "")): case for case in root.iter("testcase")
    }


def test_render_junit__all_shapes__one_case_per_rule_and_operation() -> None:
    xml = render_junit(report(*ALL))
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert len(_cases(xml)) == len(ALL)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == str(len(ALL))
    assert suite.get("failures") == "1"
    assert suite.get("skipped") == "2"


def test_render_junit__blocking_finding__is_a_failure_with_positions() -> None:
    case = _cases(render_junit(report(*ALL)))[
        ("POST /transactions", "request-parameter-became-required")
    ]
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert "api/2024-09-01/openapi.yaml:131:11" in (failure.text or "")


def test_render_junit__ignored_finding__is_skipped_with_reason() -> None:
    case = _cases(render_junit(report(*ALL)))[("GET /charges/{id}", "response-property-removed")]
    skipped = case.find("skipped")
    assert skipped is not None
    assert "charges are frozen" in (skipped.get("message") or "")


def test_render_junit__warning_below_fail_on__passes() -> None:
    case = _cases(render_junit(report(*ALL)))[
        ("GET /transactions/{id}", "response-property-enum-value-added")
    ]
    assert case.find("failure") is None
    assert case.find("skipped") is None


def test_render_junit__no_findings__one_passing_case() -> None:
    root = ET.fromstring(render_junit(report()))
    assert root.get("tests") == "1"
    assert root.get("failures") == "0"


def test_render_junit__control_characters_in_message__still_parses() -> None:
    odd = Finding(rule="x-rule", level="error", message="bell \x07 and nul \x00", operation="GET /")
    root = ET.fromstring(render_junit(report(odd, BREAKING)))
    assert root.get("failures") == "2"
