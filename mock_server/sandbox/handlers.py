"""Head-version handlers of the bundled API: one function per head operation.

They receive the request as head sees it (after translation) and return the head response;
the server downgrades it for older clients. Writes run inside ``store.atomic()``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.problems import ApiError, Violation
from mock_server.sandbox import domain
from mock_server.sandbox.checkout_tokens import checkout_page_url
from mock_server.store import Merchant, Store
from mock_server.webhooks.events import EventLog
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.translate.messages import ApiRequest

__all__ = ["HEAD_OPERATIONS", "SandboxContext", "handle_head_request"]

_DEFAULT_LIMIT = 20


class SandboxContext(msgspec.Struct, frozen=True, kw_only=True):
    """What a handler needs besides the request: state, caller, time, public URLs."""

    store: Store
    merchant: Merchant
    now: dt.datetime
    checkout_base_url: str
    events: EventLog | None = None
    """Where state changes are recorded as events (none: not recorded)."""
    memo: dict[str, Any] = msgspec.field(default_factory=dict)
    """The merchant's webhook endpoints, read once per request by the first event."""

    def emit(self, event_type: str, document: dict[str, Any]) -> None:
        """Record that ``document`` changed (inside the change's transaction)."""
        if self.events is not None:
            self.events.record(self.merchant, event_type, document, self.now, memo=self.memo)


def _not_found(kind: str, object_id: str, pointer: str | None = None) -> ApiError:
    errors = (Violation(pointer=pointer, message=f"No {kind} with this id."),) if pointer else ()
    return ApiError(404, "not_found", f"No {kind} with id {object_id}.", errors=errors)


def _load(context: SandboxContext, kind: str, object_id: str, pointer: str | None = None) -> Any:
    found = context.store.get_object(context.merchant.id, object_id)
    if not isinstance(found, dict) or found.get("object") != kind:
        raise _not_found(kind, object_id, pointer)
    return found


def _load_transaction(context: SandboxContext, transaction_id: str) -> dict[str, Any]:
    """The transaction as of the merchant's clock (an old authorization reads as voided)."""
    transaction = _load(context, "transaction", transaction_id)
    return domain.apply_authorization_expiry(transaction, context.now)


def _save(context: SandboxContext, document: dict[str, Any]) -> None:
    context.store.save_object(context.merchant.id, document["id"], document["object"], document)


def create_checkout(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``POST /checkouts``."""
    checkout = domain.new_checkout(
        request.body, now=context.now, checkout_base_url=context.checkout_base_url
    )
    # The hosted page opens without merchant credentials: its URL carries a token (issue 17).
    checkout["checkout_url"] = checkout_page_url(
        context.checkout_base_url, context.merchant, checkout["id"]
    )
    _save(context, checkout)
    context.emit("checkout.created", checkout)
    return ApiResponse(status=201, body=checkout)


def get_checkout(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``GET /checkouts/{checkout_id}``."""
    checkout = _load(context, "checkout", request.path_params["checkout_id"])
    return ApiResponse(status=200, body=domain.apply_checkout_expiry(checkout, context.now))


def create_transaction(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``POST /transactions``: authorize (and maybe capture) against an approved checkout."""
    body = request.body
    checkout = _load(context, "checkout", body["checkout_id"], pointer="/checkout_id")
    transaction, completed = domain.authorize(checkout, body, now=context.now)
    context.store.save_objects(
        context.merchant.id,
        [(document["id"], document["object"], document) for document in (completed, transaction)],
    )
    context.emit("checkout.completed", completed)
    context.emit(f"transaction.{transaction['status']}", transaction)
    return ApiResponse(status=201, body=transaction)


def list_transactions(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``GET /transactions``: newest first, cursor paging (older clients' offsets translated)."""
    limit = _integer(request.query, "limit", _DEFAULT_LIMIT)
    cursor = request.query.get("starting_after", [None])[0]
    page = context.store.list_objects(
        context.merchant.id, "transaction", limit=limit, starting_after=cursor
    )
    items = [domain.apply_authorization_expiry(item, context.now) for item in page.items]
    body = {"object": "list", "data": items, "has_more": page.has_more}
    return ApiResponse(status=200, body=body)


def _integer(query: dict[str, list[str]], name: str, default: int) -> int:
    values = query.get(name)
    if not values:
        return default
    try:
        return int(float(values[0]))
    except ValueError:
        return default


def get_transaction(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``GET /transactions/{transaction_id}``."""
    return ApiResponse(
        status=200, body=_load_transaction(context, request.path_params["transaction_id"])
    )


def _update(
    request: ApiRequest,
    context: SandboxContext,
    change: Callable[[dict[str, Any]], dict[str, Any]],
    event_type: str,
) -> ApiResponse:
    transaction = _load_transaction(context, request.path_params["transaction_id"])
    updated = change(transaction)
    _save(context, updated)
    context.emit(event_type, updated)
    return ApiResponse(status=200, body=updated)


def capture_transaction(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``POST /transactions/{transaction_id}/capture``."""
    return _update(
        request,
        context,
        lambda txn: domain.capture(txn, request.body, now=context.now),
        "transaction.captured",
    )


def void_transaction(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``POST /transactions/{transaction_id}/void``."""
    return _update(
        request, context, lambda txn: domain.void(txn, now=context.now), "transaction.voided"
    )


def refund_transaction(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """``POST /transactions/{transaction_id}/refund``."""
    return _update(
        request,
        context,
        lambda txn: domain.refund(txn, request.body, now=context.now),
        "transaction.refunded",
    )


HEAD_OPERATIONS: dict[str, Callable[[ApiRequest, SandboxContext], ApiResponse]] = {
    "POST /checkouts": create_checkout,
    "GET /checkouts/{checkout_id}": get_checkout,
    "POST /transactions": create_transaction,
    "GET /transactions": list_transactions,
    "GET /transactions/{transaction_id}": get_transaction,
    "POST /transactions/{transaction_id}/capture": capture_transaction,
    "POST /transactions/{transaction_id}/void": void_transaction,
    "POST /transactions/{transaction_id}/refund": refund_transaction,
}
"""Every head operation the sandbox implements, by operation key."""


def handle_head_request(request: ApiRequest, context: SandboxContext) -> ApiResponse:
    """Run the head handler for ``request.operation`` in one store transaction.

    Raises:
        ApiError: The operation is not implemented, or the lifecycle refuses it.
    """
    handler = HEAD_OPERATIONS.get(request.operation)
    if handler is None:
        raise ApiError(404, "not_found", f"{request.operation} is not implemented by the sandbox.")
    if request.method == "GET":
        return handler(request, context)
    with context.store.atomic():
        return handler(request, context)
