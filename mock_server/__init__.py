"""The versioned mock server: every API version served from the head implementation.

What embedders use is importable from here and listed in ``__all__``: the app factory, the
store protocol with its two implementations and the store chooser, and the clocks. Each name
is imported on first use (PEP 562), so registering the ``serve`` command (which every
``versiongate`` invocation does) imports neither Litestar nor a database driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from mock_server.app import create_app
    from mock_server.clock import Clock, fixed_clock, system_clock
    from mock_server.postgres.store import PostgresStore
    from mock_server.sqlite_store import SqliteStore
    from mock_server.store import InjectedFailure, Merchant, Page, Store, StoredResponse
    from mock_server.store_factory import open_store

__all__ = [
    "Clock",
    "InjectedFailure",
    "Merchant",
    "Page",
    "PostgresStore",
    "SqliteStore",
    "Store",
    "StoredResponse",
    "create_app",
    "fixed_clock",
    "open_store",
    "system_clock",
]

_MODULE_OF = {
    "create_app": "mock_server.app",
    "Clock": "mock_server.clock",
    "fixed_clock": "mock_server.clock",
    "system_clock": "mock_server.clock",
    "PostgresStore": "mock_server.postgres.store",
    "SqliteStore": "mock_server.sqlite_store",
    "InjectedFailure": "mock_server.store",
    "Merchant": "mock_server.store",
    "Page": "mock_server.store",
    "Store": "mock_server.store",
    "StoredResponse": "mock_server.store",
    "open_store": "mock_server.store_factory",
}
"""Where each public name lives (the same table the ``TYPE_CHECKING`` imports spell out)."""


__getattr__, __dir__ = lazy_exports(globals(), _MODULE_OF)
