"""The JSON report keeps its documented schema: every key present, values typed."""

from __future__ import annotations

import json

from tests.report.samples import (
    ALL,
    BREAKING,
    COVERED,
    IGNORED,
    SHARED,
    SUGGESTION,
    UNCOVERED,
    catalog_report,
    elsewhere,
    report,
)
from versioning.report.json_format import JSON_SCHEMA_ID, render_json
from versioning.report.render import render
from versioning.report.rollup import roll_up

FINDING_KEYS = {
    "rule", "level", "message", "operation", "base", "revision",
    "ignored", "coverage", "covered_by", "evidence", "blocking", "suggested_step",
}  # fmt: skip
PLACE_KEYS = {"pointer", "file", "line", "column"}
CHANGE_KEYS = {
    "id", "rule", "level", "message", "operation", "operations", "findings", "base",
    "revision", "ignored", "coverage", "covered_by", "evidence", "blocking", "suggested_steps",
}  # fmt: skip
COUNT_KEYS = {"error", "warning", "info", "ignored", "covered", "blocking", "hidden", "changes"}


def test_render_json__any_report__has_the_documented_top_level_keys() -> None:
    document = json.loads(render_json(report(*ALL)))
    assert set(document) == {
        "schema", "tool", "version", "exit_code", "summary", "comparisons", "notes",
    }  # fmt: skip
    assert document["schema"] == JSON_SCHEMA_ID
    assert document["tool"] == "versiongate"


def test_render_json__every_finding__has_every_key_even_when_empty() -> None:
    document = json.loads(render_json(report(*ALL)))
    findings = document["comparisons"][0]["findings"]
    assert len(findings) == len(ALL)
    for finding in findings:
        assert set(finding) == FINDING_KEYS
        for side in ("base", "revision"):
            assert finding[side] is None or set(finding[side]) == PLACE_KEYS


def test_render_json__breaking_finding__carries_positions_and_blocking() -> None:
    document = json.loads(render_json(report(BREAKING, IGNORED)))
    breaking, ignored = document["comparisons"][0]["findings"]
    assert breaking["blocking"] is True
    assert breaking["revision"] == {
        "pointer": "/paths/~1transactions/post/parameters/0",
        "file": "api/2024-09-01/openapi.yaml",
        "line": 131,
        "column": 11,
    }
    assert ignored["blocking"] is False
    assert ignored["ignored"] == "charges are frozen until their sunset"
    assert document["exit_code"] == 1
    assert document["summary"]["blocking"] == 1


def test_render_json__uncovered_finding__carries_its_suggested_step_others_null() -> None:
    document = json.loads(render_json(catalog_report(UNCOVERED, COVERED)))
    assert document["schema"] == "versiongate.report/1"
    uncovered, covered = document["comparisons"][0]["findings"]
    assert uncovered["coverage"] == "uncovered"
    assert uncovered["suggested_step"] == SUGGESTION
    assert covered["suggested_step"] is None


def test_render_json__any_comparison__both_the_findings_and_the_roll_up() -> None:
    document = json.loads(render_json(report(*ALL)))
    (comparison,) = document["comparisons"]
    assert {"findings", "changes"} <= set(comparison)
    assert set(document["summary"]) == set(comparison["summary"]) == COUNT_KEYS
    for change in comparison["changes"]:
        assert set(change) == CHANGE_KEYS
    assert comparison["summary"]["changes"] == len(comparison["changes"]) == len(ALL)


def test_render_json__shared_schema_change__one_change_pointing_at_its_findings() -> None:
    document = json.loads(render_json(report(*SHARED)))
    (comparison,) = document["comparisons"]
    assert len(comparison["findings"]) == 3
    (change,) = comparison["changes"]
    assert change["id"] == roll_up(SHARED)[0].id
    assert change["operations"] == ["POST /customers", "GET /customers/{id}", "GET /invoices/{id}"]
    assert change["findings"] == [0, 1, 2]
    assert change["message"] == "200 response property 'email' became nullable"
    assert change["revision"]["line"] == 702
    assert change["blocking"] is True
    assert document["summary"]["changes"] == 1


def test_render_json__changes__in_reading_order_blocking_first() -> None:
    document = json.loads(render_json(report(IGNORED, BREAKING)))
    first, second = document["comparisons"][0]["changes"]
    assert (first["rule"], first["blocking"]) == ("request-parameter-became-required", True)
    assert second["ignored"] == "charges are frozen until their sunset"
    assert second["findings"] == [0]


def test_render_json__uncovered_change__its_distinct_suggested_steps() -> None:
    twin = elsewhere(UNCOVERED, "GET /checkouts/{id}")
    changes = json.loads(render_json(catalog_report(UNCOVERED, twin, COVERED)))["comparisons"][0][
        "changes"
    ]
    uncovered, covered = changes
    assert uncovered["suggested_steps"] == [SUGGESTION]
    assert uncovered["findings"] == [0, 1]
    assert covered["suggested_steps"] == []


def test_render_json__group_by_operation__the_same_document() -> None:
    shown = report(*SHARED, *ALL)
    assert render(shown, "json", group_by="operation") == render(shown, "json")
