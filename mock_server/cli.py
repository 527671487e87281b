"""``versiongate serve``: run the mock server (registered through the entry-point group).

::

    versiongate serve [SPEC_DIR_OR_FILE] [--host 127.0.0.1] [--port 8000] [--db PATH]
                      [--workers N] [--strict] [--server granian|uvicorn]
                      [--credential KIND=VALUE ...] [--public-url URL] [--admin-key KEY]
                      [--idempotency-retention DURATION] [--header-timeout SECONDS]

Every ``versiongate`` command loads this module to register ``serve``, so it imports only
``argparse``; the server (Litestar, granian) is imported when ``serve`` actually runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

__all__ = ["DEFAULT_DB", "register", "run_serve"]

DEFAULT_DB = "versiongate-sandbox.sqlite3"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve``."""
    serve = commands.add_parser(
        "serve",
        help="serve every version of a catalog (or any OpenAPI document) as a stateful mock",
    )
    serve.add_argument(
        "target",
        nargs="?",
        default="api_specs",
        help="catalog folder or OpenAPI document (default: api_specs)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--db",
        default=DEFAULT_DB,
        help="sandbox state: a SQLite file, ':memory:' (keeps none) or a"
        " postgresql://user:password@host/database URL (default: $VERSIONGATE_DB, else"
        f" {DEFAULT_DB})",
    )
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument(
        "--strict",
        action="store_true",
        help="validate our own responses against the client's spec; 500 on a mismatch",
    )
    serve.add_argument("--server", choices=("granian", "uvicorn"), default="granian")
    serve.add_argument(
        "--mode",
        choices=("auto", "sandbox", "generic"),
        default="auto",
        help="sandbox: the bundled API's behaviour; generic: examples and generated data",
    )
    serve.add_argument("--demo-public-key", default="pk_test_demo")
    serve.add_argument("--demo-secret-key", default="sk_test_demo")
    serve.add_argument(
        "--demo-version", default=None, help="API version the demo keys are pinned to"
    )
    serve.add_argument(
        "--admin-key",
        default=None,
        metavar="KEY",
        help="sandbox: the key that creates merchants (Authorization: Bearer KEY); default: a"
        " new random one each start, printed in the banner (env VERSIONGATE_ADMIN_KEY)",
    )
    serve.add_argument(
        "--credential",
        action="append",
        default=[],
        metavar="KIND=VALUE",
        help="generic mode: accept only these credentials (repeatable): basic=USER:PASSWORD,"
        " bearer=TOKEN, apiKey=VALUE, apiKey:NAME=VALUE or scheme:NAME=VALUE;"
        " without any, every well-formed credential is accepted",
    )
    serve.add_argument(
        "--now",
        default=None,
        metavar="ISO_INSTANT",
        help="pretend the clock is at this instant (to try deprecation and sunset)",
    )
    serve.add_argument(
        "--public-url",
        default=None,
        metavar="URL",
        help="the server's URL as clients reach it, for the served documents' servers and"
        " links (default: from each request's Host header; env VERSIONGATE_PUBLIC_URL)",
    )
    serve.add_argument(
        "--idempotency-retention",
        default=None,
        metavar="DURATION",
        help="how long an Idempotency-Key's response is replayed, e.g. 24h, 90m, 0 for ever"
        " (default 24h, as Stripe; env VERSIONGATE_IDEMPOTENCY_RETENTION)",
    )
    serve.add_argument(
        "--header-timeout",
        default=None,
        metavar="SECONDS",
        help="close a connection whose request headers take longer, or that stays idle"
        " between requests longer (default 10; env VERSIONGATE_HEADER_TIMEOUT)",
    )
    serve.set_defaults(run=run_serve)


def run_serve(arguments: argparse.Namespace) -> int:
    """Check the target, print where and what is served, then run the ASGI server."""
    from mock_server.launch import launch

    return launch(arguments)
