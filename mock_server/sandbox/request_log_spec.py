"""The ``/sandbox`` document's part for the request log and the usage report (issue 17)."""

from __future__ import annotations

from typing import Any

__all__ = ["request_log_paths", "request_log_schemas"]

_PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}
_AUTH: list[dict[str, list[str]]] = [{"basicAuth": []}]
_MERCHANTS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["merchant_id", "calls", "last_seen"],
        "properties": {
            "merchant_id": {"type": "string"},
            "calls": {"type": "integer", "minimum": 1},
            "last_seen": {"type": "string", "format": "date-time"},
        },
    },
}


def _usage_item() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["version", "status", "sunset", "merchants"],
        "properties": {
            "version": {"type": "string"},
            "status": {"enum": ["current", "supported", "deprecated", "sunset", "upcoming"]},
            "sunset": {"type": ["string", "null"], "format": "date"},
            "operation": {"type": ["string", "null"]},
            "field": {"type": ["string", "null"]},
            "merchants": _MERCHANTS,
        },
    }


def request_log_schemas(versions: list[str]) -> dict[str, Any]:
    """``RecordedRequest`` and ``Usage``."""
    items = {"type": "array", "items": {"$ref": "#/components/schemas/UsageItem"}}
    return {
        "RecordedRequest": {
            "type": "object",
            "description": "One API call: names of body fields only, never values or headers.",
            "required": [
                "object",
                "at",
                "version",
                "operation",
                "status",
                "latency_ms",
                "idempotency_key",
                "fields",
                "deprecated",
            ],
            "properties": {
                "object": {"const": "request"},
                "at": {"type": "string", "format": "date-time"},
                "version": {"enum": versions},
                "operation": {"type": "string", "examples": ["POST /charges"]},
                "status": {"type": "integer"},
                "latency_ms": {"type": "number", "minimum": 0},
                "idempotency_key": {"type": ["string", "null"]},
                "fields": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Body field paths (`amount.currency`, `items[].name`);"
                    " `*` stands for a key the schema does not name.",
                },
                "deprecated": {
                    "type": "object",
                    "required": ["operation", "fields"],
                    "properties": {
                        "operation": {"type": "boolean"},
                        "fields": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
        "UsageItem": _usage_item(),
        "Usage": {
            "type": "object",
            "required": ["today", "versions", "deprecated_operations", "deprecated_fields"],
            "properties": {
                "today": {"type": "string", "format": "date"},
                "versions": items,
                "deprecated_operations": items,
                "deprecated_fields": items,
            },
        },
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema, "description": description}


def request_log_paths() -> dict[str, Any]:
    """``/sandbox/requests`` and ``/sandbox/usage``."""
    invalid = {"description": "An invalid filter.", "content": _PROBLEM}
    return {
        "/sandbox/requests": {
            "get": {
                "summary": "The merchant's own API calls, newest first (the request log)",
                "security": _AUTH,
                "parameters": [
                    _query("status", {"type": "integer", "minimum": 100, "maximum": 599}, ""),
                    _query("version", {"type": "string"}, "API version of the call"),
                    _query("operation", {"type": "string"}, "e.g. `POST /charges`"),
                    _query(
                        "since",
                        {"type": "string"},
                        "ISO 8601 date or date-time (UTC without an offset)",
                    ),
                    _query(
                        "limit",
                        {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
                        "",
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "Recorded calls.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["object", "data", "has_more"],
                                    "properties": {
                                        "object": {"const": "list"},
                                        "data": {
                                            "type": "array",
                                            "items": {
                                                "$ref": "#/components/schemas/RecordedRequest"
                                            },
                                        },
                                        "has_more": {"type": "boolean"},
                                    },
                                }
                            }
                        },
                    },
                    "401": {"description": "Missing or wrong credentials.", "content": _PROBLEM},
                    "422": invalid,
                },
            }
        },
        "/sandbox/usage": {
            "get": {
                "summary": "The merchant's calls per version, deprecated operation and field",
                "security": _AUTH,
                "responses": {
                    "200": {
                        "description": "Usage, with each version's status and sunset.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Usage"}}
                        },
                    },
                    "401": {"description": "Missing or wrong credentials.", "content": _PROBLEM},
                },
            }
        },
    }
