"""Reading a merchant by id, re-pinning it and resetting its data (issue 17), in every store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.store import InjectedFailure, Merchant, StoredResponse
from tests.store_contract.conftest import wait_until

if TYPE_CHECKING:
    from tests.store_contract.conftest import Backend

OPERATION = "POST /transactions"


def _merchant(merchant_id: str) -> Merchant:
    return Merchant(
        id=merchant_id,
        public_key=f"pk_{merchant_id}",
        secret_key="sk_test_x",
        pinned_version="2024-09-01",
        created_at="2026-11-25T12:00:00Z",
    )


def test_merchant_by_id__saved__found_unknown_none(backend: Backend, merchant_id: str) -> None:
    first, second = backend.open(), backend.open()
    first.save_merchant(_merchant(merchant_id))

    assert second.merchant_by_id(merchant_id) == _merchant(merchant_id)
    assert second.merchant_by_id(f"{merchant_id}_unknown") is None


def test_repin__on_one_instance__seen_by_another_that_cached_it(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    merchant = _merchant(merchant_id)
    first.save_merchant(merchant)
    assert second.merchant_by_public_key(merchant.public_key) == merchant  # now cached

    repinned = first.repin_merchant(merchant_id, "2026-02-01")

    assert repinned is not None
    assert repinned.pinned_version == "2026-02-01"
    assert first.repin_merchant(f"{merchant_id}_unknown", "2026-02-01") is None

    def seen() -> bool:
        found = second.merchant_by_public_key(merchant.public_key)
        return found is not None and found.pinned_version == "2026-02-01"

    assert wait_until(seen)
    assert first.merchant_by_public_key(merchant.public_key) == repinned


def test_reset__clears_the_merchants_data_only(backend: Backend, merchant_id: str) -> None:
    store, other_store = backend.open(), backend.open()
    other_id = f"{merchant_id}_other"
    response = StoredResponse(fingerprint="f", status=201, headers={}, body={"id": "o1"})
    failure = InjectedFailure(status=503, latency_ms=0, remaining=3)
    for owner in (merchant_id, other_id):
        store.save_merchant(_merchant(owner))
        store.save_objects(owner, [("o1", "checkout", {"id": "o1"}), ("clock", "clock", {})])
        store.add_response(owner, "key-1", response)
        store.save_failure(owner, failure)
    assert wait_until(lambda: other_store.take_failure(merchant_id, OPERATION) is not None)

    store.reset_merchant(merchant_id)

    assert store.merchant_by_id(merchant_id) == _merchant(merchant_id)  # the merchant stays
    assert store.get_object(merchant_id, "o1") is None
    assert store.get_object(merchant_id, "clock") is None
    assert store.count_objects(merchant_id, "checkout") == 0
    assert store.stored_response(merchant_id, "key-1") is None
    assert wait_until(lambda: other_store.take_failure(merchant_id, OPERATION) is None)
    assert store.add_response(merchant_id, "key-1", response)  # the key acts again
    # The other merchant keeps everything.
    assert store.get_object(other_id, "o1") == {"id": "o1"}
    assert store.stored_response(other_id, "key-1") == response
    assert other_store.take_failure(other_id, OPERATION) is not None
