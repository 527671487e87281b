"""The API reference builds from the docstrings with pdoc, warnings as errors (issue 14).

The suite is what CI runs, so a docstring pdoc cannot render fails the build. Build it by
hand with the same command: ``.venv/bin/python -m pdoc --docformat google -o site/api
versioning versioning.rules versioning.translate …`` (or without ``-o`` to browse it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import versioning

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED = (
    "versioning",
    "versioning.catalog",
    "versioning.changes",
    "versioning.checker",
    "versioning.config",
    "versioning.errors",
    "versioning.findings",
    "versioning.rules",
    "versioning.spec",
    "versioning.translate",
    "versioning.webhooks",
    "mock_server",
    "compat_tests",
)
"""The package root and the modules its public names come from."""


def test_api_reference__pdoc__builds_without_warnings(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "pdoc",
            "--docformat",
            "google",
            "-o",
            str(tmp_path),
            *DOCUMENTED,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    page = (tmp_path / "versioning.html").read_text(encoding="utf-8")
    missing = [name for name in versioning.__all__ if f'id="{name}"' not in page]
    assert missing == []


def test_api_reference__modules__cover_every_public_name() -> None:
    sources = {versioning._MODULE_OF[name] for name in versioning.__all__}
    assert sources <= set(DOCUMENTED)
