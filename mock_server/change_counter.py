"""A counter every server worker can read without a system call: "did this table change?".

The SQLite store asks on every API request whether a failure is armed for the merchant; a
query costs a read transaction (file locks, a few system calls) although failures are
almost never armed. Writers bump this counter *after* they commit, so a reader that cached
the table's contents while the counter read ``n`` knows its cache is still right as long as
the counter still reads ``n``.

Across processes the counter is 8 bytes of a small file mapped into every worker's memory;
increments take an exclusive ``flock`` so two workers never lose one. Reads take no lock:
an aligned 8-byte load is atomic on every platform we serve from.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from typing import TYPE_CHECKING

if sys.platform != "win32":
    import fcntl

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["ChangeCounter", "FileChangeCounter", "LocalChangeCounter", "open_change_counter"]

_FORMAT = struct.Struct("<Q")


class ChangeCounter:
    """Reads and bumps a change counter; :meth:`read` returning ``None`` means "unknown"."""

    def read(self) -> int | None:
        """The current value, or ``None`` when changes cannot be tracked (never cache then)."""
        return None

    def bump(self) -> None:
        """Record a committed change."""

    def close(self) -> None:
        """Release what the counter holds."""


class LocalChangeCounter(ChangeCounter):
    """One process only (an in-memory store): a plain integer."""

    def __init__(self) -> None:
        """Start at zero."""
        self._value = 0

    def read(self) -> int | None:
        """The number of bumps so far."""
        return self._value

    def bump(self) -> None:
        """Count one more change."""
        self._value += 1


class FileChangeCounter(ChangeCounter):
    """Shared by every process that opens the same ``path`` (a memory-mapped file; POSIX)."""

    def __init__(self, path: Path) -> None:
        """Open or create ``path`` (8 bytes) and map it.

        Raises:
            OSError: The file cannot be created or mapped.
        """
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                if os.fstat(self._fd).st_size < _FORMAT.size:
                    os.ftruncate(self._fd, _FORMAT.size)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            self._map = mmap.mmap(self._fd, _FORMAT.size)
        except OSError:
            os.close(self._fd)
            raise

    def read(self) -> int | None:
        """The shared value."""
        return int(_FORMAT.unpack_from(self._map)[0])

    def bump(self) -> None:
        """Add one, under an exclusive lock so concurrent bumps all count."""
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            _FORMAT.pack_into(self._map, 0, (_FORMAT.unpack_from(self._map)[0] + 1) % 2**64)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        """Unmap and close the file."""
        self._map.close()
        os.close(self._fd)


def open_change_counter(path: Path | None) -> ChangeCounter:
    """A counter shared through ``path``; local when ``path`` is ``None``.

    When ``path`` cannot be used (a read-only folder, a file system without shared maps),
    the counter reads ``None`` and callers simply query every time: slower, never wrong.
    """
    if path is None:
        return LocalChangeCounter()
    if sys.platform == "win32":  # no flock: query every time
        return ChangeCounter()
    try:
        return FileChangeCounter(path)
    except OSError:
        return ChangeCounter()
