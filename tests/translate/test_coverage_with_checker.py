"""The coverage gate and its suggested steps on real compare() findings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec
import pytest
import yaml

from tests.translate.builder import NEWER, OLDER, json_body, ref, spec, write_catalog
from tests.translate.conftest import BUNDLED
from tests.translate.orders import CHANGES, CONVERTERS, order_specs
from tests.translate.shapes import RENAME_ZIPCODE, address_specs
from versioning.catalog import load_catalog
from versioning.checker import CheckOptions, compare
from versioning.coverage import CoverageGate, Drafter, classify
from versioning.translate import Translator

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.catalog import Catalog
    from versioning.findings import Finding
    from versioning.translate.hop import Hop


def _classified(folder: Path) -> list[Finding]:
    catalog = load_catalog(folder)
    [hop] = Translator.from_catalog(catalog).hops
    findings = compare(hop.older, hop.newer, options=CheckOptions(today=dt.date(2024, 6, 1)))
    return classify(findings, hop=hop)


def _drafter(folder: Path) -> Drafter:
    [hop] = Translator.from_catalog(load_catalog(folder)).hops
    return Drafter(CoverageGate(hop))


def test_classify__orders_changes__every_breaking_finding_covered(tmp_path: Path) -> None:
    older, newer = order_specs()
    classified = _classified(write_catalog(tmp_path / "api", older, newer, CHANGES, CONVERTERS))
    breaking = [f for f in classified if f.level == "error"]
    assert breaking
    assert [f for f in breaking if f.coverage != "covered"] == []
    assert all(f.coverage is None for f in classified if f.level != "error")


def test_classify__undeclared_removal__uncovered_with_a_field_removed_suggestion(
    tmp_path: Path,
) -> None:
    older, newer = address_specs()
    older["components"]["schemas"]["Node"]["required"] = ["label"]
    del newer["components"]["schemas"]["Node"]["properties"]["label"]
    classified = _classified(write_catalog(tmp_path / "api", older, newer, RENAME_ZIPCODE))
    uncovered = [f for f in classified if f.coverage == "uncovered"]
    assert uncovered
    assert all("'label'" in f.message for f in uncovered)
    drafted = _drafter(tmp_path / "api").draft(uncovered[0])
    assert drafted.kind == "field_removed"
    assert all(
        f.coverage == "covered" for f in classified if f.level == "error" and "zipcode" in f.message
    )


def test_classify__acknowledged_break__reason_recorded(tmp_path: Path) -> None:
    older, newer = address_specs()
    older["components"]["schemas"]["Node"]["required"] = ["label"]
    del newer["components"]["schemas"]["Node"]["properties"]["label"]
    changes = RENAME_ZIPCODE + (
        "  - description: Tree labels are gone.\n    steps:\n"
        "      - {step: acknowledged, schema: Node, field: label, reason: labels moved to tags}\n"
    )
    classified = _classified(write_catalog(tmp_path / "api", older, newer, changes))
    about_label = [f for f in classified if f.level == "error" and "'label'" in f.message]
    assert about_label
    assert {(f.coverage, f.covered_by) for f in about_label} == {
        ("acknowledged", "labels moved to tags")
    }


def _age_specs(*statuses: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``POST /people`` answers each status with its own schema, ``Person<status>``.

    Each holds ``age``, a ``$ref`` to its own ``Age<status>`` component; every ``Age`` goes
    from an integer to an object, so the checker points at the component, not the property.
    """

    def document(version: str, age: dict[str, Any]) -> dict[str, Any]:
        schemas: dict[str, Any] = {}
        responses: dict[str, Any] = {}
        for status in statuses:
            schemas[f"Age{status}"] = age
            schemas[f"Person{status}"] = {
                "type": "object",
                "properties": {"age": ref(f"Age{status}")},
            }
            responses[status] = {"description": "ok", **json_body(ref(f"Person{status}"))}
        return spec(version, schemas, {"/people": {"post": {"responses": responses}}})

    years = {"type": "object", "properties": {"years": {"type": "integer"}}}
    return document(OLDER, {"type": "integer"}), document(NEWER, years)


def _age_converted(status: str) -> str:
    return (
        "changes:\n  - description: A person's age is an object.\n    steps:\n"
        f"      - {{step: value_converted, schema: Person{status}, field: age,"
        " upgrade: conv:up, downgrade: conv:down}\n"
    )


_AGE_CONVERTERS = (
    "def up(value):\n    return {'years': value}\n\n\n"
    "def down(value):\n    return value.get('years', 0)\n"
)


def _age_type_changes(folder: Path) -> dict[str, Finding]:
    """The type-change findings about ``age``, by the status their message names first."""
    return {
        f.message.split()[0]: f
        for f in _classified(folder)
        if f.rule == "response-property-type-changed"
    }


def test_classify__shared_component_in_a_201_response__covered_by_the_parent_schema_step(
    tmp_path: Path,
) -> None:
    older, newer = _age_specs("201")
    folder = write_catalog(tmp_path / "api", older, newer, _age_converted("201"), _AGE_CONVERTERS)
    finding = _age_type_changes(folder)["201"]
    assert finding.base is not None
    assert finding.base.pointer == "/components/schemas/Age201/type"
    assert finding.coverage == "covered"
    assert finding.covered_by is not None
    assert "value_converted Person201.age" in finding.covered_by


def test_classify__property_under_another_status__covered_only_where_the_step_applies(
    tmp_path: Path,
) -> None:
    older, newer = _age_specs("200", "202")
    folder = write_catalog(tmp_path / "api", older, newer, _age_converted("200"), _AGE_CONVERTERS)
    coverage = {status: f.coverage for status, f in _age_type_changes(folder).items()}
    assert coverage == {"200": "covered", "202": "uncovered"}


def test_drafter__property_reached_through_a_shared_component__names_the_holding_schema(
    tmp_path: Path,
) -> None:
    older, newer = _age_specs("201")
    folder = write_catalog(tmp_path / "api", older, newer, "changes: []\n")
    finding = _age_type_changes(folder)["201"]
    draft = _drafter(folder).draft(finding)
    [step] = yaml.safe_load(draft.text())
    assert step == {
        "step": "value_converted",
        "schema": "Person201",
        "field": "age",
        "downgrade": "converters:downgrade_person201_age",
    }
    assert not draft.works
    assert draft.note is not None
    assert "converters.py:downgrade_person201_age(value)" in draft.note


@pytest.mark.parametrize("version", load_catalog(BUNDLED).ids[1:])
def test_drafter__bundled_breaking_findings__valid_yaml_naming_the_newer_schemas(
    catalog: Catalog, version: str
) -> None:
    hop = Translator.from_catalog(catalog).hops[catalog.ids.index(version) - 1]
    newer = hop.newer
    findings = compare(hop.older, newer, options=CheckOptions(today=dt.date(2026, 3, 1)))
    breaking = [finding for finding in findings if finding.level == "error"]
    assert breaking
    drafter = Drafter(CoverageGate(hop))
    for finding in breaking:
        steps = yaml.safe_load(drafter.suggestion(finding))
        assert all(isinstance(step, dict) and "step" in step for step in steps)
        named = {step["schema"] for step in steps if "schema" in step}
        assert named <= set(newer.schemas), finding.message


def test_classify__shared_component_reached_by_several_places__each_place_needs_its_step(
    tmp_path: Path,
) -> None:
    """A step on ``Person.age`` does not cover ``Person.spouse_age`` or a 202 ``Pet.age``."""

    def document(version: str, age: dict[str, Any]) -> dict[str, Any]:
        schemas = {
            "Age": age,
            "Person": {
                "type": "object",
                "properties": {"age": ref("Age"), "spouse_age": ref("Age")},
            },
            "Pet": {"type": "object", "properties": {"age": ref("Age")}},
        }
        responses = {
            "200": {"description": "ok", **json_body(ref("Person"))},
            "202": {"description": "ok", **json_body(ref("Pet"))},
        }
        return spec(version, schemas, {"/people": {"post": {"responses": responses}}})

    years = {"type": "object", "properties": {"years": {"type": "integer"}}}
    older, newer = document(OLDER, {"type": "integer"}), document(NEWER, years)
    folder = write_catalog(tmp_path / "api", older, newer, _age_converted(""), _AGE_CONVERTERS)
    coverage = {
        f.message.split(" type changed")[0]: f.coverage
        for f in _classified(folder)
        if f.rule == "response-property-type-changed"
    }
    assert coverage == {
        "200 response property 'age'": "covered",
        "200 response property 'spouse_age'": "uncovered",
        "202 response property 'age'": "uncovered",
    }


def _bundled_pairs(catalog: Catalog) -> list[tuple[Hop, list[Finding]]]:
    pairs = []
    for hop in Translator.from_catalog(catalog).hops:
        findings = compare(hop.older, hop.newer, options=CheckOptions(today=dt.date(2026, 11, 25)))
        pairs.append((hop, findings))
    return pairs


def _not_info(finding: Finding) -> bool:
    return finding.level != "info"


def _verdicts(findings: list[Finding]) -> list[tuple[str | None, str | None]]:
    return [(finding.coverage, finding.covered_by) for finding in findings]


def test_classify__bundled_findings_reworded__same_coverage_and_suggestions(
    catalog: Catalog,
) -> None:
    """The gate reads data: rewording every message changes no verdict and no draft step."""
    compared = 0
    for hop, findings in _bundled_pairs(catalog):
        reworded = [msgspec.structs.replace(f, message="reworded") for f in findings]
        kept = classify(findings, hop=hop, breaking=_not_info)
        again = classify(reworded, hop=hop, breaking=_not_info)
        assert _verdicts(again) == _verdicts(kept)
        drafter = Drafter(CoverageGate(hop))
        for before, after in zip(kept, again, strict=True):
            if before.coverage is not None:
                assert drafter.draft(after).fields == drafter.draft(before).fields
        compared += sum(f.coverage is not None for f in kept)
    assert compared


def test_classify__bundled_findings_without_subjects__judged_on_whole_operation_witnesses(
    catalog: Catalog,
) -> None:
    """Without a subject only the operation's plain messages are witnesses.

    Where they carry the changed value the verdict is the same; where they do not (a capture
    request without its optional ``amount``) the break cannot be shown, and the finding is
    not called covered.
    """
    hop, findings = _bundled_pairs(catalog)[catalog.ids.index("2024-09-01") - 1]
    about_amount = [
        f
        for f in classify(findings, hop=hop)
        if f.subject is not None and f.subject.path == "amount" and f.level == "error"
    ]
    assert about_amount
    assert {f.coverage for f in about_amount} == {"covered"}
    bare = [msgspec.structs.replace(f, subject=None, coverage=None) for f in about_amount]
    verdicts = {(f.operation, f.rule): f for f in classify(bare, hop=hop)}
    capture = verdicts.pop(("POST /charges/{charge_id}/capture", "request-property-type-changed"))
    assert capture.coverage == "uncovered"
    assert capture.evidence is not None
    assert capture.evidence.startswith("no witness shows this break")
    assert {f.coverage for f in verdicts.values()} == {"covered"}


def test_classify__statuses_reworded__each_status_keeps_its_own_verdict(tmp_path: Path) -> None:
    older, newer = _age_specs("200", "202")
    folder = write_catalog(tmp_path / "api", older, newer, _age_converted("200"), _AGE_CONVERTERS)
    catalog = load_catalog(folder)
    [hop] = Translator.from_catalog(catalog).hops
    findings = compare(catalog.specs[OLDER], catalog.specs[NEWER])
    reworded = [
        msgspec.structs.replace(f, message="the age changed")
        for f in findings
        if f.rule == "response-property-type-changed"
    ]
    classified = classify(reworded, hop=hop)
    coverage = {f.subject.status: f.coverage for f in classified if f.subject is not None}
    assert coverage == {"200": "covered", "202": "uncovered"}
