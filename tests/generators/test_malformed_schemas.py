"""Schemas the loader does not validate: the generators say why they cannot build, never crash.

``verify`` validates its catalog first (a located error, exit 2), but ``from_schema`` and the
pytest plugin take any schema: keywords of the wrong type and absurd sizes end in a
:class:`SchemaGenerationError` with the reason (issue 12).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given, settings

from compat_tests.schema_keywords import MOST_GENERATED, keyword_problem
from compat_tests.strategies import SchemaGenerationError, from_schema
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

MALFORMED: dict[str, tuple[Any, str]] = {
    "property-a-number": ({"type": "object", "properties": {"a": 5}}, "properties must map names to schemas"),
    "properties-a-list": ({"type": "object", "properties": []}, "properties must map names to schemas"),
    "additional-a-number": ({"type": "object", "additionalProperties": 5}, "additionalProperties must be a schema"),
    "items-a-number": ({"type": "array", "items": 5}, "items must be a schema"),
    "oneof-numbers": ({"oneOf": [1, 2]}, "oneOf must be a list of schemas"),
    "ref-a-number": ({"$ref": 5}, "$ref must be a string"),
    "minimum-a-string": ({"type": "integer", "minimum": "0"}, "minimum must be a finite number"),
    "maximum-nan": ({"type": "number", "maximum": float("nan")}, "maximum must be a finite number"),
    "minimum-past-floats": ({"type": "number", "minimum": 10**400}, "minimum must be a finite number"),
    "min-length-negative": ({"type": "string", "minLength": -1}, "minLength must be a whole number"),
    "required-a-string": ({"type": "object", "required": "a"}, "required must be a list of names"),
    "type-an-object": ({"type": ["string", {}]}, "type must be a type name"),
    "pattern-key-unreadable": ({"type": "object", "patternProperties": {"([": {}}}, "patternProperties has a key"),
    "allof-member-malformed": ({"allOf": [{"minimum": "x"}, {"minimum": 1}]}, "minimum must be a finite number"),
    "not-a-schema": (5, "a schema must be a mapping or a boolean"),
    "min-items-huge": ({"type": "array", "minItems": 10**18}, f"more than the {MOST_GENERATED} items"),
    "min-properties-huge": ({"type": "object", "minProperties": 10**6}, f"more than the {MOST_GENERATED} members"),
    "min-length-huge": ({"type": "string", "minLength": 10**9}, f"more than the {MOST_GENERATED} characters"),
    "multiples-too-many": ({"type": "number", "multipleOf": 1e-300, "minimum": 1e300, "maximum": 1e301}, "too many to count"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_from_schema__malformed_keyword__raises_the_reason(name: str) -> None:
    schema, reason = MALFORMED[name]
    with pytest.raises(SchemaGenerationError, match=reason.replace("$", r"\$").replace("(", r"\(")):
        from_schema(schema)


def test_from_schema__malformed_branch_beside_a_good_one__generates_from_the_good_one() -> None:
    @given(
        from_schema(
            {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "integer", "minimum": "0"}]}
        )
    )
    @settings(max_examples=10, deadline=None)
    def draws(value: object) -> None:
        assert isinstance(value, str)
        assert len(value) <= 3

    draws()


def test_from_schema__sizes_written_as_floats__generate_within_them() -> None:
    @given(
        from_schema(
            {
                "type": "array",
                "minItems": 1.0,
                "maxItems": 2.0,
                "items": {"type": "string", "maxLength": 2.0},
            }
        )
    )
    @settings(max_examples=10, deadline=None)
    def draws(value: list[str]) -> None:
        assert 1 <= len(value) <= 2
        assert all(len(item) <= 2 for item in value)

    draws()


def test_keyword_problem__well_formed_schemas__none() -> None:
    schemas = [True, {}, {"type": ["string", "null"], "minLength": 2.0, "maxLength": 5},
               {"additionalProperties": None}, {"multipleOf": 0.5, "exclusiveMinimum": -1},
               {"minItems": MOST_GENERATED, "prefixItems": [{}, False]}]  # fmt: skip
    assert [keyword_problem(schema) for schema in schemas] == [None] * len(schemas)


def _catalog(folder: Path, schema: Any) -> None:
    folder.mkdir()
    for version in ("2024-01-01", "2024-06-01"):
        document = {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": version},
            "paths": {"/a": {"get": {"responses": {"200": {
                "description": "ok", "content": {"application/json": {"schema": schema}}}}}}},
        }  # fmt: skip
        (folder / version).mkdir()
        (folder / version / "openapi.json").write_text(json.dumps(document))
    versions = [{"id": v, "released": v} for v in ("2024-01-01", "2024-06-01")]
    (folder / "versions.yaml").write_text(yaml.safe_dump({"versions": versions}))


def test_verify__schema_not_openapi__located_error_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _catalog(tmp_path / "api", {"type": "object", "properties": {"a": 5}})
    code = main(["verify", "--examples", "1", "--shrink-seconds", "0", str(tmp_path / "api")])
    err = capsys.readouterr().err
    assert code == 2
    assert "2024-01-01/openapi.json:1:1: invalid OpenAPI: 5 is not of type" in err
    assert "(at /properties/a)" in err


def test_verify__min_items_past_the_cap__unchecked_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _catalog(tmp_path / "api", {"type": "array", "minItems": 10**18})
    code = main(["verify", "--examples", "1", "--shrink-seconds", "0", str(tmp_path / "api")])
    out = capsys.readouterr().out
    assert code == 1
    assert "unchecked" in out
    assert f"minItems 1000000000000000000 asks for more than the {MOST_GENERATED} items" in out
