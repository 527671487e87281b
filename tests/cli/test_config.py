"""Configuration: where it is found, what it means, and errors that point at the line."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

import pytest

from versioning.config import Config, IgnoreEntry, find_config, load_config, resolve_config
from versioning.errors import ConfigError
from versioning.findings import Finding
from versioning.report.policy import apply_policy, expiry_notes

if TYPE_CHECKING:
    from pathlib import Path

RULE = "catalog-version-removed"  # a rule that exists whether or not the checker is installed
OTHER = "catalog-version-inserted"

PYPROJECT = f"""\
[project]
name = "shop"

[tool.versiongate]
fail-on = "warning"

[tool.versiongate.levels]
{RULE} = "warning"

[tool.versiongate.min-sunset-days]
stable = 90

[[tool.versiongate.ignore]]
rule = "catalog-*"
operation = "POST /charges*"
reason = "charges are frozen"
until = 2026-12-31

[[tool.versiongate.ignore]]
rule = "{OTHER}"
reason = "versions are inserted by hand on purpose"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value


def test_load_config__pyproject_table__every_setting_read(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "pyproject.toml", PYPROJECT))
    assert config.fail_on == "warning"
    assert config.levels == {RULE: "warning"}
    assert config.min_sunset_days == {"stable": 90}
    first, second = config.ignore
    assert (first.rule, first.operation, first.until) == (
        "catalog-*",
        "POST /charges*",
        dt.date(2026, 12, 31),
    )
    assert second.operation is None
    assert str(first.location) == f"{tmp_path / 'pyproject.toml'}:13:1"


def test_load_config__versiongate_toml__keys_at_top_level(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "versiongate.toml", 'fail-on = "warning"\n[levels]\n' + f'{RULE} = "info"\n'
    )
    config = load_config(path)
    assert config.fail_on == "warning"
    assert config.levels == {RULE: "info"}


def test_load_config__quoted_until_date__accepted(tmp_path: Path) -> None:
    text = f'[[ignore]]\nrule = "{RULE}"\nreason = "r"\nuntil = "2026-01-31"\n'
    config = load_config(_write(tmp_path, "versiongate.toml", text))
    assert config.ignore[0].until == dt.date(2026, 1, 31)


def test_load_config__unknown_key__error_at_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "pyproject.toml",
        PYPROJECT.replace('fail-on = "warning"', 'fail-on = "warning"\nfail_on = "error"'),
    )
    error = _error(path)
    assert str(error.location) == f"{path}:6:1"
    assert "unknown key 'fail_on'" in error.message


def test_load_config__unknown_key_in_second_ignore__error_at_that_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "pyproject.toml", PYPROJECT + 'expires = "soon"\n')
    error = _error(path)
    assert str(error.location) == f"{path}:22:1"
    assert "unknown key 'expires'" in error.message


def test_load_config__unknown_rule_in_levels__error_names_it_with_a_suggestion(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "versiongate.toml", '[levels]\n"catalog-version-remove" = "info"\n')
    error = _error(path)
    assert error.location is not None
    assert error.location.line == 2
    assert "unknown rule id 'catalog-version-remove'" in error.message
    assert f"did you mean '{RULE}'" in error.message


def test_load_config__bad_level__error_at_the_value(tmp_path: Path) -> None:
    path = _write(tmp_path, "versiongate.toml", f'[levels]\n{RULE} = "fatal"\n')
    error = _error(path)
    assert error.location is not None
    assert error.location.line == 2
    assert "'fatal'" in error.message


def test_load_config__ignore_without_reason__error_at_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "versiongate.toml", f'# first\n[[ignore]]\nrule = "{RULE}"\n')
    error = _error(path)
    assert str(error.location) == f"{path}:2:1"
    assert "missing required key 'reason'" in error.message


def test_load_config__blank_reason__refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "versiongate.toml", f'[[ignore]]\nrule = "{RULE}"\nreason = "  "\n')
    error = _error(path)
    assert error.location is not None
    assert error.location.line == 3


def test_load_config__glob_matching_no_rule__refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "versiongate.toml", '[[ignore]]\nrule = "no-such-*"\nreason = "r"\n')
    assert "matches no rule" in _error(path).message


def test_load_config__invalid_toml__error_with_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "versiongate.toml", 'fail-on = "error"\nlevels = {\n')
    error = _error(path)
    assert error.location is not None
    assert error.location.line >= 2
    assert error.message.startswith("invalid TOML")


def test_load_config__pyproject_without_table__refused_when_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert "no [tool.versiongate] table" in _error(path).message


def test_find_config__nested_folder__nearest_file_upward_wins(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", PYPROJECT)
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    _write(tmp_path / "a", "pyproject.toml", '[project]\nname = "no table here"\n')
    assert find_config(inner) == (tmp_path / "pyproject.toml").resolve()
    _write(tmp_path / "a", "versiongate.toml", 'fail-on = "error"\n')
    assert find_config(inner) == (tmp_path / "a" / "versiongate.toml").resolve()


def test_resolve_config__explicit_file__wins_over_the_nearest(tmp_path: Path) -> None:
    _write(tmp_path, "versiongate.toml", 'fail-on = "error"\n')
    explicit = _write(tmp_path, "other.toml", 'fail-on = "warning"\n')
    assert resolve_config(None, start=tmp_path).fail_on == "error"
    assert resolve_config(explicit, start=tmp_path).fail_on == "warning"


def _finding(rule: str = RULE, operation: str | None = "POST /charges/{id}/capture") -> Finding:
    return Finding(rule=rule, level="error", message="m", operation=operation)


def _entry(until: dt.date | None, operation: str | None = "POST /charges*") -> IgnoreEntry:
    return IgnoreEntry(rule="catalog-*", reason="frozen", operation=operation, until=until)


def test_apply_policy__active_ignore__finding_kept_and_marked() -> None:
    config = Config(ignore=(_entry(dt.date(2026, 6, 1)),))
    (finding,), expired = apply_policy([_finding()], config, today=dt.date(2026, 6, 1))
    assert finding.ignored == "frozen"
    assert not expired


def test_apply_policy__expired_ignore__counts_again_and_is_noted() -> None:
    config = Config(ignore=(_entry(dt.date(2026, 6, 1)),))
    (finding,), expired = apply_policy([_finding()], config, today=dt.date(2026, 6, 2))
    assert finding.ignored is None
    (note,) = expiry_notes(expired)
    assert "expired on 2026-06-01: 1 finding counts again" in note
    assert "frozen" in note


def test_apply_policy__operation_glob_not_matching__not_ignored() -> None:
    config = Config(ignore=(_entry(None),))
    (finding,), _ = apply_policy(
        [_finding(operation="POST /transactions")], config, today=dt.date(2026, 1, 1)
    )
    assert finding.ignored is None


def test_apply_policy__entry_without_operation__matches_document_level_findings() -> None:
    config = Config(ignore=(_entry(None, operation=None),))
    (finding,), _ = apply_policy([_finding(operation=None)], config, today=dt.date(2026, 1, 1))
    assert finding.ignored == "frozen"


def test_apply_policy__level_override__changes_level() -> None:
    config = Config(levels={RULE: "info"})
    (finding,), _ = apply_policy([_finding()], config, today=dt.date(2026, 1, 1))
    assert finding.level == "info"


def test_load_config__a_fifo__refused_at_once_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "versiongate.toml"
    os.mkfifo(fifo)  # nobody writes: reading it would block for ever
    with pytest.raises(ConfigError, match="named pipe") as raised:
        load_config(fifo)
    assert raised.value.location is not None
    assert raised.value.location.file == str(fifo)
