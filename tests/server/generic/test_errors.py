"""Errors in the operation's declared error schema; problem details only where none is declared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.server.generic.support import generic_client, spec_document
from versioning.messages import MessageValidator
from versioning.spec.loader import load_spec
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from pathlib import Path

SERVICE_ERROR = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "errorCode": {"type": "string"},
        "message": {"type": "string"},
        "status": {"type": "integer"},
        "errorType": {"type": "string", "enum": ["validation", "security"]},
    },
}
STRIPE_LIKE = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"type": "string", "enum": ["invalid_request_error", "api_error"]},
                "message": {"type": "string", "maxLength": 20},
                "param": {"type": "string"},
            },
        }
    },
}
SQUARE_LIKE = {
    "type": "object",
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["category", "code"],
                "properties": {
                    "category": {"type": "string", "enum": ["INVALID_REQUEST_ERROR"]},
                    "code": {"type": "string"},
                    "detail": {"type": "string"},
                    "field": {"type": "string"},
                },
            },
        }
    },
}
UNFILLABLE = {
    "type": "object",
    "required": ["code"],
    "properties": {"code": {"type": "string", "pattern": "^E[0-9]{3}$"}},
}
BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["amount"],
                "properties": {"amount": {"type": "integer", "minimum": 1}},
            }
        }
    },
}


def _json(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"description": "x", "content": {"application/json": {"schema": schema, **extra}}}


def _spec(responses: dict[str, Any]) -> dict[str, Any]:
    return spec_document(
        {"/pay": {"post": {"requestBody": BODY, "responses": {"200": _json({}), **responses}}}}
    )


def _check(tmp_path: Path, document: dict[str, Any], status: int, body: Any, media: str) -> None:
    spec = load_spec(tmp_path / "openapi.json")
    response = ApiResponse(status=status, headers={"content-type": media}, body=body)
    assert MessageValidator(spec).response_problems(response, "POST /pay") == []
    del document


def test_generic_errors__declared_schema_without_extras__filled_and_valid(tmp_path: Path) -> None:
    document = _spec({"422": _json(SERVICE_ERROR)})
    with generic_client(tmp_path, document) as client:
        response = client.post("/pay", json={"amount": 0})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["errorCode"] == "validation_failed"
    assert body["status"] == 422
    assert "1 problem" in body["message"]
    assert "errorType" not in body or body["errorType"] in {"validation", "security"}
    _check(tmp_path, document, 422, body, "application/json")


def test_generic_errors__nested_envelope__message_cut_to_max_length(tmp_path: Path) -> None:
    document = _spec({"default": _json(STRIPE_LIKE)})
    with generic_client(tmp_path, document) as client:
        response = client.post("/pay", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] in {"invalid_request_error", "api_error"}
    assert len(error["message"]) == 20
    _check(tmp_path, document, 422, response.json(), "application/json")


def test_generic_errors__list_of_errors__one_item_per_problem(tmp_path: Path) -> None:
    document = _spec({"400": _json(SQUARE_LIKE)})
    with generic_client(tmp_path, document) as client:
        response = client.post("/pay", json={"amount": "x"})
    assert response.status_code == 400  # 422 is not declared, 400 is
    items = response.json()["errors"]
    assert items[0]["field"] == "/amount"
    assert items[0]["category"] == "INVALID_REQUEST_ERROR"
    _check(tmp_path, document, 400, response.json(), "application/json")


def test_generic_errors__unfillable_schema__declared_example_served(tmp_path: Path) -> None:
    document = _spec({"422": _json(UNFILLABLE, example={"code": "E422"})})
    with generic_client(tmp_path, document) as client:
        response = client.post("/pay", json={})
    assert response.json() == {"code": "E422"}


def test_generic_errors__declared_without_content__no_body(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec({"422": {"description": "invalid"}})) as client:
        response = client.post("/pay", json={})
    assert response.status_code == 422
    assert response.content == b""


def test_generic_errors__status_not_declared__problem_details(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec({})) as client:
        response = client.post("/pay", json={})
        missing = client.get("/nowhere")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["pointer"] == "/amount"
    assert missing.headers["content-type"] == "application/problem+json"


def test_generic_errors__json_null_body__validated_not_taken_as_absent(tmp_path: Path) -> None:
    document = _spec({})
    document["paths"]["/pay"]["post"]["requestBody"]["required"] = False
    with generic_client(tmp_path, document) as client:
        response = client.post(
            "/pay", content=b"null", headers={"content-type": "application/json"}
        )
        absent = client.post("/pay")
    assert response.status_code == 422
    assert absent.status_code == 200


def test_generic_errors__integer_beyond_int32__422(tmp_path: Path) -> None:
    document = _spec({})
    schema = document["paths"]["/pay"]["post"]["requestBody"]["content"]["application/json"]
    schema["schema"]["properties"]["amount"]["format"] = "int32"
    with generic_client(tmp_path, document) as client:
        assert client.post("/pay", json={"amount": 2**31}).status_code == 422
        assert client.post("/pay", json={"amount": 2**31 - 1}).status_code == 200


def test_generic_errors__empty_form_body__validated_as_empty_object(tmp_path: Path) -> None:
    schema = {"type": "object", "required": ["Sid"], "properties": {"Sid": {"type": "string"}}}
    body = {"content": {"application/x-www-form-urlencoded": {"schema": schema}}}
    operation = {"requestBody": body, "responses": {"201": _json({})}}
    with generic_client(tmp_path, spec_document({"/maps": {"post": operation}})) as client:
        form = {"content-type": "application/x-www-form-urlencoded"}
        assert client.post("/maps", headers=form).status_code == 422
        assert client.post("/maps", content=b"Sid=a", headers=form).status_code == 201
