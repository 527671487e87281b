"""Properties of compare(): no change finds nothing, additive changes never find an error.

The generated specs are small (a few nested schemas, unions, ``allOf``, references) so the
properties run in well under a second each under the ``dev`` profile.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.diff.specs import spec_with
from versioning.catalog import Catalog, load_catalog
from versioning.checker import CheckOptions, compare
from versioning.spec.loader import load_spec_text

API_SPECS = Path(__file__).resolve().parents[2] / "api_specs"
OPTIONS = CheckOptions(today=None)

NAMES = st.sampled_from(["id", "amount", "currency", "status", "items", "note", "meta"])
SCALARS = st.one_of(
    st.builds(dict, type=st.just("string"), maxLength=st.integers(1, 50)),
    st.builds(dict, type=st.just("integer"), minimum=st.integers(0, 10)),
    st.builds(dict, type=st.just(["number", "null"])),
    st.builds(dict, type=st.just("string"), enum=st.lists(st.sampled_from("abcde"), min_size=1, max_size=3, unique=True)),
    st.just({"type": "boolean"}),
    st.just({"$ref": "#/components/schemas/Shared"}),
)  # fmt: skip


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(set(required) & set(properties)),
    }


SCHEMAS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.builds(lambda item: {"type": "array", "items": item}, children),
        st.builds(_object, st.dictionaries(NAMES, children, max_size=3), st.lists(NAMES, max_size=2)),
        st.lists(children, min_size=2, max_size=3).map(lambda branches: {"anyOf": branches}),
        st.lists(children, min_size=1, max_size=2).map(lambda members: {"allOf": members}),
    ),
    max_leaves=6,
)  # fmt: skip
SHARED = st.builds(_object, st.dictionaries(NAMES, SCALARS.filter(lambda s: "$ref" not in s), max_size=3),
                   st.lists(NAMES, max_size=2))  # fmt: skip


def _reordered(value: Any) -> Any:
    """The same JSON with every object's keys in reverse order."""
    if isinstance(value, dict):
        return {key: _reordered(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reordered(item) for item in value]
    return value


def _errors(base: Any, revision: Any) -> list[str]:
    return [
        f"{f.rule}: {f.message}"
        for f in compare(base, revision, options=OPTIONS)
        if f.level == "error"
    ]


@cache
def _catalog() -> Catalog:
    return load_catalog(API_SPECS)


@pytest.mark.parametrize("version", sorted(p.name for p in API_SPECS.iterdir() if p.is_dir()))
def test_bundled_spec__compared_with_itself__finds_nothing(version: str) -> None:
    spec = _catalog().specs[version]
    assert compare(spec, spec) == []


@given(body=SCHEMAS, response=SCHEMAS, shared=SHARED)
def test_generated_spec__compared_with_a_reordered_copy__finds_nothing(
    body: dict[str, Any], response: dict[str, Any], shared: dict[str, Any]
) -> None:
    base = spec_with(body, response=response, components={"Shared": shared})
    document = _reordered(base.document)
    copy = load_spec_text(json.dumps(document), file="copy.json")
    assert compare(base, copy, options=OPTIONS) == []


@given(properties=st.dictionaries(NAMES, SCHEMAS, max_size=3), required=st.lists(NAMES, max_size=2),
       added=SCHEMAS, shared=SHARED)  # fmt: skip
def test_optional_response_property_added__never_finds_an_error(
    properties: dict[str, Any], required: list[str], added: dict[str, Any], shared: dict[str, Any]
) -> None:
    before = _object(properties, required)
    after = {**before, "properties": {**properties, "added_later": added}}
    components = {"Shared": shared}
    base = spec_with({"type": "string"}, response=before, components=components)
    revision = spec_with({"type": "string"}, response=after, components=components)
    assert _errors(base, revision) == []


@given(body=SCHEMAS, response=SCHEMAS, shared=SHARED)
def test_endpoint_added__never_finds_an_error(
    body: dict[str, Any], response: dict[str, Any], shared: dict[str, Any]
) -> None:
    base = spec_with(body, response=response, components={"Shared": shared})
    document = json.loads(json.dumps(base.document))
    document["paths"]["/new-things"] = {
        "get": {
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": response}}}
            }
        }
    }
    revision = load_spec_text(json.dumps(document), file="revision.json")
    findings = compare(base, revision, options=OPTIONS)
    assert [f.rule for f in findings] == ["endpoint-added"]
