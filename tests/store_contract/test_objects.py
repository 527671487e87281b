"""Merchants, objects and paging: the same answers from every store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_server.store import Merchant

if TYPE_CHECKING:
    from tests.store_contract.conftest import Backend


def _merchant(merchant_id: str, public_key: str) -> Merchant:
    return Merchant(
        id=merchant_id, public_key=public_key, secret_key="sk_test_x",
        pinned_version="2024-09-01", created_at="2026-11-25T12:00:00Z",
    )  # fmt: skip


def test_merchant__saved_on_one_instance__found_on_another(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    merchant = _merchant(merchant_id, f"pk_{merchant_id}")
    first.save_merchant(merchant)

    assert second.merchant_by_public_key(merchant.public_key) == merchant
    assert second.merchant_by_public_key(f"pk_unknown_{merchant_id}") is None


def test_save_merchant__same_id__replaces_it(backend: Backend, merchant_id: str) -> None:
    store = backend.open()
    store.save_merchant(_merchant(merchant_id, f"pk_old_{merchant_id}"))
    store.save_merchant(_merchant(merchant_id, f"pk_new_{merchant_id}"))

    fresh = backend.open()
    assert fresh.merchant_by_public_key(f"pk_old_{merchant_id}") is None
    found = fresh.merchant_by_public_key(f"pk_new_{merchant_id}")
    assert found is not None
    assert found.id == merchant_id


def test_object__round_trip__document_and_key_order_kept(
    backend: Backend, merchant_id: str
) -> None:
    first, second = backend.open(), backend.open()
    document = {"zeta": 1, "alpha": {"y": [1, 2, None], "b": "é✓"}, "id": "o1", "n": 1.5}
    first.save_object(merchant_id, "o1", "thing", document)

    found = second.get_object(merchant_id, "o1")
    assert found == document
    assert list(found) == list(document)
    assert list(found["alpha"]) == ["y", "b"]
    assert second.get_object(merchant_id, "missing") is None
    assert second.get_object(f"{merchant_id}_other", "o1") is None  # merchants stay apart


def test_save_object__update__keeps_its_place_in_the_order(
    backend: Backend, merchant_id: str
) -> None:
    store = backend.open()
    store.save_objects(merchant_id, [(f"o{n}", "thing", {"id": f"o{n}"}) for n in range(3)])
    store.save_object(merchant_id, "o0", "thing", {"id": "o0", "updated": True})

    page = store.list_objects(merchant_id, "thing", limit=10)
    assert [item["id"] for item in page.items] == ["o2", "o1", "o0"]
    assert page.items[-1]["updated"] is True


def test_list_objects__cursor_pages__newest_first_and_complete(
    backend: Backend, merchant_id: str
) -> None:
    store = backend.open()
    store.save_objects(merchant_id, [(f"o{n}", "thing", {"id": f"o{n}"}) for n in range(7)])
    store.save_object(merchant_id, "other", "widget", {"id": "other"})
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = store.list_objects(merchant_id, "thing", limit=3, starting_after=cursor)
        pages += 1
        assert page.total == 7
        seen.extend(item["id"] for item in page.items)
        if not page.has_more:
            break
        cursor = page.items[-1]["id"]

    assert seen == [f"o{n}" for n in range(6, -1, -1)]
    assert pages == 3


def test_list_objects__offset_and_unknown_cursor(backend: Backend, merchant_id: str) -> None:
    store = backend.open()
    store.save_objects(merchant_id, [(f"o{n}", "thing", {"id": f"o{n}"}) for n in range(5)])

    page = store.list_objects(merchant_id, "thing", limit=2, offset=2)
    assert [item["id"] for item in page.items] == ["o2", "o1"]
    assert page.has_more
    assert store.list_objects(merchant_id, "thing", limit=2, offset=2**70).items == []
    unknown = store.list_objects(merchant_id, "thing", limit=2, starting_after="nope")
    assert (unknown.items, unknown.has_more, unknown.total) == ([], False, 5)
    empty = store.list_objects(merchant_id, "nothing", limit=2)
    assert (empty.items, empty.has_more, empty.total) == ([], False, 0)


@pytest.mark.parametrize(
    ("position", "expected"), [(0, "o4"), (4, "o0"), (5, None), (-1, None), (2**64, None)]
)
def test_object_id_at__positions(
    backend: Backend, merchant_id: str, position: int, expected: str | None
) -> None:
    store = backend.open()
    store.save_objects(merchant_id, [(f"o{n}", "thing", {"id": f"o{n}"}) for n in range(5)])

    assert store.object_id_at(merchant_id, "thing", position) == expected
    assert store.count_objects(merchant_id, "thing") == 5
    assert store.count_objects(merchant_id, "widget") == 0


def test_atomic__exception__writes_rolled_back(backend: Backend, merchant_id: str) -> None:
    store = backend.open()

    def fail_midway() -> None:
        with store.atomic():
            store.save_object(merchant_id, "o1", "thing", {"id": "o1"})
            with store.atomic():  # nested: joins the outer transaction
                store.save_object(merchant_id, "o2", "thing", {"id": "o2"})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_midway()

    assert store.count_objects(merchant_id, "thing") == 0
    with store.atomic():
        store.save_object(merchant_id, "o3", "thing", {"id": "o3"})
    assert backend.open().get_object(merchant_id, "o3") == {"id": "o3"}


def test_store__used_from_many_threads__each_transaction_its_own_connection(
    backend: Backend, merchant_id: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = backend.open()

    def write(number: int) -> None:
        with store.atomic():
            store.save_object(merchant_id, f"o{number}", "thing", {"n": number})
            assert store.get_object(merchant_id, f"o{number}") == {"n": number}

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(40)))

    assert store.count_objects(merchant_id, "thing") == 40
