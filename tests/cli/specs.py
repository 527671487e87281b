"""Small OpenAPI documents and catalogs written to disk for the command-line tests."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


def spec_text(version: str, operations: dict[str, list[str]]) -> str:
    """A document with ``{"GET /items": ["limit"]}``: operations and their query parameters."""
    paths: dict[str, dict[str, Any]] = {}
    for key, parameters in operations.items():
        method, path = key.split(" ", 1)
        paths.setdefault(path, {})[method.lower()] = {
            "operationId": f"{method.lower()}{path.replace('/', '_')}",
            "parameters": [
                {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
                for name in parameters
            ],
            "responses": {"200": {"description": "ok"}},
        }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Shop", "version": version},
        "paths": paths,
    }
    return json.dumps(document, indent=2) + "\n"


def write_spec(path: Path, version: str, operations: dict[str, list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(spec_text(version, operations), encoding="utf-8")
    return path


def write_catalog(folder: Path, versions: dict[str, dict[str, list[str]]]) -> Path:
    """A catalog folder: versions.yaml and one spec per version (ids are ISO dates)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["versions:"]
    for version, operations in versions.items():
        lines += [f'  - id: "{version}"', f'    released: "{version}"']
        write_spec(folder / version / "openapi.yaml", version, operations)
    (folder / "versions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
