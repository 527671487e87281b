"""Offset paging of older versions is exact: any offset, any limit, every object once.

Head pages by cursor only; versions whose list operations declare ``offset`` (found in the
specs, not listed here) are served through translation. For any number of transactions and
any ``offset``/``limit`` (past 64-bit integers too), the page is exactly that slice of the newest-first order and
``total`` is exact; paging on from offset 0 visits every transaction exactly once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.sandbox import domain
from mock_server.sandbox.controls import create_merchant_record
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import API_SPECS, TODAY, basic, head_checkout
from versioning.catalog import load_catalog

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

MOST = 150
"""The largest number of transactions a merchant gets here (more than one page of 100)."""
_CATALOG = load_catalog(API_SPECS)
OFFSET_LISTS = tuple(
    (version.id, operation.path)
    for version in _CATALOG.versions
    for operation in _CATALOG.specs[version.id].operations
    if operation.method == "get" and operation.parameter("offset", "query") is not None
)
"""Every (version, list path) paged by offset, as the specs declare it."""
_TODAY = dt.date.fromisoformat(TODAY[:10])
SERVED = {version.id for version in _CATALOG.versions if version.status(_TODAY) != "sunset"}


def _template() -> dict[str, Any]:
    """A valid head transaction, made by the sandbox's own domain functions."""
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    checkout = domain.new_checkout(head_checkout(5000), now=now, checkout_base_url="http://x")
    approved = domain.decide_checkout(checkout, "approved", now)
    transaction, _ = domain.authorize(
        approved, {"amount": {"value": 5000, "currency": "USD"}}, now=now
    )
    return transaction


class _Merchants:
    """Merchants with exactly ``n`` transactions each, made once per ``n``."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store
        self.template = _template()
        self.made: dict[int, tuple[dict[str, str], list[str]]] = {}

    def with_transactions(self, count: int) -> tuple[dict[str, str], list[str]]:
        """Credentials of a merchant with ``count`` transactions, and their ids newest first."""
        if count not in self.made:
            merchant = create_merchant_record(
                self.store,
                pinned_version="2026-02-01",
                public_key=f"pk_test_paging_{count}",
                secret_key="sk_test_paging",
                created_at=TODAY,
            )
            ids = [domain.new_id("txn_") for _ in range(count)]
            documents = [(id_, "transaction", {**self.template, "id": id_}) for id_ in ids]
            with self.store.atomic():
                self.store.save_objects(merchant.id, documents)
            auth = basic(merchant.public_key, merchant.secret_key)
            self.made[count] = (auth, list(reversed(ids)))
        return self.made[count]


@pytest.fixture(scope="module")
def paging() -> Iterator[tuple[TestClient[Litestar], _Merchants]]:
    store = SqliteStore()
    app = create_app(API_SPECS, store=store, clock=fixed_clock(TODAY), strict=True)
    with TestClient(app) as client:
        yield client, _Merchants(store)


def _page(
    client: TestClient[Litestar],
    auth: dict[str, str],
    version: str,
    path: str,
    query: dict[str, int],
) -> dict[str, Any]:
    response = client.get(path, params=query, headers={**auth, "API-Version": version})
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def test_offset_lists__found_in_the_specs__every_pre_cursor_version() -> None:
    assert {version for version, _ in OFFSET_LISTS} == {"2023-03-01", "2024-01-15", "2024-09-01"}


_SERVED_LISTS = [(version, path) for version, path in OFFSET_LISTS if version in SERVED]


@given(
    count=st.integers(0, MOST),
    offset=st.integers(0, MOST + 20) | st.integers(2**62, 2**80),
    limit=st.integers(1, 100),
    listing=st.sampled_from(_SERVED_LISTS),
)
def test_offset_page__any_offset_and_limit__exact_slice_and_total(
    paging: tuple[TestClient[Litestar], _Merchants],
    count: int,
    offset: int,
    limit: int,
    listing: tuple[str, str],
) -> None:
    client, merchants = paging
    auth, ids = merchants.with_transactions(count)
    version, path = listing
    page = _page(client, auth, version, path, {"offset": offset, "limit": limit})
    assert [item["id"] for item in page["data"]] == ids[offset : offset + limit]
    assert page["total"] == count


@given(
    count=st.integers(0, MOST),
    limit=st.integers(1, 100),
    listing=st.sampled_from(_SERVED_LISTS),
    first_without_offset=st.booleans(),
)
def test_offset_paging__page_on_from_the_start__every_object_exactly_once(
    paging: tuple[TestClient[Litestar], _Merchants],
    count: int,
    limit: int,
    listing: tuple[str, str],
    first_without_offset: bool,
) -> None:
    client, merchants = paging
    auth, ids = merchants.with_transactions(count)
    version, path = listing
    seen: list[str] = []
    offset = 0
    while True:
        query = {"limit": limit} if first_without_offset and not offset else {}
        query = query or {"offset": offset, "limit": limit}
        page = _page(client, auth, version, path, query)
        assert page["total"] == count
        if not page["data"]:
            break
        seen.extend(item["id"] for item in page["data"])
        offset += len(page["data"])
    assert seen == ids
