"""The coverage gate on real compare() findings of the synthetic "orders" catalog."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tests.translate.builder import NEWER, OLDER, write_catalog
from tests.translate.orders import CHANGES, CONVERTERS, order_specs
from tests.translate.shapes import RENAME_ZIPCODE, address_specs
from versioning.catalog import load_catalog
from versioning.changes.load import load_catalog_changes
from versioning.checker import CheckOptions, compare
from versioning.coverage import classify, suggest_step

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.findings import Finding


def _classified(folder: Path) -> list[Finding]:
    catalog = load_catalog(folder)
    [changes] = load_catalog_changes(catalog)
    older, newer = catalog.specs[OLDER], catalog.specs[NEWER]
    findings = compare(older, newer, options=CheckOptions(today=dt.date(2024, 6, 1)))
    return classify(findings, older=older, newer=newer, changes=changes)


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
    assert "step: field_removed" in suggest_step(uncovered[0])
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
