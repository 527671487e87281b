"""Helpers for the example-check tests: specs written as YAML text, lines found by content."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from versioning.examples import example_findings
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.findings import Finding
    from versioning.spec.model import Spec

HEADER = """\
openapi: 3.1.0
info: {title: Shop, version: '2026-02-01'}
"""


def write_spec(
    tmp_path: Path, body: str, *, header: str = HEADER, name: str = "openapi.yaml"
) -> Path:
    """Write ``header`` + dedented ``body`` as a spec file and return its path."""
    path = tmp_path / name
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def load(tmp_path: Path, body: str, *, header: str = HEADER) -> Spec:
    """Load a spec whose text is ``header`` + dedented ``body``."""
    return load_spec(write_spec(tmp_path, body, header=header))


def findings(tmp_path: Path, body: str, *, header: str = HEADER) -> list[Finding]:
    """``example_findings`` of the spec written from ``body``."""
    return example_findings(load(tmp_path, body, header=header))


def line_of(path: Path, needle: str, *, exact: bool = False) -> int:
    """The 1-based line of the only line of ``path`` that contains (or, exact, is) ``needle``."""
    lines = [
        n
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if (line.strip() == needle if exact else needle in line)
    ]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]


def located(finding: Finding) -> tuple[str, int]:
    """``(rule, line)`` of a finding's revision location."""
    assert finding.revision is not None
    assert finding.revision.location is not None
    return finding.rule, finding.revision.location.line
