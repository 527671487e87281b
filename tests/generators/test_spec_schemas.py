"""The generator checks itself on real documents.

Every component schema of the bundled catalog and of the shared real-world specs gets values
that validate (the project's one validator, :mod:`versioning.messages`: JSON Schema 2020-12
by jsonschema-rs, formats on), and the schemas it cannot serve are listed, never skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from compat_tests.survey import SchemaOutcome, survey_schemas
from versioning.catalog import load_catalog
from versioning.messages import MessageValidator
from versioning.spec.loader import load_spec
from versioning.translate.schemas import reachable_components

if TYPE_CHECKING:
    from versioning.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "specs"
FIXTURES = Path(__file__).parent / "fixtures"


def _examples() -> int:
    """A few values per schema: 2 in the ``dev`` profile, 10 in ``ci``."""
    profile = settings.default
    return max(2, (profile.max_examples if profile is not None else 20) // 10)


def _problems(outcomes: list[SchemaOutcome]) -> dict[str, str]:
    return {outcome.pointer: outcome.outcome for outcome in outcomes if outcome.outcome != "ok"}


def _invalid(outcomes: list[SchemaOutcome]) -> list[str]:
    return [f"{o.pointer}: {o.detail}" for o in outcomes if o.outcome == "invalid"]


@pytest.mark.parametrize("direction", ["request", "response"])
def test_survey__bundled_catalog__every_schema_generates_valid_values(direction: str) -> None:
    catalog = load_catalog(ROOT / "api_specs")
    for version, spec in catalog.specs.items():
        outcomes = survey_schemas(spec, direction=direction, examples=_examples())  # type: ignore[arg-type]
        assert len(outcomes) == len(spec.schemas)
        assert _problems(outcomes) == {}, version


SHARED_DOCUMENTS = sorted(SHARED.glob("*/*.json")) if SHARED.is_dir() else []
# Only Square marks properties readOnly/writeOnly, so only there does the request direction
# generate differently; the others are surveyed as responses.
REQUEST_DIRECTION_TOO = {"api.json"}
# What the generator cannot serve in the shared documents, by pointer. Empty today: a schema
# appearing here is a regression unless the document changed.
EXPECTED_PROBLEMS: dict[str, dict[str, str]] = {}


def _with_read_write_flags(spec: Spec) -> list[str]:
    """Schemas that reach a readOnly/writeOnly property: the only ones a direction changes."""
    flagged = {
        name
        for name, schema in spec.schemas.items()
        if '"readOnly"' in json.dumps(schema) or '"writeOnly"' in json.dumps(schema)
    }
    return [
        name
        for name in spec.schemas
        if reachable_components(spec, [{"$ref": f"#/components/schemas/{name}"}]) & flagged
    ]


def _shared_cases() -> list[tuple[Path, str]]:
    cases = [(path, "response") for path in SHARED_DOCUMENTS]
    cases += [(path, "request") for path in SHARED_DOCUMENTS if path.name in REQUEST_DIRECTION_TOO]
    return cases


@pytest.mark.skipif(not SHARED_DOCUMENTS, reason=f"the shared real-world specs are not at {SHARED}")
@pytest.mark.parametrize(
    ("path", "direction"),
    _shared_cases(),
    ids=lambda value: f"{value.parent.name}/{value.name}" if isinstance(value, Path) else value,
)
def test_survey__shared_spec__every_schema_generates_valid_values(
    path: Path, direction: str
) -> None:
    spec = load_spec(path, missing_refs="warn")
    outcomes = survey_schemas(spec, direction=direction, examples=_examples())  # type: ignore[arg-type]
    assert len(outcomes) == len(spec.schemas)
    assert _invalid(outcomes) == []
    assert _problems(outcomes) == EXPECTED_PROBLEMS.get(path.name, {})


def test_survey__awkward_schemas__are_listed_with_their_outcome() -> None:
    spec = load_spec(FIXTURES / "awkward.yaml")
    outcomes = {o.pointer.rsplit("/", 1)[1]: o for o in survey_schemas(spec, examples=5)}
    assert {name: o.outcome for name, o in outcomes.items()} == {
        "Fine": "ok",
        "NoInteger": "unsatisfiable",
        "Contradiction": "unsatisfiable",
        "ForbiddenRequired": "unsatisfiable",
        "UnicodeClass": "cannot-generate",
        "EndlessList": "cannot-generate",
        "NeedleInHaystack": "cannot-generate",
    }
    assert "no integer lies between 1 and 2" in outcomes["NoInteger"].detail
    assert "not a regex we can read" in outcomes["UnicodeClass"].detail
    assert "recurses" in outcomes["EndlessList"].detail


def test_survey__broken_value__is_reported_invalid_not_ok() -> None:
    """The oracle is not vacuous: a schema whose values we misjudge shows up as invalid."""
    spec = load_spec(FIXTURES / "awkward.yaml")
    validator = MessageValidator(spec)
    schema = {"$ref": "#/components/schemas/Fine"}
    assert not validator.value_problems(
        schema, {"id": "0b6c9f0e-8f1e-4a57-9b0e-2f4d3c1a7e55"}, "response"
    )
    assert validator.value_problems(schema, {"id": "not-a-uuid"}, "response")
    assert validator.value_problems(schema, {}, "response")
