"""The demo merchant ``versiongate serve`` seeds: created once, its pin kept up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from mock_server.sandbox.merchant_controls import create_merchant_record

if TYPE_CHECKING:
    from mock_server.store import Merchant, Store

__all__ = ["seed_demo_merchant"]


def seed_demo_merchant(
    store: Store,
    *,
    public_key: str,
    secret_key: str,
    pinned_version: str | None,
    default_version: str,
    created_at: str,
) -> Merchant:
    """The demo merchant as stored after seeding.

    Created with these keys when ``store`` has no merchant with ``public_key``. A store from
    an earlier run keeps its merchant's keys, but an explicit ``pinned_version`` (the
    ``--demo-version`` option) is applied to it: asking for a version and getting the old
    one silently is what issue 11 found.
    """
    merchant = store.merchant_by_public_key(public_key)
    if merchant is None:
        return create_merchant_record(
            store,
            pinned_version=pinned_version or default_version,
            public_key=public_key,
            secret_key=secret_key,
            created_at=created_at,
        )
    if pinned_version is not None and merchant.pinned_version != pinned_version:
        merchant = msgspec.structs.replace(merchant, pinned_version=pinned_version)
        store.save_merchant(merchant)
    return merchant
