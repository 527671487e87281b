"""The OpenAPI document of the ``/sandbox`` controls (separate from every API version)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.sandbox.merchant_spec import (
    checkout_page_paths,
    merchant_paths,
    merchant_schemas,
    merchant_security_schemes,
)
from mock_server.sandbox.request_log_spec import request_log_paths, request_log_schemas
from mock_server.sandbox.webhook_spec import webhook_paths, webhook_schemas

if TYPE_CHECKING:
    from versioning.catalog import Catalog

__all__ = ["sandbox_openapi"]

_PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}
_AUTH: list[dict[str, list[str]]] = [{"basicAuth": []}]


def _checkout_decision(verb: str, status: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": f"{verb.capitalize()} a pending checkout, as the shopper's application"
            " would",
            "security": _AUTH,
            "parameters": [
                {
                    "name": "checkout_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            ],
            "responses": {
                "200": {
                    "description": f"The checkout is now `{status}`.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CheckoutStatus"}
                        }
                    },
                },
                "404": {"description": "No such checkout for this merchant.", "content": _PROBLEM},
                "409": {"description": "The checkout is not pending.", "content": _PROBLEM},
            },
        }
    }


_CLOCK: dict[str, Any] = {
    "type": "object",
    "required": ["object", "now", "offset_seconds"],
    "properties": {
        "object": {"const": "clock"},
        "now": {"type": "string", "format": "date-time", "description": "The merchant's time."},
        "offset_seconds": {
            "type": "integer",
            "minimum": 0,
            "description": "How far the merchant's clock is ahead of the server's.",
        },
        "expired": {
            "type": "array",
            "description": "What the advance expired (each also emits its event).",
            "items": {
                "type": "object",
                "required": ["type", "id"],
                "properties": {
                    "type": {"enum": ["checkout.expired", "transaction.voided"]},
                    "id": {"type": "string"},
                },
            },
        },
    },
}


def _clock_paths() -> dict[str, Any]:
    clock = {"application/json": {"schema": {"$ref": "#/components/schemas/Clock"}}}
    return {
        "get": {
            "summary": "Read the merchant's test clock",
            "security": _AUTH,
            "responses": {"200": {"description": "The merchant's time.", "content": clock}},
        },
        "post": {
            "summary": "Advance the merchant's test clock (never backwards)",
            "description": (
                "Moves this merchant's clock to `to` or by `by`; time keeps flowing from there."
                " Everything that depends on time follows it: a pending checkout expires one"
                " hour after it was created, an authorization with nothing captured is voided"
                " seven days after it was made, and a version past its sunset answers 410."
                " Every expiry the advance passes is written down and emits its event."
            ),
            "security": _AUTH,
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "to": {
                                    "type": "string",
                                    "format": "date-time",
                                    "description": "An instant, not before the clock's time.",
                                },
                                "by": {
                                    "oneOf": [
                                        {"type": "string", "examples": ["PT2H", "P7D"]},
                                        {"type": "number", "minimum": 0},
                                    ],
                                    "description": "An ISO 8601 duration, or seconds.",
                                },
                            },
                        }
                    }
                }
            },
            "responses": {
                "200": {"description": "The clock after the advance.", "content": clock},
                "422": {
                    "description": "Backwards, or neither (or both) of `to` and `by`.",
                    "content": _PROBLEM,
                },
            },
        },
    }


def sandbox_openapi(catalog: Catalog, operations: tuple[str, ...]) -> dict[str, Any]:
    """The sandbox controls, described for ``catalog``'s versions and ``operations``."""
    versions = list(catalog.ids)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sandbox controls",
            "version": "1",
            "description": (
                "Controls of the versiongate mock server, outside every API version: create"
                " merchants (with the admin key), read and re-pin your merchant, reset its"
                " data, approve or decline checkouts (or let a shopper do it on the hosted"
                " checkout page), inject failures, advance a merchant's test clock, register"
                " webhook endpoints and read events. Every control takes the merchant's own"
                " keys and reaches only that merchant's data."
            ),
        },
        "components": {
            "securitySchemes": {
                "basicAuth": {"type": "http", "scheme": "basic"},
                **merchant_security_schemes(),
            },
            "schemas": {
                "CheckoutStatus": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "object": {"const": "checkout"},
                        "status": {"type": "string"},
                    },
                },
                **merchant_schemas(versions),
                "Clock": _CLOCK,
                **webhook_schemas(versions),
                **request_log_schemas(versions),
                "Failure": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "count": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 1000,
                            "default": 1,
                            "description": "How many of the next API calls fail.",
                        },
                        "status": {
                            "type": "integer",
                            "minimum": 400,
                            "maximum": 599,
                            "description": "The status to answer with (none: only delay).",
                        },
                        "latency_ms": {
                            "type": "integer",
                            "minimum": 0,
                            "maximum": 30000,
                            "default": 0,
                            "description": "Delay before answering.",
                        },
                        "operation": {
                            "enum": list(operations),
                            "examples": ["POST /transactions"],
                            "description": (
                                "Only calls to this operation count (as the version called"
                                " names it: `GET /charges/{charge_id}` and"
                                " `GET /transactions/{transaction_id}` are two operations)."
                            ),
                        },
                    },
                },
            },
        },
        "paths": {
            **merchant_paths(versions, catalog.default_version),
            "/sandbox/clock": _clock_paths(),
            **webhook_paths(),
            **request_log_paths(),
            **checkout_page_paths(),
            "/sandbox/checkouts/{checkout_id}/approve": _checkout_decision("approve", "approved"),
            "/sandbox/checkouts/{checkout_id}/decline": _checkout_decision("decline", "declined"),
            "/sandbox/failures": {
                "post": {
                    "summary": "Make the next N API calls of this merchant fail or slow down",
                    "security": _AUTH,
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Failure"}}
                        }
                    },
                    "responses": {
                        "201": {
                            "description": "Armed.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "422": {
                            "description": "Invalid failure (an unknown operation: the valid"
                            " ones are listed).",
                            "content": _PROBLEM,
                        },
                    },
                },
                "delete": {
                    "summary": "Clear the injected failure",
                    "security": _AUTH,
                    "responses": {"204": {"description": "Cleared."}},
                },
            },
        },
    }
