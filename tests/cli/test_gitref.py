"""``git:REF:path``: a spec and the files it references, read at one revision."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.cli.gitrepo import commit_all, init_repository
from versioning.errors import UsageError
from versioning.gitref import parse_git_target, snapshot
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from pathlib import Path

ROOT_SPEC = """\
openapi: 3.1.0
info: {title: Items, version: "1"}
paths:
  /items:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "./schemas.yaml#/Item"
"""
SCHEMAS_V1 = "Item:\n  type: object\n  properties:\n    id: {type: string}\n"
SCHEMAS_V2 = "Item:\n  type: object\n  properties:\n    id: {type: integer}\n"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repository = init_repository(tmp_path / "repo")
    api = repository / "api"
    api.mkdir()
    (api / "openapi.yaml").write_text(ROOT_SPEC, encoding="utf-8")
    (api / "schemas.yaml").write_text(SCHEMAS_V1, encoding="utf-8")
    commit_all(repository, "first")
    (api / "schemas.yaml").write_text(SCHEMAS_V2, encoding="utf-8")  # uncommitted change
    return repository


def test_parse_git_target__ref_and_path__split_at_the_first_colon() -> None:
    target = parse_git_target("git:origin/main:api/openapi.yaml")
    assert target is not None
    assert (target.ref, target.path) == ("origin/main", "api/openapi.yaml")


def test_parse_git_target__plain_path__not_a_git_target() -> None:
    assert parse_git_target("api/openapi.yaml") is None


def test_parse_git_target__missing_path__usage_error() -> None:
    with pytest.raises(UsageError, match="expected git:REF:path"):
        parse_git_target("git:main")


def test_snapshot__referenced_file__read_at_the_same_revision(repository: Path) -> None:
    with snapshot("HEAD", repository / "api" / "openapi.yaml") as exported:
        spec = load_spec(exported.local("api/openapi.yaml"))
        item = spec.resolve_schema(
            spec.operations[0].responses["200"].content["application/json"].schema or {}
        )
    assert item["properties"]["id"] == {"type": "string"}  # the committed, not the edited, file


def test_snapshot__relative_path_from_working_directory__resolved(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / "api")
    with snapshot("main", "openapi.yaml") as exported:
        assert exported.local("api/schemas.yaml").read_text(encoding="utf-8") == SCHEMAS_V1


def test_snapshot__display__renames_the_export_folder(repository: Path) -> None:
    with snapshot("HEAD", repository / "api" / "openapi.yaml") as exported:
        shown = exported.display(f"{exported.local('api/openapi.yaml')}:3:1: oops")
    assert shown == "git:HEAD:api/openapi.yaml:3:1: oops"


def test_snapshot__unknown_revision__usage_error_names_it(repository: Path) -> None:
    with (
        pytest.raises(UsageError, match="unknown revision 'no-such-branch'"),
        snapshot("no-such-branch", repository / "api" / "openapi.yaml"),
    ):
        pass  # pragma: no cover


def test_snapshot__path_missing_at_revision__usage_error(repository: Path) -> None:
    with (
        pytest.raises(UsageError, match="api/other.yaml does not exist at HEAD"),
        snapshot("HEAD", repository / "api" / "other.yaml"),
    ):
        pass  # pragma: no cover


def test_snapshot__option_like_revision__refused_before_git_runs(repository: Path) -> None:
    with (
        pytest.raises(UsageError, match="is not a git revision"),
        snapshot("--output=/tmp/x", repository / "api" / "openapi.yaml"),
    ):
        pass  # pragma: no cover


def test_snapshot__outside_any_repository__usage_error(tmp_path: Path) -> None:
    (tmp_path / "lonely").mkdir()
    with (
        pytest.raises(UsageError, match="not a git repository"),
        snapshot("HEAD", tmp_path / "lonely" / "openapi.yaml"),
    ):
        pass  # pragma: no cover
