"""``check`` validates every example of every version against its own schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.coverage.catalogs import HEAD, append_change, check_json, copy_catalog

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_check__schema_renamed_but_examples_not__each_stale_member_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalog(tmp_path)
    spec = folder / HEAD / "openapi.yaml"
    lines = spec.read_text().splitlines(keepends=True)
    schema_start = next(i for i, line in enumerate(lines) if line.startswith("components:"))
    stale = [
        number
        for number, line in enumerate(lines[:schema_start], start=1)
        if line.strip().startswith("captured_amount:")
    ]
    renamed = [line.replace("captured_amount", "amount_captured") for line in lines[schema_start:]]
    spec.write_text("".join(lines[:schema_start] + renamed))
    append_change(
        folder,
        HEAD,
        "      - step: field_renamed\n        schema: Transaction\n"
        "        from: captured_amount\n        to: amount_captured\n",
    )
    code, report = check_json(folder, capsys)
    [examples] = [c for c in report["comparisons"] if c["kind"] == "examples"]
    undeclared = [f for f in examples["findings"] if f["rule"] == "example-undeclared-member"]
    assert code == 1
    assert examples["revision"] == HEAD
    assert sorted({f["revision"]["line"] for f in undeclared}) == stale
    assert all("/captured_amount" in f["message"] for f in undeclared)
    missing = [f for f in examples["findings"] if f["rule"] == "example-invalid"]
    assert missing  # the new required name is absent from the same examples
    assert all(f["blocking"] for f in examples["findings"])


def test_check__bundled_catalog__no_example_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = check_json(copy_catalog(tmp_path), capsys)
    assert code == 0
    assert [c for c in report["comparisons"] if c["kind"] == "examples"] == []
