"""The server's notion of "now": injectable, so tests never depend on today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeAlias

__all__ = ["Clock", "fixed_clock", "system_clock"]

Clock: TypeAlias = Callable[[], dt.datetime]
"""A function returning the current time as an aware UTC datetime."""


def system_clock() -> dt.datetime:
    """The real time, in UTC."""
    return dt.datetime.now(tz=dt.UTC)


def fixed_clock(moment: dt.datetime | str) -> Clock:
    """A clock that always answers ``moment`` (an aware datetime or an ISO 8601 string)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    frozen = moment.astimezone(dt.UTC)

    def now() -> dt.datetime:
        return frozen

    return now
