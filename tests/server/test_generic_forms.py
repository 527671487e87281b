"""Form and multipart bodies through a generic server: what the message reader decides, served.

And how a refusal reads where the error schema has no list for problems (Stripe's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.server.generic.support import generic_client, spec_document

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar
    from litestar.testing import TestClient

FORM = "application/x-www-form-urlencoded"
BODY: dict[str, Any] = {
    "type": "object",
    "required": ["values"],
    "properties": {"values": {"type": "array", "items": {"type": "string"}}},
}
STRIPE_ERROR: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "message": {"type": "string", "maxLength": 5000},
                "param": {"type": "string", "maxLength": 5000},
                "type": {"type": "string", "enum": ["api_error", "invalid_request_error"]},
            },
        }
    },
}
DOCUMENT = spec_document(
    {
        "/verify": {
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {FORM: {"schema": BODY}, "multipart/form-data": {"schema": BODY}},
                },
                "responses": {
                    "204": {"description": "verified"},
                    "default": {
                        "description": "error",
                        "content": {"application/json": {"schema": STRIPE_ERROR}},
                    },
                },
            }
        }
    }
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient[Litestar]]:
    with generic_client(tmp_path_factory.mktemp("forms"), DOCUMENT) as served:
        yield served


def test_empty_form__required_array__served_as_the_empty_array(
    client: TestClient[Litestar],
) -> None:
    assert client.post("/verify", content=b"", headers={"Content-Type": FORM}).status_code == 204


def test_no_body_no_content_type__required_body__refused(client: TestClient[Litestar]) -> None:
    assert client.post("/verify").status_code in {400, 422}


def test_multipart_part_without_name__400(client: TestClient[Litestar]) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=b0undary"}
    raw = b"--b0undary\r\nTrue\r\n--b0undary--\r\n"
    response = client.post("/verify", content=raw, headers=headers)
    assert response.status_code == 400
    assert "Content-Disposition" in response.text


def test_refusal__error_schema_without_problem_list__message_spells_problems_out(
    client: TestClient[Litestar],
) -> None:
    body = "values[a]=b"  # an object where an array belongs: a 422
    response = client.post("/verify", content=body, headers={"Content-Type": FORM})
    assert response.status_code == 422
    error = response.json()["error"]
    assert "see errors" not in error["message"]
    assert "/values" in error["message"]
    assert error["param"].startswith("/values")
