"""Start the server ``versiongate serve`` describes: check, seed, print, run workers."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from mock_server.app import DemoMerchant
from mock_server.asgi import CONFIG_VARIABLE, ServeConfig
from mock_server.auth import public_key_problem
from mock_server.banner import banner
from mock_server.body_limits import body_limits_from_environment, head_buffer_size
from mock_server.clock import fixed_clock, system_clock
from mock_server.generic_credentials import parse_credentials
from mock_server.generic_startup import generic_report
from mock_server.sandbox.admin import ADMIN_KEY_VARIABLE, admin_key_problem, new_admin_key
from mock_server.sandbox.demo import seed_demo_merchant
from mock_server.sandbox.domain import timestamp
from mock_server.serve_options import (
    check_port_free,
    database_file,
    duration_seconds,
    option_or_environment,
    public_url,
)
from mock_server.served import is_sandbox_catalog, load_served_catalog
from mock_server.sqlite_store import DEFAULT_IDEMPOTENCY_RETENTION
from mock_server.store_factory import open_store  # SQLite or PostgreSQL (issue 18)
from versioning.errors import UsageError

if TYPE_CHECKING:
    import argparse

    from versioning.catalog import Catalog

__all__ = ["DEFAULT_HEADER_TIMEOUT", "launch"]

DEFAULT_HEADER_TIMEOUT = 10.0
"""Seconds a client may take to send a request's headers, or stay idle between requests."""


def _config(arguments: argparse.Namespace, catalog: Catalog) -> ServeConfig:
    if arguments.workers < 1:
        raise UsageError("--workers must be at least 1")
    db = database_file(arguments.db)
    if db is None and arguments.workers > 1:
        raise UsageError("several --workers share state through a --db file, not ':memory:'")
    if arguments.demo_version and arguments.demo_version not in catalog.ids:
        raise UsageError(
            f"--demo-version {arguments.demo_version} is not one of: {', '.join(catalog.ids)}"
        )
    unusable = public_key_problem(arguments.demo_public_key)
    if unusable is not None:
        raise UsageError(f"--demo-public-key: {unusable}")
    if arguments.now:
        try:
            fixed_clock(arguments.now)
        except ValueError:
            raise UsageError(f"--now {arguments.now!r} is not an ISO 8601 instant") from None
    retention = option_or_environment(
        arguments.idempotency_retention, "VERSIONGATE_IDEMPOTENCY_RETENTION"
    )
    url = option_or_environment(arguments.public_url, "VERSIONGATE_PUBLIC_URL")
    admin_key = option_or_environment(arguments.admin_key, ADMIN_KEY_VARIABLE)
    unusable = admin_key_problem(admin_key) if admin_key is not None else None
    if unusable is not None:
        raise UsageError(f"--admin-key: {unusable}")  # never echoed: it is a secret
    return ServeConfig(
        body_limits=body_limits_from_environment(),
        idempotency_retention=(
            DEFAULT_IDEMPOTENCY_RETENTION
            if retention is None
            else duration_seconds(retention, name="--idempotency-retention")
        ),
        public_url=None if url is None else public_url(url),
        target=str(Path(arguments.target).resolve()),
        db=db,
        strict=arguments.strict,
        now=arguments.now,
        demo=DemoMerchant(
            public_key=arguments.demo_public_key,
            secret_key=arguments.demo_secret_key,
            pinned_version=arguments.demo_version,
        ),
        mode=arguments.mode,
        credentials=tuple(arguments.credential or ()),
        admin_key=admin_key or new_admin_key(),
    )


def _seed(config: ServeConfig, catalog: Catalog) -> DemoMerchant:
    """Seed the demo merchant once, before the workers start (they find it there).

    Returns the demo merchant as stored: a database from an earlier run keeps its keys (the
    banner must show those rather than the options of this run); ``--demo-version`` is
    applied to it.
    """
    if config.db is None:
        return config.demo
    store = open_store(config.db)
    clock = fixed_clock(config.now) if config.now else system_clock
    try:
        merchant = seed_demo_merchant(
            store,
            public_key=config.demo.public_key,
            secret_key=config.demo.secret_key,
            pinned_version=config.demo.pinned_version,
            default_version=catalog.default_version,
            created_at=timestamp(clock()),
        )
    finally:
        store.close()
    return DemoMerchant(
        public_key=merchant.public_key,
        secret_key=merchant.secret_key,
        pinned_version=merchant.pinned_version,
    )


def _header_timeout(arguments: argparse.Namespace) -> float:
    text = option_or_environment(arguments.header_timeout, "VERSIONGATE_HEADER_TIMEOUT")
    if text is None:
        return DEFAULT_HEADER_TIMEOUT
    seconds = duration_seconds(text, name="--header-timeout")
    if seconds <= 0:
        raise UsageError(f"--header-timeout {text!r} must be more than 0 seconds")
    return seconds


def launch(arguments: argparse.Namespace) -> int:
    """Check the target, print where and what is served, then run the ASGI server."""
    catalog = load_served_catalog(arguments.target)
    config = _config(arguments, catalog)
    header_timeout = _header_timeout(arguments)
    check_port_free(arguments.host, arguments.port)
    sandbox = config.mode == "sandbox" or (config.mode == "auto" and is_sandbox_catalog(catalog))
    if sandbox and config.credentials:
        raise UsageError("--credential is for generic mode (the sandbox has merchant keys)")
    if sandbox:
        config = msgspec.structs.replace(config, demo=_seed(config, catalog))
    else:
        parse_credentials(config.credentials, catalog.specs[catalog.head.id])  # or UsageError
    clock = fixed_clock(config.now) if config.now else system_clock
    print(
        banner(
            catalog,
            config,
            host=arguments.host,
            port=arguments.port,
            sandbox=sandbox,
            today=clock().date(),
            workers=arguments.workers,
        ),
        flush=True,
    )
    if not sandbox:
        print(generic_report(catalog), end="", flush=True)
    os.environ[CONFIG_VARIABLE] = msgspec.json.encode(config).decode()
    if arguments.server == "uvicorn":
        import uvicorn

        # uvicorn restarts a worker that dies by itself; its keep-alive timeout closes idle
        # connections (it has no timeout for slow headers).
        uvicorn.run(
            "mock_server.asgi:build",
            factory=True,
            host=arguments.host,
            port=arguments.port,
            workers=arguments.workers,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=max(1, round(header_timeout)),
        )
        return 0
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    # A worker that dies (kill -9, out of memory) is started again; the others keep serving
    # meanwhile. Headers must arrive within the timeout, which also closes connections
    # idle between requests (slow or stalled clients hold no connection for long). HTTP/1.1
    # only: in its "auto" mode granian waits for a possible HTTP/2 preface with no timeout,
    # so a connection that never sends a byte was held for ever. The read buffer holds the
    # whole request head, so it fits our own limits (the guard answers 414/431 in the
    # client's version) with room to spare; it grows only as a head needs it.
    Granian(
        "mock_server.asgi:build",
        factory=True,
        address=arguments.host,
        port=arguments.port,
        interface=Interfaces.ASGI,
        workers=arguments.workers,
        log_level=LogLevels.warning,
        respawn_failed_workers=True,
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(
            header_read_timeout=max(1, round(header_timeout * 1000)),
            max_buffer_size=head_buffer_size(config.body_limits),
        ),
    ).serve()
    sys.stdout.flush()
    return 0
