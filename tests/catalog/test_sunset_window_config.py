"""``min-sunset-window-days``: six months unless configured, and a located error when wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from versioning.config import MIN_SUNSET_WINDOW_DAYS, Config, load_config
from versioning.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path


def test_min_sunset_window_days__not_configured__is_183() -> None:
    assert MIN_SUNSET_WINDOW_DAYS == 183
    assert Config().min_sunset_window_days == 183


def test_min_sunset_window_days__in_pyproject__is_read(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.versiongate]\nmin-sunset-window-days = 365\n')
    assert load_config(path).min_sunset_window_days == 365


@pytest.mark.parametrize("value", ["-1", "true", '"6 months"', "90.5"])
def test_min_sunset_window_days__not_a_day_count__is_refused_at_its_line(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "versiongate.toml"
    path.write_text(f'fail-on = "error"\nmin-sunset-window-days = {value}\n')
    with pytest.raises(
        ConfigError, match="min-sunset-window-days must be a whole number"
    ) as caught:
        load_config(path)
    assert caught.value.location is not None
    assert caught.value.location.line == 2
