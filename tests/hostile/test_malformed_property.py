"""Hypothesis: malformed specs reach the loader and the diff; only our own errors come out.

A valid document is mutated a few times: a node replaced by a random JSON tree built from
OpenAPI's own keys and values (``$ref``, ``type``, ``in``, ``"#/components/schemas/A"`` …),
a key of that vocabulary added with such a value, or a key removed. Keys in the wrong places
are what broken specs actually look like, and what random text would never reach. The
result is loaded (plain, lenient, validated) and, when it loads, compared with a valid base
both ways and with itself: every outcome must be a :class:`VersioningError` or a result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.cases import document
from versioning.checker import CheckOptions, compare
from versioning.cli.main import main
from versioning.errors import VersioningError
from versioning.spec.loader import load_spec_text

VOCABULARY = (
    "openapi", "info", "title", "version", "paths", "components", "schemas", "parameters",
    "responses", "requestBody", "content", "schema", "type", "properties", "items", "allOf",
    "anyOf", "oneOf", "not", "$ref", "required", "enum", "const", "in", "name", "get", "post",
    "default", "example", "examples", "value", "headers", "security", "securitySchemes", "tags",
    "servers", "url", "variables", "discriminator", "propertyName", "mapping", "nullable",
    "additionalProperties", "format", "minimum", "maximum", "exclusiveMinimum", "pattern",
    "minItems", "maxItems", "minLength", "maxLength", "multipleOf", "readOnly", "writeOnly",
    "callbacks", "webhooks", "links", "operationId", "deprecated", "x-sunset", "style",
    "explode", "description", "prefixItems", "if", "then", "else", "$defs", "200", "4XX",
    "application/json", "/a", "/{id}", "query", "path", "header", "cookie", "string",
    "integer", "number", "object", "array", "boolean", "null",
)  # fmt: skip
REFERENCES = (
    "#/components/schemas/A", "#/components/schemas/Missing", "#/paths/~1a/get",
    "#/components/parameters/P", "#", "#/", "#/components/schemas/A/properties/b",
    "other.yaml#/A", "#/paths/~1a/get/parameters/\u00b2", "", "#//", "#/components/schemas/A~2",
    "#/components/schemas/A/required/9", "spec.json#/components", "spec.json", "%23/x",
    "#/paths/~1a/get/responses/200", "\x00.yaml", "a" * 300 + ".yaml", "#/info/version",
)  # fmt: skip
TODAY = dt.date(2025, 1, 1)


def _base() -> dict[str, Any]:
    parameter = {"name": "id", "in": "query", "required": False, "schema": {"type": "string"}}
    schemas = {
        "A": {"type": "object", "required": ["b"], "properties": {
            "b": {"type": "integer", "minimum": 0}, "c": {"$ref": "#/components/schemas/C"}}},
        "C": {"oneOf": [{"type": "string", "enum": ["x", "y"]}, {"type": "null"}]},
    }  # fmt: skip
    return document(
        parameter=parameter,
        schema={"$ref": "#/components/schemas/A"},
        operation={"requestBody": {"content": {"application/json": {"schema": {
            "type": "array", "items": {"$ref": "#/components/schemas/C"}}}}}},
        components={"schemas": schemas, "parameters": {"P": dict(parameter, name="p")}},
    )  # fmt: skip


SCALARS = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8)
    | st.sampled_from(VOCABULARY) | st.sampled_from(REFERENCES)
)  # fmt: skip
TREES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(VOCABULARY) | st.text(max_size=4), children, max_size=5)
    ),
    max_leaves=24,
)


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, dict | list):
                found.extend(_containers(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, dict | list):
                found.extend(_containers(child, (*path, index)))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def malformed_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document after one to four mutations in OpenAPI's own vocabulary."""
    result = _base()
    for _ in range(draw(st.integers(1, 4))):
        node = _at(result, draw(st.sampled_from(_containers(result))))
        action = draw(st.sampled_from(["replace", "add", "remove"]))
        if isinstance(node, list):
            if not node or action == "add":
                node.append(draw(TREES))
            else:
                index = draw(st.integers(0, len(node) - 1))
                if action == "replace":
                    node[index] = draw(TREES)
                else:
                    del node[index]
        elif action == "add" or not node:
            node[draw(st.sampled_from(VOCABULARY))] = draw(TREES)
        else:
            key = draw(st.sampled_from(sorted(node)))
            if action == "replace":
                node[key] = draw(TREES)
            else:
                del node[key]
    return result


BASE = load_spec_text(json.dumps(_base()), file="base.json")
OPTIONS = CheckOptions(today=TODAY)
ROOT = Path(__file__).resolve().parents[2]

FIXED_DIFF_CRASHES: dict[tuple[str, str], dict[str, Any]] = {
    ("TypeError", "versioning/diff/schema_merge.py"): document(schema={"type": ["string", {}]}),
    ("ValueError", "versioning/diff/view_builder.py"): document(
        parameter={"name": "id", "in": "query"},
        operation={"requestBody": {"content": {"application/json": {"schema": {
            "odd": {"$ref": "#/paths/~1a/get/parameters/\u00b2"}}}}}},
    ),
}  # fmt: skip
"""Crashes the property found inside the diff engine, each with its smallest reproduction,
kept as regression cases: a non-string entry in a ``type`` list, a superscript digit taken
for an array index."""


def _compare_both_ways(spec: Any) -> None:
    compare(BASE, spec, options=OPTIONS)
    compare(spec, BASE, options=OPTIONS)
    compare(spec, spec, options=OPTIONS)


def _compare_all(spec: Any) -> None:
    _compare_both_ways(spec)


def _load(text: str, **options: Any) -> Any:
    try:
        return load_spec_text(text, file="spec.json", **options)
    except VersioningError:
        return None


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(malformed_documents())
def test_loader_and_diff__malformed_spec__give_our_error_or_a_result(
    value: dict[str, Any],
) -> None:
    text = json.dumps(value)
    spec = _load(text)
    _load(text, lenient=True)
    _load(text, validate=True)
    if spec is not None:
        _compare_all(spec)


@pytest.mark.parametrize("fixed", sorted(FIXED_DIFF_CRASHES), ids=lambda fixed: fixed[1])
def test_diff__former_crash__compares_cleanly(fixed: tuple[str, str]) -> None:
    spec = load_spec_text(json.dumps(FIXED_DIFF_CRASHES[fixed]), file="spec.json")
    _compare_both_ways(spec)


_LOCATED = re.compile(r"^error: .*?(?::\d+:\d+: |\(at /)", re.MULTILINE)
CLI_RUNS = (
    ("validate", "{spec}"),
    ("validate", "--lenient", "{spec}"),
    ("diff", "--today", "2025-01-01", "base.json", "{spec}"),
    ("diff", "--today", "2025-01-01", "--format", "json", "{spec}", "base.json"),
)
"""What the console script runs: ``validate`` with its semantic checks (the OpenAPI
validator's own code on broken documents), and ``diff`` both ways with two report formats."""


@pytest.fixture(scope="module")
def cli_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the valid base; each example writes its spec beside it."""
    folder = tmp_path_factory.mktemp("malformed-cli")
    (folder / "base.json").write_text(json.dumps(_base()))
    return folder


def _run_cli(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(value=malformed_documents(), yaml_syntax=st.booleans())
def test_cli__malformed_spec__exits_0_1_or_a_located_2(
    cli_folder: Path, value: dict[str, Any], yaml_syntax: bool
) -> None:
    """Through ``versioning.cli.main``, as a user runs it: never exit 3, never a traceback."""
    name = "spec.yaml" if yaml_syntax else "spec.json"
    text = json.dumps(value, indent=1)  # JSON is YAML too: the YAML reader reads it
    spec = cli_folder / name
    spec.write_text(text)
    with contextlib.chdir(cli_folder):
        for run in CLI_RUNS:
            argv = [part.format(spec=name) for part in run]
            code, err = _run_cli(argv)
            assert code in (0, 1, 2), f"{argv}: exit {code}\n{err[-2000:]}"
            assert "Traceback" not in err, err[-2000:]
            if code == 2:
                assert _LOCATED.search(err), f"{argv}: unlocated error\n{err[-2000:]}"
