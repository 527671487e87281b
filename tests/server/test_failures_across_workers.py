"""Armed failures are seen by every worker sharing a SQLite file, without a query per request.

Each store caches which merchants have a failure armed while a change counter shared through
``<db>-failures`` reads the same; these tests play two workers with two stores on one file.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from mock_server.change_counter import open_change_counter
from mock_server.sqlite_store import SqliteStore
from mock_server.store import InjectedFailure

OPERATION = "GET /transactions"


def _failure(count: int) -> InjectedFailure:
    return InjectedFailure(status=503, latency_ms=0, remaining=count, operation=None)


def test_take_failure__armed_by_another_worker__seen_and_consumed_once_each(
    tmp_path: Path,
) -> None:
    first, second = SqliteStore(tmp_path / "s.db"), SqliteStore(tmp_path / "s.db")
    assert second.take_failure("m1", OPERATION) is None  # caches "nothing armed"

    first.save_failure("m1", _failure(2))

    assert second.take_failure("m2", OPERATION) is None
    assert second.take_failure("m1", OPERATION) is not None
    assert first.take_failure("m1", OPERATION) is not None
    assert second.take_failure("m1", OPERATION) is None
    assert first.take_failure("m1", OPERATION) is None


def test_take_failure__cleared_by_another_worker__no_longer_fails(tmp_path: Path) -> None:
    first, second = SqliteStore(tmp_path / "s.db"), SqliteStore(tmp_path / "s.db")
    first.save_failure("m1", _failure(5))
    assert second.take_failure("m1", OPERATION) is not None

    first.save_failure("m1", None)

    assert second.take_failure("m1", OPERATION) is None


def test_take_failure__armed_inside_a_transaction__seen_after_commit(tmp_path: Path) -> None:
    first, second = SqliteStore(tmp_path / "s.db"), SqliteStore(tmp_path / "s.db")
    assert second.take_failure("m1", OPERATION) is None
    with first.atomic():
        first.save_failure("m1", _failure(1))

    assert second.take_failure("m1", OPERATION) is not None


def test_take_failure__memory_store__armed_then_consumed() -> None:
    store = SqliteStore()
    assert store.take_failure("m1", OPERATION) is None
    store.save_failure("m1", _failure(1))

    assert store.take_failure("m1", OPERATION) is not None
    assert store.take_failure("m1", OPERATION) is None


def _bump(path: str, times: int) -> None:
    counter = open_change_counter(Path(path))
    for _ in range(times):
        counter.bump()
    counter.close()


def test_change_counter__concurrent_bumps_from_processes__none_lost(tmp_path: Path) -> None:
    path = tmp_path / "counter"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_bump, args=(str(path), 300)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)

    counter = open_change_counter(path)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert counter.read() == 900


def test_change_counter__unusable_path__unknown_so_callers_always_query(tmp_path: Path) -> None:
    counter = open_change_counter(tmp_path / "missing-folder" / "counter")

    assert counter.read() is None
