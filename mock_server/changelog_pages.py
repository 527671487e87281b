"""``/changelog``: the catalog's changelog site, as ``changelog --format html`` writes it.

It sits in front of the version layer as a small ASGI wrapper, because the site is not part
of any API version: ``/changelog`` and everything below it is answered here (``GET`` and
``HEAD``), the rest passes through untouched. The site is rendered on the first request of
each day (the timeline's statuses depend on the date) in a worker thread, then kept.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import anyio.to_thread

from versioning.changelog_site import render_site
from versioning.changelog_site.html_parts import text
from versioning.cli.changelog_command import changes_of_catalog
from versioning.config import Config, resolve_config
from versioning.errors import VersioningError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Awaitable, Callable

    from mock_server.clock import Clock
    from versioning.catalog import Catalog

    ASGIApp = Callable[[Any, Any, Any], Awaitable[None]]

__all__ = ["CHANGELOG_PREFIX", "ChangelogPages", "serve_changelog"]

CHANGELOG_PREFIX = "/changelog"

_PLAIN = b"text/plain; charset=utf-8"
_MEDIA = {
    ".html": b"text/html; charset=utf-8",
    ".css": b"text/css; charset=utf-8",
    ".js": b"text/javascript; charset=utf-8",
}
# The site loads nothing but its own stylesheet and "Try it" script, and the script talks to
# this server only: say so, so a browser refuses anything else (and no inline script runs).
_POLICY = (
    b"default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self';"
    b" img-src 'self' data:; form-action 'none'; base-uri 'none'"
)


class ChangelogPages:
    """An ASGI app: ``/changelog/…`` from the rendered site, anything else from ``app``."""

    def __init__(self, app: ASGIApp, catalog: Catalog, clock: Clock) -> None:
        self.app = app
        self.catalog = catalog
        self.clock = clock
        self._lock = threading.Lock()
        self._site: tuple[dt.date, dict[str, str]] | None = None

    def site(self, today: dt.date) -> dict[str, str]:
        """The rendered site as of ``today`` (rendered once per day).

        Raises:
            VersioningError: A ``changes.yaml`` of the catalog cannot be loaded.
        """
        with self._lock:
            if self._site is None or self._site[0] != today:
                try:
                    config = resolve_config(None, start=self.catalog.folder)
                except VersioningError:
                    config = Config()
                entries = changes_of_catalog(self.catalog, config=config, today=today)
                site = render_site(self.catalog, tuple(entries), today=today, try_it=True)
                self._site = (today, site)
            return self._site[1]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Serve the site's paths; pass every other request on."""
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not (
            path == CHANGELOG_PREFIX or path.startswith(CHANGELOG_PREFIX + "/")
        ):
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        if method not in {"GET", "HEAD"}:
            allow = [(b"allow", b"GET, HEAD")]
            await _send(send, 405, _PLAIN, b"GET or HEAD only\n", extra=allow, head=False)
            return
        head = method == "HEAD"
        if path == CHANGELOG_PREFIX:
            # Relative links in the pages need the trailing slash.
            location = (CHANGELOG_PREFIX + "/").encode()
            await _send(send, 308, _PLAIN, b"", extra=[(b"location", location)], head=head)
            return
        relative = path[len(CHANGELOG_PREFIX) + 1 :] or "index.html"
        try:
            site = await anyio.to_thread.run_sync(self.site, self.clock().date())
        except VersioningError as error:
            body = _small_page("Changelog unavailable", text(error))
            await _send(send, 503, _MEDIA[".html"], body, head=head)
            return
        content = site.get(relative)
        if content is None:
            found = f"No page {text(relative)}: <a href='{CHANGELOG_PREFIX}/'>the changelog</a>."
            await _send(send, 404, _MEDIA[".html"], _small_page("Not found", found), head=head)
            return
        suffix = relative[relative.rfind(".") :]
        media = _MEDIA.get(suffix, _PLAIN)
        await _send(send, 200, media, content.encode(), head=head)


def _small_page(title: str, html_text: str) -> bytes:
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{html_text}</p></body></html>"
    ).encode()


async def _send(
    send: Any,
    status: int,
    media: bytes,
    body: bytes,
    *,
    extra: list[tuple[bytes, bytes]] | None = None,
    head: bool,
) -> None:
    headers = [
        (b"content-type", media),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", _POLICY),
        (b"x-content-type-options", b"nosniff"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})


def serve_changelog(app: ASGIApp, catalog: Catalog, clock: Clock) -> ChangelogPages:
    """``app`` with the changelog site of ``catalog`` served at ``/changelog``."""
    return ChangelogPages(app, catalog, clock)
