"""``$ref`` resolution: local, relative files, recursion, and everything we refuse."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from versioning.errors import RefError
from versioning.spec.bundle import BUNDLE_KEY, UNRESOLVED_KEY
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

HEAD = 'openapi: "3.1.0"\ninfo: {title: t, version: "1"}\n'


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_local_refs__parameters_and_responses__are_followed_into_typed_objects(
    tmp_path: Path,
) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths:
  /t/{id}:
    parameters:
      - $ref: "#/components/parameters/Id"
    get:
      responses:
        "200":
          $ref: "#/components/responses/Ok"
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string}}
  responses:
    Ok:
      description: fine
      content:
        application/json:
          schema: {$ref: "#/components/schemas/T"}
  schemas:
    T: {type: object}
""",
    )
    spec = load_spec(root)
    operation = spec.operations[0]
    assert [p.name for p in operation.parameters] == ["id"]
    assert operation.parameters[0].pointer == "/components/parameters/Id"
    response = operation.responses["200"]
    assert response.pointer == "/components/responses/Ok"
    schema = response.content["application/json"].schema
    assert schema == {"$ref": "#/components/schemas/T"}
    assert spec.resolve_schema(schema) == {"type": "object"}


def test_recursive_schema__self_reference__loads_and_stays_a_reference(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        children: {type: array, items: {$ref: "#/components/schemas/Node"}}
        parent: {$ref: "#/components/schemas/Node"}
""",
    )
    spec = load_spec(root)
    node = spec.schemas["Node"]
    assert node["properties"]["parent"] == {"$ref": "#/components/schemas/Node"}
    assert spec.resolve("#/components/schemas/Node") is node


def test_relative_files__nested_folders__are_bundled_with_their_own_positions(
    tmp_path: Path,
) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths:
  /m:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "schemas/money.yaml#/Money"}
""",
    )
    _write(
        tmp_path,
        "schemas/money.yaml",
        """Money:
  type: object
  properties:
    currency: {$ref: "common/currency.yaml"}
    value: {type: integer, nullable: true}
""",
    )
    _write(tmp_path, "schemas/common/currency.yaml", "type: string\npattern: '^[A-Z]{3}$'\n")
    spec = load_spec(root)
    ref = spec.operations[0].responses["200"].content["application/json"].schema
    assert ref == {"$ref": f"#/{BUNDLE_KEY}/schemas~1money.yaml/Money"}
    assert ref is not None
    money = spec.resolve_schema(ref)
    currency = money["properties"]["currency"]
    assert currency == {"$ref": f"#/{BUNDLE_KEY}/schemas~1common~1currency.yaml"}
    assert spec.resolve_schema(currency)["pattern"] == "^[A-Z]{3}$"
    location = spec.locate(f"/{BUNDLE_KEY}/schemas~1money.yaml/Money/properties/value")
    assert location.file.endswith("schemas/money.yaml")
    assert location.line == 5


def test_relative_file__refers_back_to_root__resolves_to_root(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths: {}
components:
  schemas:
    A: {$ref: "parts/b.yaml#/B"}
    C: {type: string}
""",
    )
    _write(
        tmp_path,
        "parts/b.yaml",
        "B:\n  type: array\n  items: {$ref: '../openapi.yaml#/components/schemas/C'}\n",
    )
    spec = load_spec(root)
    b = spec.resolve_schema(spec.schemas["A"])
    assert b["items"] == {"$ref": "#/components/schemas/C"}


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("https://example.com/s.yaml#/A", "remote \\$ref"),
        ("http://localhost/s.json", "remote \\$ref"),
        ("file:///etc/passwd", "unsupported \\$ref"),
        ("//example.com/x.yaml", "unsupported \\$ref"),
        ("../outside.yaml#/A", "escapes the spec's folder"),
        ("missing.yaml#/A", "does not exist"),
        ("#/components/schemas/Nope", "does not exist"),
        ("#Anchor", "must be a JSON pointer"),
    ],
)
def test_bad_ref__is_refused_at_the_ref_line(tmp_path: Path, ref: str, message: str) -> None:
    folder = tmp_path / "spec"
    _write(tmp_path, "outside.yaml", "A: {type: string}\n")
    root = _write(
        folder,
        "openapi.yaml",
        HEAD + f'paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: "{ref}"\n',
    )
    with pytest.raises(RefError, match=message) as caught:
        load_spec(root)
    assert caught.value.location is not None
    assert caught.value.location.line == 7
    assert caught.value.pointer == "/components/schemas/A/$ref"


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_symlink__pointing_outside_the_folder__is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    secret = _write(tmp_path, "secret.yaml", "A: {type: string}\n")
    folder.mkdir()
    (folder / "link.yaml").symlink_to(secret)
    root = _write(
        folder,
        "openapi.yaml",
        HEAD + 'paths: {}\ncomponents:\n  schemas:\n    A: {$ref: "link.yaml#/A"}\n',
    )
    with pytest.raises(RefError, match="escapes"):
        load_spec(root)


def test_ref_chain__loops_without_an_object__is_refused(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths: {}
components:
  schemas:
    A: {$ref: "#/components/schemas/B"}
    B: {$ref: "#/components/schemas/C"}
    C: {$ref: "#/components/schemas/A"}
""",
    )
    with pytest.raises(RefError, match="cyclic"):
        load_spec(root)


def test_missing_ref__lenient_mode__warns_and_becomes_unconstrained(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        b: {$ref: "#/components/schemas/Gone", description: kept}
""",
    )
    spec = load_spec(root, missing_refs="warn")
    assert len(spec.warnings) == 1
    assert "Gone" in str(spec.warnings[0])
    b = spec.schemas["A"]["properties"]["b"]
    assert b == {UNRESOLVED_KEY: "#/components/schemas/Gone", "description": "kept"}


def test_ref_inside_example_data__is_left_alone(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD
        + """paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, default: {$ref: "not-a-reference"}}
            examples:
              one: {value: {$ref: "https://example.com/also-data"}}
      responses: {}
""",
    )
    spec = load_spec(root)
    body = spec.operations[0].request_body
    assert body is not None
    media = body.content["application/json"]
    assert media.examples == {"one": {"$ref": "https://example.com/also-data"}}
    assert media.schema == {"type": "object", "default": {"$ref": "not-a-reference"}}


def test_relative_files__root_named_relatively__bundled_files_named_beside_it(
    tmp_path: Path,
) -> None:
    root = _write(
        tmp_path,
        "openapi.yaml",
        HEAD + 'paths: {}\ncomponents:\n  schemas:\n    A: {$ref: "parts/a.yaml#/A"}\n',
    )
    _write(tmp_path, "parts/a.yaml", "A:\n  type: string\n")
    spec = load_spec(root, display="specs/openapi.yaml")
    location = spec.locate(f"/{BUNDLE_KEY}/parts~1a.yaml/A/type")
    assert str(location) == "specs/parts/a.yaml:2:3"
