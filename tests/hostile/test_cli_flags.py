"""The CLI's own half of issues 12 and 13, in-process: lenient flags, relative paths, exit 3."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from tests.hostile.cases import document
from versioning.cli import inspect_command
from versioning.cli.main import EXIT_INTERNAL, main

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

DANGLING = document(schema={"$ref": "#/components/schemas/Missing"})


def _write(folder: Path, name: str, value: dict[str, Any]) -> str:
    (folder / name).write_text(json.dumps(value, indent=1))
    return name


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_lenient_refs__dangling_ref__warns_located_and_succeeds(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _write(in_tmp, "spec.json", DANGLING)
    code = main(["validate", "--lenient-refs", name])
    err = capsys.readouterr().err
    assert code == 0
    assert "warning: spec.json:" in err
    assert "Traceback" not in err
    assert len(err) < 2000


def test_validate__dangling_ref__is_a_located_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _write(in_tmp, "spec.json", DANGLING)
    assert main(["validate", name]) == 2
    assert "error: spec.json:" in capsys.readouterr().err


def test_diff_lenient_refs__dangling_ref__prints_each_warning(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _write(in_tmp, "spec.json", DANGLING)
    base = _write(in_tmp, "base.json", document())
    code = main(["diff", "--lenient-refs", base, name])
    err = capsys.readouterr().err
    assert code in (0, 1)
    assert err.count("warning: spec.json:") == 1
    assert "$ref target does not exist" in err


def test_diff__null_responses__refused_strictly_read_leniently(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _write(in_tmp, "spec.json", document(operation={"responses": None}))
    base = _write(in_tmp, "base.json", document())
    assert main(["diff", base, name]) == 2
    assert "'responses' must be a mapping" in capsys.readouterr().err
    assert main(["diff", "--lenient", base, name]) == 1
    assert "'responses' is null; read as if it were left out" in capsys.readouterr().err


def _raise_type_error(arguments: argparse.Namespace) -> int:
    raise TypeError("x" * 100_000)


def test_internal_error__a_bug__is_one_line_and_exit_3(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _write(in_tmp, "spec.json", document())
    monkeypatch.setattr(inspect_command, "run_validate", _raise_type_error)
    monkeypatch.delenv("VERSIONGATE_TRACEBACK", raising=False)
    assert main(["validate", name]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("internal error: TypeError: xxx")
    assert "Traceback" not in err
    assert len(err) < 600


def test_bad_limit_variable__is_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _write(in_tmp, "spec.json", document())
    monkeypatch.setenv("VERSIONGATE_MAX_DEPTH", "deep")
    assert main(["validate", name]) == 2
    assert "VERSIONGATE_MAX_DEPTH='deep' must be a whole number" in capsys.readouterr().err


HOSTILE_PATTERNS = ("[", "[!]", "*" * 5000, "\x00", "\udcff", "**/../*", "[z-a]", "")


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_rules__hostile_patterns__list_or_find_nothing(
    output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rules`` reads no spec, only glob patterns: none of them may crash it."""
    code = main(["rules", "--format", output_format, *HOSTILE_PATTERNS])
    captured = capsys.readouterr()
    assert code in (0, 2), captured.err
    assert "Traceback" not in captured.err
    assert "internal error" not in captured.err
