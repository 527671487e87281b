"""What the request log keeps of a body: field names as the rules print paths, never values."""

from __future__ import annotations

from typing import Any

import pytest

from mock_server.request_log import body_shape, field_paths, request_log_limit
from versioning.errors import UsageError
from versioning.spec.loader import load_spec_text

SPEC = """
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
      responses: {'201': {description: ok}}
components:
  schemas:
    Order:
      type: object
      properties:
        order_id: {type: string, deprecated: true}
        amount: {$ref: '#/components/schemas/Money'}
        items:
          type: array
          items:
            allOf:
              - {$ref: '#/components/schemas/Item'}
        metadata:
          type: object
          additionalProperties: {type: string}
        child: {$ref: '#/components/schemas/Order'}
    Money:
      type: object
      properties:
        value: {type: integer}
        currency: {type: string, deprecated: true}
    Item:
      type: object
      properties:
        name: {type: string}
"""


@pytest.fixture(scope="module")
def shape() -> Any:
    spec = load_spec_text(SPEC)
    schema = spec.operations[0].request_body.content["application/json"].schema  # type: ignore[union-attr]
    return body_shape(schema, spec)


def test_field_paths__nested_body__dotted_names_with_array_marks(shape: Any) -> None:
    body = {
        "amount": {"value": 5, "currency": "USD"},
        "items": [{"name": "Bike"}, {"name": "Lock"}],
        "child": {"order_id": "ORD-1"},
    }

    fields, deprecated = field_paths(body, shape)

    assert fields == (
        "amount",
        "amount.value",
        "amount.currency",
        "items",
        "items[].name",
        "child",
        "child.order_id",
    )
    assert deprecated == ("amount.currency", "child.order_id")


def test_field_paths__keys_the_schema_does_not_name__star_never_the_key(shape: Any) -> None:
    body = {"metadata": {"secret-customer-name": "Maya"}, "unknown_key_x": 1}

    fields, _ = field_paths(body, shape)

    assert fields == ("metadata", "metadata.*", "*")
    assert "Maya" not in repr(fields)


def test_field_paths__not_an_object__nothing(shape: Any) -> None:
    assert field_paths("just a string", shape) == ((), ())
    assert field_paths(None, shape) == ((), ())


def test_request_log_limit__environment__read_or_refused() -> None:
    assert request_log_limit({}) == 10_000
    assert request_log_limit({"VERSIONGATE_REQUEST_LOG_LIMIT": "0"}) == 0
    with pytest.raises(UsageError, match="VERSIONGATE_REQUEST_LOG_LIMIT"):
        request_log_limit({"VERSIONGATE_REQUEST_LOG_LIMIT": "many"})


def test_request_log__one_call__written_within_the_flush_delay() -> None:
    import asyncio
    import time

    from mock_server.request_log import FLUSH_SECONDS, RequestLog
    from mock_server.runtime import compile_catalog
    from mock_server.served import load_served_catalog
    from mock_server.sqlite_store import SqliteStore
    from tests.server.conftest import API_SPECS

    runtime = compile_catalog(load_served_catalog(API_SPECS))["2026-02-01"]
    operation = runtime.operations["GET /transactions"]
    store = SqliteStore()
    log = RequestLog(store)

    async def one_call() -> int:
        log.record(
            runtime, operation, "mer_1", status=200, started=time.perf_counter(), headers={},
            body=None,
        )  # fmt: skip
        before = len(store.list_requests("mer_1"))
        await asyncio.sleep(FLUSH_SECONDS + 0.2)
        return before

    assert asyncio.run(one_call()) == 0  # buffered ...
    assert len(store.list_requests("mer_1")) == 1  # ... then written by the timer

    async def record_only() -> None:
        log.record(
            runtime, operation, "mer_1", status=200, started=time.perf_counter(), headers={},
            body=None,
        )  # fmt: skip

    asyncio.run(record_only())  # its loop ends before the timer fires
    time.sleep(2 * FLUSH_SECONDS + 0.1)
    asyncio.run(record_only())  # overdue: both are written at once
    assert len(store.list_requests("mer_1")) == 3
    store.close()
