"""SARIF 2.1.0: the fields code-scanning tools require, and rules for every result."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import jsonschema
import msgspec

from tests.report.samples import ALL, BREAKING, SHARED, report
from versioning.findings import Finding
from versioning.report.rollup import roll_up
from versioning.report.rule_index import TIMELINE_RULES
from versioning.report.sarif_format import FINGERPRINT, SARIF_VERSION, artifact_uri, render_sarif

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.report.rollup import GroupBy

# The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) a consumer relies on,
# restated here: required properties, enums and types of the objects we emit.
_MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_LOCATION = {
    "type": "object",
    "properties": {
        "physicalLocation": {
            "type": "object",
            "required": ["artifactLocation", "region"],
            "properties": {
                "artifactLocation": {
                    "type": "object",
                    "required": ["uri"],
                    "properties": {"uri": {"type": "string", "format": "uri-reference"}},
                },
                "region": {
                    "type": "object",
                    "required": ["startLine"],
                    "properties": {
                        "startLine": {"type": "integer", "minimum": 1},
                        "startColumn": {"type": "integer", "minimum": 1},
                    },
                },
            },
        }
    },
}
SARIF_SHAPE: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs", "$schema"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "shortDescription": _MESSAGE,
                                                "fullDescription": _MESSAGE,
                                                "help": _MESSAGE,
                                            },
                                        },
                                    }
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message", "ruleId", "level", "locations"],
                            "properties": {
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": _MESSAGE,
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "locations": {"type": "array", "items": _LOCATION},
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind"],
                                        "properties": {"kind": {"enum": ["inSource", "external"]}},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def _sarif(*findings: Finding, group_by: GroupBy = "change") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_sarif(report(*findings), group_by=group_by))
    return document


def test_render_sarif__all_shapes__matches_the_sarif_shape() -> None:
    document = _sarif(*ALL)
    jsonschema.validate(document, SARIF_SHAPE)
    assert document["version"] == SARIF_VERSION
    assert "sarif-2.1.0" in document["$schema"]


def test_render_sarif__every_rule_id__described_in_driver_rules_at_its_index() -> None:
    run = _sarif(*ALL)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_render_sarif__breaking_finding__level_location_and_base_as_related() -> None:
    (result,) = _sarif(BREAKING)["runs"][0]["results"]
    assert result["level"] == "error"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "api/2024-09-01/openapi.yaml"
    assert physical["region"] == {"startLine": 131, "startColumn": 11}
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["region"]["startLine"] == 120
    assert "suppressions" not in result


def test_render_sarif__info_and_ignored__note_level_and_suppressed() -> None:
    results = {r["ruleId"]: r for r in _sarif(*ALL)["runs"][0]["results"]}
    assert results["endpoint-added"]["level"] == "note"
    suppression = results["response-property-removed"]["suppressions"][0]
    assert suppression["kind"] == "external"
    assert "charges are frozen" in suppression["justification"]


def test_render_sarif__catalog_rule__carries_its_help_text() -> None:
    timeline = TIMELINE_RULES[0]
    finding = Finding(rule=timeline.id, level="error", message="version gone")
    (rule,) = _sarif(finding)["runs"][0]["tool"]["driver"]["rules"]
    assert rule["help"]["text"] == timeline.doc
    assert rule["defaultConfiguration"] == {"level": "error"}


def test_artifact_uri__spaces_and_git_prefix__encoded_relative_paths() -> None:
    assert artifact_uri("my api/open api.yaml") == "my%20api/open%20api.yaml"
    assert artifact_uri("git:main:api/openapi.yaml") == "api/openapi.yaml"


def test_artifact_uri__absolute_outside_root__file_uri(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "spec.yaml"
    assert artifact_uri(str(outside), root=tmp_path / "repo").startswith("file:///")


def test_render_sarif__shared_schema_change__one_result_other_operations_related() -> None:
    document = _sarif(*SHARED)
    jsonschema.validate(document, SARIF_SHAPE)
    (result,) = document["runs"][0]["results"]
    assert result["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "GET /customers/{id}"}
    ]
    base, *others = result["relatedLocations"]
    assert base["id"] == 1
    assert base["physicalLocation"]["region"]["startLine"] == 640
    assert [(other["id"], other["logicalLocations"]) for other in others] == [
        (2, [{"fullyQualifiedName": "POST /customers"}]),
        (3, [{"fullyQualifiedName": "GET /invoices/{id}"}]),
    ]
    assert result["properties"]["operations"] == [
        "POST /customers", "GET /customers/{id}", "GET /invoices/{id}",
    ]  # fmt: skip
    assert result["properties"]["findings"] == 3


def test_render_sarif__change__fingerprint_is_the_change_id_stable_across_operations() -> None:
    (result,) = _sarif(*SHARED)["runs"][0]["results"]
    (alone,) = _sarif(SHARED[1])["runs"][0]["results"]
    assert result["partialFingerprints"] == {FINGERPRINT: roll_up(SHARED)[0].id}
    assert alone["partialFingerprints"] == result["partialFingerprints"]


def test_render_sarif__by_operation__one_result_per_finding_without_fingerprints() -> None:
    results = _sarif(*SHARED, group_by="operation")["runs"][0]["results"]
    assert len(results) == 3
    assert all("partialFingerprints" not in result for result in results)


def test_render_sarif__change_partly_ignored__blocking_result_and_a_suppressed_one() -> None:
    ignored = msgspec.structs.replace(SHARED[2], ignored="invoices are frozen")
    open_result, suppressed = _sarif(SHARED[0], ignored)["runs"][0]["results"]
    assert "suppressions" not in open_result
    assert suppressed["suppressions"][0]["justification"] == "ignored: invoices are frozen"
