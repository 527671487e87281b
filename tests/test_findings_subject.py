"""Findings carry what they are about as data (``Finding.subject``), agreeing with the message."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from tests.rules.builder import load, runs
from tests.translate.builder import NEWER, OLDER, json_body, ref, spec
from tests.translate.conftest import BUNDLED
from versioning.catalog import load_catalog
from versioning.checker import CheckOptions, compare
from versioning.findings import Subject
from versioning.rules.registry import get_rule

if TYPE_CHECKING:
    from versioning.findings import Finding


def _opening_agrees(subject: Subject, message: str) -> bool:
    """Webhook, status or direction (and status) as the message opens with them."""
    if subject.webhook is not None:
        return message.startswith(f"webhook {subject.webhook} ")
    if subject.place == "status":
        return f"status {subject.status} " in message
    opening = message.split(" property ", maxsplit=1)[0]
    if subject.status is None:
        return subject.direction == "request" and "request" in opening.split()
    return f"{subject.status} {subject.direction}" in opening


def _name_agrees(subject: Subject, message: str) -> bool:
    if subject.place == "media-type":
        return subject.name in message.split()
    if subject.place == "parameter" and not subject.nested:
        return f"{subject.location} parameter '{subject.name}'" in message
    return subject.place != "header" or f"'{subject.name}'" in message


def _path_agrees(subject: Subject, message: str) -> bool:
    if subject.path is None:
        return not subject.nested
    joint = "property" if subject.nested else "at"
    return f"{joint} '{subject.path}'" in message


def _disagreements(finding: Finding) -> list[str]:
    """What the subject says that the message does not (empty when they agree).

    Checked piece by piece against the message text, not by rendering the subject again,
    so a renderer that drops or garbles a part is caught.
    """
    subject = finding.subject
    if subject is None:
        return ["no subject"]
    checks = {"opening": _opening_agrees, "name": _name_agrees, "path": _path_agrees}
    return [part for part, agrees in checks.items() if not agrees(subject, finding.message)]


def _check_all(findings: list[Finding]) -> None:
    assert findings
    for finding in findings:
        about_a_part = get_rule(finding.rule).direction != "none"
        assert (finding.subject is not None) == about_a_part, (finding.rule, finding.message)
        if finding.subject is not None:
            assert _disagreements(finding) == [], (finding.message, finding.subject)


def test_compare__bundled_catalog_pairs__every_request_and_response_finding_has_a_subject() -> None:
    catalog = load_catalog(BUNDLED)
    findings = [
        finding
        for older, newer in zip(catalog.ids, catalog.ids[1:], strict=False)
        for finding in compare(
            catalog.specs[older],
            catalog.specs[newer],
            options=CheckOptions(today=dt.date(2026, 11, 25), nesting_horizon=None),
        )
    ]
    _check_all(findings)
    paths = {f.subject.path for f in findings if f.subject is not None and f.subject.nested}
    assert {"amount", "metadata.*"} <= paths


def test_compare__every_rule_fixture_case__subjects_set_and_agreeing_with_messages() -> None:
    findings = [
        finding
        for run in runs()
        for finding in compare(
            load(run.base, "base.json"),
            load(run.revision, "revision.json"),
            options=CheckOptions(today=run.today),
        )
    ]
    _check_all(findings)
    places = {f.subject.place for f in findings if f.subject is not None}
    assert places == {"body", "media-type", "parameter", "header", "status"}


def _compared(older: dict[str, Any], newer: dict[str, Any]) -> list[Finding]:
    return compare(
        load(older, "older.json"),
        load(newer, "newer.json"),
        options=CheckOptions(today=dt.date(2026, 1, 1)),
    )


def _charges(money: dict[str, Any], limit: dict[str, Any], version: str) -> dict[str, Any]:
    """``POST /charges``: a ``limit`` query parameter, a ``Filter`` header, 201 ``Charge``."""
    schemas = {
        "Money": money,
        "Charge": {
            "type": "object",
            "properties": {"amount": ref("Money"), "refunds": {"type": "array", "items": {
                "type": "object", "properties": {"amount": ref("Money")}}}},
        },
    }  # fmt: skip
    parameters = [
        {"name": "limit", "in": "query", "schema": limit},
        {"name": "X-Filter", "in": "header", "schema": {
            "type": "object", "properties": {"since": limit}}},
    ]  # fmt: skip
    operation = {
        "parameters": parameters,
        "responses": {"201": {"description": "created", **json_body(ref("Charge"))}},
    }
    return spec(version, schemas, {"/charges": {"post": operation}})


@pytest.fixture(scope="module")
def charge_findings() -> list[Finding]:
    money = {"type": "object", "properties": {"currency": {"type": "string"}}}
    narrower = {"type": "object", "properties": {"currency": {"type": "integer"}}}
    return _compared(
        _charges(money, {"type": "integer", "maximum": 100}, OLDER),
        _charges(narrower, {"type": "integer", "maximum": 10}, NEWER),
    )


def test_compare__shared_component_under_a_201_response__subject_per_property_path(
    charge_findings: list[Finding],
) -> None:
    subjects = {f.subject for f in charge_findings if f.rule == "response-property-type-changed"}
    expected = {
        Subject(direction="response", place="body", status="201", path=path, nested=True)
        for path in ("amount.currency", "refunds[].amount.currency")
    }
    assert subjects == expected


def test_compare__parameter_and_header_parameter_property__subject_names_them(
    charge_findings: list[Finding],
) -> None:
    subjects = {f.subject for f in charge_findings if f.rule.endswith("max-decreased")}
    assert subjects == {
        Subject(direction="request", place="parameter", location="query", name="limit"),
        Subject(direction="request", place="parameter", location="header", name="X-Filter",
                path="since", nested=True),
    }  # fmt: skip
