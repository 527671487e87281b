"""Findings between the bundled YAML versions point at the right lines in both files."""

from __future__ import annotations

from pathlib import Path

from versioning.catalog import load_catalog
from versioning.checker import CheckOptions, compare

API_SPECS = Path(__file__).resolve().parents[2] / "api_specs"


def test_metadata_values_shortened__located_on_both_max_length_lines() -> None:
    catalog = load_catalog(API_SPECS)
    findings = compare(
        catalog.specs["2025-06-30"], catalog.specs["2026-02-01"], options=CheckOptions(today=None)
    )
    [finding] = [
        f for f in findings
        if f.operation == "POST /checkouts" and f.rule == "request-property-max-length-decreased"
    ]  # fmt: skip
    assert finding.message == "request property 'metadata.*' max length decreased from 500 to 200"
    for ref, version, text in (
        (finding.base, "2025-06-30", "maxLength: 500"),
        (finding.revision, "2026-02-01", "maxLength: 200"),
    ):
        assert ref is not None
        assert ref.location is not None
        lines = (API_SPECS / version / "openapi.yaml").read_text(encoding="utf-8").splitlines()
        assert ref.location.file.endswith(f"{version}/openapi.yaml")
        assert lines[ref.location.line - 1][ref.location.column - 1 :] == text
