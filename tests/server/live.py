"""Start ``versiongate serve`` as a real subprocess on a free loopback port (for e2e tests)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

__all__ = ["ADMIN", "ADMIN_KEY", "LiveServer", "free_port"]

_STARTUP_SECONDS = 30.0
ADMIN_KEY = "vg_admin_tests_0123456789abcdef"
"""The admin key every test server takes (``VERSIONGATE_ADMIN_KEY``), unless told otherwise."""
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
"""The header that creates merchants on a test server."""


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LiveServer:
    """One ``versiongate serve`` process; ``stop()`` ends it (and only it)."""

    def __init__(self, target: Path, *, db: Path | None, extra: Sequence[str] = ()) -> None:
        """Start serving ``target`` and wait until it answers."""
        self._output: str | None = None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "versioning.cli.main", "serve", str(target),
            "--port", str(self.port), "--db", str(db) if db else ":memory:", *extra,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            env={"VERSIONGATE_ADMIN_KEY": ADMIN_KEY, **os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                msg = f"server exited with {self.process.returncode}:\n{self.stop()}"
                raise RuntimeError(msg)
            try:
                httpx.get(self.url + "/docs", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.05)
                continue
            return
        self.stop()
        msg = f"server did not answer within {_STARTUP_SECONDS} s"
        raise RuntimeError(msg)

    def stop(self) -> str:
        """Stop the server's process group; return what it printed (idempotent)."""
        if self._output is None:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self._output, _ = self.process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self._output, _ = self.process.communicate(timeout=10)
        return self._output
