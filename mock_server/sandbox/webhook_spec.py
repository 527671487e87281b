"""The ``/sandbox`` document's part for webhook endpoints and events."""

from __future__ import annotations

from typing import Any

from mock_server.webhooks.events import EVENT_TYPES

__all__ = ["webhook_paths", "webhook_schemas"]

_PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}
_AUTH: list[dict[str, list[str]]] = [{"basicAuth": []}]


def _ref(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _list_of(name: str) -> dict[str, Any]:
    return {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["object", "data", "has_more"],
                "properties": {
                    "object": {"const": "list"},
                    "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
                    "has_more": {"type": "boolean"},
                },
            }
        }
    }


def webhook_schemas(versions: list[str]) -> dict[str, Any]:
    """``WebhookEndpoint``, ``Event`` and ``Delivery``."""
    return {
        "WebhookEndpoint": {
            "type": "object",
            "required": ["id", "object", "url", "enabled_events", "api_version", "status"],
            "properties": {
                "id": {"type": "string", "pattern": "^we_"},
                "object": {"const": "webhook_endpoint"},
                "url": {"type": "string", "format": "uri"},
                "enabled_events": {
                    "type": "array",
                    "items": {"enum": ["*", *EVENT_TYPES]},
                },
                "api_version": {
                    "enum": [*versions, None],
                    "description": "Payloads' version; null: the merchant's pinned version.",
                },
                "secret": {
                    "type": "string",
                    "pattern": "^whsec_",
                    "description": "The signing secret: only in the response that creates it.",
                },
                "status": {"enum": ["enabled", "disabled"]},
                "created_at": {"type": "string", "format": "date-time"},
            },
        },
        "Delivery": {
            "type": "object",
            "required": ["endpoint_id", "api_version", "status", "attempts"],
            "properties": {
                "endpoint_id": {"type": "string"},
                "api_version": {"type": "string"},
                "status": {"enum": ["pending", "succeeded", "failed"]},
                "attempts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["attempt", "at", "status_code", "error", "duration_ms"],
                        "properties": {
                            "attempt": {"type": "integer", "minimum": 1},
                            "at": {"type": "string", "format": "date-time"},
                            "status_code": {"type": ["integer", "null"]},
                            "error": {"type": ["string", "null"]},
                            "duration_ms": {"type": "integer", "minimum": 0},
                        },
                    },
                },
            },
        },
        "Event": {
            "type": "object",
            "description": (
                "An event as recorded: `data.object` in the head version's shape. Endpoints"
                " receive it rendered in their own version (see each version's `webhooks`)."
            ),
            "required": ["id", "object", "type", "created_at", "data", "deliveries"],
            "properties": {
                "id": {"type": "string", "pattern": "^evt_"},
                "object": {"const": "event"},
                "type": {"enum": list(EVENT_TYPES)},
                "created_at": {"type": "string", "format": "date-time"},
                "data": {
                    "type": "object",
                    "required": ["object"],
                    "properties": {"object": {"type": "object"}},
                },
                "deliveries": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}},
            },
        },
    }


def _id_parameter(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def webhook_paths() -> dict[str, Any]:
    """``/sandbox/webhook_endpoints`` and ``/sandbox/events`` with their sub-paths."""
    not_found = {"description": "No such object for this merchant.", "content": _PROBLEM}
    return {
        "/sandbox/webhook_endpoints": {
            "post": {
                "summary": "Register a webhook endpoint (its signing secret is returned once)",
                "security": _AUTH,
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["url"],
                                "additionalProperties": False,
                                "properties": {
                                    "url": {"type": "string", "format": "uri", "maxLength": 2048},
                                    "enabled_events": {
                                        "type": "array",
                                        "minItems": 1,
                                        "items": {"enum": ["*", *EVENT_TYPES]},
                                        "default": ["*"],
                                    },
                                    "api_version": {"type": "string"},
                                },
                            }
                        }
                    }
                },
                "responses": {
                    "201": {"description": "Registered.", "content": _ref("WebhookEndpoint")},
                    "409": {"description": "Too many endpoints.", "content": _PROBLEM},
                    "422": {"description": "Invalid URL, event or version.", "content": _PROBLEM},
                },
            },
            "get": {
                "summary": "List the merchant's webhook endpoints (without secrets)",
                "security": _AUTH,
                "responses": {
                    "200": {"description": "Endpoints.", "content": _list_of("WebhookEndpoint")}
                },
            },
        },
        "/sandbox/webhook_endpoints/{endpoint_id}": {
            "delete": {
                "summary": "Disable a webhook endpoint",
                "security": _AUTH,
                "parameters": [_id_parameter("endpoint_id")],
                "responses": {
                    "200": {"description": "Disabled.", "content": _ref("WebhookEndpoint")},
                    "404": not_found,
                },
            }
        },
        "/sandbox/events": {
            "get": {
                "summary": "List events, newest first, with every delivery attempt",
                "security": _AUTH,
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                    },
                    {"name": "starting_after", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "Events.", "content": _list_of("Event")},
                    "422": {"description": "Invalid limit.", "content": _PROBLEM},
                },
            }
        },
        "/sandbox/events/{event_id}": {
            "get": {
                "summary": "Read an event and its deliveries",
                "security": _AUTH,
                "parameters": [_id_parameter("event_id")],
                "responses": {
                    "200": {"description": "The event.", "content": _ref("Event")},
                    "404": not_found,
                },
            }
        },
        "/sandbox/events/{event_id}/resend": {
            "post": {
                "summary": "Deliver an event again to every endpoint that wants it",
                "security": _AUTH,
                "parameters": [_id_parameter("event_id")],
                "responses": {
                    "202": {"description": "Scheduled.", "content": _ref("Event")},
                    "404": not_found,
                },
            }
        },
    }
