"""A local webhook receiver for the webhook tests (``http.server`` in a thread); no tests here."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Received", "Receiver"]


class Received(msgspec.Struct, frozen=True, kw_only=True):
    """One request the receiver got."""

    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body, decoded."""
        return msgspec.json.decode(self.body)


class Receiver:
    """Records every POST; ``fail_first[path] = n`` answers the first n to ``path`` with 500."""

    def __init__(self) -> None:
        """Listen on a free loopback port."""
        self.received: list[Received] = []
        self.fail_first: dict[str, int] = {}
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                with receiver._lock:
                    receiver.received.append(
                        Received(
                            path=self.path,
                            headers={name.lower(): value for name, value in self.headers.items()},
                            body=body,
                        )
                    )
                    failing = receiver.fail_first.get(self.path, 0)
                    if failing:
                        receiver.fail_first[self.path] = failing - 1
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                del format, args

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def at(self, path: str) -> list[Received]:
        """What ``path`` received, in order."""
        with self._lock:
            return [item for item in self.received if item.path == path]

    def wait_for(
        self, path: str, until: Callable[[list[Received]], bool], timeout: float = 10.0
    ) -> list[Received]:
        """Poll until ``until(self.at(path))`` holds (or fail after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.at(path)
            if until(got):
                return got
            time.sleep(0.02)
        msg = f"{path} received {len(self.at(path))} requests; the condition never held"
        raise AssertionError(msg)

    def close(self) -> None:
        """Stop listening."""
        self.server.shutdown()
        self.server.server_close()
