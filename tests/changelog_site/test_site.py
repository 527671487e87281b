"""The static changelog site of the bundled catalog: pages, links, words and migrations."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from versioning.changelog_site import site_translator
from versioning.translate import ApiRequest

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.report.changelog_format import VersionChanges


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "html":
            self.lang = values.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)


def _parse(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


def test_site__bundled_catalog__index_stylesheet_and_two_pages_per_version(
    site: dict[str, str], bundled: Catalog
) -> None:
    expected = {"index.html", "style.css"}
    for version in bundled.ids:
        expected |= {f"versions/{version}.html", f"reference/{version}.html"}
    assert set(site) == expected


def test_site__every_link__resolves_to_a_page_and_an_existing_anchor(site: dict[str, str]) -> None:
    parsed = {path: _parse(text) for path, text in site.items() if path.endswith(".html")}
    for path, page in parsed.items():
        for link in page.links:
            if link == "data:,":  # the empty icon
                continue
            assert "://" not in link, f"{path} links outside the site: {link}"
            target, _, fragment = link.partition("#")
            resolved = str(PurePosixPath(path).parent / target) if target else path
            resolved = str(PurePosixPath(*_normalised(resolved)))
            assert resolved in site, f"{path}: {link} -> {resolved}"
            if fragment:
                assert fragment in parsed[resolved].ids, f"{path}: no #{fragment} in {resolved}"


def _normalised(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in {"", "."}:
            parts.append(part)
    return parts


def test_site__every_page__english_one_h1_and_no_heading_level_skipped(
    site: dict[str, str],
) -> None:
    for path, text in site.items():
        if not path.endswith(".html"):
            continue
        page = _parse(text)
        assert page.lang == "en", path
        assert page.headings.count("h1") == 1, path
        levels = [int(tag[1]) for tag in page.headings]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), path


def test_site__no_page__carries_a_changes_yaml_reference_or_a_script(site: dict[str, str]) -> None:
    for path, text in site.items():
        assert "changes.yaml" not in text, path
        assert "<script" not in text, path
        assert not re.search(r"\.ya?ml:\d+", text), path


def test_site__timeline__newest_release_first_with_deprecation_and_sunset_dates(
    site: dict[str, str], bundled: Catalog
) -> None:
    index = site["index.html"]
    shown = re.findall(r'data-version="([^"]+)" data-released="([^"]+)"', index)
    assert [version for version, _ in shown] == list(reversed(bundled.ids))
    assert [released for _, released in shown] == sorted((r for _, r in shown), reverse=True)
    for version in bundled.versions:
        if version.sunset is not None:
            assert f'<time datetime="{version.sunset}">' in index


def test_site__version_page__declared_descriptions_in_merchant_words(
    site: dict[str, str], entries: tuple[VersionChanges, ...]
) -> None:
    for entry in entries[1:]:
        page = site[f"versions/{entry.version}.html"]
        assert f"What changed from {entry.older}" in page
        for description in entry.descriptions:
            words = re.sub(r"`([^`]+)`", r"\1", " ".join(description.split()))
            shown = re.sub(r"<[^>]+>", "", page).replace("&#x27;", "'").replace("&quot;", '"')
            assert words in shown


def test_site__idempotency_key_change__migration_example_is_the_translated_request(
    site: dict[str, str], bundled: Catalog, entries: tuple[VersionChanges, ...]
) -> None:
    head = entries[-1]
    migration = next(m for m in head.migrations if m.operation == "POST /checkouts")
    example = migration.examples[0]
    assert example.message == "request"
    assert example.differences == ("/headers/idempotency-key: added",)
    body = example.before["body"]
    upgraded = site_translator(bundled).upgrade_request(
        ApiRequest(operation="POST /checkouts", body=body),
        from_version=head.older or "",
        to_version=head.version,
    )
    assert example.after == {
        "headers": {"idempotency-key": upgraded.headers["idempotency-key"]},
        "body": upgraded.body,
    }
    page = site[f"versions/{head.version}.html"]
    assert "Migrating from 2025-06-30" in page
    assert "idempotency-key" in page


def test_site__operation_moved__migration_names_the_older_operation(
    entries: tuple[VersionChanges, ...],
) -> None:
    moved = [m for entry in entries for m in entry.migrations if m.older_operation != m.operation]
    assert any(
        m.older_operation == "GET /charges" and m.operation == "GET /transactions" for m in moved
    )


def test_site__reference_pages__every_operation_with_its_anchor_and_no_cdn(
    site: dict[str, str], bundled: Catalog
) -> None:
    for version in bundled.ids:
        page = site[f"reference/{version}.html"]
        for operation in bundled.specs[version].operations:
            assert f"<code>{operation.path}</code>" in page.replace("&#x27;", "'")
        assert "cdn" not in page.lower()
        assert 'id="schemas"' in page
