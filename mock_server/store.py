"""The small state interface the sandbox and the generic server talk to.

Objects are JSON documents owned by one merchant; a merchant never reaches another's. The
default implementation is :class:`mock_server.sqlite_store.SqliteStore` (a file in WAL
mode, or ``:memory:`` for tests); a shared server store for multi-host deployments only has
to implement this protocol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import msgspec

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager

    from mock_server.request_log import CallCount, RequestRecord

__all__ = ["InjectedFailure", "Merchant", "Page", "Store", "StoredResponse"]


class Merchant(msgspec.Struct, frozen=True, kw_only=True):
    """A sandbox account: its key pair and the API version its keys are pinned to."""

    id: str
    public_key: str
    secret_key: str
    pinned_version: str
    created_at: str


class StoredResponse(msgspec.Struct, frozen=True, kw_only=True):
    """The first response to an idempotent request, replayed on every retry."""

    fingerprint: str
    status: int
    headers: dict[str, str]
    body: Any


class InjectedFailure(msgspec.Struct, frozen=True, kw_only=True):
    """A failure to serve instead of (or a delay before) the next ``remaining`` API calls."""

    status: int | None
    latency_ms: int
    remaining: int
    operation: str | None = None
    """Only calls to this operation key (``"POST /transactions"``) count, when set."""


class Page(msgspec.Struct, frozen=True, kw_only=True):
    """One page of objects, newest first."""

    items: list[Any]
    has_more: bool
    total: int


class Store(Protocol):
    """Where merchants, their objects, idempotency records and injected failures live."""

    def atomic(self) -> AbstractContextManager[None]:
        """Run a read-modify-write as one serialised step (across workers too)."""
        ...

    def merchant_by_public_key(self, public_key: str) -> Merchant | None:
        """The merchant owning ``public_key``, if any."""
        ...

    def save_merchant(self, merchant: Merchant) -> None:
        """Create (or replace) a merchant."""
        ...

    def get_object(self, merchant_id: str, object_id: str) -> Any:
        """The merchant's object with this id, or ``None``."""
        ...

    def save_object(self, merchant_id: str, object_id: str, kind: str, document: Any) -> None:
        """Create or update an object; creation order is kept for listing."""
        ...

    def save_objects(self, merchant_id: str, objects: Sequence[tuple[str, str, Any]]) -> None:
        """Create or update several ``(id, kind, document)`` objects, in this order."""
        ...

    def list_objects(
        self,
        merchant_id: str,
        kind: str,
        *,
        limit: int,
        starting_after: str | None = None,
        offset: int = 0,
    ) -> Page:
        """A page of the merchant's objects of ``kind``, newest first."""
        ...

    def object_id_at(self, merchant_id: str, kind: str, position: int) -> str | None:
        """The id of the merchant's ``position``-th newest object of ``kind`` (0: the newest).

        ``None`` when there are not that many.
        """
        ...

    def count_objects(self, merchant_id: str, kind: str) -> int:
        """How many objects of ``kind`` the merchant has."""
        ...

    def stored_response(self, merchant_id: str, key: str) -> StoredResponse | None:
        """The response recorded for an idempotency key, if any."""
        ...

    def add_response(self, merchant_id: str, key: str, response: StoredResponse) -> bool:
        """Record the response to an idempotency key; ``False`` if one was recorded already."""
        ...

    def take_failure(self, merchant_id: str, operation: str) -> InjectedFailure | None:
        """Consume one injected failure for this merchant and operation, if one is pending."""
        ...

    def save_failure(self, merchant_id: str, failure: InjectedFailure | None) -> None:
        """Arm (or, with ``None``, clear) the merchant's injected failure."""
        ...

    def close(self) -> None:
        """Release the underlying resources."""
        ...

    def add_requests(self, records: Sequence[RequestRecord], *, keep: int) -> None:
        """Append request log records (one transaction); each merchant keeps its newest ``keep``."""
        ...

    def list_requests(
        self,
        merchant_id: str | None,
        *,
        status: int | None = None,
        version: str | None = None,
        operation: str | None = None,
        since: float | None = None,
        limit: int | None = None,
    ) -> list[RequestRecord]:
        """Request log records, newest first: one merchant's (``None``: everyone's), filtered.

        ``since`` keeps records at or after that Unix time; ``limit`` caps how many.
        """
        ...

    def call_counts(self, merchant_id: str | None) -> list[CallCount]:
        """Exact call counts (``add_requests`` adds to them; never trimmed); ``None``: all."""
        ...

    def merchant_by_id(self, merchant_id: str) -> Merchant | None:
        """The merchant with this id, if any (read from the store, never a cache)."""
        ...

    def repin_merchant(self, merchant_id: str, pinned_version: str) -> Merchant | None:
        """Pin the merchant's keys to ``pinned_version``; the merchant after, if it exists.

        Every instance and worker sees the new pin on its next request (their caches of
        merchants are dropped).
        """
        ...

    def reset_merchant(self, merchant_id: str) -> None:
        """Delete the merchant's objects, idempotency records and injected failure.

        The merchant itself (keys, pinned version) stays.
        """
        ...
