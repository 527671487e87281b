"""The project's own configuration holds the bundled catalog to warnings as well as errors."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.cli.main import main

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[2]
ENUM_CHANGE = "  - description: >-\n      A transaction refunded in part"


def _without_enum_mapping(tmp_path: Path) -> Path:
    catalog = tmp_path / "api_specs"
    shutil.copytree(ROOT / "api_specs", catalog)
    changes = catalog / "2024-09-01" / "changes.yaml"
    text = changes.read_text()
    start = text.index(ENUM_CHANGE)
    end = text.find("\n  - description", start + 1)
    changes.write_text(text[:start] + (text[end + 1 :] if end != -1 else ""))
    return catalog


def test_check__enum_mapping_step_deleted__fails_under_the_project_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = _without_enum_mapping(tmp_path)
    code = main(
        ["check", str(catalog), "--today", "2026-11-25", "--config", str(ROOT / "pyproject.toml")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "response-property-enum-value-added" in out
    assert "[uncovered: the declared changes do not translate it]" in out


def test_check__bundled_catalog__passes_under_the_project_config(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "check",
            str(ROOT / "api_specs"),
            "--today",
            "2026-11-25",
            "--config",
            str(ROOT / "pyproject.toml"),
        ]
    )
    capsys.readouterr()
    assert code == 0
