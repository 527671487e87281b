"""JSON values as JSON Schema compares them, and a strategy for any small JSON value."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

__all__ = ["any_json", "canonical", "json_equal"]


def canonical(value: Any) -> str:
    """A key equal for JSON-equal values: ``1`` and ``1.0`` match, ``true`` and ``1`` do not."""
    return json.dumps(_normalise(value), sort_keys=True, separators=(",", ":"))


def _normalise(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


def json_equal(left: Any, right: Any) -> bool:
    """JSON Schema equality (``enum``, ``const``, ``uniqueItems``)."""
    return canonical(left) == canonical(right)


_SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)


def any_json(*, nested: bool = True) -> st.SearchStrategy[Any]:
    """Any small JSON value; ``nested=False`` keeps to scalars (deep in a recursive schema)."""
    if not nested:
        return _SCALARS
    return st.recursive(
        _SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.text(max_size=8), children, max_size=3),
        ),
        max_leaves=6,
    )
