"""The deprecation-window message reads right before, on and after the sunset day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.rules.builder import load
from versioning.checker import CheckOptions, compare


def _document(deprecated: bool) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    if deprecated:
        operation |= {"deprecated": True, "x-sunset": "2026-03-01"}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": operation}}}  # fmt: skip


@pytest.mark.parametrize(
    ("today", "window"),
    [
        (dt.date(2026, 2, 1), "is only 28 days away"),
        (dt.date(2026, 3, 1), "is today"),
        (dt.date(2026, 3, 3), "is already past (2 days ago)"),
    ],
)
def test_sunset_too_small__any_today__message_says_how_far_in_words(
    today: dt.date, window: str
) -> None:
    findings = compare(
        load(_document(deprecated=False), "base.json"),
        load(_document(deprecated=True), "revision.json"),
        options=CheckOptions(today=today),
    )

    [finding] = [f for f in findings if f.rule == "api-sunset-date-too-small"]
    assert f"sunset 2026-03-01 {window}; the policy for stable asks for at least 180 days" in (
        finding.message
    )
    assert "-" not in finding.message.split("sunset 2026-03-01")[1].split(";")[0]
