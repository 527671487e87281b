"""``/sandbox/clock``: read and advance the caller's test clock.

``POST`` moves the clock to an instant (``to``) or by a duration (``by``: ISO 8601 such as
``PT2H`` or ``P7D``, or a number of seconds), never backwards, then writes down every
expiry the move passed and emits its events.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Request, get, post
from litestar.response import Response

from mock_server.auth import authenticate_merchant
from mock_server.problems import ApiError, Violation
from mock_server.sandbox import domain
from mock_server.sandbox.expiry import Expired, expire_due

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar.handlers import HTTPRouteHandler

    from mock_server.sandbox.clocks import MerchantClocks
    from mock_server.store import Merchant

__all__ = ["ClockAdvance", "clock_handlers", "parse_duration"]

_DURATION = re.compile(
    r"P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)
_LONGEST = dt.timedelta(days=3660)
"""At most about ten years per advance (a sunset is never further away)."""
_LAST_YEAR = 9000


class ClockAdvance(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /sandbox/clock``: exactly one of ``to`` and ``by``."""

    to: str | None = None
    by: str | int | float | None = None


def parse_duration(value: str | float) -> dt.timedelta | None:
    """``PT2H`` / ``P7D`` / ``P1DT30M`` / seconds as a number; ``None`` when unreadable."""
    try:
        if isinstance(value, int | float):
            return dt.timedelta(seconds=value) if value >= 0 else None
        match = _DURATION.fullmatch(value.strip().upper())
        if match is None or value.strip().upper() in {"P", "PT"} or value.upper().endswith("T"):
            return None
        parts = {name: float(found) for name, found in match.groupdict().items() if found}
        return dt.timedelta(**parts)
    except OverflowError:  # beyond what a datetime can hold
        return None


def _instant(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _invalid(pointer: str, message: str) -> ApiError:
    return ApiError(
        422, "validation_failed", message, errors=(Violation(pointer=pointer, message=message),)
    )


def _target(data: ClockAdvance) -> tuple[dt.datetime | None, dt.timedelta | None]:
    if (data.to is None) == (data.by is None):
        raise _invalid("", "Give either `to` (an instant) or `by` (a duration).")
    if data.to is not None:
        moment = _instant(data.to)
        if moment is None:
            raise _invalid(
                "/to", "An RFC 3339 instant with a time zone, such as 2026-03-01T12:00:00Z."
            )
        return moment.astimezone(dt.UTC), None
    step = parse_duration(data.by if data.by is not None else 0)
    if step is None or step > _LONGEST:
        raise _invalid("/by", "An ISO 8601 duration (PT2H, P7D) or seconds, at most ten years.")
    return None, step


def clock_view(now: dt.datetime, offset: dt.timedelta) -> dict[str, Any]:
    """The clock as ``/sandbox/clock`` shows it."""
    return {
        "object": "clock",
        "now": domain.timestamp(now),
        "offset_seconds": int(offset.total_seconds()),
    }


def clock_handlers(
    clocks: MerchantClocks,
    *,
    decode: Callable[[bytes, type[Any]], Any],
    problem: Callable[[ApiError, str], Response[bytes]],
    on_expired: Callable[[Merchant, list[Expired]], Callable[[], None]],
) -> list[HTTPRouteHandler]:
    """``GET`` and ``POST /sandbox/clock``.

    ``on_expired`` records the expiries' events inside the advance's transaction and returns
    what announces them once it has committed.
    """
    store = clocks.store

    @get("/sandbox/clock", include_in_schema=False)
    async def read_clock(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
        except ApiError as error:
            return problem(error, request.url.path)
        offset = clocks.offset(merchant.id)
        view = clock_view(clocks.base() + offset, offset)
        return Response(content=msgspec.json.encode(view), media_type="application/json")

    @post("/sandbox/clock", status_code=200, include_in_schema=False)
    async def advance_clock(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
            data: ClockAdvance = decode(await request.body(), ClockAdvance)
            to, by = _target(data)
            with store.atomic():
                before = clocks.now_for(merchant.id)
                if to is not None and to - before > _LONGEST:
                    raise _invalid("/to", "At most ten years after the clock's time.")
                if before.year >= _LAST_YEAR:  # keep every later "now" a valid datetime
                    raise _invalid("", f"A test clock stops at the year {_LAST_YEAR}.")
                _, after = clocks.advance(merchant.id, to=to, by=by)
                expired = expire_due(store, merchant.id, after)
                announce = on_expired(merchant, expired)
            announce()  # committed: the events can be sent
        except ApiError as error:
            return problem(error, request.url.path)
        view = {
            **clock_view(after, clocks.offset(merchant.id)),
            "expired": [{"type": kind, "id": document["id"]} for kind, document in expired],
        }
        return Response(content=msgspec.json.encode(view), media_type="application/json")

    return [read_clock, advance_clock]
