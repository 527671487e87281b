"""Payloads that do not match their schema never crash the translator or get mutated.

The mock server validates requests before upgrading them, but a head handler can still
return something unexpected, and the CLI translates whatever it is given.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from hypothesis import given
from hypothesis import strategies as st

from versioning.translate import ApiRequest, ApiResponse

if TYPE_CHECKING:
    from versioning.translate import Translator

_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
)
_KEYS = st.sampled_from(
    ["amount", "currency", "captured_amount", "refunds", "status", "object", "data", "has_more",
     "billing_address", "postal_code", "metadata", "errors", "code", "detail", "value", "x"]
)  # fmt: skip
_JSON = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=20,
)
_OPERATIONS = st.sampled_from(
    [("GET /transactions/{transaction_id}", 200), ("GET /transactions", 200),
     ("POST /checkouts", 201), ("POST /transactions", 422), ("GET /checkouts/{checkout_id}", 404)]
)  # fmt: skip


@given(
    body=_JSON,
    target=_OPERATIONS,
    version=st.sampled_from(["2023-03-01", "2024-01-15", "2024-09-01"]),
)
def test_downgrade_response__arbitrary_json__no_crash_no_mutation(
    translator: Translator, body: Any, target: tuple[str, int], version: str
) -> None:
    operation, status = target
    before = copy.deepcopy(body)
    media = "application/problem+json" if status >= 400 else "application/json"
    translator.downgrade_response(
        ApiResponse(status=status, headers={"content-type": media}, body=body),
        operation=operation,
        to_version=version,
    )
    assert body == before


@given(body=_JSON, version=st.sampled_from(["2023-03-01", "2024-01-15", "2024-09-01"]))
def test_upgrade_request__arbitrary_json__no_crash_no_mutation(
    translator: Translator, body: Any, version: str
) -> None:
    before = copy.deepcopy(body)
    translator.upgrade_request(
        ApiRequest(operation="POST /checkouts", body=body), from_version=version
    )
    assert body == before
