"""``load_catalog(validate=True)``: each spec validated as it loads, one copy in memory.

``check`` reads the catalog this way (it loaded every spec twice before, issue 12), and
``verify`` too, so a spec that is not OpenAPI is a located error, not a generator's crash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.catalog.catalogs import SPEC, write_catalog
from versioning.catalog import load_catalog
from versioning.cli.main import main
from versioning.errors import SpecError, SpecValidationError

if TYPE_CHECKING:
    from pathlib import Path

_INVALID = SPEC.replace("          description: The items.\n", "          description: 5\n")


def _broken(folder: Path) -> Path:
    write_catalog(folder, ("2024-01-01", "2024-06-01"))
    (folder / "2024-01-01" / "openapi.yaml").write_text(_INVALID.format(version="2024-01-01"))
    return folder


def test_load_catalog__validate_and_an_invalid_spec__raises_located(tmp_path: Path) -> None:
    with pytest.raises(SpecValidationError, match=r"openapi\.yaml:\d+:\d+: invalid OpenAPI"):
        load_catalog(_broken(tmp_path / "api"), validate=True)


def test_load_catalog__without_validate__loads_the_invalid_spec(tmp_path: Path) -> None:
    catalog = load_catalog(_broken(tmp_path / "api"))
    assert set(catalog.specs) == {"2024-01-01", "2024-06-01"}


def test_load_catalog__on_invalid__told_once_and_the_spec_still_loaded(tmp_path: Path) -> None:
    told: list[SpecError] = []
    catalog = load_catalog(_broken(tmp_path / "api"), validate=True, on_invalid=told.append)
    assert len(told) == 1
    assert told[0].__traceback__ is None  # the failed load's document is not kept alive
    assert "2024-01-01/openapi.yaml" in str(told[0])
    assert len(catalog.specs["2024-01-01"].operations) == 1


def test_check__invalid_spec__error_printed_report_still_written_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _broken(tmp_path / "api")
    code = main(["check", "api", "--today", "2025-02-01"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.count("error: api/2024-01-01/openapi.yaml:") == 1
    assert "invalid OpenAPI" in captured.err
    assert "2024-06-01 (head)" in captured.out
