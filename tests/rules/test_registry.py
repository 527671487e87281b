"""The rule catalog audits itself: ids, docs, mirrors, fixture coverage, oasdiff parity."""

from __future__ import annotations

import csv
import string
from pathlib import Path

import pytest

from tests.rules.builder import runs
from versioning.rules.registry import DOC_PARTS, RULE_ID, RuleInfo, all_rules, get_rule

RULES = all_rules()
DOCUMENT_RULES = [rule for rule in RULES if rule.family != "timeline"]
"""The rules a document diff reports; the timeline rules compare catalogs (tests/catalog)."""
TSV = Path(__file__).resolve().parents[3] / "shared" / "reference" / "oasdiff-rules.tsv"
_LEVELS = {"ERR": "error", "WARN": "warning", "INFO": "info"}
MESSAGE_FIELDS = {
    "subject",
    "before",
    "after",
    "name",
    "status",
    "sunset",
    "days",
    "minimum",
    "stability",
    "scope",
    "flow",
    "field",
}


def _oasdiff_rows() -> list[dict[str, str]]:
    if not TSV.is_file():
        pytest.skip(f"oasdiff's rule list is not at {TSV}")
    with TSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_rule_ids__all__are_unique_kebab_case() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not RULE_ID.fullmatch(i)] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_doc__every_rule__has_the_three_parts_in_order(rule: RuleInfo) -> None:
    positions = [rule.doc.find(part) for part in DOC_PARTS]
    assert -1 not in positions, rule.doc
    assert positions == sorted(positions)
    assert all(len(section.strip()) > 10 for section in rule.doc.split("\n\n"))


def test_rule_messages__every_template__uses_only_known_fields() -> None:
    unknown = {
        rule.id: field
        for rule in DOCUMENT_RULES
        for _, field, _, _ in string.Formatter().parse(rule.message)
        if field is not None and field not in MESSAGE_FIELDS
    }
    assert unknown == {}


def test_request_rules__every_one__has_a_mirror_or_a_reason() -> None:
    lacking = [r.id for r in RULES if r.direction == "request" and not (r.mirror or r.no_mirror)]
    assert lacking == []


def test_mirrors__every_mirror__is_registered_symmetric_and_opposite() -> None:
    for rule in RULES:
        if rule.mirror is None:
            continue
        mirror = get_rule(rule.mirror)
        assert mirror.mirror == rule.id, rule.id
        assert {rule.direction, mirror.direction} == {"request", "response"}, rule.id


def test_fixture_cases__every_rule__is_expected_by_at_least_one_case() -> None:
    covered = {expected.rule for run in runs() for expected in run.expected}
    reported = {rule.id for rule in DOCUMENT_RULES if rule.alias_of is None}
    assert sorted(reported - covered) == []
    assert sorted(covered - reported) == []


def test_aliases__every_alias__names_a_reported_rule_at_its_level() -> None:
    aliases = [rule for rule in RULES if rule.alias_of is not None]
    assert aliases
    for alias in aliases:
        target = get_rule(alias.alias_of or "")
        assert target.alias_of is None, alias.id
        assert (target.level, target.direction) == (alias.level, alias.direction), alias.id


def test_oasdiff_catalog__every_error_and_warning_id__is_registered() -> None:
    rows = _oasdiff_rows()
    registered = {rule.id for rule in RULES}
    breaking = [row["id"] for row in rows if row["level"] in {"ERR", "WARN"}]
    assert len(breaking) == 243
    assert sorted(set(breaking) - registered) == []


def test_oasdiff_catalog__every_id_info_included__is_registered() -> None:
    rows = _oasdiff_rows()
    assert len(rows) == 509
    assert sorted({row["id"] for row in rows} - {rule.id for rule in RULES}) == []


def test_oasdiff_catalog__a_different_level__is_recorded_and_explained() -> None:
    for row in _oasdiff_rows():
        if row["id"] not in {rule.id for rule in RULES}:
            continue
        rule, theirs = get_rule(row["id"]), _LEVELS[row["level"]]
        if rule.level == theirs:
            assert rule.oasdiff_level is None, rule.id
        else:
            assert rule.oasdiff_level == theirs, rule.id
            assert f"oasdiff rates this {theirs}" in rule.doc, rule.id


def test_oasdiff_catalog__shared_ids__keep_oasdiff_direction() -> None:
    for row in _oasdiff_rows():
        if row["id"] in {rule.id for rule in RULES}:
            assert get_rule(row["id"]).direction == row["direction"], row["id"]
