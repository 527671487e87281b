"""The merchant, reset and hosted-checkout parts of ``/sandbox/openapi.json`` (issue 17)."""

from __future__ import annotations

from typing import Any

from mock_server.sandbox.admin import ADMIN_SCHEME

__all__ = [
    "CHECKOUT_TOKEN_SCHEME",
    "checkout_page_paths",
    "merchant_paths",
    "merchant_schemas",
    "merchant_security_schemes",
]

CHECKOUT_TOKEN_SCHEME = "checkoutToken"  # noqa: S105 - a scheme name, not a secret
_PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}
_BASIC: list[dict[str, list[str]]] = [{"basicAuth": []}]
_REFUSED = {
    "401": {"description": "Missing or wrong credentials.", "content": _PROBLEM},
}
_MERCHANT_ID = {"name": "merchant_id", "in": "path", "required": True, "schema": {"type": "string"}}
_CHECKOUT_ID = {"name": "checkout_id", "in": "path", "required": True, "schema": {"type": "string"}}


def merchant_security_schemes() -> dict[str, Any]:
    """The admin key (bearer) and the checkout page's token (query)."""
    return {
        ADMIN_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "description": "The admin key `versiongate serve` prints (or `--admin-key`).",
        },
        CHECKOUT_TOKEN_SCHEME: {
            "type": "apiKey",
            "in": "query",
            "name": "token",
            "description": "The token in the checkout's `checkout_url`.",
        },
    }


def merchant_schemas(versions: list[str]) -> dict[str, Any]:
    """``Merchant`` (with its secret key once, when created) and ``MerchantUpdate``."""
    return {
        "Merchant": {
            "type": "object",
            "required": ["id", "object", "public_key", "pinned_version", "created_at"],
            "properties": {
                "id": {"type": "string"},
                "object": {"const": "merchant"},
                "public_key": {"type": "string"},
                "secret_key": {"type": "string", "description": "Only when created."},
                "pinned_version": {"enum": versions},
                "created_at": {"type": "string", "format": "date-time"},
            },
        },
        "MerchantUpdate": {
            "type": "object",
            "additionalProperties": False,
            "required": ["pinned_version"],
            "properties": {"pinned_version": {"enum": versions}},
        },
    }


def _merchant_json(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Merchant"}}},
    }


def _create_merchant(versions: list[str], default_version: str) -> dict[str, Any]:
    body = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "pinned_version": {"enum": versions, "default": default_version},
            "public_key": {
                "type": "string",
                "pattern": "^[^:]*[^:\\s][^:]*$",
                "description": "No ':' (HTTP Basic splits the user name there); generated"
                " when left out.",
            },
            "secret_key": {"type": "string"},
        },
    }
    return {
        "summary": "Create a merchant with its own keys, pinned to an API version (admin key)",
        "security": [{ADMIN_SCHEME: []}],
        "requestBody": {"content": {"application/json": {"schema": body}}},
        "responses": {
            "201": _merchant_json("The new merchant and its keys (the secret key only here)."),
            **_REFUSED,
            "403": {"description": "A merchant's keys, not the admin key.", "content": _PROBLEM},
            "409": {"description": "The public key is taken.", "content": _PROBLEM},
            "422": {
                "description": "Unknown version, or a public key with ':'.",
                "content": _PROBLEM,
            },
        },
    }


def merchant_paths(versions: list[str], default_version: str) -> dict[str, Any]:
    """``/sandbox/merchants``, ``/sandbox/merchants/{merchant_id}`` and ``/sandbox/reset``."""
    not_yours = {
        "description": "No such merchant, or not the caller (the same answer).",
        "content": _PROBLEM,
    }
    return {
        "/sandbox/merchants": {"post": _create_merchant(versions, default_version)},
        "/sandbox/merchants/{merchant_id}": {
            "get": {
                "summary": "Read the caller's merchant: its keys' pinned version",
                "security": _BASIC,
                "parameters": [_MERCHANT_ID],
                "responses": {"200": _merchant_json("The merchant."), **_REFUSED, "404": not_yours},
            },
            "patch": {
                "summary": "Pin the caller's keys to another API version",
                "security": _BASIC,
                "parameters": [_MERCHANT_ID],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/MerchantUpdate"}
                        }
                    },
                },
                "responses": {
                    "200": _merchant_json("The merchant, pinned to the new version."),
                    **_REFUSED,
                    "404": not_yours,
                    "422": {"description": "Unknown version.", "content": _PROBLEM},
                },
            },
        },
        "/sandbox/reset": {
            "post": {
                "summary": "Delete the caller's sandbox data (keys and pinned version stay)",
                "description": (
                    "Deletes the caller's checkouts, transactions, idempotency records, injected"
                    " failure, test clock, webhook endpoints and events. The request log stays:"
                    " it is the API owner's record of who called what."
                ),
                "security": _BASIC,
                "responses": {
                    "200": {
                        "description": "Reset.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_REFUSED,
                },
            }
        },
    }


def checkout_page_paths() -> dict[str, Any]:
    """The hosted checkout page: ``GET`` (HTML with the token, JSON status with Basic), ``POST``."""
    return {
        "/sandbox/checkouts/{checkout_id}": {
            "get": {
                "summary": "The hosted checkout page (the checkout_url), or its status",
                "description": (
                    "With the `token` of `checkout_url`: an HTML page for the shopper, with"
                    " Approve and Decline buttons. With the merchant's keys instead: the"
                    " checkout's status as JSON."
                ),
                "security": [{CHECKOUT_TOKEN_SCHEME: []}, *_BASIC],
                "parameters": [_CHECKOUT_ID],
                "responses": {
                    "200": {
                        "description": "The page, or the status.",
                        "content": {
                            "text/html": {"schema": {"type": "string"}},
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CheckoutStatus"}
                            },
                        },
                    },
                    **_REFUSED,
                    "404": {
                        "description": "No such checkout of the merchant.",
                        "content": _PROBLEM,
                    },
                },
            },
            "post": {
                "summary": "The page's form: the shopper approves or declines",
                "security": [{CHECKOUT_TOKEN_SCHEME: []}],
                "parameters": [_CHECKOUT_ID],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {
                                "type": "object",
                                "required": ["decision"],
                                "properties": {"decision": {"enum": ["approve", "decline"]}},
                            }
                        }
                    },
                },
                "responses": {
                    "303": {
                        "description": "To the checkout's `redirect_url` (or back to the page"
                        " when it was decided otherwise or expired)."
                    },
                    **_REFUSED,
                    "403": {"description": "Posted from another site.", "content": _PROBLEM},
                    "422": {"description": "No decision.", "content": _PROBLEM},
                },
            },
        }
    }
