"""Serving any OpenAPI document generically: examples, generated data, Prefer, POST→GET."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.generic import parse_prefer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

PETS = """
openapi: 3.0.3
info: {title: Pets, version: "1.2"}
security: [{key: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Pet:
      type: object
      required: [id, name, kind]
      properties:
        id: {type: string}
        name: {type: string, minLength: 1}
        kind: {type: string, enum: [cat, dog]}
        age: {type: integer, minimum: 0, nullable: true}
        tags: {type: array, items: {type: string}}
    NewPet:
      type: object
      additionalProperties: false
      required: [name, kind]
      properties:
        name: {type: string, minLength: 1}
        kind: {type: string, enum: [cat, dog]}
        age: {type: integer, minimum: 0}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 50}}
      responses:
        "200":
          description: Pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
              examples:
                two: {value: [{id: p1, name: Tom, kind: cat}, {id: p2, name: Rex, kind: dog}]}
                none: {value: []}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewPet"}
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              example: {id: pet_123, name: Tom, kind: cat, age: 3}
        "422": {description: Invalid}
  /pets/{pet_id}:
    get:
      parameters:
        - {name: pet_id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: A pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        "404": {description: Not found}
  /health:
    get:
      security: []
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, required: [status], properties: {status: {type: string, format: date-time}}}
"""
KEY = {"X-Api-Key": "secret-1"}


@pytest.fixture(scope="module")
def pets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient[Litestar]]:
    path = tmp_path_factory.mktemp("pets") / "openapi.yaml"
    path.write_text(PETS)
    with TestClient(create_app(path)) as client:
        yield client


def test_generic__examples__first_example_by_default_and_prefer_picks_another(
    pets: TestClient[Litestar],
) -> None:
    assert [pet["name"] for pet in pets.get("/pets", headers=KEY).json()] == ["Tom", "Rex"]
    assert pets.get("/pets", headers={**KEY, "Prefer": "example=none"}).json() == []


def test_generic__prefer_code__that_status(pets: TestClient[Litestar]) -> None:
    assert pets.get("/pets/p9", headers={**KEY, "Prefer": "code=404"}).status_code == 404


def test_generic__prefer_undeclared_example__400_naming_the_examples(
    pets: TestClient[Litestar],
) -> None:
    response = pets.get("/pets", headers={**KEY, "Prefer": "example=many"})
    assert response.status_code == 400
    assert "two, none" in response.json()["detail"]


def test_generic__no_example__generated_deterministically_from_schema(
    pets: TestClient[Litestar],
) -> None:
    first = pets.get("/health").json()
    assert first == pets.get("/health").json()
    assert first == {"status": "2024-01-01T00:00:00Z"}


def test_generic__post_then_get__created_resource_reads_back_for_its_caller_only(
    pets: TestClient[Litestar],
) -> None:
    created = pets.post("/pets", json={"name": "Mia", "kind": "dog", "age": 2}, headers=KEY)
    assert created.status_code == 201
    pet = created.json()
    assert pet["name"] == "Mia"
    assert pet["id"].startswith("pet_")
    assert pet["id"] != "pet_123"
    assert pets.get(f"/pets/{pet['id']}", headers=KEY).json() == pet
    stranger = pets.get(f"/pets/{pet['id']}", headers={"X-Api-Key": "other"}).json()
    assert stranger != pet


def test_generic__security_scheme__missing_api_key_is_401(pets: TestClient[Litestar]) -> None:
    response = pets.get("/pets")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_generic__validation__every_violation_listed(pets: TestClient[Litestar]) -> None:
    response = pets.get("/pets?limit=99&name=x", headers=KEY)  # GET /pets declares no 422
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert sorted(e["pointer"] for e in response.json()["errors"]) == ["/limit", "/name"]


def test_generic__validation_declared_without_body__422_and_no_body(
    pets: TestClient[Litestar],
) -> None:
    response = pets.post("/pets", json={"name": "", "kind": "bird", "extra": 1}, headers=KEY)
    assert response.status_code == 422
    assert response.content == b""


def test_generic__version_header__echoes_info_version(pets: TestClient[Litestar]) -> None:
    assert pets.get("/health").headers["api-version"] == "1.2"


def test_generic__docs__page_and_served_document(pets: TestClient[Litestar]) -> None:
    page = pets.get("/docs/1.2")
    assert page.status_code == 200
    assert "/docs/1.2/openapi.json" in page.text
    document = pets.get("/docs/1.2/openapi.json").json()
    assert document["paths"]["/pets"]["post"]["requestBody"]["required"] is True
    assert document["servers"][0]["url"].startswith("http://")


def test_parse_prefer__several_preferences__all_read() -> None:
    assert parse_prefer('code=404, example="missing"; dynamic=true') == {
        "code": "404",
        "example": "missing",
        "dynamic": "true",
    }


STRIPE = (
    Path(__file__).resolve().parents[3] / "shared" / "specs" / "stripe" / "spec3-2022-04-12.json"
)


@pytest.mark.skipif(not STRIPE.is_file(), reason="shared Stripe document not present")
def test_generic__stripe_4mb_document__serves_lists_and_round_trips() -> None:
    app = create_app(STRIPE)
    with TestClient(app) as client:
        response = client.get("/v1/customers", headers={"Authorization": "Bearer sk_test_1"})
        assert response.status_code == 200
        assert response.json()["object"] == "list"
        created = client.post(
            "/v1/customers",
            data={"email": "a@example.com"},
            headers={"Authorization": "Bearer sk_test_1"},
        )
        customer = client.get(
            f"/v1/customers/{created.json()['id']}", headers={"Authorization": "Bearer sk_test_1"}
        )
        assert customer.json()["email"] == "a@example.com"
