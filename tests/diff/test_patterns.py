"""A pattern replaced by one accepting every string the old one did is generalized."""

from __future__ import annotations

import pytest

from versioning.diff.compare_patterns import pattern_generalizes


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("^[a-z]+$", ".*"),
        ("^[a-z]+$", "^.*$"),
        ("^[A-Z]{3}$", "^[A-Z]{2,3}$"),
        ("^[A-Z]{3}$", "^[A-Za-z]{3}$"),
        ("^[a-z]+$", "^[a-z]*$"),
        ("^ch_[a-z0-9]+$", "ch_[a-z0-9]+"),
        ("^ab$", "^a.$"),
        ("^(a|b)[0-9]$", "^(a|b)[0-9]$"),
        ("^\\d{4}$", "^\\d{2,6}$"),
    ],
)
def test_pattern_generalizes__looser_replacement__is_recognised(before: str, after: str) -> None:
    assert pattern_generalizes(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("^[A-Z]{3}$", "^[0-9]{3}$"),
        ("ch_[a-z0-9]+", "^ch_[a-z0-9]+$"),
        ("^[a-z]*$", "^[a-z]+$"),
        ("^[A-Za-z]{3}$", "^[A-Z]{3}$"),
        ("^[a-z]+$", "^[^0-9]+$"),
        ("^abc$", "^ab$"),
        ("^(", "^.+$"),
        ("^\\d+$", "^[0-9]+$"),
    ],
)
def test_pattern_generalizes__narrower_or_unreadable__is_not_claimed(
    before: str, after: str
) -> None:
    assert not pattern_generalizes(before, after)
