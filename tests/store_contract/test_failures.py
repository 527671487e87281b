"""Injected failures: armed on one instance, consumed exactly ``remaining`` times over all."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from mock_server.store import InjectedFailure
from tests.store_contract.conftest import wait_until

if TYPE_CHECKING:
    from tests.store_contract.conftest import Backend

OPERATION = "POST /transactions"


def _failure(remaining: int, operation: str | None = None) -> InjectedFailure:
    return InjectedFailure(status=503, latency_ms=0, remaining=remaining, operation=operation)


def test_failure__armed_on_one_instance__consumed_exactly_remaining_times_over_all(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    assert second.take_failure(merchant_id, OPERATION) is None  # cached: nothing armed
    first.save_failure(merchant_id, _failure(21))
    assert wait_until(lambda: second.take_failure(merchant_id, OPERATION) is not None)

    def take(number: int) -> InjectedFailure | None:
        return (first, second)[number % 2].take_failure(merchant_id, OPERATION)

    with ThreadPoolExecutor(8) as pool:
        taken = [found for found in pool.map(take, range(40)) if found is not None]

    assert len(taken) == 20
    assert sorted(found.remaining for found in taken) == list(range(1, 21))
    assert first.take_failure(merchant_id, OPERATION) is None


def test_failure__other_operation__not_consumed(backend: Backend, merchant_id: str) -> None:
    store = backend.open()
    store.save_failure(merchant_id, _failure(1, operation=OPERATION))

    assert store.take_failure(merchant_id, "GET /transactions") is None
    assert store.take_failure(f"{merchant_id}_other", OPERATION) is None
    assert store.take_failure(merchant_id, OPERATION) == _failure(1, operation=OPERATION)
    assert store.take_failure(merchant_id, OPERATION) is None


def test_failure__cleared_on_one_instance__stops_on_another(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    first.save_failure(merchant_id, _failure(1000))
    assert wait_until(lambda: second.take_failure(merchant_id, OPERATION) is not None)
    first.save_failure(merchant_id, None)

    assert wait_until(lambda: second.take_failure(merchant_id, OPERATION) is None)
    assert second.take_failure(merchant_id, OPERATION) is None
    assert first.take_failure(merchant_id, OPERATION) is None
