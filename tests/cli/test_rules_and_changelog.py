"""``versiongate rules`` and ``versiongate changelog`` end to end."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.cli.fake_checker import FAKE_RULES
from tests.cli.specs import write_spec
from versioning.cli.main import main
from versioning.report.rule_index import TIMELINE_RULES

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.usefixtures("fake_engine")


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_rules__json__every_rule_with_its_doc(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0
    assert [rule["id"] for rule in rules] == sorted(
        info.id for info in (*FAKE_RULES, *TIMELINE_RULES)
    )
    assert all(rule["doc"].startswith("What changed:") for rule in rules)


def test_rules__pattern__only_matching_rules_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "catalog-*")
    assert code == 0
    assert "catalog-version-removed (error, none, catalog/lifecycle)" in out
    assert "endpoint-removed" not in out
    assert out.rstrip().endswith(f"{len(TIMELINE_RULES)} rules")


def test_rules__markdown__table_and_a_section_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "rules", "--format", "markdown")
    assert "| [`endpoint-removed`](#endpoint-removed) | error |" in out
    assert "\n## catalog-version-inserted\n" in out


def test_rules__pattern_matching_nothing__exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "rules", "no-such-*")
    assert code == 2
    assert "no rule matches 'no-such-*'" in err


def test_changelog__changes__grouped_by_operation_breaking_first_info_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path / "a.yaml", "1", {"GET /items": ["cursor"], "GET /legacy": []})
    write_spec(tmp_path / "b.yaml", "2", {"GET /items": [], "POST /items": []})
    code, out, _ = _run(capsys, "changelog", "a.yaml", "b.yaml")
    assert code == 0  # a changelog is a document, not a gate
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## `GET /legacy`", "## `GET /items`", "## `POST /items`"]
    assert "- **Breaking:** Endpoint removed" in out
    assert "- **Warning:** Request parameter 'cursor' removed" in out
    assert "- Endpoint added" in out
    assert "1 breaking change, 1 warning and 1 other change in 3 operations." in out


def test_changelog__no_changes__says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_spec(tmp_path / "a.yaml", "1", {"GET /items": []})
    _, out, _ = _run(capsys, "changelog", str(spec), str(spec), "--output", str(tmp_path / "c.md"))
    assert out == ""
    assert "No changes." in (tmp_path / "c.md").read_text(encoding="utf-8")
