"""The bundled API's in-process suite (tests/server/test_head_api.py), on the PostgreSQL store.

Every test there that talks to the ``client`` fixture runs here again with the app's state
in a real PostgreSQL database instead of in-memory SQLite: lifecycle, amount limits,
validation, auth, isolation, idempotency, listing. Behaviour must not depend on the store.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from tests.server import test_head_api
from tests.server.conftest import API_SPECS, TODAY
from tests.server.live import ADMIN_KEY

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

    from tests.pg_cluster import PgCluster


def _runs_here(function: Any) -> bool:
    """Whether the test needs ``client`` and nothing but what its parametrize marks give."""
    given = {"client"}
    for mark in getattr(function, "pytestmark", []):
        if mark.name == "parametrize":
            names = mark.args[0]
            given.update(names.split(",") if isinstance(names, str) else names)
    wanted = set(inspect.signature(function).parameters)
    return "client" in wanted and wanted <= {name.strip() for name in given}


globals().update(
    {
        name: function
        for name, function in vars(test_head_api).items()
        if name.startswith("test_") and callable(function) and _runs_here(function)
    }
)


@pytest.fixture(scope="module")
def app(pg_cluster: PgCluster) -> Iterator[Litestar]:
    from mock_server.postgres import PostgresStore

    store = PostgresStore(pg_cluster.create_database("sandbox_head_api"))
    try:
        yield create_app(API_SPECS, store=store, clock=fixed_clock(TODAY), admin_key=ADMIN_KEY)
    finally:
        store.close()


@pytest.fixture
def client(app: Litestar) -> Iterator[TestClient[Any]]:
    with TestClient(app) as test_client:
        yield test_client
