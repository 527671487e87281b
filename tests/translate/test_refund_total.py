"""2024-01-15's ``refunded_amount`` is re-derived from ``refunds`` without breaking its schema."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

CONVERTERS = Path(__file__).resolve().parents[2] / "api_specs" / "converters.py"


def _converters() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundled_converters", CONVERTERS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _refund(value: int) -> dict[str, object]:
    return {"amount": {"value": value, "currency": "USD"}}


def test_refunded_amount__partial_refunds__is_their_sum() -> None:
    transaction = {
        "captured_amount": {"value": 5000, "currency": "USD"},
        "refunds": [_refund(1000), _refund(500)],
    }
    assert _converters().refunded_amount_from_refunds(transaction) == 1500


def test_refunded_amount__no_capture_yet__is_zero() -> None:
    assert _converters().refunded_amount_from_refunds({"captured_amount": None, "refunds": []}) == 0


def test_refunded_amount__refunds_beyond_the_capture__capped_at_the_capture() -> None:
    transaction = {
        "captured_amount": {"value": 100_000_000, "currency": "USD"},
        "refunds": [_refund(100_000_000), _refund(1)],
    }
    assert _converters().refunded_amount_from_refunds(transaction) == 100_000_000
