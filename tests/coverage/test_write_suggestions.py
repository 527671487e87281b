"""``check --write-suggestions`` appends the proved drafts to changes.yaml as text."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from tests.coverage.catalogs import HEAD, TODAY, copy_catalog
from tests.coverage.test_drafts_by_kind import _older, _rename_zip
from tests.coverage.two_versions import NEWER, write_two
from versioning.changes.append import DRAFTED_DESCRIPTION
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _check(folder: Path, *extra: str) -> int:
    return main(["check", str(folder), "--today", TODAY, *extra])


def test_write_suggestions__renamed_field__appended_keeping_comments_then_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalog(tmp_path)
    spec = folder / HEAD / "openapi.yaml"
    spec.write_text(spec.read_text().replace("captured_amount", "amount_captured"))
    changes = folder / HEAD / "changes.yaml"
    before = changes.read_text()
    assert _check(folder, "--write-suggestions") == 1
    after = changes.read_text()
    assert after.startswith(before.rstrip("\n"))  # comments and layout kept
    assert DRAFTED_DESCRIPTION in after
    assert after.count("step: field_renamed") == 1  # six findings, one change
    assert "appended a change with 1 drafted step" in capsys.readouterr().err
    assert _check(folder) == 1  # the placeholder description must not reach the changelog
    assert "changes-description-drafted" in capsys.readouterr().out
    changes.write_text(after.replace(DRAFTED_DESCRIPTION, "`captured_amount` is renamed."))
    assert _check(folder) == 0


def test_write_suggestions__version_without_changes_file__file_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = _older()
    newer = copy.deepcopy(older)
    _rename_zip(newer)
    folder = write_two(tmp_path / "catalog", older, newer)
    (folder / NEWER / "changes.yaml").unlink()
    assert _check(folder, "--write-suggestions") == 1
    written = (folder / NEWER / "changes.yaml").read_text()
    assert written.startswith("# Declared changes from")
    assert "step: field_renamed" in written
    capsys.readouterr()
    path = folder / NEWER / "changes.yaml"
    path.write_text(written.replace(DRAFTED_DESCRIPTION, "The zip is a postal code."))
    assert _check(folder) == 0


def test_write_suggestions__flow_style_file__left_unchanged_with_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = _older()
    newer = copy.deepcopy(older)
    _rename_zip(newer)
    flow = (
        'changes: [{description: "Notes are longer.", steps: [{step: acknowledged,'
        ' reason: "nothing", schema: OrderCreate, field: note}]}]\n'
    )
    folder = write_two(tmp_path / "catalog", older, newer, flow)
    assert _check(folder, "--write-suggestions") == 2
    assert (folder / NEWER / "changes.yaml").read_text() == flow
    err = capsys.readouterr().err
    assert "cannot append the drafted steps" in err
    assert "Traceback" not in err
