"""Asynchronous webhook delivery: a background thread, bounded retries, exponential backoff.

The request path only records the event and pushes its id onto an in-memory schedule (a
heap ordered by due time); a daemon thread, started on first use, renders the event in each
endpoint's version, signs it and POSTs it. A 2xx answer delivers it; anything else (another
status, a refused connection, no answer within ``timeout``) is retried after ``backoff``,
then twice that, and so on, up to ``attempts`` attempts per round. Every attempt is written
into the event's ``deliveries`` (what ``GET /sandbox/events`` shows) and logged.

The schedule lives in the worker that recorded the event: a restart drops retries still
waiting (``POST /sandbox/events/{id}/resend`` starts a new round).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import logging
import threading
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from mock_server.sandbox.domain import timestamp
from mock_server.webhooks.events import ENDPOINT_KIND, wants
from versioning.webhooks import SIGNATURE_HEADER, sign_payload

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_server.store import Merchant, Store
    from mock_server.webhooks.render import WebhookRenderer

__all__ = ["WebhookDispatcher", "http_send"]

LOGGER = logging.getLogger("versiongate.webhooks")
_PAGE = 100
_ERROR_CHARS = 200
_LOOKS = 8
_LOOK_AGAIN = 0.05
"""Seconds before looking again for an event not visible yet (doubling each time)."""


class _Job(NamedTuple):
    merchant_id: str
    pinned_version: str
    event_id: str
    endpoint_id: str | None
    """``None``: fan the event out to every endpoint that wants it."""
    attempt: int
    """The attempt of this round (1-based); bounded by ``attempts``. For a fan-out, how
    many times the event was looked for."""


def http_send(
    url: str, body: bytes, headers: dict[str, str], timeout: float
) -> tuple[int | None, str | None]:
    """POST ``body``; (status, None) on an answer, (None, why) when there was none."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - the merchant's own URL, http(s) only (checked on registration)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status), None
    except urllib.error.HTTPError as error:
        return int(error.code), None
    except (OSError, ValueError) as error:
        return None, f"{type(error).__name__}: {error}"[:_ERROR_CHARS]


class WebhookDispatcher:
    """Delivers the events of one store's merchants from a background thread."""

    def __init__(
        self,
        store: Store,
        renderer: WebhookRenderer,
        *,
        attempts: int = 5,
        backoff: float = 1.0,
        timeout: float = 10.0,
        send: Callable[[str, bytes, dict[str, str], float], tuple[int | None, str | None]]
        | None = None,
    ) -> None:
        """Deliver from ``store`` rendering with ``renderer``; retry with doubling ``backoff``."""
        self.store = store
        self.renderer = renderer
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self.send = send or http_send
        self._schedule: list[tuple[float, int, _Job]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False

    # -- the request path: O(log n) pushes, nothing else ----------------------------------

    def notify(self, merchant: Merchant, event_id: str) -> None:
        """Deliver a newly recorded event to every endpoint of ``merchant`` that wants it."""
        self._push(0.0, _Job(merchant.id, merchant.pinned_version, event_id, None, 1))

    def resend(self, merchant: Merchant, event_id: str) -> None:
        """Start a new delivery round of an event (to the endpoints that want it now)."""
        self.notify(merchant, event_id)

    def _push(self, delay: float, job: _Job) -> None:
        with self._wake:
            if self._closed:
                return
            heapq.heappush(self._schedule, (time.monotonic() + delay, next(self._order), job))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="versiongate-webhooks", daemon=True
                )
                self._thread.start()
            self._wake.notify()

    def close(self) -> None:
        """Stop the thread (waiting retries are dropped)."""
        with self._wake:
            self._closed = True
            self._schedule.clear()
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout + 1)

    def idle(self) -> bool:
        """Whether nothing is scheduled (for tests)."""
        with self._wake:
            return not self._schedule

    # -- the thread ----------------------------------------------------------------------

    def _next_job(self) -> _Job | None:
        with self._wake:
            while not self._closed:
                if self._schedule:
                    due = self._schedule[0][0] - time.monotonic()
                    if due <= 0:
                        return heapq.heappop(self._schedule)[2]
                    self._wake.wait(timeout=due)
                else:
                    self._wake.wait()
            return None

    def _run(self) -> None:
        while (job := self._next_job()) is not None:
            try:
                if job.endpoint_id is None:
                    self._fan_out(job)
                else:
                    self._attempt(job, job.endpoint_id)
            except Exception:  # a broken store or renderer must not end delivery for all
                LOGGER.exception("webhook delivery of %s failed", job.event_id)

    def _endpoints(self, merchant_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = self.store.list_objects(
                merchant_id, ENDPOINT_KIND, limit=_PAGE, starting_after=cursor
            )
            found.extend(item for item in page.items if isinstance(item, dict))
            if not page.has_more or not page.items:
                return found
            cursor = page.items[-1]["id"]

    def _fan_out(self, job: _Job) -> None:
        event = self.store.get_object(job.merchant_id, job.event_id)
        if not isinstance(event, dict) or event.get("object") != "event":
            # Told before its transaction ended: a store with other connections (not SQLite's
            # shared one) may not show it yet. Look again shortly; a rolled-back one never shows.
            if job.attempt < _LOOKS:  # 50 ms, doubling: about 6 s in all
                self._push(
                    _LOOK_AGAIN * 2 ** (job.attempt - 1), job._replace(attempt=job.attempt + 1)
                )
            return
        for endpoint in self._endpoints(job.merchant_id):
            if wants(endpoint, event["type"]):
                self._attempt(job._replace(endpoint_id=endpoint["id"]), endpoint["id"])

    def _attempt(self, job: _Job, endpoint_id: str) -> None:
        store = self.store
        event = store.get_object(job.merchant_id, job.event_id)
        endpoint = store.get_object(job.merchant_id, endpoint_id)
        if (
            not isinstance(event, dict)
            or not isinstance(endpoint, dict)
            or "secret" not in endpoint
        ):
            return
        version = endpoint.get("api_version") or job.pinned_version
        payload = msgspec.json.encode(self.renderer.render(event, version))
        headers = {
            "content-type": "application/json",
            "user-agent": "versiongate-webhooks/1",
            SIGNATURE_HEADER.lower(): sign_payload(payload, endpoint["secret"]),
        }
        started = time.monotonic()
        status, error = self.send(endpoint["url"], payload, headers, self.timeout)
        elapsed = int((time.monotonic() - started) * 1000)
        delivered = status is not None and 200 <= status < 300
        retry = not delivered and job.attempt < self.attempts
        LOGGER.info(
            "webhook %s %s → %s attempt %d: %s (%d ms)%s",
            event["type"],
            job.event_id,
            endpoint["url"],
            job.attempt,
            status if status is not None else error,
            elapsed,
            f"; retry in {self._delay(job.attempt):g} s" if retry else "",
        )
        attempt = {
            "attempt": job.attempt,
            "at": timestamp(dt.datetime.now(tz=dt.UTC)),  # real time, not a test clock
            "status_code": status,
            "error": error,
            "duration_ms": elapsed,
        }
        outcome = "succeeded" if delivered else "pending" if retry else "failed"
        self._log(job, endpoint_id, version, attempt, outcome)
        if retry:
            self._push(self._delay(job.attempt), job._replace(attempt=job.attempt + 1))

    def _delay(self, attempt: int) -> float:
        return float(self.backoff * 2 ** (attempt - 1))

    def _log(
        self, job: _Job, endpoint_id: str, version: str, attempt: dict[str, Any], outcome: str
    ) -> None:
        """Write the attempt into the event's delivery to this endpoint."""
        store = self.store
        with store.atomic():
            event = store.get_object(job.merchant_id, job.event_id)
            if not isinstance(event, dict):
                return
            deliveries = [dict(delivery) for delivery in event.get("deliveries", [])]
            delivery = next((d for d in deliveries if d["endpoint_id"] == endpoint_id), None)
            if delivery is None:
                delivery = {"endpoint_id": endpoint_id, "attempts": []}
                deliveries.append(delivery)
            delivery["api_version"] = version
            delivery["status"] = outcome
            delivery["attempts"] = [*delivery["attempts"], attempt][-50:]
            store.save_object(
                job.merchant_id, job.event_id, "event", {**event, "deliveries": deliveries}
            )
