"""``versiongate serve --credential``: refused before anything starts when it cannot apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.server.conftest import API_SPECS
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

SPEC = """
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
"""


def test_serve__credential_for_a_scheme_the_spec_lacks__exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(SPEC)
    assert main(["serve", str(path), "--credential", "basic=u:p"]) == 2
    assert "no basic scheme" in capsys.readouterr().err


def test_serve__credential_in_sandbox_mode__exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(API_SPECS), "--credential", "basic=u:p"]) == 2
    assert "generic mode" in capsys.readouterr().err
