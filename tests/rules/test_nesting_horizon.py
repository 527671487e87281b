"""The nesting horizon trims far repetitions of a shared change, never the change itself."""

from __future__ import annotations

import copy
from typing import Any

from tests.rules.builder import load, skeleton
from versioning.checker import CheckOptions, compare

_CHAIN: dict[str, Any] = {
    "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
    "B": {"type": "object", "properties": {"c": {"$ref": "#/components/schemas/C"}}},
    "C": {"type": "object", "properties": {"x": {"type": "string", "maxLength": 5}}},
}


def _returning(name: str) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{name}"}
    ok = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {"get": {"responses": {"200": ok}}}


def _spec(returns: dict[str, str], max_length: int) -> Any:
    document = skeleton()
    document["paths"] = {path: _returning(name) for path, name in returns.items()}
    schemas = copy.deepcopy(_CHAIN)
    schemas["C"]["properties"]["x"]["maxLength"] = max_length
    document["components"]["schemas"] = schemas
    return load(document, f"spec-{max_length}.json")


def _operations(returns: dict[str, str], horizon: int | None) -> list[str]:
    findings = compare(_spec(returns, 5), _spec(returns, 9),
                       options=CheckOptions(nesting_horizon=horizon))  # fmt: skip
    return sorted(f"{f.operation}: {f.message}" for f in findings)


def test_change_two_schemas_deep__nearer_operation_exists__reported_only_there() -> None:
    assert _operations({"/a": "A", "/c": "C"}, horizon=1) == [
        "GET /c: 200 response property 'x' max length increased from 5 to 9"
    ]


def test_change_two_schemas_deep__no_horizon__reported_on_every_operation() -> None:
    assert _operations({"/a": "A", "/c": "C"}, horizon=None) == [
        "GET /a: 200 response property 'b.c.x' max length increased from 5 to 9",
        "GET /c: 200 response property 'x' max length increased from 5 to 9",
    ]


def test_change_beyond_the_horizon__no_nearer_operation__still_reported() -> None:
    assert _operations({"/a": "A"}, horizon=0) == [
        "GET /a: 200 response property 'b.c.x' max length increased from 5 to 9"
    ]
