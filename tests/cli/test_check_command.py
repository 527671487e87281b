"""``versiongate check`` end to end: timeline, adjacent versions, and ``--base REF``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.cli.gitrepo import commit_all, init_repository
from tests.cli.specs import write_catalog, write_spec
from versioning.cli.main import main

pytestmark = pytest.mark.usefixtures("fake_engine")

V1 = {"GET /items": ["limit"], "GET /legacy": []}
V2 = {"GET /items": ["limit"], "GET /legacy": [], "POST /items": []}  # additive


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose committed catalog has two compatible published versions."""
    repository = init_repository(tmp_path / "repo")
    write_catalog(repository / "api", {"2024-01-01": V1, "2024-06-01": V2})
    commit_all(repository, "publish two versions")
    monkeypatch.chdir(repository)
    return repository


def test_check__compatible_catalog__timeline_then_clean_report(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "check", "api", "--today", "2025-01-01")
    assert code == 0
    assert out.startswith("api/versions.yaml: 2 versions")
    assert "2024-01-01 → 2024-06-01" in out
    assert "no breaking changes" in out


def test_check__breaking_step_between_versions__uncovered_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalog(tmp_path / "api", {"2024-01-01": V1, "2024-06-01": {"GET /items": ["limit"]}})
    code, out, _ = _run(capsys, "check", "api", "--today", "2025-01-01")
    assert code == 1
    assert "GET /legacy" in out
    assert "[uncovered: the declared changes do not translate it]" in out
    assert "suggested step: [1] below" in out
    after = out[out.index("suggested steps for 2024-06-01/changes.yaml") :]
    assert "- step: acknowledged" in after
    assert 'operations: ["GET /legacy"]' in after


def test_check__uncovered_step__json_suggested_step_is_yaml_for_changes_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalog(tmp_path / "api", {"2024-01-01": V1, "2024-06-01": {"GET /items": ["limit"]}})
    code, out, _ = _run(capsys, "check", "api", "--today", "2025-01-01", "-f", "json")
    [finding] = json.loads(out)["comparisons"][0]["findings"]
    assert code == 1
    assert finding["coverage"] == "uncovered"
    [step] = yaml.safe_load(finding["suggested_step"])
    assert step["step"] == "acknowledged"
    assert step["operations"] == ["GET /legacy"]


def test_check__json_format__timeline_moves_to_stderr(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "check", "api", "--today", "2025-01-01", "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert [c["kind"] for c in document["comparisons"]] == ["adjacent"]
    assert "2 versions" in err


def test_check_base__published_spec_changed_additively__passes(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_catalog(published / "api", {"2024-01-01": {**V1, "DELETE /items": []},
                                       "2024-06-01": {**V2, "DELETE /items": []}})  # fmt: skip
    code, out, _ = _run(capsys, "check", "api", "--base", "HEAD", "--today", "2025-01-01")
    assert code == 0, out
    assert "published 2024-01-01 at HEAD → working tree (additive changes only)" in out


def test_check_base__published_spec_narrowed__fails_even_on_a_warning(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Removing a parameter is only a warning between versions, but a published spec may not
    # change other than additively.
    write_spec(published / "api" / "2024-01-01" / "openapi.yaml", "2024-01-01",
               {"GET /items": [], "GET /legacy": []})  # fmt: skip
    code, out, _ = _run(capsys, "check", "api", "--base", "HEAD", "--today", "2025-01-01",
                        "--format", "json")  # fmt: skip
    assert code == 1
    published_runs = [c for c in json.loads(out)["comparisons"] if c["kind"] == "published"]
    (run,) = published_runs
    assert run["base"] == "2024-01-01 at HEAD"
    (finding,) = run["findings"]
    assert finding["blocking"] is True
    assert finding["base"]["file"] == "git:HEAD:api/2024-01-01/openapi.yaml"
    assert finding["revision"]["file"] == "api/2024-01-01/openapi.yaml"


def test_check_base__unreleased_version_changed__free_to_change(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_spec(published / "api" / "2024-06-01" / "openapi.yaml", "2024-06-01",
               {"GET /items": [], "GET /legacy": [], "POST /items": []})  # fmt: skip
    code, _, _ = _run(capsys, "check", "api", "--base", "HEAD", "--today", "2024-05-01")
    assert code == 0


def test_check_base__version_removed__timeline_error(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_catalog(published / "api", {"2024-06-01": V2})
    code, out, _ = _run(capsys, "check", "api", "--base", "HEAD", "--today", "2025-01-01")
    assert code == 1
    assert "catalog-version-removed" in out
    assert "git:HEAD:api/versions.yaml:2:5" in out


def test_check_base__version_inserted_before_published__timeline_error(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_catalog(published / "api", {"2024-01-01": V1, "2024-03-01": V1, "2024-06-01": V2})
    code, out, _ = _run(capsys, "check", "api", "--base", "HEAD", "--today", "2025-01-01")
    assert code == 1
    assert "new version 2024-03-01 is inserted before the published version 2024-06-01" in out


def test_check_base__version_appended__passes(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_catalog(published / "api", {"2024-01-01": V1, "2024-06-01": V2, "2025-01-01": V2})
    code, out, _ = _run(capsys, "check", "api", "--base", "HEAD", "--today", "2025-02-01")
    assert code == 0, out


def test_check_base__catalog_missing_at_revision__exit_2(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_catalog(published / "other", {"2024-01-01": V1})
    code, _, err = _run(capsys, "check", "other", "--base", "HEAD")
    assert code == 2
    assert "other does not exist at HEAD" in err


def test_check__missing_folder__exits_2_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "check", str(tmp_path))
    assert code == 2
    assert err.startswith(f"error: {tmp_path / 'versions.yaml'}:1:1: no versions.yaml")


BUNDLED = Path(__file__).resolve().parents[2] / "api_specs"


def test_check__bundled_catalog__one_comparison_per_step_with_declared_coverage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "check", str(BUNDLED), "--today", "2026-11-25", "-f", "json")
    document = json.loads(out)
    assert "5 versions" in err
    assert "2023-03-01        sunset" in err
    steps = [(c["base"], c["revision"]) for c in document["comparisons"]]
    assert steps == [
        ("2023-03-01", "2024-01-15"),
        ("2024-01-15", "2024-09-01"),
        ("2024-09-01", "2025-06-30"),
        ("2025-06-30", "2026-02-01"),
    ]
    assert code == document["exit_code"]
    # The declared changes settle breaks: e.g. /charges leaving in 2025-06-30 is a declared move.
    covered = [
        finding["covered_by"]
        for comparison in document["comparisons"]
        for finding in comparison["findings"]
        if finding["coverage"] == "covered"
    ]
    assert covered
    assert all("changes.yaml:" in step for step in covered)


def test_check__break_acknowledged_in_changes_yaml__shown_but_not_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalog(tmp_path / "api", {"2024-01-01": V1, "2024-06-01": {"GET /items": ["limit"]}})
    (tmp_path / "api" / "2024-06-01" / "changes.yaml").write_text(
        "changes:\n  - description: GET /legacy is retired.\n    steps:\n"
        "      - step: acknowledged\n        operations: [GET /legacy]\n"
        "        reason: nobody called it for a year\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "check", "api", "--today", "2025-01-01")
    assert code == 0, out
    assert "settled by declared changes: 1 change acknowledged (1 finding)" in out
    assert "nobody called it for a year" not in out  # one summary line unless --verbose
    code, out, _ = _run(capsys, "check", "api", "--today", "2025-01-01", "--verbose")
    assert code == 0, out
    assert "[acknowledged break: nobody called it for a year]" in out
