"""The bundled catalog's site, rendered once for the module tests that read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from versioning.catalog import Catalog, load_catalog
from versioning.changelog_site import render_site
from versioning.cli.changelog_command import changes_of_catalog
from versioning.config import Config
from versioning.report.changelog_format import VersionChanges  # noqa: TC001 - fixtures

API = Path(__file__).resolve().parents[2] / "api_specs"
TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="session")
def bundled() -> Catalog:
    return load_catalog(API)


@pytest.fixture(scope="session")
def entries(bundled: Catalog) -> tuple[VersionChanges, ...]:
    return tuple(changes_of_catalog(bundled, config=Config(), today=TODAY))


@pytest.fixture(scope="session")
def site(bundled: Catalog, entries: tuple[VersionChanges, ...]) -> dict[str, str]:
    return render_site(bundled, entries, today=TODAY)
