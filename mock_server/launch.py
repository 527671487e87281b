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
from mock_server.clock import fixed_clock, system_clock
from mock_server.generic_credentials import parse_credentials
from mock_server.generic_startup import generic_report
from mock_server.sandbox.demo import seed_demo_merchant
from mock_server.sandbox.domain import timestamp
from mock_server.serve_options import check_port_free, database_file
from mock_server.served import is_sandbox_catalog, load_served_catalog
from mock_server.sqlite_store import SqliteStore
from versioning.errors import UsageError

if TYPE_CHECKING:
    import argparse

    from versioning.catalog import Catalog

__all__ = ["launch"]


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
    return ServeConfig(
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
    )


def _seed(config: ServeConfig, catalog: Catalog) -> DemoMerchant:
    """Seed the demo merchant once, before the workers start (they find it there).

    Returns the demo merchant as stored: a database from an earlier run keeps its keys (the
    banner must show those rather than the options of this run); ``--demo-version`` is
    applied to it.
    """
    if config.db is None:
        return config.demo
    store = SqliteStore(config.db)
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


def launch(arguments: argparse.Namespace) -> int:
    """Check the target, print where and what is served, then run the ASGI server."""
    catalog = load_served_catalog(arguments.target)
    config = _config(arguments, catalog)
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
        banner(catalog, config, host=arguments.host, port=arguments.port, sandbox=sandbox,
               today=clock().date(), workers=arguments.workers),
        flush=True,
    )  # fmt: skip
    if not sandbox:
        print(generic_report(catalog), end="", flush=True)
    os.environ[CONFIG_VARIABLE] = msgspec.json.encode(config).decode()
    if arguments.server == "uvicorn":
        import uvicorn

        uvicorn.run(
            "mock_server.asgi:build", factory=True, host=arguments.host, port=arguments.port,
            workers=arguments.workers, log_level="warning", access_log=False,
        )  # fmt: skip
        return 0
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    Granian(
        "mock_server.asgi:build", factory=True, address=arguments.host, port=arguments.port,
        interface=Interfaces.ASGI, workers=arguments.workers, log_level=LogLevels.warning,
    ).serve()  # fmt: skip
    sys.stdout.flush()
    return 0
