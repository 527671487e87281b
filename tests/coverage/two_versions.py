"""A two-version catalog written from two OpenAPI documents, and its coverage verdicts."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

from versioning.catalog import load_catalog
from versioning.checker import CheckOptions, compare
from versioning.cli.check_command import catalog_gates

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from versioning.coverage import CoverageGate
    from versioning.findings import Finding

OLDER, NEWER = "2024-01-01", "2025-01-01"
VERSIONS = (
    f'default_version: "{NEWER}"\nversions:\n'
    f'  - {{id: "{OLDER}", released: "{OLDER}"}}\n  - {{id: "{NEWER}", released: "{NEWER}"}}\n'
)


def write_two(
    folder: Path, older: dict[str, Any], newer: dict[str, Any], changes: str = "changes: []\n"
) -> Path:
    """``folder`` holding the two documents (JSON is YAML), ``versions.yaml`` and changes."""
    if folder.exists():
        shutil.rmtree(folder)
    for version, document in ((OLDER, older), (NEWER, newer)):
        (folder / version).mkdir(parents=True)
        stamped = {**document, "info": {**document.get("info", {}), "version": version}}
        (folder / version / "openapi.yaml").write_text(json.dumps(stamped, indent=1))
    (folder / NEWER / "changes.yaml").write_text(changes)
    (folder / "versions.yaml").write_text(VERSIONS)
    return folder


def judged(folder: Path, today: dt.date) -> tuple[CoverageGate, list[Finding]]:
    """The gate of the catalog's one step and its findings, errors judged."""
    [gate] = catalog_gates(load_catalog(folder))
    findings = compare(gate.hop.older, gate.hop.newer, options=CheckOptions(today=today))
    return gate, [gate.judge(f) if f.level == "error" else f for f in findings]


def changes_with(steps: list[str]) -> str:
    """A ``changes.yaml`` with one change holding ``steps`` (YAML list items, as drafted)."""
    body = "\n".join("      " + line for step in steps for line in step.splitlines())
    return f"changes:\n  - description: Drafted.\n    steps:\n{body}\n"
