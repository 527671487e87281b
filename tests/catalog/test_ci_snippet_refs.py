"""The CI snippets name only refs that exist: a version tag must be a released CHANGELOG section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNIPPET_FILES = ("README.md", "docs/checker.md", ".pre-commit-hooks.yaml")
_REF = re.compile(r"(?:\brev:\s*|versiongate/versiongate@)(v?\d+\.\d+\.\d+)\b")
_RELEASED = re.compile(r"^## \[(\d+\.\d+\.\d+)\]", re.MULTILINE)


@pytest.mark.parametrize("name", SNIPPET_FILES)
def test_ci_snippets__version_ref__is_a_release_in_the_changelog(name: str) -> None:
    released = set(_RELEASED.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")))
    named = _REF.findall((ROOT / name).read_text(encoding="utf-8"))
    missing = [ref for ref in named if ref.removeprefix("v") not in released]
    assert not missing, f"{name} names {', '.join(missing)}: CHANGELOG.md has no such release"
