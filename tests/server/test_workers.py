"""A worker killed with ``kill -9`` under load is respawned; the server keeps serving."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.server.conftest import API_SPECS, DEMO
from tests.server.live import LiveServer

if TYPE_CHECKING:
    from collections.abc import Iterator

_CLIENTS = 4
_RESPAWN_SECONDS = 20.0


def _workers(server: LiveServer) -> set[int]:
    """The server's worker processes (children of the process ``versiongate serve`` runs in)."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(child) for child in children}


class _Load:
    """Clients sending authenticated GETs in a loop; each result is kept with its time."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.results: list[tuple[float, float, int | None]] = []  # (sent, answered, status)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run) for _ in range(_CLIENTS)]

    def __enter__(self) -> _Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)

    def _run(self) -> None:
        client = httpx.Client(base_url=self.url, headers=DEMO, timeout=5)
        while not self._stop.is_set():
            sent = time.monotonic()
            try:
                status: int | None = client.get("/transactions").status_code
            except httpx.TransportError:  # a connection to the killed worker
                status = None
                client.close()
                client = httpx.Client(base_url=self.url, headers=DEMO, timeout=5)
            with self._lock:
                self.results.append((sent, time.monotonic(), status))
        client.close()

    def between(self, start: float, end: float) -> list[int | None]:
        with self._lock:
            return [status for sent, _, status in self.results if start <= sent < end]


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(API_SPECS, db=tmp_path / "db.sqlite3", extra=["--workers", "2"])
    try:
        deadline = time.monotonic() + _RESPAWN_SECONDS
        while len(_workers(server)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        yield server
    finally:
        server.stop()


def test_kill_9_one_of_two_workers__under_load__respawned_and_every_later_request_succeeds(
    two_workers: LiveServer,
) -> None:
    before = _workers(two_workers)
    assert len(before) == 2
    victim = min(before)
    with _Load(two_workers.url) as load:
        time.sleep(1.0)
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        deadline = killed_at + _RESPAWN_SECONDS
        while time.monotonic() < deadline:
            now = _workers(two_workers)
            if len(now) == 2 and victim not in now:
                break
            time.sleep(0.05)
        respawned_at = time.monotonic()
        time.sleep(3.0)  # the new worker loads the catalog and starts accepting
        ready_at = time.monotonic()
        time.sleep(2.0)
        ended_at = time.monotonic()

    assert two_workers.process.poll() is None, "the server stopped with its worker"
    assert victim not in _workers(two_workers)
    assert len(_workers(two_workers)) == 2
    assert respawned_at - killed_at < _RESPAWN_SECONDS
    during = load.between(killed_at, ready_at)
    after = load.between(ready_at, ended_at)
    assert during.count(200) > 10, during  # the other worker served meanwhile
    assert len(during) - during.count(200) <= _CLIENTS  # at most the calls in flight
    assert len(after) > 20
    assert set(after) == {200}
