"""``versiongate check`` prints the catalog's warnings and is not failed by them alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.catalog.catalogs import SPEC, write_catalog
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_check__unlisted_version_folder__warns_on_stderr_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalog(tmp_path / "api", ("2024-01-01", "2024-06-01"))
    (tmp_path / "api" / "2025-01-01").mkdir()
    (tmp_path / "api" / "2025-01-01" / "openapi.yaml").write_text(SPEC.format(version="x"))
    code = main(["check", "api", "--today", "2025-02-01"])
    captured = capsys.readouterr()
    assert code == 0
    assert (
        "warning: api/2025-01-01/openapi.yaml:1:1: version folder 2025-01-01 is not listed"
        " in versions.yaml" in captured.err
    )
    assert "2025-01-01" not in captured.out


def test_check__json_version_document__is_loaded_and_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalog(tmp_path / "api", ("2024-01-01", "2024-06-01"))
    (tmp_path / "api" / "2024-06-01" / "openapi.yaml").unlink()
    (tmp_path / "api" / "2024-06-01" / "openapi.json").write_text(
        '{"openapi": "3.1.0", "info": {"title": "Shop", "version": "2024-06-01"}, "paths":'
        ' {"/items": {"get": {"responses": {"200": {"description": "The items."}}}}}}'
    )
    code = main(["check", "api", "--today", "2025-02-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert re.search(r"2024-06-01 \(head\) +supported +1 operations", out)
    assert "no breaking changes" in out
