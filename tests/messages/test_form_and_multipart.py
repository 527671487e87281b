"""Form and multipart bodies read as OpenAPI describes them (the gaps Schemathesis found)."""

from __future__ import annotations

from typing import Any

import pytest

from versioning.messages import MessageValidator, read_body
from versioning.spec.loader import load_spec_text
from versioning.translate.messages import ApiRequest

SPEC = load_spec_text(
    """
openapi: 3.1.0
info: {title: Forms, version: "1"}
paths:
  /calls:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                Permissions: {type: array, items: {type: string}}
                Timeout: {type: integer}
                Lines: {type: array, items: {type: object, properties: {qty: {type: integer}}}}
      responses: {"204": {description: ok}}
  /uploads:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [count, meta]
              properties:
                count: {type: integer}
                meta: {type: object, required: [a], properties: {a: {type: string}}}
                file: {type: string, format: binary}
      responses: {"204": {description: ok}}
"""
)
FORM = "application/x-www-form-urlencoded"
VALIDATOR = MessageValidator(SPEC)


def _form(raw: bytes) -> Any:
    operation = SPEC.operation("POST", "/calls")
    assert operation is not None
    body, _ = read_body(raw, FORM, operation.request_body, SPEC)
    return body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"Permissions=get-all", {"Permissions": ["get-all"]}),
        (b"Permissions=a&Permissions=b", {"Permissions": ["a", "b"]}),
        (b"Timeout=5&Timeout=7", {"Timeout": 7}),
        (b"Lines[0][qty]=2&Lines[1][qty]=3", {"Lines": [{"qty": 2}, {"qty": 3}]}),
    ],
    ids=["one value of an array", "a repeated name", "a scalar sent twice", "array of objects"],
)
def test_read_body__form_shapes__read_as_the_schema_says(raw: bytes, expected: Any) -> None:
    body = _form(raw)
    assert body == expected
    request = ApiRequest(operation="POST /calls", headers={"content-type": FORM}, body=body)
    assert VALIDATOR.request_problems(request) == []


def _multipart(parts: list[tuple[str, str, str]]) -> bytes:
    chunks = []
    for disposition, content_type, payload in parts:
        head = f"Content-Disposition: form-data; {disposition}\r\n"
        if content_type:
            head += f"Content-Type: {content_type}\r\n"
        chunks.append(f"--B0\r\n{head}\r\n{payload}\r\n")
    return ("".join(chunks) + "--B0--\r\n").encode("latin-1")


def test_read_body__multipart__parts_decoded_json_typed_files_kept() -> None:
    operation = SPEC.operation("POST", "/uploads")
    assert operation is not None
    raw = _multipart([
        ('name="count"', "", "5"),
        ('name="meta"', "application/json", '{"a": "b"}'),
        ('name="file"; filename="x.png"', "image/png", "\x89PNG"),
    ])  # fmt: skip
    body, kind = read_body(raw, "multipart/form-data; boundary=B0", operation.request_body, SPEC)
    assert kind == "multipart/form-data"
    assert body == {"count": 5, "meta": {"a": "b"}, "file": "\ufffdPNG"}


def test_request_problems__multipart_json_part_missing_a_member__located_inside_it() -> None:
    operation = SPEC.operation("POST", "/uploads")
    assert operation is not None
    raw = _multipart([('name="count"', "", "5"), ('name="meta"', "application/json", "{}")])
    content_type = "multipart/form-data; boundary=B0"
    body, _ = read_body(raw, content_type, operation.request_body, SPEC)
    request = ApiRequest(
        operation="POST /uploads", headers={"content-type": content_type}, body=body
    )
    assert [problem.pointer for problem in VALIDATOR.request_problems(request)] == ["/meta/a"]
