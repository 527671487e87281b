"""Form keys read as the schema says: empty containers, ``a[]`` on objects, repeated parts.

``{"values": []}`` sent as a form is an empty body (an empty array names no field), so the
server reads an absent required array as ``[]`` and an absent required object as ``{}``
(Schemathesis found Stripe's ``POST /v1/sources/{source}/verify`` refused for it).
"""

from __future__ import annotations

from typing import Any

import pytest

from versioning.messages import BodyError, read_body
from versioning.spec.loader import load_spec_text

SPEC = load_spec_text(
    """
openapi: 3.1.0
info: {title: Forms, version: "1"}
paths:
  /verify:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [values, settings, url]
              properties:
                values: {type: array, items: {type: string}}
                settings:
                  type: object
                  required: [tags]
                  properties: {tags: {anyOf: [{type: array, items: {type: string}}, {enum: [""]}]}}
                url: {type: string}
                labels: {type: object, additionalProperties: {type: string}}
                document: {type: object, properties: {front: {type: string}}}
                tags: {type: array, items: {type: string}}
      responses: {"204": {description: ok}}
  /files:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                expand: {type: array, items: {type: string}}
                count: {type: integer}
      responses: {"204": {description: ok}}
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses: {"204": {description: ok}}
"""
)
FORM = "application/x-www-form-urlencoded"


def _read(path: str, raw: bytes, content_type: str | None = FORM) -> Any:
    operation = SPEC.operation("POST", path)
    assert operation is not None
    body, _ = read_body(raw, content_type, operation.request_body, SPEC)
    return body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", {"values": [], "settings": {"tags": []}}),
        (b"url=x", {"url": "x", "values": [], "settings": {"tags": []}}),
        (b"values=a&settings[tags]=", {"values": ["a"], "settings": {"tags": ""}}),
    ],
)
def test_read_body__form_without_required_containers__empty_ones_filled(
    raw: bytes, expected: dict[str, Any]
) -> None:
    assert _read("/verify", raw) == expected


def test_read_body__empty_form__required_text_stays_absent() -> None:
    assert "url" not in _read("/verify", b"")


def test_read_body__empty_body_without_form_type__no_body() -> None:
    assert _read("/verify", b"", None) is None
    assert _read("/verify", b"", "application/json") is None
    assert _read("/things", b"", FORM) is None


FILLED = {"values": [], "settings": {"tags": []}}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"labels[]=x&labels[k]=y", {"labels": {"": "x", "k": "y"}}),  # an object: key ""
        (b"tags[]=x&tags[]=y", {"tags": ["x", "y"]}),  # an array: items
        # a digit stays an index, as the kit sends arrays: not member "0" (a 422 at /labels)
        (b"labels[0]=x", {"labels": "x"}),
        (b"document=", {"document": {}}),  # only an empty object fits
        (b"tags=", {"tags": [""]}),
    ],
)
def test_read_body__bracket_keys__container_the_schema_admits(
    raw: bytes, expected: dict[str, Any]
) -> None:
    assert _read("/verify", raw) == {**FILLED, **expected}


def test_read_body__multipart_repeated_text_parts__items_of_the_array() -> None:
    boundary = "b0undary"
    parts = [("expand", "a"), ("expand", "b"), ("count", "3")]
    raw = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{text}\r\n'
            for name, text in parts
        )
        + f"--{boundary}--\r\n"
    )
    body = _read("/files", raw.encode(), f"multipart/form-data; boundary={boundary}")
    assert body == {"expand": ["a", "b"], "count": 3}


def test_read_body__multipart_only_closing_delimiter__empty_object() -> None:
    body = _read("/files", b"--b0undary--\r\n", "multipart/form-data; boundary=b0undary")
    assert body == {}


@pytest.mark.parametrize("part", [b"True", b"[]", b"None", b"Content-Type: text/plain\r\n\r\nx"])
def test_read_body__multipart_part_without_name__400(part: bytes) -> None:
    raw = b"--b0undary\r\n" + part + b"\r\n--b0undary--\r\n"
    with pytest.raises(BodyError) as refused:
        _read("/files", raw, "multipart/form-data; boundary=b0undary")
    assert refused.value.status == 400
    assert "Part 1" in str(refused.value)
