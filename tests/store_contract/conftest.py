"""One store contract, two stores: each test runs against SQLite and a real PostgreSQL.

A test gets a :class:`Backend`: ``backend.open()`` opens another *instance* of the store on
the same shared state (another SQLite connection to one file, another pool on one
PostgreSQL database), the way several server processes or machines would, so races across
instances are tested for real. PostgreSQL is a throwaway cluster (``tests/pg_cluster.py``)
started once per session; tests on it keep apart by using fresh merchant ids.
"""

from __future__ import annotations

import itertools
import time
import uuid
from typing import TYPE_CHECKING, Any

import pytest

from tests.pg_cluster import in_ci, running_cluster, unavailable_reason

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from mock_server.store import Store
    from tests.pg_cluster import PgCluster

_databases = itertools.count()


class Backend:
    """Opens instances of one store kind on one shared state; closes them all at the end."""

    def __init__(self, kind: str, opener: Callable[..., Store]) -> None:
        self.kind = kind
        self._opener = opener
        self._opened: list[Store] = []

    def open(self, **options: Any) -> Store:
        """Another instance of the store on the same state (``options``: retention, now)."""
        store = self._opener(**options)
        self._opened.append(store)
        return store

    def close(self) -> None:
        for store in reversed(self._opened):
            store.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A running throwaway cluster; skipped without PostgreSQL (a failure in CI)."""
    reason = unavailable_reason()
    if reason is not None:
        message = f"PostgreSQL unavailable: {reason}"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def pg_url(pg_cluster: PgCluster) -> str:
    """A database of the session's cluster for the contract suite."""
    return pg_cluster.create_database(f"contract_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each store kind in turn."""
    if request.param == "sqlite":
        from mock_server.sqlite_store import SqliteStore

        path = tmp_path / "sandbox.db"
        found = Backend("sqlite", lambda **options: SqliteStore(path, **options))
    else:
        from mock_server.postgres import PostgresStore

        url = request.getfixturevalue("pg_url")
        found = Backend("postgresql", lambda **options: PostgresStore(url, **options))
    try:
        yield found
    finally:
        found.close()


@pytest.fixture
def merchant_id() -> str:
    """A merchant id no other test uses (tests share the PostgreSQL database)."""
    return f"m_{uuid.uuid4().hex[:16]}"


def wait_until(check: Callable[[], bool], *, seconds: float = 3.0) -> bool:
    """Poll ``check`` until it holds (another instance's notice may take a moment)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.002)
    return check()
