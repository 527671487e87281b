"""The crash classes of issue 12 (loader and ``validate`` half): each is now a located error.

Each case is a few lines of JSON written into a temporary folder, loaded in this process;
the whole-CLI, subprocess, resource-limited run over the corpus is ``tests/hostile``.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import pytest

from versioning.errors import RefError, SpecError, SpecLimitError, SpecValidationError
from versioning.spec.limits import Limits
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path


def _document(**extra: Any) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": operation}},
    }
    for key, value in extra.items():
        if key == "operation":
            operation.update(value)
        else:
            document[key] = value
    return document


def _write(folder: Path, document: dict[str, Any], name: str = "spec.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(document, indent=1))
    return path


def _schema_ref(ref: str) -> dict[str, Any]:
    return {"schemas": {"A": {"$ref": ref}}}


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("a\u0000b.yaml", "control character U\\+0000"),
        ("x" * 300 + ".yaml", "305 bytes long"),
        ("d/" * 1100 + "x.yaml", "characters long"),
    ],
)
def test_ref_file_name__no_file_system_opens__is_a_ref_error_at_the_ref(
    tmp_path: Path, ref: str, message: str
) -> None:
    path = _write(tmp_path, _document(components=_schema_ref(ref)))
    with pytest.raises(RefError, match=message) as caught:
        load_spec(path)
    assert caught.value.pointer == "/components/schemas/A/$ref"


def test_ref__through_a_symlink_loop__is_a_ref_error(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    path = _write(tmp_path, _document(components=_schema_ref("loop/x.yaml")))
    with pytest.raises(RefError, match="symbolic link loop|cannot be opened"):
        load_spec(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_ref__to_a_fifo__is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    path = _write(tmp_path, _document(components=_schema_ref("pipe.yaml")))
    with pytest.raises(RefError, match="not a regular file"):
        load_spec(path)


def test_pointer_segment__superscript_digit__is_a_ref_error(tmp_path: Path) -> None:
    document = _document(operation={"parameters": [{"name": "q", "in": "query"}]})
    document["components"] = _schema_ref("#/paths/~1a/get/parameters/\u00b2")
    with pytest.raises(RefError, match="not an array index"):
        load_spec(_write(tmp_path, document))


def test_parameter_in__a_mapping__is_a_validation_error(tmp_path: Path) -> None:
    document = _document(operation={"parameters": [{"name": "q", "in": {}}]})
    with pytest.raises(SpecValidationError, match="'in' must be one of") as caught:
        load_spec(_write(tmp_path, document))
    assert caught.value.pointer == "/paths/~1a/get/parameters/0"


def test_path_template__unclosed__is_a_validation_error_at_the_path(tmp_path: Path) -> None:
    document = _document()
    document["paths"]["/{unclosed"] = document["paths"].pop("/a")
    for validate in (False, True):
        with pytest.raises(SpecValidationError, match="not a valid template") as caught:
            load_spec(_write(tmp_path, document), validate=validate)
        assert caught.value.pointer == "/paths/~1{unclosed"


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"operation": {"parameters": "x"}}, "/paths/~1a/get/parameters"),
        ({"operation": {"parameters": [5]}}, "/paths/~1a/get/parameters/0"),
        ({"operation": {"parameters": [{"name": "q", "in": 5}]}}, "/paths/~1a/get/parameters/0/in"),
        ({"operation": {"tags": "x"}}, "/paths/~1a/get/tags"),
        ({"tags": "x"}, "/tags"),
    ],
)
def test_validate__wrong_types_the_validator_crashed_on__are_located_errors(
    tmp_path: Path, change: dict[str, Any], pointer: str
) -> None:
    with pytest.raises(SpecValidationError) as caught:
        load_spec(_write(tmp_path, _document(**change)), validate=True)
    assert caught.value.pointer == pointer


def test_validate__dangling_ref_in_a_default_value__is_a_short_located_error(
    tmp_path: Path,
) -> None:
    document = _document(
        components={"schemas": {"A": {"type": "object", "default": {"$ref": "#/nowhere"}}}}
    )
    with pytest.raises(RefError, match="'#/nowhere' cannot be resolved") as caught:
        load_spec(_write(tmp_path, document), validate=True)
    assert caught.value.pointer == "/components/schemas/A/default/$ref"
    assert len(str(caught.value)) < 300


def test_validate__relative_path__is_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, _document())
    monkeypatch.chdir(tmp_path)
    spec = load_spec("spec.json", validate=True)
    assert spec.file == "spec.json"


def test_validate_lenient_refs__dangling_ref__is_a_warning(tmp_path: Path) -> None:
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}
    document = _document(
        operation={"responses": {"200": {"description": "ok", "content": content}}}
    )
    spec = load_spec(_write(tmp_path, document), validate=True, missing_refs="warn")
    assert spec.warnings
    assert all(warning.location is not None for warning in spec.warnings)


def test_validate__ref_in_data_to_a_file_outside_the_folder__is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "secret.yaml").write_text("a: 1\n")
    document = _document(
        components={"schemas": {"A": {"type": "object", "default": {"$ref": "../secret.yaml"}}}}
    )
    with pytest.raises(SpecError, match="leaves the spec's folder"):
        load_spec(_write(inner, document), validate=True)


def test_validate__slow_semantic_checks__stop_with_a_warning(tmp_path: Path) -> None:
    paths = {f"/p{index}": {"get": {"responses": {"200": {"description": "ok"}}}}
             for index in range(3000)}  # fmt: skip
    document = _document()
    document["paths"] = paths
    spec = load_spec(_write(tmp_path, document), validate=True, limits=Limits(validate_seconds=0.2))
    assert any("were stopped after 0.2 s" in warning.message for warning in spec.warnings)


def test_responses__null__is_refused_unless_lenient(tmp_path: Path) -> None:
    path = _write(tmp_path, _document(operation={"responses": None}))
    with pytest.raises(SpecValidationError, match="'responses' must be a mapping"):
        load_spec(path)
    spec = load_spec(path, lenient=True, validate=True)
    assert spec.operations[0].responses == {}
    assert [warning.pointer for warning in spec.warnings] == ["/paths/~1a/get/responses"]


def test_lenient__null_example__is_kept_as_a_value(tmp_path: Path) -> None:
    parameter = {"name": "q", "in": "query", "schema": {"type": "string"}, "example": None}
    spec = load_spec(
        _write(tmp_path, _document(operation={"parameters": [parameter]})), lenient=True
    )
    assert spec.operations[0].parameters[0].examples == {"example": None}
    assert spec.warnings == ()


def test_nested_default__900_deep__is_a_limit_error(tmp_path: Path) -> None:
    value: Any = 1
    for _ in range(900):
        value = {"a": value}
    document = _document(components={"schemas": {"A": {"default": value}}})
    with pytest.raises(SpecLimitError, match="nesting deeper than 64"):
        load_spec(_write(tmp_path, document))
