"""``versiongate rules`` and ``versiongate changelog`` end to end."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.cli.fake_checker import FAKE_RULES
from tests.cli.specs import write_catalog, write_spec
from versioning.cli.main import main
from versioning.examples.rules import EXAMPLE_RULES
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
        info.id for info in (*FAKE_RULES, *TIMELINE_RULES, *EXAMPLE_RULES)
    )
    assert all(rule["doc"].startswith("What changed:") for rule in rules)


def test_rules__pattern__only_matching_rules_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "catalog-*")
    assert code == 0
    assert "catalog-version-removed (error, none, catalog/lifecycle)" in out
    assert "endpoint-removed" not in out
    assert out.rstrip().endswith(
        f"{sum(r.id.startswith('catalog-') for r in TIMELINE_RULES)} rules"
    )


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


def _catalog_with_changes(folder: Path) -> Path:
    """Three versions: ``cursor`` removed (declared), then ``/legacy`` removed (acknowledged)."""
    write_catalog(folder, {
        "2024-01-01": {"GET /items": ["cursor"], "GET /legacy": []},
        "2024-06-01": {"GET /items": [], "GET /legacy": []},
        "2024-12-01": {"GET /items": [], "POST /items": []},
    })  # fmt: skip
    (folder / "2024-06-01" / "changes.yaml").write_text(
        "changes:\n  - description: >-\n      The `cursor` parameter\n      is gone.\n"
        "    steps:\n      - {step: parameter_removed, name: cursor, in: query}\n",
        encoding="utf-8",
    )
    (folder / "2024-12-01" / "changes.yaml").write_text(
        "changes:\n  - description: '`/legacy` is retired; use `/items`.'\n    steps:\n"
        "      - {step: acknowledged, reason: nobody calls it, operations: [GET /legacy]}\n",
        encoding="utf-8",
    )
    return folder


def test_changelog__catalog__each_version_newest_first_descriptions_then_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _catalog_with_changes(tmp_path / "api")
    code, out, _ = _run(capsys, "changelog", "api")
    assert code == 0
    assert out.startswith("# Changelog of `api`\n")
    versions = [line for line in out.splitlines() if line.startswith("## ")]
    assert versions == ["## 2024-12-01", "## 2024-06-01", "## 2024-01-01"]
    newest = out[out.index("## 2024-12-01") : out.index("## 2024-06-01")]
    declared = newest.index("### Declared changes from 2024-06-01\n\n- `/legacy` is retired;")
    assert declared < newest.index("### Every change from 2024-06-01")
    assert (
        "- **Breaking:** Endpoint removed _(not translated for older versions: nobody calls it)_"
        in newest
    )
    assert "- Endpoint added" in newest
    middle = out[out.index("## 2024-06-01") : out.index("## 2024-01-01")]
    assert "- The `cursor` parameter is gone.\n" in middle  # a folded description, one bullet
    assert "- **Warning:** Request parameter 'cursor' removed" in middle
    assert out.rstrip().endswith("Released 2024-01-01.\n\nFirst release.")


def test_changelog__catalog_version_without_changes_file__none_declared_changes_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _catalog_with_changes(tmp_path / "api")
    (folder / "2024-06-01" / "changes.yaml").unlink()
    _, out, _ = _run(capsys, "changelog", str(folder), "-o", str(tmp_path / "CHANGES.md"))
    written = (tmp_path / "CHANGES.md").read_text(encoding="utf-8")
    assert out == ""
    middle = written[written.index("## 2024-06-01") : written.index("## 2024-01-01")]
    assert "### Declared changes from 2024-01-01\n\nNone declared." in middle
    assert "Request parameter 'cursor' removed" in middle


def test_changelog__one_argument_not_a_folder__usage_error_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path / "a.yaml", "1", {"GET /items": []})
    code, out, err = _run(capsys, "changelog", str(spec))
    assert code == 2
    assert out == ""
    assert f"{spec} is not a catalog folder" in err


def test_changelog__catalog_with_a_broken_changes_file__error_with_its_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _catalog_with_changes(tmp_path / "api")
    (folder / "2024-06-01" / "changes.yaml").write_text(
        "changes:\n  - description: x\n    steps:\n      - {step: teleported}\n", encoding="utf-8"
    )
    code, _, err = _run(capsys, "changelog", str(folder))
    assert code == 2
    assert "2024-06-01/changes.yaml:4:" in err
    assert "unknown step" in err
