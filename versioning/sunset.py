"""``x-sunset`` values as dates: written once for the rules and the mock server's headers."""

from __future__ import annotations

import datetime as dt

__all__ = ["sunset_date"]


def sunset_date(text: str | None) -> dt.date | None:
    """An ``x-sunset`` value as a date (ISO date or date-time), ``None`` if absent or unparsable.

    A date-time counts from its calendar day: the header and the rules speak in days.
    """
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
