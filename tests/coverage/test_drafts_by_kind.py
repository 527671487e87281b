"""For each kind of break a translating step can fix, the draft is that step, and it works.

A small order API in two versions; each case edits the newer one. The draft must be the
step kind that translates the break (not an acknowledgement), proved to work by running it,
and pasted as printed it must make the finding covered.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from tests.coverage.two_versions import changes_with, write_two
from versioning.catalog import load_catalog
from versioning.checker import CheckOptions, compare
from versioning.cli.check_command import catalog_gates
from versioning.coverage import Drafter

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from versioning.findings import Finding

TODAY = dt.date(2026, 1, 1)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _older() -> dict[str, Any]:
    order_id = {"name": "order_id", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "orders", "version": "1"},
        "paths": {
            "/orders": {
                "post": {
                    "parameters": [
                        {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}
                    ],
                    "requestBody": {"required": True, **_json(_ref("OrderCreate"))},
                    "responses": {"201": {"description": "created", **_json(_ref("Order"))}},
                },
                "get": {
                    "parameters": [{"name": "state", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok", **_json(_ref("Order"))}},
                },
            },
            "/orders/{order_id}": {
                "get": {
                    "parameters": [order_id],
                    "responses": {"200": {"description": "ok", **_json(_ref("Order"))}},
                }
            },
        },
        "components": {
            "schemas": {
                "Reason": {"type": "string", "enum": ["gift", "resale", "fraudulent"]},
                "OrderCreate": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["amount"],
                    "properties": {
                        "amount": {"type": "integer", "minimum": 1},
                        "note": {"type": "string", "maxLength": 100},
                        "reason": _ref("Reason"),
                        "zip": {"type": "string"},
                    },
                },
                "Order": {
                    "type": "object",
                    "required": ["id", "amount", "state", "zip"],
                    "properties": {
                        "id": {"type": "string"},
                        "amount": {"type": "integer"},
                        "state": {"type": "string", "enum": ["open", "closed"]},
                        "zip": {"type": "string"},
                    },
                },
            }
        },
    }


def _schemas(doc: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _drop_enum_value(doc: dict[str, Any]) -> None:
    _schemas(doc)["Reason"]["enum"].remove("fraudulent")


def _add_enum_value(doc: dict[str, Any]) -> None:
    _schemas(doc)["Order"]["properties"]["state"]["enum"].append("pending")


def _rename_zip(doc: dict[str, Any]) -> None:
    for name in ("OrderCreate", "Order"):
        schema = _schemas(doc)[name]
        schema["properties"]["postal_code"] = schema["properties"].pop("zip")
        if "zip" in schema.get("required", []):
            schema["required"] = [n if n != "zip" else "postal_code" for n in schema["required"]]


def _require_note(doc: dict[str, Any]) -> None:
    _schemas(doc)["OrderCreate"]["required"].append("note")


def _remove_amount_from_orders(doc: dict[str, Any]) -> None:
    order = _schemas(doc)["Order"]
    del order["properties"]["amount"]
    order["required"].remove("amount")


def _require_idempotency_key(doc: dict[str, Any]) -> None:
    doc["paths"]["/orders"]["post"]["parameters"][0]["required"] = True


def _remove_state_filter(doc: dict[str, Any]) -> None:
    doc["paths"]["/orders"]["get"]["parameters"] = []


def _move_order(doc: dict[str, Any]) -> None:
    item = doc["paths"].pop("/orders/{order_id}")
    item["get"]["parameters"][0]["name"] = "purchase_id"
    doc["paths"]["/purchases/{purchase_id}"] = item


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("request enum value removed", _drop_enum_value, "request-property-enum-value-removed", "enum_mapped"),
    ("response enum value added", _add_enum_value, "response-property-enum-value-added", "enum_mapped"),
    ("field renamed (request)", _rename_zip, "request-property-removed-closed-schema", "field_renamed"),
    ("field renamed (response)", _rename_zip, "response-required-property-removed", "field_renamed"),
    ("request field made required", _require_note, "request-property-became-required", "field_defaulted"),
    ("response field removed", _remove_amount_from_orders, "response-required-property-removed", "field_removed"),
    ("header made required", _require_idempotency_key, "request-parameter-became-required", "parameter_defaulted"),
    ("query parameter removed", _remove_state_filter, "request-parameter-removed", "parameter_removed"),
    ("operation moved", _move_order, "api-path-removed-without-deprecation", "operation_moved"),
]  # fmt: skip


def _judged(folder: Path) -> tuple[Drafter, list[Finding]]:
    [gate] = catalog_gates(load_catalog(folder))
    findings = compare(gate.hop.older, gate.hop.newer, options=CheckOptions(today=TODAY))
    return Drafter(gate), [gate.judge(f) if f.level != "info" else f for f in findings]


@pytest.mark.parametrize(
    ("edit", "rule", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_draft__translatable_break__the_translating_step_proved_and_pasted_covers_it(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], rule: str, kind: str
) -> None:
    older = _older()
    newer = copy.deepcopy(older)
    edit(newer)
    folder = write_two(tmp_path / "catalog", older, newer)
    drafter, findings = _judged(folder)
    about = [f for f in findings if f.rule == rule]
    assert about, sorted({f.rule for f in findings})
    assert {f.coverage for f in about} == {"uncovered"}
    drafts = [drafter.draft(f) for f in about]
    assert {d.kind for d in drafts} == {kind}
    assert all(d.works for d in drafts)
    unique = list(dict.fromkeys(d.text() for d in drafts))
    write_two(folder, older, newer, changes_with(unique))
    _, again = _judged(folder)
    assert {f.coverage for f in again if f.rule == rule} == {"covered"}
