"""The ``versiongate`` command line: exit codes and messages a user or CI sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from versioning.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "hostile"


# `versiongate check` is tested in tests/cli/test_check_command.py.


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
