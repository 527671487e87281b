"""Per-merchant test clocks: each merchant's "now" is the server's clock plus its own offset.

A merchant's clock only moves forward (``POST /sandbox/clock``); time keeps flowing from
where it was set, as the server's does. The offset is a sandbox object of the merchant
(``id: clock``), so every worker sharing the store sees the same time.

:class:`ClockLayer` runs before the version layer: it reads the caller's Basic credentials
once and binds that merchant's offset for the request, so everything asking the clock —
lifecycle headers, 410 after a sunset, checkout and authorization expiry — follows the
caller's clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from mock_server.auth import authenticate_merchant
from mock_server.problems import ApiError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    from mock_server.clock import Clock
    from mock_server.store import Store

    ASGIApp = Callable[
        [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
        Awaitable[None],
    ]

__all__ = ["CLOCK_ID", "ClockLayer", "MerchantClocks", "with_merchant_clocks"]

CLOCK_ID = "clock"
"""The object id (and ``clock`` the kind) under which a merchant's clock offset is kept."""

_OFFSET: ContextVar[dt.timedelta | None] = ContextVar("versiongate_clock_offset", default=None)
_ZERO = dt.timedelta(0)


class MerchantClocks:
    """The test clocks of every merchant in ``store``, over the server's ``base`` clock."""

    def __init__(self, store: Store, base: Clock) -> None:
        """Offsets live in ``store``; ``base`` is the server's own clock."""
        self.store = store
        self.base = base

    def offset(self, merchant_id: str) -> dt.timedelta:
        """How far the merchant's clock is ahead of the server's."""
        found = self.store.get_object(merchant_id, CLOCK_ID)
        if isinstance(found, dict) and isinstance(found.get("offset_seconds"), int | float):
            return dt.timedelta(seconds=found["offset_seconds"])
        return _ZERO

    def now_for(self, merchant_id: str) -> dt.datetime:
        """The merchant's current time."""
        return self.base() + self.offset(merchant_id)

    def now(self) -> dt.datetime:
        """The current request's merchant's time (the server's outside a merchant's request)."""
        offset = _OFFSET.get()
        return self.base() if offset is None else self.base() + offset

    def advance(
        self, merchant_id: str, *, to: dt.datetime | None = None, by: dt.timedelta | None = None
    ) -> tuple[dt.datetime, dt.datetime]:
        """Move the merchant's clock to ``to`` or by ``by``; returns (before, after).

        Call inside ``store.atomic()`` so two advances cannot interleave.

        Raises:
            ApiError: 422 when the move would go backwards (or neither/both are given).
        """
        base = self.base()
        before = base + self.offset(merchant_id)
        if (to is None) == (by is None):
            raise ApiError(422, "validation_failed", "Give either `to` or `by`.")
        after = to if to is not None else before + (by or _ZERO)
        if after < before:
            raise ApiError(
                422,
                "clock_backwards",
                f"A test clock only moves forward: it reads {_iso(before)}, not after"
                f" {_iso(after)}.",
            )
        document = {
            "id": CLOCK_ID,
            "object": "clock",
            "offset_seconds": (after - base).total_seconds(),
        }
        self.store.save_object(merchant_id, CLOCK_ID, "clock", document)
        return before, after


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


class ClockLayer:
    """Binds the caller's clock offset for the request, before the version layer runs."""

    def __init__(self, app: ASGIApp, clocks: MerchantClocks) -> None:
        """Wrap ``app`` (the version layer)."""
        self.app = app
        self.clocks = clocks

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Serve the request with its merchant's clock offset bound (none: the server's)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authorization = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value.decode("latin-1")
                break
        offset = None
        if authorization is not None:
            # No merchant (the handler answers 401) or a failing store (the handler answers
            # 500 in the client's version): the server's time.
            with contextlib.suppress(Exception):
                merchant = authenticate_merchant(self.clocks.store, authorization)
                offset = self.clocks.offset(merchant.id)
        token = _OFFSET.set(offset if offset else None)
        try:
            await self.app(scope, receive, send)
        finally:
            _OFFSET.reset(token)


def with_merchant_clocks(layer: Any, backend: object) -> Any:
    """``layer`` (the version layer) following each caller's test clock, for the sandbox.

    Any other backend has no merchants with clocks: ``layer`` is returned as it is.
    """
    clocks = getattr(backend, "clocks", None)
    if not isinstance(clocks, MerchantClocks):
        return layer
    layer.clock = clocks.now  # lifecycle headers and 410 read the caller's time
    return ClockLayer(layer, clocks)
