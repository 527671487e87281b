"""``versiongate deprecate``: dates recorded in place, the promised notice kept, refusals clean."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.catalog.catalogs import write_catalog
from versioning.catalog import load_catalog
from versioning.catalog_edit import deprecate
from versioning.cli.main import main
from versioning.errors import CatalogError

if TYPE_CHECKING:
    from pathlib import Path

OLD, MIDDLE, HEAD = "2024-01-01", "2024-06-01", "2025-01-01"


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["deprecate", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_catalog(tmp_path / "api", (OLD, MIDDLE, HEAD))


def test_deprecate__dates_given__recorded_after_released_and_reported(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (catalog / "versions.yaml").read_text()
    code, out, err = _run(
        capsys, "api", OLD, "--deprecated", "2025-01-01", "--sunset", "2025-07-31"
    )
    assert (code, err) == (0, "")
    assert out == (
        f"api/versions.yaml: {OLD} deprecated 2025-01-01, sunset 2025-07-31"
        " (211 days of notice; at least 183)\n"
    )
    assert (catalog / "versions.yaml").read_text() == before.replace(
        f'    released: "{OLD}"\n',
        f'    released: "{OLD}"\n    deprecated: "2025-01-01"\n    sunset: "2025-07-31"\n',
    )


def test_deprecate__no_deprecated_date__today_is_recorded(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "api", OLD, "--sunset", "2026-01-01", "--today", "2025-03-01")
    assert code == 0
    assert f"{OLD} deprecated 2025-03-01, sunset 2026-01-01" in out


def test_deprecate__already_deprecated__keeps_that_date_and_moves_sunset_later(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "api", OLD, "--deprecated", "2025-01-01", "--sunset", "2025-07-31")[0] == 0
    code, out, _ = _run(capsys, "api", OLD, "--sunset", "2025-12-31", "--today", "2025-05-01")
    assert code == 0
    assert f"{OLD} deprecated 2025-01-01, sunset 2025-12-31" in out
    assert (catalog / "versions.yaml").read_text().count("deprecated:") == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((HEAD, "--sunset", "2026-01-01"),
         f"api/versions.yaml:9:5: {HEAD} is the head version: nothing newer would replace it"),
        (("2023-01-01", "--sunset", "2026-01-01"),
         "api/versions.yaml:5:5: version 2023-01-01 is not listed; the versions are"),
        ((OLD, "--deprecated", "2025-01-01", "--sunset", "2025-06-01"),
         "api/versions.yaml:5:5: sunset 2025-06-01 is 151 days after the deprecation 2025-01-01;"
         " merchants are owed at least 183 days (the default): choose a later sunset"),
        ((OLD, "--deprecated", "2023-06-01", "--sunset", "2025-06-01"),
         f"api/versions.yaml:5:5: deprecation 2023-06-01 is before {OLD} was released"),
    ],
)  # fmt: skip
def test_deprecate__promise_broken__exit_2_and_file_unchanged(
    catalog: Path, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], message: str
) -> None:
    before = (catalog / "versions.yaml").read_text()
    code, out, err = _run(capsys, "api", *arguments)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {message}")
    assert (catalog / "versions.yaml").read_text() == before


def test_deprecate__default_version__is_refused(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = catalog / "versions.yaml"
    timeline.write_text(
        timeline.read_text().replace(f'"{HEAD}"\nversions', f'"{MIDDLE}"\nversions')
    )
    code, _, err = _run(capsys, "api", MIDDLE, "--sunset", "2026-01-01")
    assert code == 2
    assert f"{MIDDLE} is the default_version, the one new merchants are pinned to" in err


def test_deprecate__sunset_moved_earlier__is_refused(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "api", OLD, "--deprecated", "2025-01-01", "--sunset", "2025-12-31")[0] == 0
    code, _, err = _run(capsys, "api", OLD, "--sunset", "2025-11-30")
    assert code == 2
    assert "already has its sunset on 2025-12-31: moving it earlier, to 2025-11-30" in err


@pytest.mark.parametrize("value", ["2025-13-01", "tomorrow", "20250101"])
def test_deprecate__malformed_date__argparse_exit_2(
    catalog: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["deprecate", "api", OLD, "--sunset", value])
    assert caught.value.code == 2
    assert f"argument --sunset: date '{value}' is not a date in YYYY-MM-DD form" in (
        capsys.readouterr().err
    )


def test_deprecate__window_configured__config_file_decides_and_is_named(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "versiongate.toml").write_text("min-sunset-window-days = 30\n")
    code, out, _ = _run(capsys, "api", OLD, "--deprecated", "2025-01-01", "--sunset", "2025-02-15")
    assert code == 0
    assert "(45 days of notice; at least 30)" in out
    code, _, err = _run(
        capsys, "api", MIDDLE, "--deprecated", "2025-01-01", "--sunset", "2025-01-15"
    )
    assert code == 2
    assert f"at least 30 days (min-sunset-window-days in {tmp_path / 'versiongate.toml'})" in err


def test_deprecate__catalog_does_not_load_back__file_restored(
    catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (catalog / "versions.yaml").read_bytes()
    real = load_catalog
    calls: list[Path] = []

    def second_load_fails(folder: Path, *, load_specs: bool = True) -> object:
        calls.append(folder)
        if len(calls) > 1:
            raise CatalogError("reloaded wrong")
        return real(folder, load_specs=load_specs)

    monkeypatch.setattr(deprecate, "load_catalog", second_load_fails)
    code, _, err = _run(capsys, "api", OLD, "--deprecated", "2025-01-01", "--sunset", "2025-12-31")
    assert code == 2
    assert err == "error: reloaded wrong; nothing was changed\n"
    assert (catalog / "versions.yaml").read_bytes() == before
