"""Small two-version catalogs written to a temporary folder, for step-by-step tests."""

from __future__ import annotations

import copy
import json
import textwrap
from typing import TYPE_CHECKING, Any

from versioning.catalog import load_catalog
from versioning.translate import Translator

if TYPE_CHECKING:
    from pathlib import Path

OLDER = "2024-01-01"
NEWER = "2024-06-01"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def spec(version: str, schemas: dict[str, Any], paths: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Test API", "version": version},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def write_catalog(
    folder: Path,
    older: dict[str, Any],
    newer: dict[str, Any],
    changes: str,
    converters: str = "",
) -> Path:
    """Write ``versions.yaml``, both specs, ``NEWER/changes.yaml`` and ``conv.py``."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = "".join(
        f'  - id: "{version}"\n    released: "{version}"\n    spec: {version}/openapi.json\n'
        for version in (OLDER, NEWER)
    )
    (folder / "versions.yaml").write_text(f"versions:\n{entries}", encoding="utf-8")
    for version, document in ((OLDER, older), (NEWER, newer)):
        (folder / version).mkdir(exist_ok=True)
        (folder / version / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    (folder / NEWER / "changes.yaml").write_text(textwrap.dedent(changes), encoding="utf-8")
    if converters:
        (folder / "conv.py").write_text(textwrap.dedent(converters), encoding="utf-8")
    return folder


def translator(folder: Path, **options: Any) -> Translator:
    return Translator.from_catalog(load_catalog(folder), **options)


def frozen_copy(value: Any) -> Any:
    """A deep copy to compare an input with after translating it (nothing may mutate it)."""
    return copy.deepcopy(value)
