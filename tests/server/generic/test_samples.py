"""``versioning.samples``, the one generator generic mode and the coverage gate share."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import msgspec
import pytest

from versioning.samples import MOST_ELEMENTS, sample_value
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.spec.model import Spec


def _spec(tmp_path: Path, **schemas: Any) -> Spec:
    path = tmp_path / "openapi.json"
    document = {"openapi": "3.1.0", "info": {"title": "S", "version": "1"}, "paths": {}}
    document["components"] = {"schemas": schemas}
    path.write_text(json.dumps(document))
    return load_spec(path)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("^/v1/charges", "/v1/charges"), ("^cus_[a-z]+$", "cus_a"), (r"^\d+$", "0"), ("([", "string")],
)
def test_sample_value__pattern__a_text_it_matches(
    tmp_path: Path, pattern: str, expected: str
) -> None:
    spec = _spec(tmp_path, S={"type": "string", "pattern": pattern})
    assert sample_value(spec.schemas["S"], spec) == expected


def test_sample_value__nested_huge_min_items__capped_and_reported(tmp_path: Path) -> None:
    inner = {"type": "array", "minItems": 1000, "items": {"type": "string", "minLength": 1000}}
    spec = _spec(tmp_path, S={"type": "array", "minItems": 100_000_000, "items": inner})
    reasons: list[str] = []
    value = sample_value(spec.schemas["S"], spec, on_cap=reasons.append)
    assert sum(len(item) for item in value) <= MOST_ELEMENTS
    assert len(msgspec.json.encode(value)) < 2_000_000
    assert reasons == ["minItems: 100000000 capped to 1000"]


def test_sample_value__all_of_cycle__bounded_and_reported(tmp_path: Path) -> None:
    refs = [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/B"}]
    back = [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/A"}]
    spec = _spec(tmp_path, A={"allOf": refs}, B={"allOf": back})
    reasons: list[str] = []
    sample_value(spec.schemas["A"], spec, on_cap=reasons.append)
    assert "steps" in reasons[0]


def test_sample_value__examples_off__built_from_keywords(tmp_path: Path) -> None:
    spec = _spec(tmp_path, S={"type": "string", "minLength": 1, "example": ""})
    assert sample_value(spec.schemas["S"], spec) == ""
    assert sample_value(spec.schemas["S"], spec, examples=False) == "string"
