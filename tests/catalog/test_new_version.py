"""``versiongate new-version``: the head's spec copied, the timeline extended, nothing half-made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.catalog.catalogs import SPEC, write_catalog
from versioning.catalog import load_catalog
from versioning.catalog_edit import new_version
from versioning.changes.load import load_changes
from versioning.cli.main import main
from versioning.errors import CatalogError

OLD, HEAD, NEW = "2024-01-01", "2024-06-01", "2025-01-01"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["new-version", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_catalog(tmp_path / "api", (OLD, HEAD))


def test_new_version__after_the_head__copies_spec_and_lists_it_last(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (catalog / "versions.yaml").read_text()
    code, out, err = _run(capsys, "api", NEW)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"created api/{NEW}/openapi.yaml: the spec of {HEAD}, info.version {NEW}",
        f"created api/{NEW}/changes.yaml: no changes declared yet",
        f"listed {NEW} last in api/versions.yaml; default_version stays {HEAD}",
    ]
    assert (catalog / "versions.yaml").read_text() == before.replace(
        "\n# trailing remark", f'\n  - id: "{NEW}"\n    released: "{NEW}"\n# trailing remark'
    )
    assert (catalog / NEW / "openapi.yaml").read_text() == SPEC.format(version=NEW)
    changes = load_changes(catalog / NEW / "changes.yaml", version=NEW, older=HEAD)
    assert changes.changes == ()
    assert (
        (catalog / NEW / "changes.yaml")
        .read_text()
        .startswith(f"# Declared changes from {HEAD} to {NEW}.")
    )
    reloaded = load_catalog(catalog)
    assert (reloaded.head.id, reloaded.default_version, reloaded.warnings) == (NEW, HEAD, ())


def test_new_version__no_default_version_key__says_new_merchants_get_it(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = catalog / "versions.yaml"
    timeline.write_text(timeline.read_text().replace(f'default_version: "{HEAD}"\n', ""))
    code, out, _ = _run(capsys, "api", NEW)
    assert code == 0
    assert out.splitlines()[-1] == (
        f"listed {NEW} last in api/versions.yaml; new merchants get {NEW}"
        " (default_version is not set)"
    )


def test_new_version__json_head__writes_openapi_json(catalog: Path) -> None:
    (catalog / HEAD / "openapi.yaml").unlink()
    document = {"openapi": "3.1.0", "info": {"title": "Shop", "version": HEAD}, "paths": {}}
    (catalog / HEAD / "openapi.json").write_text(json.dumps(document, indent=2) + "\n")
    made = new_version.create_version(catalog, NEW)
    assert made.spec == catalog / NEW / "openapi.json"
    written = json.loads(made.spec.read_text())
    assert written == {**document, "info": {"title": "Shop", "version": NEW}}
    assert load_catalog(catalog).head.spec_path.name == "openapi.json"


def test_new_version__multi_file_head__copies_the_referenced_files(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = catalog / HEAD
    (head / "schemas").mkdir()
    (head / "schemas" / "item.yaml").write_text(
        "Item:\n  type: object\n  properties:\n    tag: {$ref: 'common.yaml#/Tag'}\n"
    )
    (head / "schemas" / "common.yaml").write_text("Tag: {type: string}\n")
    (head / "notes.md").write_text("not referenced: not copied")
    spec = SPEC.format(version=HEAD).replace(
        "          description: The items.\n",
        "          description: The items.\n          content:\n            application/json:\n"
        "              schema: {$ref: 'schemas/item.yaml#/Item'}\n",
    )
    (head / "openapi.yaml").write_text(spec)
    code, out, _ = _run(capsys, "api", NEW)
    assert code == 0
    assert f"copied api/{NEW}/schemas/common.yaml: a file the spec references" in out
    assert f"copied api/{NEW}/schemas/item.yaml: a file the spec references" in out
    assert (catalog / NEW / "schemas" / "common.yaml").read_text() == "Tag: {type: string}\n"
    assert not (catalog / NEW / "notes.md").exists()
    load_catalog(catalog)  # the copy loads on its own


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-1-1", "error: version '2025-1-1' is not a date in YYYY-MM-DD form"),
        ("2025-02-30", "error: version '2025-02-30' is not a date in YYYY-MM-DD form"),
        ("20250101", "error: version '20250101' is not a date in YYYY-MM-DD form"),
        (HEAD, f"error: api/versions.yaml:7:5: {HEAD} is not after the head version {HEAD}"),
        ("2024-03-01", "error: api/versions.yaml:7:5: 2024-03-01 is not after the head version"),
    ],
)
def test_new_version__bad_date__exit_2_and_nothing_written(
    catalog: Path, capsys: pytest.CaptureFixture[str], date: str, message: str
) -> None:
    before = _snapshot(catalog)
    code, out, err = _run(capsys, "api", date)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert _snapshot(catalog) == before


def test_new_version__folder_exists__exit_2_and_nothing_written(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (catalog / NEW).mkdir()
    (catalog / NEW / "draft.yaml").write_text("mine")
    before = _snapshot(catalog)
    code, _, err = _run(capsys, "api", NEW)
    assert code == 2
    assert err == f"error: api/{NEW} already exists: remove it, or choose another date\n"
    assert _snapshot(catalog) == before


def test_new_version__catalog_does_not_load_back__everything_is_undone(
    catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(catalog)

    def broken(folder: Path, version: str) -> str:
        raise CatalogError("the reloaded catalog is wrong")

    monkeypatch.setattr(new_version, "_reload", broken)
    code, _, err = _run(capsys, "api", NEW)
    assert code == 2
    assert err == "error: the reloaded catalog is wrong; nothing was changed\n"
    assert _snapshot(catalog) == before
    assert not (catalog / NEW).exists()


def test_new_version__interrupted__everything_is_undone(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(catalog)

    def interrupted(folder: Path, version: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(new_version, "_reload", interrupted)
    with pytest.raises(KeyboardInterrupt):
        new_version.create_version(catalog, NEW)
    assert _snapshot(catalog) == before
    assert not (catalog / NEW).exists()


def test_new_version__head_info_version_not_editable__exit_2_and_nothing_written(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = catalog / HEAD / "openapi.yaml"
    spec.write_text(spec.read_text().replace(f'"{HEAD}"   # kept', f"&v {HEAD}   # kept"))
    before = _snapshot(catalog)
    code, _, err = _run(capsys, "api", NEW)
    assert code == 2
    assert err.startswith(f"error: api/{HEAD}/openapi.yaml:5:3: the value of 'version' is not")
    assert err.endswith("edit it by hand; nothing was changed\n")
    assert _snapshot(catalog) == before
    assert Path(catalog / NEW).exists() is False
