"""Idempotency: concurrent retries of one key, over several instances, have one effect."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from mock_server.store import StoredResponse

if TYPE_CHECKING:
    from mock_server.store import Store
    from tests.store_contract.conftest import Backend

HOUR = 3600.0


class _TakenError(Exception):
    pass


def _response(body: str) -> StoredResponse:
    return StoredResponse(fingerprint=body, status=201, headers={"x-a": "1"}, body={"id": body})


def _create_once(store: Store, merchant_id: str, key: str, object_id: str) -> StoredResponse:
    """The sandbox's keyed POST: act, record the response, roll back if the key was taken."""
    try:
        with store.atomic():
            store.save_object(merchant_id, object_id, "charge", {"id": object_id})
            recorded = _response(object_id)
            if store.add_response(merchant_id, key, recorded):
                return recorded
            raise _TakenError
    except _TakenError:
        pass
    stored = store.stored_response(merchant_id, key)
    assert stored is not None
    return stored


def test_concurrent_retries__same_key_over_instances__one_effect_all_replay_it(
    backend: Backend, merchant_id: str
) -> None:
    stores = [backend.open(), backend.open()]
    retries = 12
    start = threading.Barrier(retries)

    def retry(number: int) -> StoredResponse:
        start.wait()
        return _create_once(stores[number % 2], merchant_id, "key-1", f"ch_{number}")

    with ThreadPoolExecutor(retries) as pool:
        answers = list(pool.map(retry, range(retries)))

    assert stores[0].count_objects(merchant_id, "charge") == 1
    assert len({answer.body["id"] for answer in answers}) == 1
    assert stores[1].get_object(merchant_id, answers[0].body["id"]) is not None


def test_concurrent_requests__different_keys__each_acts(backend: Backend, merchant_id: str) -> None:
    stores = [backend.open(), backend.open()]

    def request(number: int) -> StoredResponse:
        return _create_once(stores[number % 2], merchant_id, f"key-{number}", f"ch_{number}")

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(request, range(16)))

    assert len({answer.body["id"] for answer in answers}) == 16
    assert stores[0].count_objects(merchant_id, "charge") == 16


def test_add_response__key_taken__false_and_first_kept(backend: Backend, merchant_id: str) -> None:
    first, second = backend.open(), backend.open()

    assert first.add_response(merchant_id, "k", _response("a"))
    assert not second.add_response(merchant_id, "k", _response("b"))
    assert second.stored_response(merchant_id, "k") == _response("a")
    assert second.stored_response(merchant_id, "other") is None
    assert second.stored_response(f"{merchant_id}_x", "k") is None


class _Wall:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_retention__expired_key__forgotten_replaced_and_purged(
    backend: Backend, merchant_id: str
) -> None:
    wall = _Wall()
    store = backend.open(idempotency_retention=HOUR, now=wall)
    assert store.add_response(merchant_id, "k", _response("a"))
    assert store.add_response(merchant_id, "old", _response("old"))
    wall.now += HOUR + 1

    assert store.stored_response(merchant_id, "k") is None
    assert store.add_response(merchant_id, "k", _response("b"))
    assert store.stored_response(merchant_id, "k") == _response("b")
    purge = getattr(store, "purge_idempotency")  # noqa: B009 - not in the protocol (yet)
    purge()
    wall.now -= HOUR + 1  # the purged record is gone even where it was still young
    assert store.stored_response(merchant_id, "old") is None
