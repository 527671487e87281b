"""A real headless Chromium for the browser tests, driven by Playwright.

Pip's Playwright cannot download its own browsers here, so it drives the system's: Debian's
``chromium`` (``python3 dev.py test`` installs it when missing), or the binary named by
``VERSIONGATE_CHROMIUM``. Without one the tests are skipped, except in CI, where a missing
browser is a failure rather than a silent skip.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.server.live import LiveServer
from versioning.catalog import load_catalog
from versioning.changelog_site import write_site
from versioning.cli.changelog_command import changes_of_catalog
from versioning.config import Config

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

API = Path(__file__).resolve().parents[2] / "api_specs"
TODAY = "2026-03-01"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    """The Chromium to drive, or ``None``."""
    named = os.environ.get("VERSIONGATE_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return next((found for name in NAMES if (found := shutil.which(name))), None)


# Module scope, not session: Playwright's sync API keeps an event loop of its own, which must
# be gone before the rest of the suite runs its own (asyncio, anyio) tests.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        message = "no Chromium: run `python3 dev.py setup` (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI and the dev machines run as root, where Chromium's sandbox refuses.
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox"]
        )
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page with every console error and failed request it met, for the assertions."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda message: self._console(message.type, message.text))
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.errors.append(f"request failed: {request.url}"),
        )
        page.set_default_timeout(TIMEOUT_MS)

    def _console(self, kind: str, text: str) -> None:
        if kind == "error":
            self.errors.append(f"console: {text}")


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled catalog's site, written as ``changelog --format html`` writes it."""
    folder = tmp_path_factory.mktemp("site")
    catalog = load_catalog(API)
    today = dt.date.fromisoformat(TODAY)
    entries = changes_of_catalog(catalog, config=Config(), today=today)
    write_site(folder, catalog, tuple(entries), today=today)
    return folder


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    live = LiveServer(API, db=None, extra=["--now", f"{TODAY}T00:00:00Z"])
    try:
        yield live
    finally:
        live.stop()
