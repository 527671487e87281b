"""Amount limits hold under concurrent captures and refunds over several instances."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mock_server.store import Store
    from tests.store_contract.conftest import Backend


def _take(store: Store, merchant_id: str, field: str, limit_field: str, amount: int) -> bool:
    """The sandbox's capture (or refund): read, check the limit, write, in one transaction."""
    with store.atomic():
        charge = store.get_object(merchant_id, "tx_1")
        if charge[field] + amount > charge[limit_field]:
            return False
        store.save_object(
            merchant_id, "tx_1", "transaction", {**charge, field: charge[field] + amount}
        )
        return True


@pytest.mark.parametrize(
    ("field", "limit_field"), [("captured", "authorized"), ("refunded", "captured")]
)
def test_concurrent_takes__over_instances__never_past_the_limit(
    backend: Backend, merchant_id: str, field: str, limit_field: str
) -> None:
    stores = [backend.open(), backend.open()]
    start = {"id": "tx_1", "authorized": 1000, "captured": 1000 if field == "refunded" else 0}
    stores[0].save_object(merchant_id, "tx_1", "transaction", {**start, "refunded": 0})
    attempts = 12
    barrier = threading.Barrier(attempts)

    def attempt(number: int) -> bool:
        barrier.wait()
        return _take(stores[number % 2], merchant_id, field, limit_field, 300)

    with ThreadPoolExecutor(attempts) as pool:
        results = list(pool.map(attempt, range(attempts)))

    assert results.count(True) == 3
    assert stores[1].get_object(merchant_id, "tx_1")[field] == 900


def test_create_if_absent__concurrent__one_creation(backend: Backend, merchant_id: str) -> None:
    """A missing object read in a transaction is locked too (a clock's first advance)."""
    stores = [backend.open(), backend.open()]
    barrier = threading.Barrier(8)

    def advance(number: int) -> None:
        barrier.wait()
        store = stores[number % 2]
        with store.atomic():
            clock = store.get_object(merchant_id, "clock") or {"offset": 0}
            store.save_object(merchant_id, "clock", "clock", {"offset": clock["offset"] + 1})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(advance, range(8)))

    assert stores[0].get_object(merchant_id, "clock") == {"offset": 8}


def test_at_most_n__concurrent_count_then_create__limit_held(
    backend: Backend, merchant_id: str
) -> None:
    stores = [backend.open(), backend.open()]
    barrier = threading.Barrier(10)

    def create(number: int) -> bool:
        barrier.wait()
        store = stores[number % 2]
        with store.atomic():
            if store.count_objects(merchant_id, "endpoint") >= 4:
                return False
            store.save_object(merchant_id, f"we_{number}", "endpoint", {"id": number})
            return True

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(create, range(10)))

    assert results.count(True) == 4
    assert stores[0].count_objects(merchant_id, "endpoint") == 4
