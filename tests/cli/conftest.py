"""Fixtures for the command-line tests: a predictable engine and small specs on disk."""

from __future__ import annotations

import pytest

from tests.cli import fake_checker
from versioning.cli import diff_command
from versioning.report import rule_index
from versioning.rules.timeline import TIMELINE_RULES


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the diff engine and its rule registry by :mod:`tests.cli.fake_checker`.

    The registry keeps its timeline rules: ``check --base`` reports them with any engine.
    """
    monkeypatch.setattr(diff_command, "compare", fake_checker.compare)
    rules = [*fake_checker.FAKE_RULES, *TIMELINE_RULES]
    by_id = {info.id: info for info in rules}
    monkeypatch.setattr(rule_index, "all_rules", lambda: list(rules))
    monkeypatch.setattr(rule_index, "get_rule", by_id.__getitem__)
