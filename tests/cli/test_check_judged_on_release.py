"""Adjacent versions are judged on the newer one's release day, so `check` never rots by itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from versioning.cli.main import main

BUNDLED = Path(__file__).resolve().parents[2] / "api_specs"


@pytest.mark.parametrize("today", ["2026-11-25", "2027-07-01", "2031-01-01"])
def test_check__bundled_catalog_years_later__still_passes(
    today: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(BUNDLED), "--today", today, "--format", "json"])
    capsys.readouterr()
    assert code == 0


def test_check__bundled_catalog__passes_at_fail_on_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["check", str(BUNDLED), "--today", "2026-11-25", "--fail-on", "warning", "--format", "json"]
    )
    capsys.readouterr()
    assert code == 0
