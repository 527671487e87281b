"""``versiongate changelog --format html`` and Markdown: files written, text escaped."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from tests.changelog_site.conftest import API
from versioning.changelog_site.migrations import differences
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE = "<script>alert(1)</script> & `<img src=x onerror=alert(2)>`"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _hostile_catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "api"
    shutil.copytree(API, folder)
    changes = folder / "2026-02-01" / "changes.yaml"
    text = changes.read_text(encoding="utf-8")
    changed = text.replace(
        "The `Idempotency-Key` header", f"{HOSTILE} The `Idempotency-Key` header"
    )
    assert changed != text
    changes.write_text(changed, encoding="utf-8")
    return folder


def test_changelog_html__bundled_catalog__writes_the_site_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys,
        "changelog",
        str(API),
        "--format",
        "html",
        "--output",
        str(tmp_path / "site"),
        "--today",
        "2026-03-01",
    )
    assert code == 0
    assert "wrote 12 files" in out
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "style.css").is_file()
    assert (tmp_path / "site" / "versions" / "2026-02-01.html").is_file()


def test_changelog_html__without_output__usage_error_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _run(capsys, "changelog", str(API), "--format", "html")
    assert code == 2
    assert "--output DIR" in err


def test_changelog_html__output_is_a_file__usage_error_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, "changelog", str(API), "--format", "html", "-o", str(taken))
    assert code == 2
    assert "is not a folder" in err


def test_changelog_html__hostile_description__escaped_on_every_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _hostile_catalog(tmp_path)
    site = tmp_path / "site"
    code, _, _ = _run(capsys, "changelog", str(folder), "--format", "html", "-o", str(site))
    assert code == 0
    version = (site / "versions" / "2026-02-01.html").read_text(encoding="utf-8")
    reference = (site / "reference" / "2026-02-01.html").read_text(encoding="utf-8")
    for page in (version, reference):
        assert "<script" not in page
        assert "<img" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;img src=x" in page


def test_changelog_markdown__bundled_catalog__no_file_line_reference_and_migrations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "changelog", str(API), "--today", "2026-03-01")
    assert code == 0
    assert "changes.yaml" not in out
    assert "older versions keep working: it is translated for them" in out
    head = out[: out.index("\n## 2025-06-30\n")]
    assert "### Migrating from 2025-06-30" in head
    assert "- `/headers/idempotency-key: added`" in head
    assert "From 2026-09-30 on, requests in this version are answered `410 Gone`." in out


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({"a": 1}, {"a": 1}, []),
        ({"a": 1, "b": 2}, {"a": 2, "c": 3}, ["/a: changed", "/b: removed", "/c: added"]),
        ({"x/y": [1, {"z": 1}]}, {"x/y": [1, {"z": 2}]}, ["/x~1y/1/z: changed"]),
        ([1], [1, 2], ["/: changed"]),
        (1, "1", ["/: changed"]),
    ],
    ids=["same", "keys", "pointer-escaped", "list-length", "scalar-type"],
)
def test_differences__two_values__json_pointers_of_what_changed(
    before: object, after: object, expected: list[str]
) -> None:
    assert differences(before, after) == expected
