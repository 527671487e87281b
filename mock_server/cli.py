"""``versiongate serve``: run the mock server (registered through the entry-point group).

::

    versiongate serve [SPEC_DIR_OR_FILE] [--host 127.0.0.1] [--port 8000] [--db PATH]
                      [--workers N] [--strict] [--server granian|uvicorn]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from mock_server.app import DemoMerchant
from mock_server.asgi import CONFIG_VARIABLE, ServeConfig
from mock_server.banner import banner
from mock_server.clock import fixed_clock, system_clock
from mock_server.sandbox.controls import create_merchant_record
from mock_server.sandbox.domain import timestamp
from mock_server.served import is_sandbox_catalog, load_served_catalog
from mock_server.sqlite_store import SqliteStore
from versioning.errors import UsageError

if TYPE_CHECKING:
    import argparse

    from versioning.catalog import Catalog

__all__ = ["DEFAULT_DB", "register", "run_serve"]

DEFAULT_DB = "versiongate-sandbox.sqlite3"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve``."""
    serve = commands.add_parser(
        "serve",
        help="serve every version of a catalog (or any OpenAPI document) as a stateful mock",
    )
    serve.add_argument(
        "target", nargs="?", default="api_specs",
        help="catalog folder or OpenAPI document (default: api_specs)",
    )  # fmt: skip
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--db", default=DEFAULT_DB,
        help=f"SQLite file for the sandbox state (default {DEFAULT_DB}; ':memory:' keeps none)",
    )  # fmt: skip
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument(
        "--strict", action="store_true",
        help="validate our own responses against the client's spec; 500 on a mismatch",
    )  # fmt: skip
    serve.add_argument("--server", choices=("granian", "uvicorn"), default="granian")
    serve.add_argument(
        "--mode", choices=("auto", "sandbox", "generic"), default="auto",
        help="sandbox: the bundled API's behaviour; generic: examples and generated data",
    )  # fmt: skip
    serve.add_argument("--demo-public-key", default="pk_test_demo")
    serve.add_argument("--demo-secret-key", default="sk_test_demo")
    serve.add_argument(
        "--demo-version", default=None, help="API version the demo keys are pinned to"
    )
    serve.add_argument(
        "--now", default=None, metavar="ISO_INSTANT",
        help="pretend the clock is at this instant (to try deprecation and sunset)",
    )  # fmt: skip
    serve.set_defaults(run=run_serve)


def _config(arguments: argparse.Namespace, catalog: Catalog) -> ServeConfig:
    if arguments.workers < 1:
        raise UsageError("--workers must be at least 1")
    db = None if arguments.db == ":memory:" else str(Path(arguments.db).resolve())
    if db is None and arguments.workers > 1:
        raise UsageError("several --workers share state through a --db file, not ':memory:'")
    if arguments.demo_version and arguments.demo_version not in catalog.ids:
        raise UsageError(
            f"--demo-version {arguments.demo_version} is not one of: {', '.join(catalog.ids)}"
        )
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
    )


def _seed(config: ServeConfig, catalog: Catalog) -> None:
    """Seed the demo merchant once, before the workers start (they find it there)."""
    if config.db is None:
        return
    store = SqliteStore(config.db)
    try:
        if store.merchant_by_public_key(config.demo.public_key) is None:
            clock = fixed_clock(config.now) if config.now else system_clock
            create_merchant_record(
                store,
                pinned_version=config.demo.pinned_version or catalog.default_version,
                public_key=config.demo.public_key,
                secret_key=config.demo.secret_key,
                created_at=timestamp(clock()),
            )
    finally:
        store.close()


def run_serve(arguments: argparse.Namespace) -> int:
    """Check the target, print where and what is served, then run the ASGI server."""
    catalog = load_served_catalog(arguments.target)
    config = _config(arguments, catalog)
    sandbox = config.mode == "sandbox" or (config.mode == "auto" and is_sandbox_catalog(catalog))
    if sandbox:
        _seed(config, catalog)
    clock = fixed_clock(config.now) if config.now else system_clock
    print(
        banner(catalog, config, host=arguments.host, port=arguments.port, sandbox=sandbox,
               today=clock().date(), workers=arguments.workers),
        flush=True,
    )  # fmt: skip
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
