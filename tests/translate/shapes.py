"""One pair of specs whose schemas nest an address everywhere a payload can hold one.

``Address.zipcode`` (older) became ``Address.postal_code`` (newer). Addresses occur directly,
in an array, in a map, inside a recursive tree and in one branch of a ``oneOf``.
"""

from __future__ import annotations

from typing import Any

from tests.translate.builder import NEWER, OLDER, json_body, ref, spec


def _address(code: str) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["line1", code],
        "properties": {"line1": {"type": "string"}, code: {"type": "string"}},
    }


def _schemas(code: str) -> dict[str, Any]:
    return {
        "Address": _address(code),
        "Person": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "address": ref("Address"),
                "previous": {"type": "array", "items": ref("Address")},
                "by_label": {"type": "object", "additionalProperties": ref("Address")},
            },
        },
        "Node": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "address": ref("Address"),
                "children": {"type": "array", "items": ref("Node")},
            },
        },
        "Shop": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"const": "shop"}, "address": ref("Address")},
        },
        "Online": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"const": "online"}, "address": {"type": "string"}},
        },
        "Location": {"oneOf": [ref("Shop"), ref("Online")]},
    }


def _paths() -> dict[str, Any]:
    return {
        "/people": {
            "post": {
                "requestBody": json_body(ref("Person")),
                "responses": {"201": {"description": "created", **json_body(ref("Person"))}},
            }
        },
        "/tree": {"get": {"responses": {"200": {"description": "ok", **json_body(ref("Node"))}}}},
        "/locations": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        **json_body({"type": "array", "items": ref("Location")}),
                    }
                }
            }
        },
    }


def address_specs() -> tuple[dict[str, Any], dict[str, Any]]:
    """The older (``zipcode``) and newer (``postal_code``) documents."""
    return spec(OLDER, _schemas("zipcode"), _paths()), spec(
        NEWER, _schemas("postal_code"), _paths()
    )


RENAME_ZIPCODE = """\
changes:
  - description: The address field `zipcode` is renamed `postal_code`.
    steps:
      - step: field_renamed
        schema: Address
        from: zipcode
        to: postal_code
"""
