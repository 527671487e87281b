"""Responses: valid examples only, bounded generated data, required headers, any text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.generic_bodies import encodable
from tests.server.generic.support import generic_client, spec_document

if TYPE_CHECKING:
    from pathlib import Path

PET = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string", "minLength": 2}},
}


def _get(response: dict[str, Any]) -> dict[str, Any]:
    return spec_document({"/pets": {"get": {"responses": {"200": response}}}})


def test_generic_bodies__example_breaks_its_schema__next_valid_one_served(tmp_path: Path) -> None:
    content = {
        "schema": PET,
        "examples": {"bad": {"value": {"name": 1}}, "good": {"value": {"name": "Rex"}}},
    }
    with generic_client(
        tmp_path, _get({"description": "x", "content": {"application/json": content}})
    ) as client:
        assert client.get("/pets").json() == {"name": "Rex"}
        refused = client.get("/pets", headers={"Prefer": "example=bad"})
    assert refused.status_code == 400
    assert "breaks its own schema" in refused.json()["detail"]


def test_generic_bodies__only_example_invalid__generated_data_instead(tmp_path: Path) -> None:
    content = {"schema": PET, "example": {"name": "R"}}
    with generic_client(
        tmp_path, _get({"description": "x", "content": {"application/json": content}})
    ) as client:
        assert client.get("/pets").json() == {"name": "string"}


def test_generic_bodies__huge_min_items__capped_not_500_megabytes(tmp_path: Path) -> None:
    schema = {
        "type": "array",
        "minItems": 100_000_000,
        "items": {"type": "array", "minItems": 1000, "items": {"type": "string", "minLength": 100}},
    }
    content = {"schema": schema}
    with generic_client(
        tmp_path, _get({"description": "x", "content": {"application/json": content}})
    ) as client:
        response = client.get("/pets")
    assert response.status_code == 200
    assert len(response.content) < 20_000_000


def test_generic_bodies__required_response_header__sent(tmp_path: Path) -> None:
    headers = {"X-Rate-Limit": {"required": True, "schema": {"type": "integer", "minimum": 5}}}
    response = {
        "description": "x",
        "headers": headers,
        "content": {"application/json": {"schema": PET}},
    }
    with generic_client(tmp_path, _get(response)) as client:
        assert client.get("/pets").headers["x-rate-limit"] == "5"


def test_encodable__lone_surrogate__replaced_so_json_can_carry_it() -> None:
    assert encodable({"k\ud800": ["a\udfffb", 1]}) == {"k?": ["a?b", 1]}
