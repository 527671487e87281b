"""``versiongate diff`` end to end through ``main``: exit codes, formats, config, git inputs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from tests.cli.gitrepo import commit_all, init_repository
from tests.cli.specs import write_spec
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.usefixtures("fake_engine")

BASE_OPERATIONS = {"GET /items": ["limit", "cursor"], "POST /items": [], "GET /legacy": []}


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A base and a revision that removes GET /legacy, drops ?cursor and adds DELETE /items."""
    monkeypatch.chdir(tmp_path)  # no configuration file above, relative paths in reports
    base = write_spec(tmp_path / "base.yaml", "1", BASE_OPERATIONS)
    revision = write_spec(
        tmp_path / "revision.yaml", "2",
        {"GET /items": ["limit"], "POST /items": [], "DELETE /items": []},
    )  # fmt: skip
    return base, revision


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_diff__removed_operation__exit_1_with_base_position(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml")
    assert code == 1
    assert "GET /legacy" in out
    assert "base: base.yaml:" in out
    assert "1 breaking change found" in out


def test_diff__same_document__exit_0(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "diff", "base.yaml", "base.yaml")
    assert code == 0
    assert "no breaking changes" in out


def test_diff__min_level_info__shows_additions(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, hidden, _ = _run(capsys, "diff", "base.yaml", "revision.yaml")
    _, shown, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "--min-level", "info")
    assert "DELETE /items" not in hidden
    assert "1 below the shown level" in hidden
    assert "DELETE /items" in shown


def test_diff__fail_on_warning__warning_alone_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path / "a.yaml", "1", {"GET /items": ["limit", "cursor"]})
    write_spec(tmp_path / "b.yaml", "2", {"GET /items": ["limit"]})
    assert _run(capsys, "diff", "a.yaml", "b.yaml")[0] == 0
    assert _run(capsys, "diff", "a.yaml", "b.yaml", "--fail-on", "warning")[0] == 1


def test_diff__json_format__stdout_is_the_report(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "--format", "json")
    document = json.loads(out)
    assert code == document["exit_code"] == 1
    findings = document["comparisons"][0]["findings"]
    removed = next(f for f in findings if f["operation"] == "GET /legacy")
    assert removed["blocking"] is True
    assert removed["base"]["file"] == "base.yaml"
    assert removed["base"]["line"] > 1


@pytest.mark.parametrize("report_format", ["markdown", "junit", "github", "sarif"])
def test_diff__every_format_to_a_file__written_and_nothing_on_stdout(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
    report_format: str,
) -> None:  # fmt: skip
    target = tmp_path / f"report.{report_format}"
    code, out, _ = _run(
        capsys, "diff", "base.yaml", "revision.yaml", "-f", report_format, "-o", str(target)
    )
    assert code == 1
    assert out == ""
    text = target.read_text(encoding="utf-8")
    assert "GET /legacy" in text
    if report_format == "junit":
        assert ET.fromstring(text).get("failures") == "1"
    if report_format == "sarif":
        assert json.loads(text)["runs"][0]["results"]


def test_diff__summary_file__markdown_appended(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    _run(
        capsys, "diff", "base.yaml", "revision.yaml", "-f", "github", "--summary-file", str(summary)
    )
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## versiongate: 1 breaking change")


def test_diff__color_always__ansi_codes_even_when_piped(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, coloured, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "--color", "always")
    _, plain, _ = _run(capsys, "diff", "base.yaml", "revision.yaml")
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain


def test_diff__ignore_in_config__not_failing_but_shown(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "versiongate.toml").write_text(
        '[[ignore]]\nrule = "endpoint-removed"\noperation = "GET /legacy*"\n'
        'reason = "legacy goes away"\nuntil = 2026-03-01\n',
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "--today", "2026-03-01")
    assert code == 0
    assert "[ignored: legacy goes away]" in out


def test_diff__expired_ignore__fails_again_and_says_so(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "versiongate.toml").write_text(
        '[[ignore]]\nrule = "endpoint-*"\nreason = "legacy goes away"\nuntil = 2026-03-01\n',
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "--today", "2026-03-02")
    assert code == 1
    assert "expired on 2026-03-01: 2 findings count again" in out  # removed + added


def test_diff__level_override_in_config__error_becomes_warning(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "versiongate.toml").write_text(
        '[levels]\nendpoint-removed = "warning"\n', encoding="utf-8"
    )
    assert _run(capsys, "diff", "base.yaml", "revision.yaml")[0] == 0


def test_diff__fail_on_in_config__used_unless_overridden(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "versiongate.toml").write_text(
        'fail-on = "warning"\n[levels]\nendpoint-removed = "warning"\n', encoding="utf-8"
    )
    assert _run(capsys, "diff", "base.yaml", "revision.yaml")[0] == 1
    assert _run(capsys, "diff", "base.yaml", "revision.yaml", "--fail-on", "error")[0] == 0


def test_diff__bad_config__exit_2_with_file_and_line(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "versiongate.toml").write_text('\n\nfail_on = "warning"\n', encoding="utf-8")
    code, _, err = _run(capsys, "diff", "base.yaml", "revision.yaml")
    assert code == 2
    assert f"error: {tmp_path / 'versiongate.toml'}:3:1: unknown key 'fail_on'" in err


def test_diff__missing_file__exit_2_without_traceback(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "diff", "base.yaml", "nope.yaml")
    assert code == 2
    assert err.startswith("error: nope.yaml:1:1: file not found")


def test_diff__bad_format__usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["diff", "a.yaml", "b.yaml", "--format", "xml"])
    assert caught.value.code == 2


def test_diff__git_base_against_working_tree__locations_name_the_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = init_repository(tmp_path / "repo")
    write_spec(repository / "api" / "openapi.yaml", "1", BASE_OPERATIONS)
    commit_all(repository, "publish")
    write_spec(repository / "api" / "openapi.yaml", "1", {"GET /items": ["limit", "cursor"]})
    monkeypatch.chdir(repository)
    code, out, _ = _run(capsys, "diff", "git:HEAD:api/openapi.yaml", "api/openapi.yaml")
    assert code == 1
    assert "base: git:HEAD:api/openapi.yaml:" in out
    assert "GET /legacy" in out


def test_diff__unknown_git_revision__exit_2_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = init_repository(tmp_path / "repo")
    write_spec(repository / "openapi.yaml", "1", BASE_OPERATIONS)
    commit_all(repository, "publish")
    monkeypatch.chdir(repository)
    code, _, err = _run(capsys, "diff", "git:v9:openapi.yaml", "openapi.yaml")
    assert code == 2
    assert "unknown revision 'v9'" in err


def test_diff__output_in_missing_folder__exit_2_names_the_file(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "diff", "base.yaml", "revision.yaml", "-o", "no/such/dir/r.txt")
    assert code == 2
    assert err.startswith("error: cannot write no/such/dir/r.txt")


def test_diff__default_text__rolled_up_by_change_under_its_severity(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml")
    lines = out.splitlines()
    errors = lines.index("  errors: 1 change (1 finding), failing the build")
    assert lines[errors + 1] == "    endpoint-removed: endpoint removed"
    assert lines[errors + 2] == "      on GET /legacy"
    assert lines.index("  warnings: 1 change (1 finding)") > errors
    assert "  GET /legacy" not in lines


def test_diff__group_by_operation__findings_under_their_operation_as_before(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "--group-by", "operation")
    lines = out.splitlines()
    heading = lines.index("  GET /legacy")
    assert lines[heading + 1].startswith("    error   endpoint-removed: endpoint removed")
    assert not any(line.startswith("  errors:") for line in lines)


def test_diff__group_by_unknown__usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["diff", "a.yaml", "b.yaml", "--group-by", "rule"])
    assert caught.value.code == 2


def test_diff__group_by_operation_junit__one_case_per_operation_and_rule(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "by-operation.xml"
    _run(capsys, "diff", "base.yaml", "revision.yaml", "-f", "junit", "-o", str(target),
         "--group-by", "operation")  # fmt: skip
    classes = {case.get("classname") for case in ET.parse(target).iter("testcase")}
    assert "GET /legacy" in classes
    _run(capsys, "diff", "base.yaml", "revision.yaml", "-f", "junit", "-o", str(target))
    classes = {case.get("classname") for case in ET.parse(target).iter("testcase")}
    assert classes == {"endpoint-removed", "request-parameter-removed"}


def test_diff__summary_file__follows_group_by(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    by_change, by_operation = tmp_path / "change.md", tmp_path / "operation.md"
    _run(capsys, "diff", "base.yaml", "revision.yaml", "--summary-file", str(by_change))
    _run(capsys, "diff", "base.yaml", "revision.yaml", "--summary-file", str(by_operation),
         "--group-by", "operation")  # fmt: skip
    assert "| level | rule | changes |" in by_change.read_text(encoding="utf-8")
    assert "#### `GET /legacy`" in by_operation.read_text(encoding="utf-8")


def test_diff__verbose_with_min_level_info__every_change_shown(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "diff", "base.yaml", "revision.yaml", "-v", "--min-level", "info")
    assert code == 1
    assert "  info: 1 change (1 finding)" in out.splitlines()
    assert "on DELETE /items" in out
