"""The ``versiongate`` command line: exit codes and messages a user or CI sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from versioning.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "hostile"


def test_check__bundled_catalog__prints_timeline_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", str(ROOT / "api_specs"), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 0
    assert "5 versions" in out
    assert "2023-03-01" in out
    assert "sunset" in out.splitlines()[1]


def test_check__missing_folder__exits_2_with_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["check", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"error: {tmp_path / 'versions.yaml'}:1:1: no versions.yaml")


def test_validate__hostile_file__exits_2_with_file_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(CORPUS / "duplicate_keys.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{CORPUS / 'duplicate_keys.yaml'}:7:3: duplicate key '/a'" in err
    assert "Traceback" not in err


def test_validate__good_spec__reports_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(ROOT / "api_specs" / "2026-02-01" / "openapi.yaml")])
    assert code == 0
    assert "OpenAPI 3.1.0" in capsys.readouterr().out


def test_unknown_command__is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2
