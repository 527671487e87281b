"""A change counter fed by PostgreSQL ``LISTEN``/``NOTIFY``: "did the failures table change?".

The PostgreSQL store's answer to :mod:`mock_server.change_counter` (a memory-mapped file,
which only processes of one machine share). Every transaction that changes ``failures``
sends ``NOTIFY`` on :data:`CHANNEL`; PostgreSQL delivers it, on commit, to every instance's
listening connection, whose thread counts it. A store caches which merchants have a failure
armed while the count stays the same, so the common request (nothing armed) costs no query.

The count reads ``None`` ("unknown": query every time) until the listener is connected and
whenever its connection is lost; reconnecting counts as a change. Another instance's change
is seen as soon as its notice arrives (milliseconds); TCP keepalives and a change counted
every few seconds anyway bound how stale a cache can get if a connection dies silently.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

import psycopg

from mock_server.change_counter import ChangeCounter

__all__ = ["CHANNEL", "NotifyCounter"]

CHANNEL = "versiongate_failures"
"""The notification channel every instance listens on."""

LOGGER = logging.getLogger("versiongate.postgres")
_POLL_SECONDS = 0.05
"""How long one wait for notifications lasts, so :meth:`NotifyCounter.close` is prompt."""
_RETRY_SECONDS = 1.0
_REFRESH_SECONDS = 5.0
"""Count a change this often anyway: a notice lost on a silently dead connection (no RST,
no error yet) leaves a cache at most this stale."""


class NotifyCounter(ChangeCounter):
    """Counts notifications on :data:`CHANNEL`, from a daemon thread with its own connection."""

    def __init__(self, conninfo: str, *, connect_timeout: float = 5.0) -> None:
        """Start listening; waits up to ``connect_timeout`` seconds for the first connection."""
        self._conninfo = conninfo
        self._lock = threading.Lock()
        self._value: int | None = None
        self._count = 0
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(
            target=self._listen, name="versiongate-postgres-notices", daemon=True
        )
        self._thread.start()
        self._ready.wait(connect_timeout)

    def read(self) -> int | None:
        """Changes seen so far, or ``None`` while not listening."""
        return self._value

    def bump(self) -> None:
        """Count a change this instance made, before its own notification comes back."""
        with self._lock:
            self._count += 1
            if self._value is not None:
                self._value = self._count

    def _set(self, *, listening: bool) -> None:
        with self._lock:
            self._count += 1
            self._value = self._count if listening else None

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                # TCP keepalives: a silently dead connection is noticed in about 25 seconds.
                with psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    keepalives=1,
                    keepalives_idle=10,
                    keepalives_interval=5,
                    keepalives_count=3,
                ) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._set(listening=True)
                    self._ready.set()
                    refresh = time.monotonic() + _REFRESH_SECONDS
                    while not self._stop.is_set():
                        for _ in connection.notifies(timeout=_POLL_SECONDS):
                            self.bump()
                        if time.monotonic() >= refresh:
                            refresh = time.monotonic() + _REFRESH_SECONDS
                            self.bump()
            except psycopg.Error as error:
                self._set(listening=False)
                LOGGER.warning("failure notices: %s; retrying", error)
            self._set(listening=False)
            self._ready.set()
            self._stop.wait(_RETRY_SECONDS)

    def close(self) -> None:
        """Stop listening and close the connection."""
        self._stop.set()
        with contextlib.suppress(RuntimeError):
            self._thread.join(timeout=5 * _POLL_SECONDS)
