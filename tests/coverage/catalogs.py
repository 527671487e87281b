"""Copies of the bundled catalog with one designer's edit, for coverage scenarios."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from versioning.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "api_specs"
HEAD = "2026-02-01"
TODAY = "2026-11-25"


def copy_catalog(tmp_path: Path) -> Path:
    """A private copy of the bundled catalog (converters included)."""
    folder = tmp_path / "api_specs"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def edit(path: Path, old: str, new: str, *, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in ``path`` exactly ``count`` times (asserted)."""
    text = path.read_text()
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new))


def append_change(folder: Path, version: str, steps_yaml: str, description: str = "Test.") -> None:
    """Append a change with ``steps_yaml`` (a YAML list, indented 6) to a version's changes."""
    path = folder / version / "changes.yaml"
    text = path.read_text().rstrip("\n")
    path.write_text(
        f"{text}\n\n  - description: {description}\n    steps:\n{steps_yaml.rstrip()}\n"
    )


def check_json(folder: Path, capsys: Any, *extra: str) -> tuple[int, dict[str, Any]]:
    """Run ``versiongate check --format json`` on ``folder``; the exit code and the report."""
    code = main(["check", str(folder), "--format", "json", "--today", TODAY, *extra])
    return code, json.loads(capsys.readouterr().out)


def findings_of(
    report: dict[str, Any], rule: str, operation: str | None = None, *, revision: str = HEAD
) -> list[Any]:
    """Every finding of ``rule`` (on ``operation``) in the step to ``revision`` of the report."""
    return [
        finding
        for comparison in report["comparisons"]
        if comparison["kind"] == "adjacent" and comparison["revision"] == revision
        for finding in comparison["findings"]
        if finding["rule"] == rule and (operation is None or finding["operation"] == operation)
    ]
