"""The test run says once how many tests skipped for want of the ../shared corpus (issue 14)."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import SHARED, shared_skips


def _skipped(reason: str) -> SimpleNamespace:
    return SimpleNamespace(longrepr=("tests/x.py", 3, f"Skipped: {reason}"))


def test_shared_skips__reasons_naming_shared__are_counted() -> None:
    reports = [
        _skipped(f"oasdiff's rule list is not at {SHARED / 'reference' / 'oasdiff-rules.tsv'}"),
        _skipped("shared Stripe document not present"),
        _skipped("shared/specs is not present"),
        _skipped("needs Chromium"),
        SimpleNamespace(longrepr="Skipped: no shared specs at /elsewhere"),
    ]
    assert shared_skips(reports) == 4


def test_shared_skips__no_skips__zero() -> None:
    assert shared_skips([]) == 0
