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

import pytest

from versioning.cli.main import main

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
    assert "body /billing_address/postal_code: Missing required property." in out
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
    assert "body /amount/currency: Missing required property." in out
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
    assert "body /amount: sent" in out


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
    assert "body /amount/currency: Missing required property." in result.stdout
    assert "1 failed" in result.stdout


UNCHECKED = Path(__file__).parent / "fixtures" / "unchecked"


def test_verify__round_trips_comparing_nothing__are_unchecked_with_the_reason_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _verify(capsys, str(UNCHECKED))
    assert code == 1
    assert "unchecked POST /notes (3 cases)" in out
    assert "share no field: nothing sent can come back" in out
    assert "unchecked POST /tags (3 cases)" in out
    assert "no example compared a value: the echo does not fit the 201 response" in out
    assert "4 passed, 0 failed, 2 unchecked" in out


def test_verify__allow_unchecked_glob__accepts_only_the_cases_it_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["verify", str(UNCHECKED), "--examples", "3", "--allow-unchecked",
                 "round-trip * POST /notes *", "--allow-unchecked", "upgrade * GET /gone"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1  # POST /tags is still unchecked and not allowed
    assert (
        "unchecked: round-trip 201 (allowed by --allow-unchecked 'round-trip * POST /notes *')"
        in captured.out
    )
    assert "2 unchecked (1 allowed)" in captured.out
    assert "'upgrade * GET /gone' matches no unchecked case" in captured.err
    code = main(["verify", str(UNCHECKED), "--examples", "3", "--allow-unchecked", "round-trip *"])
    assert code == 0
    assert "2 unchecked (2 allowed)" in capsys.readouterr().out


def test_verify__nested_value_changed_on_the_way_back__round_trip_names_its_pointer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = _copy(tmp_path)
    with (catalog / "converters.py").open("a") as converters:
        converters.write(
            "\n\ndef other_city(value: Any) -> Any:\n"
            '    """A broken downgrade: the first letter of the city changes."""\n'
            '    first = "y" if value[:1] == "x" else "x"\n'
            "    return first + value[1:] if isinstance(value, str) else value\n"
        )
    _replace(
        catalog / "2024-09-01" / "changes.yaml",
        "changes:\n",
        "changes:\n  - description: A broken converter of a nested field.\n    steps:\n"
        "      - step: value_converted\n        schema: Address\n        field: city\n"
        "        downgrade: converters:other_city\n\n",
    )
    code, out = _verify(capsys, str(catalog), "--operation", "POST /checkouts")
    assert code == 1
    assert "round trip POST /checkouts: 2024-01-15 → 2024-09-01 → 2024-01-15" in out
    assert "body /billing_address/city: sent '" in out


def test_check_contract__unchecked_case__fails_unless_a_glob_allows_it() -> None:
    from compat_tests.kit import UncheckedCaseError
    from compat_tests.pytest_plugin import check_contract, contract_params

    case = next(
        param.values[0]
        for param in contract_params(UNCHECKED)
        if param.id == "round-trip 2025-01-01 → 2025-06-01 POST /notes 201"
    )
    with pytest.raises(UncheckedCaseError, match="share no field"):
        check_contract(UNCHECKED, case, examples=2)  # type: ignore[arg-type]
    with pytest.raises(pytest.skip.Exception, match="allowed by 'round-trip \\* /notes \\*'"):
        check_contract(UNCHECKED, case, examples=2, allow_unchecked=["round-trip * /notes *"])  # type: ignore[arg-type]
