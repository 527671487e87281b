"""Configuration mistakes about rules name the choices and the key, in the user's words."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from versioning.config import load_config
from versioning.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path

_IGNORE = '[[ignore]]\nrule = "request-parameter-became-required"\nreason = "x"\n'

CASES = {
    "fail-on not a level": ('fail-on = "info"\n', 1, "fail-on 'info' is not one of 'error', 'warning'"),
    "until not a date": (_IGNORE + 'until = "2026-13-01"\n', 4, "'until' must be a date such as"),
    "until a number": (_IGNORE + "until = 5\n", 4, "'until' must be a date such as"),
    "sunset days not a number": (
        '[min-sunset-days]\nstable = "x"\n', 2,
        "min-sunset-days for 'stable' must be a whole number of days, got 'x'",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "line", "message"), CASES.values(), ids=CASES.keys())
def test_load_config__mistake__error_names_the_choices_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "versiongate.toml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ConfigError) as raised:
        load_config(path)

    assert message in raised.value.message
    assert raised.value.location is not None
    assert raised.value.location.line == line


@pytest.mark.parametrize("written", ["2027-06-30", '"2027-06-30"'])
def test_load_config__until_as_toml_date_or_string__same_day(tmp_path: Path, written: str) -> None:
    path = tmp_path / "versiongate.toml"
    path.write_text(_IGNORE + f"until = {written}\n", encoding="utf-8")

    assert load_config(path).ignore[0].until == dt.date(2027, 6, 30)
