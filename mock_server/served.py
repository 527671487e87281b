"""What ``versiongate serve`` serves: a catalog folder, or one OpenAPI document as a catalog."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal, TypeAlias

from versioning.catalog import CATALOG_FILE, Catalog, VersionInfo, load_catalog
from versioning.errors import UsageError
from versioning.spec.loader import load_spec
from versioning.spec.location import Location

__all__ = ["ServeMode", "is_sandbox_catalog", "load_served_catalog"]

ServeMode: TypeAlias = Literal["auto", "sandbox", "generic"]

SANDBOX_OPERATIONS = frozenset(
    {
        "POST /checkouts",
        "GET /checkouts/{checkout_id}",
        "POST /transactions",
        "GET /transactions",
        "GET /transactions/{transaction_id}",
        "POST /transactions/{transaction_id}/capture",
        "POST /transactions/{transaction_id}/void",
        "POST /transactions/{transaction_id}/refund",
    }
)
"""The head operations the domain sandbox implements (the bundled API)."""


def load_served_catalog(target: str | Path) -> Catalog:
    """A catalog folder (with ``versions.yaml``) or a single OpenAPI document.

    A single document becomes a one-version catalog whose version id is its
    ``info.version``, released on 1970-01-01 and never deprecated.

    Raises:
        UsageError: ``target`` does not exist.
        CatalogError: The catalog is inconsistent.
        SpecError: A document cannot be loaded.
    """
    path = Path(target)
    if path.is_dir():
        if not (path / CATALOG_FILE).is_file():
            raise UsageError(
                f"{path} has no {CATALOG_FILE}: pass a catalog folder or an OpenAPI document",
                location=Location(file=str(path / CATALOG_FILE), line=1, column=1),
            )
        return load_catalog(path)
    if not os.path.lexists(path):  # a FIFO or a link loop is the loader's to refuse, located
        raise UsageError(f"{path} does not exist: pass a catalog folder or an OpenAPI document")
    spec = load_spec(path, missing_refs="warn")
    version_id = (spec.version or "1").strip() or "1"
    version = VersionInfo(
        id=version_id,
        released=dt.date(1970, 1, 1),
        deprecated=None,
        sunset=None,
        spec_path=path.resolve(),
        location=Location(file=str(path), line=1, column=1),
    )
    return Catalog(
        folder=path.parent,
        file=str(path),
        version_header="API-Version",
        default_version=version_id,
        versions=(version,),
        specs={version_id: spec},
    )


def is_sandbox_catalog(catalog: Catalog) -> bool:
    """Whether the head version is the bundled API, which the domain sandbox implements."""
    head = catalog.specs[catalog.head.id]
    keys = {operation.key for operation in head.operations}
    basic = any(
        scheme.type == "http" and (scheme.scheme or "").lower() == "basic"
        for scheme in head.security_schemes.values()
    )
    return keys >= SANDBOX_OPERATIONS and basic
