"""Hostile examples and schemas: bounded work, findings instead of tracebacks."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tests.examples.helpers import write_spec
from versioning.examples import (
    EXAMPLE_INVALID,
    EXAMPLE_UNDECLARED_MEMBER,
    MAX_EXAMPLE_DEPTH,
    MOST_FINDINGS_PER_EXAMPLE,
    example_findings,
)
from versioning.spec.limits import Limits
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path


def _spec_with_example(tmp_path: Path, schema: dict[str, object], example: object) -> Path:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Shop", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Thing": {**schema, "examples": [example]}}},
    }
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


DEEP = Limits(max_depth=MAX_EXAMPLE_DEPTH + 200)
"""The loader refuses documents nested past 64 levels by default; these tests reach the
examples check's own bound, so they raise the loader's (as VERSIONGATE_MAX_DEPTH would)."""


def _nested(depth: int) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_example__nested_deeper_than_the_limit__is_one_finding_not_a_traceback(
    tmp_path: Path,
) -> None:
    path = _spec_with_example(tmp_path, {"type": "object"}, _nested(MAX_EXAMPLE_DEPTH + 100))

    [finding] = example_findings(load_spec(path, limits=DEEP))

    assert finding.rule == EXAMPLE_INVALID
    assert f"nests more than {MAX_EXAMPLE_DEPTH} levels deep" in finding.message
    assert finding.revision is not None
    assert finding.revision.pointer == "/components/schemas/Thing/examples/0"


def test_example__invalid_and_nested_just_under_the_limit__is_validated(tmp_path: Path) -> None:
    path = _spec_with_example(tmp_path, {"type": "object"}, _nested(MAX_EXAMPLE_DEPTH - 1))

    [finding] = example_findings(load_spec(path, limits=DEEP))

    assert finding.rule == EXAMPLE_INVALID
    assert "is not of type" in finding.message


def test_example__thousands_of_undeclared_members__lists_a_bounded_number(
    tmp_path: Path,
) -> None:
    example = {f"member_{index:05}": index for index in range(20_000)}
    path = _spec_with_example(tmp_path, {"type": "object", "properties": {"id": {}}}, example)

    found = example_findings(load_spec(path, limits=DEEP))

    assert len(found) == MOST_FINDINGS_PER_EXAMPLE + 1
    assert sum(f.rule == EXAMPLE_UNDECLARED_MEMBER for f in found) == MOST_FINDINGS_PER_EXAMPLE
    assert [f.message for f in found if f.rule == EXAMPLE_INVALID] == [
        f"examples[0] of schema 'Thing': {20_000 - MOST_FINDINGS_PER_EXAMPLE}"
        " more problems not listed"
    ]


def test_example__schema_pattern_is_not_a_regex__is_a_finding_not_a_traceback(
    tmp_path: Path,
) -> None:
    path = _spec_with_example(tmp_path, {"type": "string", "pattern": "("}, "text")

    [finding] = example_findings(load_spec(path, limits=DEEP))

    assert finding.rule == EXAMPLE_INVALID
    assert ": cannot be checked: " in finding.message


def test_example__recursive_schema_and_deep_valid_value__gives_no_finding(
    tmp_path: Path,
) -> None:
    body = """\
    paths: {}
    components:
      schemas:
        Node:
          type: object
          properties:
            child: {$ref: '#/components/schemas/Node'}
          examples:
            - %s
    """
    nested = "{}"
    for _ in range(150):
        nested = "{child: " + nested + "}"
    path = write_spec(tmp_path, body % nested)

    assert example_findings(load_spec(path, limits=DEEP)) == []
