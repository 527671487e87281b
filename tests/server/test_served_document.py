"""The served document refers to nothing a tool would have to fetch (Square's squarecdn refs)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.docs import UNRESOLVED
from tests.server.generic.support import spec_document

if TYPE_CHECKING:
    from pathlib import Path

REMOTE = "https://cdn.example.com/common.json#String"
DOCUMENT = spec_document(
    {
        "/things": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Thing"},
                                "example": {"schema": {"$ref": REMOTE}},
                            }
                        },
                    }
                }
            }
        }
    },
    schemas={"Thing": {"type": "object", "properties": {"schema": {"type": "object"}}}},
)


def test_served_document__remote_ref__replaced_by_note_local_refs_kept(tmp_path: Path) -> None:
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(DOCUMENT))
    with TestClient(create_app(path, mode="generic")) as client:
        served = client.get("/docs/1/openapi.json").json()
        again = client.get("/docs/1/openapi.json").json()
    content = served["paths"]["/things"]["get"]["responses"]["200"]["content"]
    example = content["application/json"]["examples"]["example"]["value"]  # as loaded
    assert example == {"schema": {UNRESOLVED: REMOTE}}
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Thing"}
    assert served["components"] == DOCUMENT["components"]
    assert again == served
    assert REMOTE in path.read_text()  # the spec itself is untouched
