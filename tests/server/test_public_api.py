"""The mock server's public names, pinned: what an embedder imports from ``mock_server``."""

from __future__ import annotations

import mock_server
from mock_server.app import create_app
from mock_server.sqlite_store import SqliteStore
from mock_server.store import Store


def test_package__exports_the_app_factory_stores_and_clocks_lazily() -> None:
    stores = {"InjectedFailure", "Merchant", "Page", "PostgresStore", "SqliteStore", "Store"}
    stores |= {"StoredResponse", "open_store"}
    clocks = {"Clock", "fixed_clock", "system_clock"}
    assert set(mock_server.__all__) == {"create_app", *stores, *clocks}
    assert mock_server.create_app is create_app
    assert mock_server.SqliteStore is SqliteStore
    assert mock_server.Store is Store
