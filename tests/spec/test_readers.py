"""YAML and JSON reading: JSON-compatible values, strictness and source positions."""

from __future__ import annotations

import math

import pytest

from versioning.errors import SpecLimitError, SpecSyntaxError
from versioning.spec.json_reader import read_json
from versioning.spec.yaml_reader import read_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-15", "2024-01-15"),  # YAML 1.1 would give a date
        ("yes", "yes"),  # YAML 1.1 would give True
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("12", 12),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("1_000", "1_000"),
        ("'12'", "12"),
        ('"true"', "true"),
        ("012", 12),
    ],
)
def test_yaml_scalar__plain_or_quoted__follows_yaml_12_core_schema(
    text: str, expected: object
) -> None:
    value, _ = read_yaml(f"k: {text}\n", file="t.yaml")
    assert value == {"k": expected}
    assert type(value["k"]) is type(expected)


def test_yaml_scalar__special_floats__become_floats() -> None:
    value, _ = read_yaml("a: .inf\nb: -.Inf\nc: .nan\n", file="t.yaml")
    assert value["a"] == math.inf
    assert value["b"] == -math.inf
    assert math.isnan(value["c"])


def test_yaml_keys__numbers_and_booleans__become_their_text() -> None:
    value, _ = read_yaml("200: ok\ntrue: x\n1.5: y\n", file="t.yaml")
    assert value == {"200": "ok", "true": "x", "1.5": "y"}


def test_yaml_positions__nested_keys__point_at_the_key() -> None:
    text = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      summary: hi\n  /b: {}\nlist:\n  - x\n  - y: 1\n"
    _, positions = read_yaml(text, file="t.yaml")
    assert positions.locate(["paths", "/a", "get", "summary"]) == (5, 7, 4)
    assert positions.locate(["paths", "/b"]) == (6, 3, 2)
    assert positions.locate(["list", "1", "y"]) == (9, 5, 3)
    assert positions.locate(["paths", "/missing", "get"]) == (2, 1, 1)
    assert positions.locate([]) == (1, 1, 0)


def test_yaml_aliases__modest_reuse__are_expanded_as_copies() -> None:
    value, _ = read_yaml("a: &x {k: [1, 2]}\nb: *x\n", file="t.yaml")
    assert value["a"] == value["b"] == {"k": [1, 2]}
    assert value["a"] is not value["b"]


def test_yaml_merge_key__explicit_keys_win() -> None:
    value, _ = read_yaml("base: &b {p: 1, q: 2}\nd:\n  <<: *b\n  q: 3\n", file="t.yaml")
    assert value["d"] == {"p": 1, "q": 3}


def test_yaml_duplicate_key__anywhere__is_refused_at_the_second_key() -> None:
    with pytest.raises(SpecSyntaxError, match="duplicate key 'b'") as caught:
        read_yaml("a:\n  b: 1\n  c: 2\n  b: 3\n", file="t.yaml")
    assert caught.value.location is not None
    assert (caught.value.location.line, caught.value.location.column) == (4, 3)


def test_yaml_nesting__beyond_limit__is_a_limit_error() -> None:
    with pytest.raises(SpecLimitError):
        read_yaml("a: " + "[" * 3000 + "]" * 3000, file="t.yaml")


def test_json_duplicate_key__is_refused_with_its_line() -> None:
    with pytest.raises(SpecSyntaxError, match="duplicate key 'x'") as caught:
        read_json('{\n  "a": {"x": 1,\n        "x": 2}\n}', file="t.json")
    assert caught.value.location is not None
    assert caught.value.location.line == 3


def test_json_syntax_error__reports_line_and_column() -> None:
    with pytest.raises(SpecSyntaxError, match="invalid JSON") as caught:
        read_json('{\n  "a": 1,\n  "b": tru\n}', file="t.json")
    assert caught.value.location is not None
    assert caught.value.location.line == 3


def test_json_positions__keys_and_array_items__are_found_lazily() -> None:
    text = '{\n  "paths": {\n    "/a": {"get": {"tags": ["x", {"y": 2}]}}\n  },\n  "n": 1\n}'
    _, positions = read_json(text, file="t.json")
    assert positions.locate(["paths", "/a", "get"]) == (3, 12, 3)
    assert positions.locate(["paths", "/a", "get", "tags", "1", "y"]) == (3, 35, 6)
    assert positions.locate(["n"]) == (5, 3, 1)
    assert positions.locate(["paths", "nope"]) == (2, 3, 1)


def test_json_positions__escaped_keys_and_strings__do_not_confuse_the_scan() -> None:
    text = '{"a\\"b": "}{][,:", "c": ["\\u00e9", "x"], "d": {"e": true}}'
    _, positions = read_json(text, file="t.json")
    assert positions.locate(['a"b']) == (1, 2, 1)
    assert positions.locate(["d", "e"]) == (1, 48, 2)
