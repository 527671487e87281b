"""Which validator checks requests: jsonschema-rs vs jsonschema vs msgspec, on bundled payloads.

For each candidate: the median cost of validating the head ``CheckoutCreate`` examples (valid)
and a broken one (four mistakes, every one reported), plus whether it keeps the JSON Schema
semantics the server promises: ``1.0`` is an integer, every violation is reported (not only
the first), and ``oneOf`` between unrelated shapes works without a tag.

msgspec is the fastest decoder, but it validates typed structs, not JSON Schema: it rejects
``1.0`` for an int, stops at the first error, and has no untagged unions of objects, so it
cannot be the validator; it is shown as the lower bound.

Run: ``.venv/bin/python -m benchmarks.validate [--runs N]``.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import jsonschema
import msgspec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from versioning.messages.schemas import SchemaCompiler
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
HEAD_SPEC = ROOT / "api_specs" / "2026-02-01" / "openapi.yaml"
SCHEMA = "#/components/schemas/CheckoutCreate"


class Money(msgspec.Struct, forbid_unknown_fields=True):
    """A money object."""

    value: Annotated[int, msgspec.Meta(ge=1, le=100_000_000)]
    currency: Annotated[str, msgspec.Meta(pattern="^[A-Z]{3}$")]


class Shopper(msgspec.Struct, forbid_unknown_fields=True):
    """The shopper."""

    email: Annotated[str, msgspec.Meta(max_length=254, pattern="^[^@]+@[^@]+$")]
    first_name: str | None = None
    last_name: str | None = None
    phone: Annotated[str, msgspec.Meta(pattern=r"^\+[1-9][0-9]{6,14}$")] | None = None


class Address(msgspec.Struct, forbid_unknown_fields=True):
    """A postal address."""

    line1: str
    city: str
    postal_code: Annotated[str, msgspec.Meta(pattern="^[A-Za-z0-9 -]{3,10}$")]
    country: Annotated[str, msgspec.Meta(pattern="^[A-Z]{2}$")]
    line2: str | None = None
    region: str | None = None


class LineItem(msgspec.Struct, forbid_unknown_fields=True):
    """One line of the order."""

    name: str
    quantity: Annotated[int, msgspec.Meta(ge=1, le=10_000)]
    unit_price: Annotated[int, msgspec.Meta(ge=1, le=100_000_000)]
    sku: str | None = None


class CheckoutCreate(msgspec.Struct, forbid_unknown_fields=True):
    """The head CheckoutCreate, hand-translated to msgspec types."""

    amount: Money
    shopper: Shopper
    billing_address: Address
    items: Annotated[list[LineItem], msgspec.Meta(min_length=1, max_length=100)]
    redirect_url: str
    merchant_reference: str | None = None
    metadata: dict[str, str] | None = None


def _median_us(work: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(100):
            work()
        samples.append((time.perf_counter() - started) / 100 * 1e6)
    return statistics.median(samples)


def _payloads() -> tuple[list[Any], Any]:
    spec = load_spec(HEAD_SPEC)
    operation = spec.operation("post", "/checkouts")
    assert operation is not None
    assert operation.request_body is not None
    media = operation.request_body.content["application/json"]
    valid = list(media.examples.values())
    broken = copy.deepcopy(valid[0])
    broken["shopper"]["email"] = "maya.chen"
    broken["billing_address"]["postal_code"] = "9"
    broken["amount"]["value"] = "lots"
    broken["surprise"] = True
    return valid, broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    spec = load_spec(HEAD_SPEC)
    valid, broken = _payloads()
    raw_valid = [msgspec.json.encode(item) for item in valid]
    raw_broken = msgspec.json.encode(broken)

    compiled = SchemaCompiler(spec.document).at("/components/schemas/CheckoutCreate")
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec.document, default_specification=DRAFT202012)
    )
    python = jsonschema.Draft202012Validator(
        {"$ref": "urn:spec" + SCHEMA}, registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )  # fmt: skip
    decoder = msgspec.json.Decoder(CheckoutCreate)

    def msgspec_errors(raw: bytes) -> int:
        try:
            decoder.decode(raw)
        except msgspec.ValidationError:
            return 1
        return 0

    candidates: dict[str, tuple[Callable[[], object], Callable[[], object], int, bool]] = {}
    integral = copy.deepcopy(valid[0])
    integral["amount"]["value"] = 129900.0
    candidates["jsonschema-rs"] = (
        lambda: [compiled.is_valid(msgspec.json.decode(raw)) for raw in raw_valid],
        lambda: compiled.problems(msgspec.json.decode(raw_broken)),
        len(compiled.problems(broken)),
        compiled.is_valid(integral),
    )
    candidates["jsonschema"] = (
        lambda: [python.is_valid(msgspec.json.decode(raw)) for raw in raw_valid],
        lambda: list(python.iter_errors(msgspec.json.decode(raw_broken))),
        len(list(python.iter_errors(broken))),
        python.is_valid(integral),
    )
    candidates["msgspec"] = (
        lambda: [decoder.decode(raw) for raw in raw_valid],
        lambda: msgspec_errors(raw_broken),
        msgspec_errors(raw_broken),
        msgspec_errors(msgspec.json.encode(integral)) == 0,
    )
    rows = {name: (_median_us(ok, runs), _median_us(bad, runs), found, accepts)
            for name, (ok, bad, found, accepts) in candidates.items()}  # fmt: skip
    base = rows["jsonschema-rs"]
    print(f"payloads: {len(valid)} valid CheckoutCreate examples (decode + validate), 1 broken")
    header = ("validator", "valid µs", "broken µs", "x rs", "errors", "1.0 int")
    print("{:14} {:>9} {:>10} {:>6} {:>7} {:>8}".format(*header))
    for name, (ok, bad, found, accepts) in rows.items():
        ratio = f"{ok / base[0]:.2f}"
        shown = (name, f"{ok:.1f}", f"{bad:.1f}", ratio, found, "yes" if accepts else "no")
        print("{:14} {:>9} {:>10} {:>6} {:>7} {:>8}".format(*shown))
    print(
        "chosen        jsonschema-rs: full Draft 2020-12 semantics, every error, fastest of those"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
