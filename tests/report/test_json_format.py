"""The JSON report keeps its documented schema: every key present, values typed."""

from __future__ import annotations

import json

from tests.report.samples import (
    ALL,
    BREAKING,
    COVERED,
    IGNORED,
    SUGGESTION,
    UNCOVERED,
    catalog_report,
    report,
)
from versioning.report.json_format import JSON_SCHEMA_ID, render_json

FINDING_KEYS = {
    "rule", "level", "message", "operation", "base", "revision",
    "ignored", "coverage", "covered_by", "evidence", "blocking", "suggested_step",
}  # fmt: skip
PLACE_KEYS = {"pointer", "file", "line", "column"}


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
