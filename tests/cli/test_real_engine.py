"""The commands with the real diff engine and rule catalog, on the bundled API and small specs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from tests.cli.gitrepo import commit_all, init_repository
from tests.cli.specs import write_catalog, write_spec
from versioning.catalog import load_catalog
from versioning.changes.load import load_catalog_changes
from versioning.cli.main import main
from versioning.rules.registry import all_rules

if TYPE_CHECKING:
    import pytest

API = Path(__file__).resolve().parents[2] / "api_specs"


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_diff__bundled_head_step__idempotency_key_located_in_both_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base, revision = API / "2025-06-30" / "openapi.yaml", API / "2026-02-01" / "openapi.yaml"
    code, out, _ = _run(
        capsys, "diff", str(base), str(revision), "-f", "json", "--today", "2026-11-25"
    )
    findings = json.loads(out)["comparisons"][0]["findings"]
    required = [
        f for f in findings
        if f["rule"] == "request-parameter-became-required" and f["operation"] == "POST /transactions"
    ]  # fmt: skip
    assert code == 1
    (finding,) = required
    assert finding["base"]["file"] == str(base)
    assert finding["revision"]["file"] == str(revision)
    for side, path in (("base", base), ("revision", revision)):
        line = path.read_text(encoding="utf-8").splitlines()[finding[side]["line"] - 1]
        assert "Idempotency-Key" in line or "IdempotencyKey" in line


def test_sarif__bundled_catalog__every_result_rule_described_with_help(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "check.sarif"
    _run(capsys, "check", str(API), "--today", "2026-11-25", "--min-level", "info",
         "-f", "sarif", "-o", str(target))  # fmt: skip
    run = json.loads(target.read_text(encoding="utf-8"))["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert run["results"]
    for result in run["results"]:
        assert "What changed:" in rules[result["ruleId"]]["help"]["text"]


def test_rules__real_catalog__every_registered_rule_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "rules", "--format", "json")
    listed = {rule["id"] for rule in json.loads(out)}
    assert code == 0
    assert {info.id for info in all_rules()} <= listed
    assert "catalog-version-removed" in listed


def test_diff__level_override_of_a_real_rule__no_longer_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path / "a.yaml", "1", {"GET /items": [], "GET /legacy": []})
    write_spec(tmp_path / "b.yaml", "2", {"GET /items": []})
    code, out, _ = _run(capsys, "diff", "a.yaml", "b.yaml", "-f", "json")
    (finding,) = json.loads(out)["comparisons"][0]["findings"]
    assert code == 1
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.versiongate.levels]\n{finding["rule"]} = "warning"\n', encoding="utf-8"
    )
    assert _run(capsys, "diff", "a.yaml", "b.yaml")[0] == 0


def test_check_base__published_version_narrowed__fails_with_located_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = init_repository(tmp_path / "repo")
    operations = {"GET /items": ["limit", "cursor"]}
    write_catalog(repository / "api", {"2024-01-01": operations, "2024-06-01": operations})
    commit_all(repository, "publish")
    write_spec(
        repository / "api" / "2024-01-01" / "openapi.yaml", "2024-01-01", {"GET /items": ["limit"]}
    )
    monkeypatch.chdir(repository)
    code, out, _ = _run(
        capsys, "check", "api", "--base", "main", "--today", "2025-01-01", "-f", "json"
    )
    assert code == 1
    (published,) = [c for c in json.loads(out)["comparisons"] if c["kind"] == "published"]
    assert published["summary"]["blocking"] >= 1
    finding = published["findings"][0]
    assert finding["base"]["file"] == "git:main:api/2024-01-01/openapi.yaml"
    assert finding["operation"] == "GET /items"


def test_diff__git_base_with_ref_file__both_sides_name_the_referenced_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = init_repository(tmp_path / "repo")
    api = repository / "api"
    api.mkdir()
    (api / "openapi.yaml").write_text(
        'openapi: 3.1.0\ninfo: {title: Items, version: "1"}\npaths:\n  /items:\n    get:\n'
        '      responses:\n        "200":\n          description: ok\n          content:\n'
        '            application/json:\n              schema: {$ref: "./schemas.yaml#/Item"}\n',
        encoding="utf-8",
    )
    (api / "schemas.yaml").write_text(
        "Item:\n  type: object\n  properties:\n    id: {type: string}\n", encoding="utf-8"
    )
    commit_all(repository, "publish")
    (api / "schemas.yaml").write_text(
        "Item:\n  type: object\n  properties:\n    id: {type: integer}\n", encoding="utf-8"
    )
    monkeypatch.chdir(repository)
    code, out, _ = _run(capsys, "diff", "git:HEAD:api/openapi.yaml", "api/openapi.yaml")
    assert code == 1
    assert "base: git:HEAD:api/schemas.yaml:4:" in out
    assert "revision: api/schemas.yaml:4:" in out


def test_check__bundled_catalog_without_a_step__fails_and_suggests_the_missing_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(API, tmp_path / "api")
    changes = tmp_path / "api" / "2024-09-01" / "changes.yaml"
    step = (
        "      - step: value_converted\n        schema: Checkout\n        fields: [amount, currency]\n"
        "        upgrade: converters:amount_to_money\n"
        "        downgrade: converters:money_to_amount\n"
    )
    text = changes.read_text(encoding="utf-8")
    assert step in text
    changes.write_text(text.replace(step, ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "check", "api", "--today", "2026-03-01")
    assert code == 1
    lines = out.splitlines()
    section = lines.index("2024-01-15 → 2024-09-01")
    errors = lines.index("  errors: 2 changes (5 findings), failing the build", section)
    finding = next(
        index
        for index, line in enumerate(lines[errors:], errors)
        if line.startswith("    response-property-type-changed: ")
        and line.endswith("response property 'amount' type changed from integer to object")
    )
    assert (
        lines[finding + 1] == "      on 2 operations: POST /checkouts, GET /checkouts/{checkout_id}"
    )
    assert lines[finding + 2].strip() == "[uncovered: the declared changes do not translate it]"
    assert lines[finding + 4].strip().startswith("witness: ")
    assert any("2024-01-15 refuses it: body /amount" in line for line in lines[finding + 5 :][:4])
    reference = next(line for line in lines[finding:] if "suggested step: [" in line)
    number = reference.strip().removeprefix("suggested step: [").split("]")[0]
    listed = next(i for i, line in enumerate(lines) if line.startswith(f"    [{number}] for "))
    assert [line.strip() for line in lines[listed + 1 : listed + 4]] == [
        "- step: value_converted", "schema: Checkout", "field: amount",
    ]  # fmt: skip


def test_changelog__bundled_catalog__every_declared_description_under_its_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog = load_catalog(API)
    code, out, _ = _run(capsys, "changelog", str(API), "--today", "2026-03-01")
    assert code == 0
    headings = [line.removeprefix("## ") for line in out.splitlines() if line.startswith("## ")]
    assert headings == list(reversed(catalog.ids))
    for changes in load_catalog_changes(catalog):
        start = out.index(f"\n## {changes.version}\n")
        section = out[start : out.index(f"\n## {changes.older}\n")]
        assert changes.changes
        for change in changes.changes:
            assert f"\n- {' '.join(change.description.split())}\n" in section
        assert f"### Every change from {changes.older}" in section
