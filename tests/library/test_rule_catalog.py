"""The rule catalog is complete in a fresh interpreter, whatever was imported before (issue 14)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

from versioning.rules import RULE_FAMILIES, all_rules
from versioning.rules.timeline import TIMELINE_RULES

_FRESH = """
import importlib
import json
import sys

from versioning.rules import all_rules

ids = [info.id for info in all_rules()]
print(json.dumps({"ids": ids, "checker": "versioning.checker" in sys.modules}))
"""


def test_all_rules__fresh_interpreter__every_rule_without_importing_the_checker() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _FRESH], capture_output=True, text=True, check=True, timeout=120
    )
    fresh = json.loads(completed.stdout)
    assert fresh["ids"] == [info.id for info in all_rules()]
    assert not fresh["checker"]


def test_all_rules__timeline_rules__are_in_the_registry() -> None:
    ids = {info.id for info in all_rules()}
    assert {info.id for info in TIMELINE_RULES} <= ids
    assert {
        "catalog-version-removed",
        "catalog-version-inserted",
        "catalog-versions-reordered",
    } <= ids


def test_rule_families__listed_once__timeline_among_them() -> None:
    assert len(RULE_FAMILIES) == len(set(RULE_FAMILIES))
    assert "timeline" in RULE_FAMILIES
    assert {info.family for info in TIMELINE_RULES} == {"timeline"}


def test_rule_families__each_exports_a_tuple__the_catalog_is_their_union() -> None:
    declared: list[str] = []
    for family in RULE_FAMILIES:
        rules = importlib.import_module(f"versioning.rules.{family}").RULES
        assert isinstance(rules, tuple), family
        declared.extend(info.id for info in rules)
    assert sorted(declared) == [info.id for info in all_rules()]
