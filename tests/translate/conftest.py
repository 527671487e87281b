"""Shared fixtures: the bundled catalog and its translator, loaded once per session."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from versioning.catalog import Catalog, load_catalog
from versioning.translate import Translator

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "api_specs"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(BUNDLED)


@pytest.fixture(scope="session")
def translator(catalog: Catalog) -> Translator:
    counter = itertools.count(1)
    return Translator.from_catalog(
        catalog, generators={"uuid4": lambda: f"generated-{next(counter)}"}
    )
