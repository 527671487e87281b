"""A two-version "orders" API exercising every step kind besides renames.

2024-01-01 → 2024-06-01: ``/orders`` moved to ``/purchases`` (``order_id`` → ``purchase_id``);
``amount`` + ``currency`` became a ``price`` money object; ``total_refunded`` was replaced by
``refunds``; status ``partially_closed`` was added; ``channel`` was added with a default;
errors became problem details; ``Idempotency-Key`` became required; ``X-Client`` was renamed
``X-Client-Name``; ``verbose`` was removed; ``POST`` answers 201 instead of 200.
"""

from __future__ import annotations

from typing import Any

from tests.translate.builder import NEWER, OLDER, json_body, ref, spec

_MONEY = {
    "type": "object",
    "required": ["value", "currency"],
    "properties": {"value": {"type": "integer"}, "currency": {"type": "string"}},
}


def _older() -> dict[str, Any]:
    schemas = {
        "OrderStatus": {"type": "string", "enum": ["open", "closed"]},
        "Order": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "status": ref("OrderStatus"),
                "amount": {"type": "integer"},
                "currency": {"type": "string"},
                "total_refunded": {"type": "integer"},
            },
        },
        "OrderCreate": {
            "type": "object",
            "properties": {"amount": {"type": "integer"}, "currency": {"type": "string"}},
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "object", "properties": {"code": {"type": "string"}}}},
        },
    }
    error = {"description": "no", **json_body(ref("Error"))}
    paths = {
        "/orders": {
            "post": {
                "parameters": [{"name": "X-Client", "in": "header", "schema": {"type": "string"}}],
                "requestBody": json_body(ref("OrderCreate")),
                "responses": {"200": {"description": "ok", **json_body(ref("Order"))}, "422": error},
            },
            "get": {
                "parameters": [{"name": "verbose", "in": "query", "schema": {"type": "boolean"}}],
                "responses": {"200": {"description": "ok", **json_body({"type": "array", "items": ref("Order")})}},
            },
        },
        "/orders/{order_id}": {
            "get": {
                "parameters": [{"name": "order_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", **json_body(ref("Order"))}, "404": error},
            }
        },
    }  # fmt: skip
    return spec(OLDER, schemas, paths)


def _newer() -> dict[str, Any]:
    schemas = {
        "Money": _MONEY,
        "OrderStatus": {"type": "string", "enum": ["open", "closed", "partially_closed"]},
        "Refund": {"type": "object", "properties": {"amount": ref("Money")}},
        "Purchase": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "status": ref("OrderStatus"),
                "price": ref("Money"),
                "refunds": {"type": "array", "items": ref("Refund")},
            },
        },
        "PurchaseCreate": {
            "type": "object",
            "properties": {"price": ref("Money"), "channel": {"type": "string"}},
        },
        "Problem": {
            "type": "object",
            "required": ["title", "status", "code"],
            "properties": {
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "code": {"type": "string"},
            },
        },
    }
    problem = {
        "description": "no",
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }
    key = {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
    }
    paths = {
        "/purchases": {
            "post": {
                "parameters": [key, {"name": "X-Client-Name", "in": "header", "schema": {"type": "string"}}],
                "requestBody": json_body(ref("PurchaseCreate")),
                "responses": {"201": {"description": "ok", **json_body(ref("Purchase"))}, "422": problem},
            },
            "get": {"responses": {"200": {"description": "ok", **json_body({"type": "array", "items": ref("Purchase")})}}},
        },
        "/purchases/{purchase_id}": {
            "get": {
                "parameters": [{"name": "purchase_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", **json_body(ref("Purchase"))}, "404": problem},
            }
        },
    }  # fmt: skip
    return spec(NEWER, schemas, paths)


def order_specs() -> tuple[dict[str, Any], dict[str, Any]]:
    """The older and newer documents."""
    return _older(), _newer()


CONVERTERS = """\
def to_price(obj):
    out = {k: v for k, v in obj.items() if k not in ("amount", "currency")}
    if "amount" in obj:
        out["price"] = {"value": obj["amount"], "currency": obj.get("currency", "EUR")}
    return out


def from_price(obj):
    out = {k: v for k, v in obj.items() if k != "price"}
    if "price" in obj:
        out["amount"] = obj["price"]["value"]
        out["currency"] = obj["price"]["currency"]
    return out


def refunded(obj, context):
    total = sum(refund["amount"]["value"] for refund in obj.get("refunds", []))
    return total if context.older_version == "2024-01-01" else -1


def problem_to_error(problem):
    return {"error": {"code": problem["code"]}}


def next_key():
    return "key-from-module"


def drop_verbose(request, context):
    query = {k: v for k, v in request.query.items() if k != "verbose"}
    return type(request)(operation=request.operation, path_params=request.path_params,
                         query=query, headers={**request.headers, "x-seen-by": context.operation},
                         body=request.body)
"""

CHANGES = """\
changes:
  - description: Orders are purchases now.
    steps:
      - {step: schema_renamed, from: Order, to: Purchase}
      - {step: schema_renamed, from: OrderCreate, to: PurchaseCreate}
      - {step: operation_moved, from: POST /orders, to: POST /purchases}
      - {step: operation_moved, from: GET /orders, to: GET /purchases}
      - step: operation_moved
        from: GET /orders/{order_id}
        to: GET /purchases/{purchase_id}
        path_params: {order_id: purchase_id}
      - step: status_mapped
        operations: [POST /orders]
        downgrade: {"201": 200}
  - description: Prices are money objects.
    steps:
      - step: value_converted
        schema: Purchase
        fields: [amount, currency, price]
        upgrade: conv:to_price
        downgrade: conv:from_price
      - step: value_converted
        schema: PurchaseCreate
        fields: [amount, currency, price]
        upgrade: conv:to_price
        downgrade: conv:from_price
  - description: Refunds are listed.
    steps:
      - {step: field_added, schema: Purchase, field: refunds, default: []}
      - {step: field_removed, schema: Purchase, field: total_refunded, downgrade: "conv:refunded"}
  - description: Partly closed orders.
    steps:
      - step: enum_mapped
        schema: OrderStatus
        downgrade: {partially_closed: closed}
  - description: Orders have a channel.
    steps:
      - {step: field_added, schema: PurchaseCreate, field: channel, default: web}
  - description: Problem details.
    steps:
      - step: error_body_converted
        schema: Problem
        downgrade: conv:problem_to_error
        media_type: application/json
  - description: Headers and parameters.
    steps:
      - {step: parameter_defaulted, name: Idempotency-Key, in: header, generate: uuid4}
      - {step: parameter_renamed, from: X-Client, to: X-Client-Name, in: header}
      - {step: parameter_removed, name: verbose, in: query}
"""
