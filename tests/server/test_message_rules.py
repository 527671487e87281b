"""OpenAPI's message rules as the server applies them: readOnly/writeOnly, deepObject queries.

A small spec of our own, served generically in ``--strict`` mode, so both the request checks
and the server's checks of its own responses go through ``versioning.messages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from versioning.messages.schemas import nests_deeper

if TYPE_CHECKING:
    from collections.abc import Iterator

    import httpx
    from litestar import Litestar

NOTES = """
openapi: 3.1.0
info: {title: Notes, version: "1.0"}
components:
  responses:
    Invalid:
      description: Invalid
      content:
        application/problem+json:
          schema: {type: object, required: [status, errors]}
  schemas:
    Note:
      type: object
      required: [id, text, secret]
      properties:
        id: {type: string, readOnly: true}
        text: {type: string, minLength: 1}
        secret: {type: string, writeOnly: true}
paths:
  /notes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Note"}
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Note"}
              example: {id: note_1, text: hello}
        "422": {$ref: "#/components/responses/Invalid"}
    get:
      parameters:
        - name: created
          in: query
          style: deepObject
          explode: true
          schema:
            type: object
            additionalProperties: false
            properties:
              gte: {type: integer}
              lte: {type: integer}
        - {name: limit, in: query, schema: {type: integer, maximum: 50}}
        - name: filter
          in: query
          content:
            application/json:
              schema: {type: object, required: [tag], properties: {tag: {type: string}}}
      responses:
        "200":
          description: Notes
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Note"}}
              example: [{id: note_1, text: hello}]
        "422": {$ref: "#/components/responses/Invalid"}
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient[Litestar]]:
    path = tmp_path_factory.mktemp("notes") / "openapi.yaml"
    path.write_text(NOTES)
    with TestClient(create_app(path, strict=True)) as client:
        yield client


def _pointers(response: httpx.Response) -> list[str]:
    """The pointers of a 422's errors (sorted); any other status fails the test."""
    assert response.status_code == 422, response.text
    return sorted(error["pointer"] for error in response.json()["errors"])


def test_read_only_required__left_out_of_a_request__accepted(
    notes: TestClient[Litestar],
) -> None:
    created = notes.post("/notes", json={"text": "buy milk", "secret": "s3"})

    assert created.status_code == 201, created.text


def test_write_only_required__left_out_of_a_request__422_pointer(
    notes: TestClient[Litestar],
) -> None:
    response = notes.post("/notes", json={"text": "buy milk"})

    assert _pointers(response) == ["/secret"]


def test_write_only_required__left_out_of_our_response__passes_strict_check(
    notes: TestClient[Litestar],
) -> None:
    response = notes.get("/notes")

    assert response.status_code == 200, response.text
    assert "secret" not in response.json()[0]


def test_read_only_member__sent_in_a_request__still_validated(
    notes: TestClient[Litestar],
) -> None:
    response = notes.post("/notes", json={"id": 7, "text": "buy milk", "secret": "s3"})

    assert _pointers(response) == ["/id"]


def test_deep_object_query__valid_members__accepted(notes: TestClient[Litestar]) -> None:
    response = notes.get("/notes?created[gte]=5&created[lte]=9&limit=3")

    assert response.status_code == 200, response.text


def test_deep_object_query__member_of_the_wrong_type__422_pointer_inside_it(
    notes: TestClient[Litestar],
) -> None:
    response = notes.get("/notes?created[gte]=soon&created[lte]=9")

    assert _pointers(response) == ["/created/gte"]


def test_deep_object_query__undeclared_member__422_pointer_to_it(
    notes: TestClient[Litestar],
) -> None:
    response = notes.get("/notes?created[since]=5")

    assert _pointers(response) == ["/created/since"]


def test_query__undeclared_name_beside_a_deep_object__422_unknown_query_parameter(
    notes: TestClient[Litestar],
) -> None:
    response = notes.get("/notes?created[gte]=5&colour=red")

    assert _pointers(response) == ["/colour"]
    assert response.json()["errors"][0]["message"] == "Unknown query parameter."


def test_json_query_parameter__member_missing__422_pointer_inside_it(
    notes: TestClient[Litestar],
) -> None:
    assert notes.get("/notes", params={"filter": '{"tag": "home"}'}).status_code == 200
    response = notes.get("/notes", params={"filter": '{"colour": "red"}'})

    assert _pointers(response) == ["/filter/tag"]


def _chain(levels: int) -> object:
    """Lists and dicts in turn, ``levels`` deep, with scalars beside them on the way down."""
    value: object = 1
    for level in range(levels):
        value = [value, "x"] if level % 2 else {"k": value, "n": 2}
    return value


def _deepest(value: object) -> int:
    """The level of the deepest container in ``value`` (which is level 0), by plain recursion."""
    children = list(value.values()) if isinstance(value, dict) else value
    assert isinstance(children, list)
    below = [_deepest(child) for child in children if isinstance(child, dict | list)]
    return 1 + max(below) if below else 0


@pytest.mark.parametrize(
    "value",
    [[], [1, "x"], [[]], {"a": [1, {"b": []}]}, [[[[{"k": [0]}]]], 3], _chain(40)],
)
def test_nests_deeper__limit_at_its_deepest_container__false_one_less__true(value: object) -> None:
    deepest = _deepest(value)

    assert nests_deeper(value, deepest) is False
    assert nests_deeper(value, deepest - 1) is True


def test_nests_deeper__scalar__never_deeper() -> None:
    assert nests_deeper("text", 0) is False
