"""The bundled catalog's examples all match their schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest

from versioning.catalog import load_catalog
from versioning.examples import example_findings, example_sites

SPECS_DIR: Final = Path(__file__).resolve().parents[2] / "api_specs"
CATALOG: Final = load_catalog(SPECS_DIR)


@pytest.mark.parametrize("version", sorted(CATALOG.specs))
def test_bundled_spec__every_example__matches_its_schema(version: str) -> None:
    spec = CATALOG.specs[version]

    assert len(example_sites(spec)) > 30  # bodies, parameters and schemas are all walked
    assert [
        f"{f.revision.location if f.revision else ''} {f.message}" for f in example_findings(spec)
    ] == []
