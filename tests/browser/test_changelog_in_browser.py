"""The changelog site and the API reference pages in a real headless Chromium.

Each test walks pages the way a merchant's browser does: every link followed (none may
404), no console error (the server's Content-Security-Policy reports anything loaded from
elsewhere as one), the timeline newest first, a migration example on screen.
"""

from __future__ import annotations

import struct
import zlib
from collections import deque
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

if TYPE_CHECKING:
    from pathlib import Path

    from tests.browser.conftest import Watched
    from tests.server.live import LiveServer

# Links of every page, absolute, without their fragment; and the ids a fragment may name.
_LINKS = "Array.from(document.querySelectorAll('a[href]'), a => a.href)"
_IDS = "Array.from(document.querySelectorAll('[id]'), e => e.id)"


def _crawl(watched: Watched, start: str) -> dict[str, int]:
    """Every page reachable from ``start`` inside its site, with its HTTP status (0: file)."""
    page = watched.page
    root = start.rsplit("/", 1)[0] + "/"
    seen: dict[str, int] = {}
    fragments: list[tuple[str, str, str]] = []
    ids: dict[str, set[str]] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = page.goto(url, wait_until="load")
        seen[url] = response.status if response is not None and response.status else 0
        ids[url] = set(page.evaluate(_IDS))
        assert page.locator("h1").count() == 1, url
        for link in page.evaluate(_LINKS):
            target, fragment = urldefrag(link)
            assert target.startswith(root), f"{url} links outside the site: {link}"
            if fragment:
                fragments.append((url, target, fragment))
            if target not in seen:
                queue.append(target)
    for source, target, fragment in fragments:
        assert fragment in ids[target], f"{source}: no #{fragment} in {target}"
    return seen


def test_static_site__every_link_from_the_index__resolves_without_console_errors(
    watched: Watched, static_site: Path
) -> None:
    pages = _crawl(watched, (static_site / "index.html").as_uri())
    assert len(pages) == 11  # the index, and a changelog page and a reference per version
    assert watched.errors == []


def test_server_changelog__every_link__200_without_console_errors(
    watched: Watched, server: LiveServer
) -> None:
    pages = _crawl(watched, server.url + "/changelog/")
    assert len(pages) == 12  # /changelog/ and /changelog/index.html are the same page
    assert set(pages.values()) == {200}, pages
    assert watched.errors == []


def test_server_changelog__unknown_page__404(watched: Watched, server: LiveServer) -> None:
    response = watched.page.goto(server.url + "/changelog/versions/1999-01-01.html")
    assert response is not None
    assert response.status == 404


def test_timeline__newest_release_first_with_statuses(watched: Watched, static_site: Path) -> None:
    page = watched.page
    page.goto((static_site / "index.html").as_uri())
    released = page.eval_on_selector_all(
        "ol.timeline > li", "items => items.map(li => li.dataset.released)"
    )
    assert len(released) == 5
    assert released == sorted(released, reverse=True)
    assert page.locator("ol.timeline > li").first.get_attribute("data-version") == "2026-02-01"
    sunset_row = page.locator("#deprecations ~ table tr", has_text="2023-03-01")
    assert sunset_row.get_by_text("2026-09-30").is_visible()


def test_version_page__migration_example__before_and_after_on_screen(
    watched: Watched, static_site: Path
) -> None:
    page = watched.page
    page.goto((static_site / "versions" / "2026-02-01.html").as_uri())
    example = page.locator("figure.migration").first
    example.scroll_into_view_if_needed()
    assert example.is_visible()
    assert example.locator("figcaption").inner_text().startswith("Request, example")
    before, after = example.locator("pre").all()
    assert before.is_visible()
    assert after.is_visible()
    assert "idempotency-key" not in before.inner_text()
    assert '"idempotency-key"' in after.inner_text()
    assert example.locator("ul.differences").inner_text() == "/headers/idempotency-key: added"


def test_reference_pages__every_version__operations_schemas_and_examples_render(
    watched: Watched, static_site: Path
) -> None:
    page = watched.page
    for reference in sorted((static_site / "reference").iterdir()):
        page.goto(reference.as_uri())
        operations = page.locator("section.operation[id^='op-']")
        assert operations.count() >= 8, reference.name
        first = operations.first
        assert first.locator("h3").is_visible()
        example = first.locator("details").first
        example.locator("summary").click()
        assert example.locator("pre, div, p").first.is_visible()
        # A schema link jumps to its section, which is on the page.
        link = page.locator("a[href^='#schema-']").first
        target = link.get_attribute("href") or ""
        link.click()
        assert page.locator(target).is_visible()
    assert watched.errors == []


def test_index__screenshot__not_blank(watched: Watched, static_site: Path) -> None:
    page = watched.page
    page.goto((static_site / "index.html").as_uri())
    shades = _distinct_bytes(page.screenshot(full_page=False))
    assert shades > 32  # text, links and badges on a white page; a blank page has one or two


def test_pages__basic_accessibility__lang_alt_text_and_named_links(
    watched: Watched, static_site: Path
) -> None:
    page = watched.page
    for path in [static_site / "index.html", *sorted((static_site / "versions").iterdir())]:
        page.goto(path.as_uri())
        assert page.get_attribute("html", "lang") == "en"
        assert page.locator("img:not([alt])").count() == 0
        unnamed = page.eval_on_selector_all(
            "a", "links => links.filter(a => !a.textContent.trim()).length"
        )
        assert unnamed == 0, path.name
        assert page.locator("main").count() == 1


def _distinct_bytes(png: bytes) -> int:
    """How many different byte values the PNG's pixel data holds (stdlib only: no Pillow)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    offset, data = 8, b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return len(set(zlib.decompress(data)))


def _send(watched: Watched, server: LiveServer, version: str, operation: str) -> tuple[str, str]:
    """Press "Send" on an operation's "Try it" form; return the status and the answer shown."""
    page = watched.page
    page.goto(f"{server.url}/changelog/reference/{version}.html#{operation}")
    form = page.locator(f"#{operation} form.try")
    form.get_by_role("button", name="Send").click()
    output = form.locator("output[data-status]")
    output.wait_for()
    return output.get_attribute("data-status") or "", form.locator("output pre").inner_text()


def test_try_it__list_transactions__sent_in_the_page_version_with_the_demo_keys(
    watched: Watched, server: LiveServer
) -> None:
    status, shown = _send(watched, server, "2026-02-01", "op-get-transactions")
    assert status == "200", shown
    assert '"object": "list"' in shown
    assert '"has_more"' in shown  # cursor paging: this version's shape
    old_status, old = _send(watched, server, "2024-09-01", "op-get-charges")
    assert old_status == "200", old
    assert '"total"' in old  # offset paging: the older version's shape
    assert watched.errors == []


def test_try_it__create_checkout__example_body_accepted_with_a_fresh_idempotency_key(
    watched: Watched, server: LiveServer
) -> None:
    status, shown = _send(watched, server, "2026-02-01", "op-post-checkouts")
    assert status == "201", shown
    assert '"object": "checkout"' in shown
