"""Translation benchmark: a typical bundled transaction response, head down to the oldest.

Prints the median cost of each hop and of the whole downgrade in microseconds, next to one
``copy.deepcopy`` of the payload. Target (issue 4): the full downgrade under 5x one deepcopy.
Run: ``.venv/bin/python -m benchmarks.translate [--runs N]``.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from versioning.catalog import load_catalog
from versioning.translate import ApiResponse, Translator

if TYPE_CHECKING:
    from collections.abc import Callable

CATALOG = Path(__file__).resolve().parents[1] / "api_specs"
OPERATION = "GET /transactions/{transaction_id}"
TARGET_RATIO = 5.0
_BATCH = 200


def _median_microseconds(work: Callable[[], object], runs: int) -> float:
    """Median over ``runs`` batches of the time of one call, in microseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(_BATCH):
            work()
        samples.append((time.perf_counter() - started) / _BATCH * 1e6)
    return statistics.median(samples)


def _typical_transaction(translator: Translator, catalog_head: Any) -> dict[str, Any]:
    """The head spec's own example of a refunded transaction (with refunds and metadata)."""
    method, path = OPERATION.split(" ", 1)
    operation = catalog_head.operation(method, path)
    examples = operation.responses["200"].content["application/json"].examples
    body: dict[str, Any] = dict(next(iter(examples.values())))
    body["status"] = "partially_refunded"
    body["refunds"] = [
        {"id": f"rfd_{index:024d}", "object": "refund",
         "amount": {"value": 1000 + index, "currency": "USD"},
         "reason": "requested_by_customer", "created_at": "2026-03-01T10:00:00Z"}
        for index in range(2)
    ]  # fmt: skip
    body["metadata"] = {"warehouse": "SFO-2", "cart_id": "c-88213"}
    return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25, help="batches of 200 calls (default 25)")
    runs = parser.parse_args().runs

    catalog = load_catalog(CATALOG)
    translator = Translator.from_catalog(catalog)
    body = _typical_transaction(translator, catalog.specs[catalog.head.id])
    response = ApiResponse(status=200, headers={"content-type": "application/json"}, body=body)
    versions = catalog.ids
    translator.downgrade_response(response, operation=OPERATION, to_version=versions[0])  # compile

    deepcopy = _median_microseconds(lambda: copy.deepcopy(body), runs)
    print(f"payload: head {OPERATION} 200, {len(body)} top-level fields")
    print(f"copy.deepcopy of the payload        {deepcopy:8.2f} µs")
    current, key = response, OPERATION
    for newer, older in zip(reversed(versions[1:]), reversed(versions[:-1]), strict=True):
        hop_input, hop_key = current, key

        def hop(hop_input: ApiResponse = hop_input, hop_key: str = hop_key,
                newer: str = newer, older: str = older) -> ApiResponse:  # fmt: skip
            return translator.downgrade_response(
                hop_input, operation=hop_key, from_version=newer, to_version=older
            )

        cost = _median_microseconds(hop, runs)
        print(f"hop {newer} → {older}          {cost:8.2f} µs")
        current = hop()
        key = translator.operation_in(key, from_version=newer, to_version=older) or key
    full = _median_microseconds(
        lambda: translator.downgrade_response(
            response, operation=OPERATION, to_version=versions[0]
        ),
        runs,
    )
    hops = len(versions) - 1
    ratio = full / deepcopy
    print(f"full {hops}-hop downgrade {versions[-1]} → {versions[0]}  {full:8.2f} µs")
    verdict = "ok" if ratio <= TARGET_RATIO else "TOO SLOW"
    print(f"ratio to one deepcopy: {ratio:.2f}x (goal ≤ {TARGET_RATIO:.0f}x): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
