"""The bundled API's backend: translate to head, run the sandbox, translate back.

Idempotency lives here, at head level: the key, the request fingerprint and the *head*
response are stored, so a retry is answered from the record (in the caller's version) without
a second effect, even when retried under another API version. Only keys the client sent are
recorded: the key translation generates for an older client that sent none (head requires
one) could never be retried, so recording it would only cost a write and grow the table.
"""

from __future__ import annotations

import hashlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.auth import authenticate_merchant
from mock_server.downgrades import DowngradePlanner
from mock_server.problems import ApiError
from mock_server.sandbox.clocks import MerchantClocks
from mock_server.sandbox.handlers import SandboxContext, handle_head_request
from mock_server.store import StoredResponse
from mock_server.translation import load_translator
from mock_server.webhooks.dispatcher import WebhookDispatcher
from mock_server.webhooks.events import EventLog
from mock_server.webhooks.render import WebhookRenderer
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_server.clock import Clock
    from mock_server.incoming import IncomingRequest
    from mock_server.runtime import OperationRuntime
    from mock_server.store import Merchant, Store
    from mock_server.translation import RequestTranslator
    from versioning.catalog import Catalog
    from versioning.translate.messages import ApiRequest

__all__ = ["SandboxBackend"]

_FINGERPRINT = msgspec.json.Encoder(order="sorted")
_REPLAYED = "idempotent-replayed"
_CALLER: ContextVar[str] = ContextVar("versiongate_caller")


class _KeyTaken(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Rolls back a request whose idempotency key already has a recorded response."""


def _fingerprint(request: ApiRequest) -> str:
    payload = _FINGERPRINT.encode([request.operation, request.path_params, request.body])
    return hashlib.sha256(payload).hexdigest()


def _problem_response(error: ApiError, instance: str) -> ApiResponse:
    return ApiResponse(status=error.status, headers=dict(error.headers), body=error.body(instance))


class SandboxBackend:
    """Serves the bundled pay-over-time API in every version from the head handlers."""

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        clock: Clock,
        *,
        translator: RequestTranslator | None = None,
    ) -> None:
        """Serve ``catalog`` over ``store`` at ``clock``'s time (translator from the catalog).

        Raises:
            ChangesError: The catalog's declared changes cannot be compiled.
        """
        self.head = catalog.head.id
        self._backward: dict[tuple[str, str], str] = {}
        self.store = store
        self.clock = clock
        self.clocks = MerchantClocks(store, clock)
        lookups: dict[str, Callable[..., Any]] = {
            "transaction_currency": self._transaction_currency,
            "transaction_id_at": self._transaction_id_at,
            "transaction_count": self._transaction_count,
        }
        self.translator = translator or load_translator(catalog, lookups=lookups)
        self._planner = DowngradePlanner.of(self.translator, lookups)
        self.dispatcher = WebhookDispatcher(store, WebhookRenderer(catalog, self.translator))
        self.events = EventLog(store, self.dispatcher)

    def _transaction_currency(self, transaction_id: str) -> str | None:
        """For converters: the currency of the calling merchant's transaction, if it exists."""
        merchant_id = _CALLER.get(None)
        found = self.store.get_object(merchant_id, transaction_id) if merchant_id else None
        if isinstance(found, dict) and isinstance(found.get("amount"), dict):
            currency = found["amount"].get("currency")
            return currency if isinstance(currency, str) else None
        return None

    def _transaction_id_at(self, position: int) -> str | None:
        """For offset paging: the calling merchant's ``position``-th newest transaction id.

        The oldest one when there are fewer (a page starting after it is empty, as the
        offset asks); ``None`` when the merchant has none.
        """
        merchant_id = _CALLER.get(None)
        if merchant_id is None:
            return None
        found = self.store.object_id_at(merchant_id, "transaction", position)
        if found is None and position > 0:
            count = self.store.count_objects(merchant_id, "transaction")
            found = self.store.object_id_at(merchant_id, "transaction", count - 1)
        return found

    def _transaction_count(self) -> int:
        """For offset paging's ``total``: how many transactions the calling merchant has."""
        merchant_id = _CALLER.get(None)
        return self.store.count_objects(merchant_id, "transaction") if merchant_id else 0

    def authenticate(self, request: IncomingRequest, operation: OperationRuntime) -> Merchant:
        """The merchant of the Basic credentials (every bundled operation needs them)."""
        del operation
        return authenticate_merchant(self.store, request.headers.get("authorization"))

    def handle(
        self, request: ApiRequest, *, version: str, merchant: Merchant, base_url: str
    ) -> ApiResponse:
        """Upgrade to head, run (or replay) the head handler, downgrade the response."""
        token = _CALLER.set(merchant.id)  # what converter lookups may read, for this request
        try:
            return self._handle(request, version=version, merchant=merchant, base_url=base_url)
        finally:
            _CALLER.reset(token)

    def _handle(
        self, request: ApiRequest, *, version: str, merchant: Merchant, base_url: str
    ) -> ApiResponse:
        head_request = (
            request
            if version == self.head
            else self.translator.upgrade_request(request, from_version=version)
        )
        context = SandboxContext(
            store=self.store,
            merchant=merchant,
            now=self.clocks.now(),
            checkout_base_url=f"{base_url}/sandbox/checkouts",
            events=self.events,
        )
        key = head_request.headers.get("idempotency-key")
        if head_request.method != "POST":
            response = self._run(head_request, context)
        elif key and key == request.headers.get("idempotency-key"):
            response = self._idempotent(head_request, context, key)
        else:  # no key from the client (translation may have made one up): nothing to replay
            with self.store.atomic():
                response = self._run(head_request, context)
        if response.status < 400 and _REPLAYED not in response.headers:  # committed, first run
            self.events.announce(merchant, context.memo)
        if version == self.head:
            return response
        if not request.query and self._planner is not None:  # paging converters read queries
            planned = self._planner.downgrade(
                response, head_operation=head_request.operation, request=request, version=version
            )
            if planned is not None:
                return planned
        return self.translator.downgrade_response(
            response,
            operation=head_request.operation,
            to_version=version,
            request=request if self._needs_request(request, head_request, version) else None,
        )

    def _needs_request(self, request: ApiRequest, head_request: ApiRequest, version: str) -> bool:
        """Whether the downgrade needs the client's request to pick the operation or paging.

        Without it the translator walks the head operation back by itself, which gives the
        same key whenever the client called the operation under that name and sent no query
        (paging) parameters; skipping the request then saves a second upgrade walk.
        """
        if request.query:
            return True
        cache_key = (head_request.operation, version)
        older = self._backward.get(cache_key)
        if older is None:
            older = (
                self.translator.operation_in(
                    head_request.operation, from_version=self.head, to_version=version
                )
                or ""
            )
            self._backward[cache_key] = older
        return older != request.operation

    def _run(self, head_request: ApiRequest, context: SandboxContext) -> ApiResponse:
        try:
            return handle_head_request(head_request, context)
        except ApiError as error:
            return _problem_response(error, head_request.path())

    def _idempotent(
        self, head_request: ApiRequest, context: SandboxContext, key: str
    ) -> ApiResponse:
        """Run once per key: the first request's response is recorded, retries replay it.

        The request runs first and its response is recorded in the same write transaction
        (which serialises concurrent retries, across workers too); when the key turns out to
        be taken, the transaction is rolled back, so the retry had no effect, and the recorded
        response answers. A new key, the common case, so costs no extra query.
        """
        fingerprint = _fingerprint(head_request)
        merchant_id = context.merchant.id
        try:
            with self.store.atomic():
                response = self._run(head_request, context)
                if response.status >= 500:  # not recorded: a retry may succeed
                    if self.store.stored_response(merchant_id, key) is None:
                        return response
                    raise _KeyTaken
                record = StoredResponse(
                    fingerprint=fingerprint,
                    status=response.status,
                    headers=response.headers,
                    body=response.body,
                )
                if self.store.add_response(merchant_id, key, record):
                    return response
                raise _KeyTaken
        except _KeyTaken:
            pass
        stored = self.store.stored_response(merchant_id, key)
        if stored is None or stored.fingerprint != fingerprint:  # (None: records stay forever)
            error = ApiError(
                409,
                "idempotency_conflict",
                f"Idempotency key {key} was already used with a different request.",
            )
            return _problem_response(error, head_request.path())
        return ApiResponse(
            status=stored.status, headers={**stored.headers, _REPLAYED: "true"}, body=stored.body
        )

    def render_error(
        self, error: ApiError, *, version: str, operation: str | None, instance: str
    ) -> ApiResponse:
        """The head problem, downgraded to ``version``'s error shape."""
        response = _problem_response(error, instance)
        if version == self.head:
            return response
        head_operation = None
        if operation is not None:
            head_operation = self.translator.operation_in(
                operation, from_version=version, to_version=self.head
            )
        try:
            return self.translator.downgrade_response(
                response, operation=head_operation or "GET /transactions", to_version=version
            )
        except ApiError:
            return response  # the version cannot be translated at all: say so in head shape
