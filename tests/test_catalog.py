"""The version catalog: the bundled one loads; every inconsistency is a located error."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from versioning.catalog import load_catalog
from versioning.errors import CatalogError

BUNDLED = Path(__file__).resolve().parents[1] / "api_specs"
MINIMAL_SPEC = 'openapi: "3.1.0"\ninfo: {{title: t, version: "{version}"}}\npaths: {{}}\n'


def _catalog(
    tmp_path: Path, text: str, versions: tuple[str, ...] = ("2023-01-01", "2024-01-01")
) -> Path:
    (tmp_path / "versions.yaml").write_text(text)
    for version in versions:
        (tmp_path / version).mkdir(exist_ok=True)
        (tmp_path / version / "openapi.yaml").write_text(MINIMAL_SPEC.format(version=version))
    return tmp_path


def test_bundled_catalog__loads__five_versions_oldest_first() -> None:
    catalog = load_catalog(BUNDLED)
    assert catalog.ids == ("2023-03-01", "2024-01-15", "2024-09-01", "2025-06-30", "2026-02-01")
    assert catalog.head.id == "2026-02-01"
    assert catalog.default_version == "2026-02-01"
    assert catalog.version_header == "API-Version"
    assert set(catalog.specs) == set(catalog.ids)
    assert next((a.id, b.id) for a, b in catalog.pairs()) == ("2023-03-01", "2024-01-15")


def test_version_status__injected_today__follows_the_timeline() -> None:
    catalog = load_catalog(BUNDLED)
    oldest = catalog.version("2023-03-01")
    assert oldest.status(dt.date(2023, 6, 1)) == "supported"
    assert oldest.status(dt.date(2024, 1, 15)) == "deprecated"
    assert oldest.status(dt.date(2026, 9, 29)) == "deprecated"
    assert oldest.status(dt.date(2026, 9, 30)) == "sunset"
    assert catalog.head.status(dt.date(2025, 1, 1)) == "upcoming"


VALID = """versions:
  - id: "2023-01-01"
    released: "2023-01-01"
  - id: "2024-01-01"
    released: "2024-01-01"
"""


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (VALID + "extra: 1\n", "unknown key 'extra'", 6),
        (VALID.replace('    released: "2023-01-01"\n', '    released: "2023-01-01"\n    colour: red\n'),
         "unknown key 'colour'", 4),
        (VALID.replace('id: "2024-01-01"', 'id: "2022-01-01"'), "oldest first", 4),
        (VALID.replace('released: "2024-01-01"', 'released: "2022-06-01"'), "before the older", 5),
        (VALID.replace('    released: "2023-01-01"\n',
                       '    released: "2023-01-01"\n    deprecated: "2023-06-01"\n    sunset: "2023-05-01"\n'),
         "sunset 2023-05-01 is before its deprecation 2023-06-01", 5),
        (VALID.replace('    released: "2023-01-01"\n', '    released: "2023-01-01"\n    sunset: "2025-01-01"\n'),
         "needs a deprecation date", 4),
        (VALID.replace('    released: "2023-01-01"\n', '    released: "2023-01-01"\n    deprecated: "2022-01-01"\n'),
         "before its release", 4),
        (VALID.replace('released: "2023-01-01"', 'released: "January"'), "not a date", 3),
        (VALID + 'default_version: "2025-01-01"\n', "not one of the listed versions", 6),
        (VALID + 'version_header: "API Version"\n', "not a valid HTTP header name", 6),
        ("versions: []\n", "at least one version", 1),
        ("versions:\n  - released: '2023-01-01'\n", "missing required key 'id'", 2),
        (VALID.replace('  - id: "2024-01-01"\n    released: "2024-01-01"\n',
                       '  - id: "2024-01-01"\n    released: "2024-01-01"\n    deprecated: "2024-02-01"\n'
                       '    sunset: "2024-03-01"\n'),
         "newest version 2024-01-01 cannot have a sunset", 7),
    ],
)  # fmt: skip
def test_catalog_mistake__is_reported_with_its_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    folder = _catalog(tmp_path, text)
    with pytest.raises(CatalogError, match=message) as caught:
        load_catalog(folder)
    assert caught.value.location is not None
    assert caught.value.location.file == str(folder / "versions.yaml")
    assert caught.value.location.line == line


def test_catalog__version_without_spec__names_the_missing_file(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    shutil.rmtree(folder / "2024-01-01")
    with pytest.raises(CatalogError, match="2024-01-01 has no spec"):
        load_catalog(folder)


def test_catalog__spec_info_version_differs__is_refused(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / "2024-01-01" / "openapi.yaml").write_text(MINIMAL_SPEC.format(version="9"))
    with pytest.raises(CatalogError, match="info.version '9'"):
        load_catalog(folder)


def test_catalog__folder_without_versions_yaml__explains(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no versions.yaml"):
        load_catalog(tmp_path)


def test_catalog__version_document_is_json__is_loaded(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / "2024-01-01" / "openapi.yaml").unlink()
    document = '{"openapi": "3.1.0", "info": {"title": "t", "version": "2024-01-01"}, "paths": {}}'
    (folder / "2024-01-01" / "openapi.json").write_text(document)
    catalog = load_catalog(folder)
    assert catalog.head.spec_path.name == "openapi.json"
    assert catalog.specs["2024-01-01"].file == str(folder / "2024-01-01" / "openapi.json")


def test_catalog__both_yaml_and_json_documents__is_refused_at_the_version(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / "2024-01-01" / "openapi.json").write_text("{}")
    with pytest.raises(CatalogError, match="has both 2024-01-01/openapi.yaml and") as caught:
        load_catalog(folder)
    assert caught.value.location is not None
    assert caught.value.location.line == 4


def test_catalog__explicit_spec_key__wins_over_both_documents(tmp_path: Path) -> None:
    text = VALID + "    spec: 2024-01-01/openapi.yaml\n"
    folder = _catalog(tmp_path, text)
    (folder / "2024-01-01" / "openapi.json").write_text("{}")
    assert load_catalog(folder).head.spec_path.name == "openapi.yaml"


def test_catalog__no_document__names_both_accepted_files(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / "2024-01-01" / "openapi.yaml").unlink()
    with pytest.raises(CatalogError, match="nor openapi.json"):
        load_catalog(folder)


def test_catalog__unlisted_version_folder__is_a_warning_naming_its_document(
    tmp_path: Path,
) -> None:
    folder = _catalog(tmp_path, VALID, versions=("2023-01-01", "2024-01-01", "2025-01-01"))
    catalog = load_catalog(folder)
    assert catalog.ids == ("2023-01-01", "2024-01-01")
    [warning] = catalog.warnings
    assert "version folder 2025-01-01 is not listed in versions.yaml" in warning.message
    assert str(warning.location) == f"{folder / '2025-01-01' / 'openapi.yaml'}:1:1"


@pytest.mark.parametrize(
    "name", ["drafts", "2025-01-01-old", "2025-01-01.bak"]
)  # fmt: skip
def test_catalog__folder_not_named_like_a_version__is_not_warned_about(
    tmp_path: Path, name: str
) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / name).mkdir()
    (folder / name / "openapi.yaml").write_text(MINIMAL_SPEC.format(version="x"))
    assert load_catalog(folder).warnings == ()


def test_catalog__dated_folder_without_a_document__is_not_warned_about(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / "2025-01-01").mkdir()
    (folder / "2025-01-01" / "notes.md").write_text("later")
    assert load_catalog(folder).warnings == ()


def test_catalog__folder_listed_through_spec_key__is_not_warned_about(tmp_path: Path) -> None:
    text = VALID.replace(
        '  - id: "2024-01-01"\n    released: "2024-01-01"\n',
        '  - id: "2024-01-01"\n    released: "2024-01-01"\n    spec: 2024-01-02/openapi.yaml\n',
    )
    folder = _catalog(tmp_path, text, versions=("2023-01-01",))
    (folder / "2024-01-02").mkdir()
    (folder / "2024-01-02" / "openapi.yaml").write_text(MINIMAL_SPEC.format(version="2024-01-01"))
    assert load_catalog(folder).warnings == ()


def test_catalog__spec_is_a_symlink_loop__located_error_not_a_crash(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID + "    spec: loop.yaml\n")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    with pytest.raises(CatalogError, match="loop.yaml cannot be opened") as caught:
        load_catalog(folder)
    assert caught.value.location is not None
    assert caught.value.location.line == 6


def test_catalog__default_document_is_a_symlink_loop__located_error(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, VALID)
    (folder / "2024-01-01" / "openapi.json").symlink_to("openapi.json")
    with pytest.raises(CatalogError, match="openapi.json cannot be opened") as caught:
        load_catalog(folder)
    assert caught.value.location is not None
    assert caught.value.location.line == 4
