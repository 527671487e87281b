"""``versiongate verify`` on catalogs, and the mutation checks: broken steps are caught.

Each mutation test copies the bundled catalog into ``tmp_path``, breaks one declared change
(a removed rename step, a corrupted converter) and asserts ``verify`` finds a counterexample
that names the hop — proof the properties can fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.cli.main import main

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "api_specs"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "api_specs"
    shutil.copytree(BUNDLED, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text()
    assert old in text, f"the mutation no longer applies to {file}"
    file.write_text(text.replace(old, new, 1))


def _verify(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str]:
    options = [] if "--examples" in arguments else ["--examples", "3"]
    code = main(["verify", *arguments, *options, "--no-chain", "--shrink-seconds", "1"])
    return code, capsys.readouterr().out


def test_verify__untouched_operation__passes_and_reports_each_pair(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _verify(capsys, str(BUNDLED), "--operation", "POST /checkouts")
    assert code == 0
    for older, newer in [("2023-03-01", "2024-01-15"), ("2025-06-30", "2026-02-01")]:
        assert f"{older} → {newer}" in out
    assert "ok        POST /checkouts" in out
    assert " 0 failed" in out


def test_verify__rename_step_removed__finds_the_unrenamed_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = _copy(tmp_path)
    _replace(
        catalog / "2024-01-15" / "changes.yaml",
        "  - description: The address field `zipcode` is renamed `postal_code`.\n"
        "    steps:\n      - step: field_renamed\n        schema: Address\n"
        "        from: zipcode\n        to: postal_code\n\n",
        "",
    )
    code, out = _verify(capsys, str(catalog), "--operation", "POST /checkouts")
    assert code == 1
    assert "FAIL      POST /checkouts" in out
    assert "upgrade POST /checkouts (2023-03-01) → POST /checkouts (2024-01-15)" in out
    assert "'postal_code' is a required property" in out
    assert "no step of it touches the failing fields, a declared change may be missing" in out


def test_verify__converter_drops_currency__upgrade_counterexample_names_the_step(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = _copy(tmp_path)
    _replace(
        catalog / "converters.py",
        'return {"value": value, "currency": currency}',
        'return {"value": value}',
    )
    code, out = _verify(capsys, str(catalog), "--operation", "POST /charges")
    assert code == 1
    assert "broken by the hop 2024-01-15 → 2024-09-01" in out
    assert "'currency' is a required property" in out
    assert "value_converted TransactionCreate" in out


def test_verify__converter_off_by_one__round_trip_catches_the_changed_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = _copy(tmp_path)
    _replace(
        catalog / "converters.py",
        'out["amount"] = value.get("value")',
        'out["amount"] = value.get("value") - 1 if value.get("value", 0) > 1 else value.get("value")',
    )
    code, out = _verify(capsys, str(catalog), "--operation", "POST /checkouts", "--examples", "10")
    assert code == 1
    assert "round trip POST /checkouts" in out
    assert "field 'amount': sent" in out


def test_verify__missing_catalog__is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["verify", str(tmp_path)])
    assert code == 2
    assert "no versions.yaml" in capsys.readouterr().err


def test_verify__unknown_operation__is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", str(BUNDLED), "--operation", "GET /nowhere"])
    assert code == 2
    assert "no case matches --operation GET /nowhere" in capsys.readouterr().err


def test_pytest_plugin__broken_catalog__fails_with_the_counterexample(tmp_path: Path) -> None:
    catalog = _copy(tmp_path)
    _replace(
        catalog / "converters.py",
        'return {"value": value, "currency": currency}',
        'return {"value": value}',
    )
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n")
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "compat_tests.pytest_plugin",
            "--versiongate", "api_specs", "--versiongate-examples", "3", "-p", "no:cacheprovider",
            "-k", "upgrade and 2024-01-15 and 2024-09-01 and POST and charges and not charge_id",
        ],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'currency' is a required property" in result.stdout
    assert "1 failed" in result.stdout
