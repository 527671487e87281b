"""``/sandbox/merchants`` and ``/sandbox/reset``: create merchants, read and re-pin one, reset.

Creating a merchant needs the admin key (:mod:`mock_server.sandbox.admin`); everything
else needs the merchant's own key pair and reaches only that merchant: another merchant's
id answers ``404``, exactly as an id nobody has (docs/decisions.md, issue 17).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Request, get, patch, post
from litestar.response import Response

from mock_server.auth import authenticate_merchant, public_key_problem
from mock_server.problems import ApiError, Violation
from mock_server.sandbox import domain
from mock_server.sandbox.admin import authenticate_admin
from mock_server.store import Merchant

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar.handlers import HTTPRouteHandler

    from mock_server.clock import Clock
    from mock_server.store import Store
    from versioning.catalog import Catalog

__all__ = ["MerchantCreate", "MerchantUpdate", "create_merchant_record", "merchant_handlers"]


class MerchantCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /sandbox/merchants``."""

    pinned_version: str | None = None
    public_key: str | None = None
    secret_key: str | None = None


class MerchantUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Body of ``PATCH /sandbox/merchants/{id}``: what may change (the pinned version)."""

    pinned_version: str


def create_merchant_record(
    store: Store,
    *,
    pinned_version: str,
    public_key: str | None,
    secret_key: str | None,
    created_at: str,
) -> Merchant:
    """Create and save a merchant; random keys when none are given."""
    public_key = public_key or f"pk_test_{secrets.token_hex(12)}"
    # The id derives from the public key, so seeding the same merchant from several
    # workers at once writes the same row instead of orphaning objects.
    merchant = Merchant(
        id="mer_" + hashlib.sha256(public_key.encode()).hexdigest()[:24],
        public_key=public_key,
        secret_key=secret_key or f"sk_test_{secrets.token_hex(16)}",
        pinned_version=pinned_version,
        created_at=created_at,
    )
    store.save_merchant(merchant)
    return merchant


def merchant_view(merchant: Merchant, *, with_secret: bool = False) -> dict[str, Any]:
    """The merchant as the controls show it (its secret key only when it was just created)."""
    view: dict[str, Any] = {
        "id": merchant.id,
        "object": "merchant",
        "public_key": merchant.public_key,
    }
    if with_secret:
        view["secret_key"] = merchant.secret_key
    view["pinned_version"] = merchant.pinned_version
    view["created_at"] = merchant.created_at
    return view


def _json(body: Any, status: int = 200) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(body), status_code=status, media_type="application/json"
    )


def _check_version(version: str, versions: tuple[str, ...]) -> None:
    if version not in versions:
        raise ApiError(
            422,
            "validation_failed",
            f"Unknown API version {version[:100]}. Valid versions: {', '.join(versions)}.",
            errors=(Violation(pointer="/pinned_version", message="Unknown API version."),),
        )


def _new_merchant(data: MerchantCreate, catalog: Catalog, store: Store, clock: Clock) -> Merchant:
    version = data.pinned_version or catalog.default_version
    _check_version(version, catalog.ids)
    unusable = public_key_problem(data.public_key) if data.public_key is not None else None
    if unusable is not None:
        raise ApiError(
            422,
            "validation_failed",
            unusable,
            errors=(Violation(pointer="/public_key", message=unusable),),
        )
    if data.public_key and store.merchant_by_public_key(data.public_key):
        raise ApiError(409, "invalid_state", f"Public key {data.public_key} is taken.")
    return create_merchant_record(
        store,
        pinned_version=version,
        public_key=data.public_key,
        secret_key=data.secret_key,
        created_at=domain.timestamp(clock()),
    )


def _own_merchant(store: Store, request: Request[Any, Any, Any]) -> Merchant:
    """The caller, when the path names the caller; else 404 as for an unknown id."""
    merchant = authenticate_merchant(store, request.headers.get("authorization"))
    merchant_id: str = request.path_params["merchant_id"]
    if merchant_id != merchant.id:
        raise ApiError(404, "not_found", f"No merchant with id {merchant_id[:100]}.")
    return merchant


def merchant_handlers(
    catalog: Catalog,
    store: Store,
    clock: Clock,
    *,
    admin_key: str,
    decode: Callable[[bytes, type[Any]], Any],
    problem: Callable[[ApiError, str], Response[bytes]],
) -> list[HTTPRouteHandler]:
    """``POST /sandbox/merchants`` (admin), ``GET``/``PATCH`` one, ``POST /sandbox/reset``."""

    @post("/sandbox/merchants", include_in_schema=False)
    async def create_merchant(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            authenticate_admin(admin_key, request.headers.get("authorization"), store)
            data: MerchantCreate = decode(await request.body(), MerchantCreate)
            merchant = _new_merchant(data, catalog, store, clock)
        except ApiError as error:
            return problem(error, request.url.path)
        return _json(merchant_view(merchant, with_secret=True), 201)

    @get("/sandbox/merchants/{merchant_id:str}", include_in_schema=False)
    async def read_merchant(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _own_merchant(store, request)
        except ApiError as error:
            return problem(error, request.url.path)
        return _json(merchant_view(merchant))

    @patch("/sandbox/merchants/{merchant_id:str}", include_in_schema=False)
    async def update_merchant(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = _own_merchant(store, request)
            data: MerchantUpdate = decode(await request.body(), MerchantUpdate)
            _check_version(data.pinned_version, catalog.ids)
            updated = store.repin_merchant(merchant.id, data.pinned_version)
            if updated is None:  # pragma: no cover - merchants are never deleted
                raise ApiError(404, "not_found", f"No merchant with id {merchant.id}.")
        except ApiError as error:
            return problem(error, request.url.path)
        return _json(merchant_view(updated))

    @post("/sandbox/reset", status_code=200, include_in_schema=False)
    async def reset(request: Request[Any, Any, Any]) -> Response[bytes]:
        try:
            merchant = authenticate_merchant(store, request.headers.get("authorization"))
        except ApiError as error:
            return problem(error, request.url.path)
        store.reset_merchant(merchant.id)
        return _json({"object": "reset", "merchant_id": merchant.id})

    return [create_merchant, read_merchant, update_merchant, reset]
