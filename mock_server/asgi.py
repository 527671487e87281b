"""The ASGI entry point server workers import: ``mock_server.asgi:build`` (a factory).

``versiongate serve`` passes its options to every worker process through one environment
variable, so uvicorn and granian can start several workers from an import string.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

import msgspec

from mock_server.app import DemoMerchant, create_app
from mock_server.body_limits import BodyLimits
from mock_server.clock import fixed_clock, system_clock
from mock_server.generic_credentials import parse_credentials
from mock_server.sqlite_store import DEFAULT_IDEMPOTENCY_RETENTION
from mock_server.store_factory import open_store  # SQLite or PostgreSQL (issue 18)

if TYPE_CHECKING:
    from litestar import Litestar

__all__ = ["CONFIG_VARIABLE", "ServeConfig", "build"]

CONFIG_VARIABLE = "VERSIONGATE_SERVE_CONFIG"


class ServeConfig(msgspec.Struct, frozen=True, kw_only=True):
    """What one worker needs to build the same app as every other worker."""

    target: str
    db: str | None
    """A SQLite file, a PostgreSQL URL, or ``None`` for memory (one worker only)."""
    strict: bool = False
    now: str | None = None
    """Pretend the clock is at this ISO 8601 instant (tests, demos of deprecation)."""
    demo: DemoMerchant = msgspec.field(default_factory=DemoMerchant)
    mode: str = "auto"
    credentials: tuple[str, ...] = ()
    """``--credential`` flags, as typed (generic mode accepts only these when given)."""
    body_limits: BodyLimits = msgspec.field(default_factory=BodyLimits)
    idempotency_retention: float = DEFAULT_IDEMPOTENCY_RETENTION
    """Seconds an idempotency record is replayed (0: for ever)."""
    public_url: str | None = None
    """The server's URL as clients reach it (default: from each request's ``Host``)."""
    admin_key: str | None = None
    """The key that creates merchants: the same in every worker (``serve`` chooses it)."""


def build_from(config: ServeConfig) -> Litestar:
    """The app ``config`` describes."""
    mode = config.mode if config.mode in {"auto", "sandbox", "generic"} else "auto"
    return create_app(
        config.target,
        store=open_store(config.db, idempotency_retention=config.idempotency_retention),
        clock=fixed_clock(config.now) if config.now else system_clock,
        strict=config.strict,
        demo=config.demo,
        mode=mode,  # type: ignore[arg-type]
        credentials=parse_credentials(config.credentials),
        body_limits=config.body_limits,
        public_url=config.public_url,
        admin_key=config.admin_key,
    )


def build() -> Litestar:
    """The app described by ``$VERSIONGATE_SERVE_CONFIG`` (set by ``versiongate serve``)."""
    raw = os.environ.get(CONFIG_VARIABLE)
    if not raw:
        msg = f"{CONFIG_VARIABLE} is not set: start the server with `versiongate serve`"
        raise RuntimeError(msg)
    app = build_from(msgspec.json.decode(raw, type=ServeConfig))
    # The loaded specs and compiled plans live as long as the worker: move them out of the
    # garbage collector's sight so full collections stay short while serving.
    gc.collect()
    gc.freeze()
    return app
