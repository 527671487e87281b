"""``load_spec``: the typed model, merged parameters, security, locations, validation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from versioning.errors import SpecSyntaxError, SpecValidationError
from versioning.spec.loader import load_spec, load_spec_text

if TYPE_CHECKING:
    from pathlib import Path

PETS = """openapi: "3.1.0"
info: {title: Pets, version: "2"}
security:
  - basic: []
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: verbose, in: query, schema: {type: boolean}}
    get:
      operationId: getPet
      summary: Read one pet
      tags: [pets]
      parameters:
        - {name: verbose, in: query, required: true, schema: {type: integer}}
      responses:
        "200":
          description: ok
          headers:
            X-Rate: {schema: {type: integer}, required: true}
          content:
            application/json:
              schema: {type: object}
    delete:
      deprecated: true
      x-sunset: "2027-01-01"
      security: []
      responses:
        "204": {description: gone}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
"""


def test_operations__path_level_parameters__merge_and_operation_ones_win() -> None:
    spec = load_spec_text(PETS, file="pets.yaml")
    get = spec.operation("GET", "/pets/{id}")
    assert get is not None
    assert get.key == "GET /pets/{id}"
    assert [(p.name, p.location, p.required) for p in get.parameters] == [
        ("id", "path", True),
        ("verbose", "query", True),
    ]
    assert get.parameter("verbose", "query") is not None
    assert get.parameter("verbose", "query").schema == {"type": "integer"}  # type: ignore[union-attr]
    assert get.operation_id == "getPet"
    assert get.summary == "Read one pet"
    assert get.tags == ("pets",)
    assert get.responses["200"].headers["X-Rate"].required is True


def test_security__document_default_and_operation_override() -> None:
    spec = load_spec_text(PETS, file="pets.yaml")
    get = spec.operation("get", "/pets/{id}")
    delete = spec.operation("delete", "/pets/{id}")
    assert get is not None
    assert delete is not None
    assert get.security == ({"basic": ()},)
    assert delete.security == ()
    assert spec.security_schemes["basic"].scheme == "basic"


def test_deprecation__flag_and_sunset__are_read() -> None:
    delete = load_spec_text(PETS, file="pets.yaml").operation("delete", "/pets/{id}")
    assert delete is not None
    assert delete.deprecated is True
    assert delete.sunset == "2027-01-01"


def test_locate__yaml_operation_pointer__gives_file_line_column() -> None:
    spec = load_spec_text(PETS, file="pets.yaml")
    get = spec.operation("get", "/pets/{id}")
    assert get is not None
    assert str(spec.locate(get.pointer)) == "pets.yaml:10:5"
    assert (
        str(spec.locate("/paths/~1pets~1{id}/get/responses/200/headers/X-Rate"))
        == "pets.yaml:20:13"
    )


def test_locate__json_source__gives_file_line_column(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(
        '{\n "openapi": "3.0.3",\n "info": {"title": "t", "version": "1"},\n'
        ' "paths": {\n  "/a": {\n   "post": {"responses": {"201": {"description": "made"}}}\n  }\n }\n}\n'
    )
    spec = load_spec(path)
    assert str(spec.locate("/paths/~1a/post/responses/201")) == f"{path}:6:27"


def test_swagger2__is_refused_with_a_conversion_hint() -> None:
    with pytest.raises(SpecValidationError, match="Swagger 2.0 is not supported"):
        load_spec_text('{"swagger": "2.0", "info": {}, "paths": {}}', file="s.json")


def test_openapi30_and_31__both_accepted_and_version_kept() -> None:
    for version in ("3.0.0", "3.0.3", "3.1.0", "3.1.1"):
        spec = load_spec_text(
            f'openapi: "{version}"\ninfo: {{title: t, version: "1"}}\npaths: {{}}\n'
        )
        assert spec.openapi == version


def test_validate__schema_violation__reports_location_of_the_bad_node() -> None:
    text = PETS.replace('"204": {description: gone}', '"204": {descriptoin: gone}')
    with pytest.raises(SpecValidationError, match="invalid OpenAPI") as caught:
        load_spec_text(text, file="pets.yaml", validate=True)
    assert caught.value.location is not None
    assert caught.value.location.line == 29


def test_file_not_found__is_a_located_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecSyntaxError, match="file not found"):
        load_spec(tmp_path / "nope.yaml")
