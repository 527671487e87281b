"""The round trip: POST creates, GET reads back, PATCH updates, DELETE removes (then 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.server.generic.support import generic_client, spec_document

if TYPE_CHECKING:
    from pathlib import Path

THING = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "size": {"type": "integer", "maximum": 10},
    },
}
NEW = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
}
KEY = {"X-Key": "a"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "x", "content": {"application/json": {"schema": schema}}}


def _document() -> dict[str, Any]:
    item = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    body = {"content": {"application/json": {"schema": NEW}}}
    paths = {
        "/things": {"post": {"requestBody": body, "responses": {"201": _json(THING)}}},
        "/things/{id}": {
            "parameters": [item],
            "get": {"responses": {"200": _json(THING), "404": {"description": "gone"}}},
            "patch": {"requestBody": body, "responses": {"200": _json(THING)}},
            "delete": {"responses": {"204": {"description": "deleted"}}},
        },
    }
    schemes = {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}
    document = spec_document(paths, securitySchemes=schemes)
    document["security"] = [{"key": []}]
    return document


def test_generic_state__post_then_get__same_object_for_its_caller_only(tmp_path: Path) -> None:
    with generic_client(tmp_path, _document()) as client:
        created = client.post("/things", json={"name": "lamp", "size": 3}, headers=KEY).json()
        assert created["name"] == "lamp"
        assert created["size"] == 3
        assert len(created["id"]) == 36  # the schema wants a uuid, so a uuid it is
        assert client.get(f"/things/{created['id']}", headers=KEY).json() == created
        other = client.get(f"/things/{created['id']}", headers={"X-Key": "b"}).json()
        assert other != created


def test_generic_state__value_the_response_forbids__not_stored(tmp_path: Path) -> None:
    with generic_client(tmp_path, _document()) as client:
        created = client.post("/things", json={"name": "big", "size": 99}, headers=KEY).json()
        assert created.get("size") != 99  # maximum 10 in responses: the request's 99 is left out
        assert client.get(f"/things/{created['id']}", headers=KEY).json() == created


def test_generic_state__patch_then_delete__updated_then_404(tmp_path: Path) -> None:
    with generic_client(tmp_path, _document()) as client:
        thing = client.post("/things", json={"name": "lamp"}, headers=KEY).json()
        path = f"/things/{thing['id']}"
        assert client.patch(path, json={"name": "desk"}, headers=KEY).json()["name"] == "desk"
        assert client.get(path, headers=KEY).json()["name"] == "desk"
        assert client.delete(path, headers=KEY).status_code == 204
        assert client.get(path, headers=KEY).status_code == 404
