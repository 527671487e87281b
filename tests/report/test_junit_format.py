"""JUnit XML: one test case per change (or rule and operation), failing when a finding blocks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import msgspec

from tests.report.samples import ALL, BREAKING, COVERED, SHARED, report
from versioning.findings import Finding
from versioning.report.junit_format import render_junit


def _cases(xml: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.fromstring(xml)
    return {
        (case.get("classname", ""), case.get("name", "")): case for case in root.iter("testcase")
    }


def test_render_junit__by_operation_all_shapes__one_case_per_rule_and_operation() -> None:
    xml = render_junit(report(*ALL), group_by="operation")
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert len(_cases(xml)) == len(ALL)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == str(len(ALL))
    assert suite.get("failures") == "1"
    assert suite.get("skipped") == "2"


def test_render_junit__by_operation_blocking__is_a_failure_with_positions() -> None:
    case = _cases(render_junit(report(*ALL), group_by="operation"))[
        ("POST /transactions", "request-parameter-became-required")
    ]
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert "api/2024-09-01/openapi.yaml:131:11" in (failure.text or "")


def test_render_junit__by_operation_ignored__is_skipped_with_reason() -> None:
    cases = _cases(render_junit(report(*ALL), group_by="operation"))
    case = cases[("GET /charges/{id}", "response-property-removed")]
    skipped = case.find("skipped")
    assert skipped is not None
    assert "charges are frozen" in (skipped.get("message") or "")


def test_render_junit__by_operation_warning_below_fail_on__passes() -> None:
    case = _cases(render_junit(report(*ALL), group_by="operation"))[
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


_NULLABLE = "response-property-became-nullable"
_EMAIL = "200 response property 'email' became nullable"


def test_render_junit__shared_schema_change__one_failing_case_listing_its_operations() -> None:
    xml = render_junit(report(*SHARED, COVERED))
    cases = _cases(xml)
    assert set(cases) == {
        (_NULLABLE, f"{_EMAIL} (3 operations)"),
        ("request-property-removed", "request property 'zipcode' removed (POST /checkouts)"),
    }
    failure = cases[_NULLABLE, f"{_EMAIL} (3 operations)"].find("failure")
    assert failure is not None
    assert "on: POST /customers, GET /customers/{id}, GET /invoices/{id}" in (failure.text or "")
    suite = ET.fromstring(xml).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "1", "1")


def test_render_junit__change_partly_ignored__one_case_that_still_fails() -> None:
    ignored = msgspec.structs.replace(SHARED[2], ignored="invoices are frozen")
    cases = _cases(render_junit(report(SHARED[0], ignored)))
    (case,) = cases.values()
    assert case.find("failure") is not None


def test_render_junit__two_changes_alike_but_for_their_place__both_cases_kept() -> None:
    moved = msgspec.structs.replace(BREAKING, base=None, revision=None)
    names = [name for _, name in _cases(render_junit(report(BREAKING, moved)))]
    assert len(names) == 2
    assert names[1].endswith("[2]")
