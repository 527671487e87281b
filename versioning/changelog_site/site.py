"""The whole site: every page by its path, and writing it into a folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.changelog_site.html_parts import STYLESHEET, STYLESHEET_NAME
from versioning.changelog_site.pages import index_page, page_name, version_page
from versioning.changelog_site.reference import reference_page
from versioning.changelog_site.try_it import TRY_IT_NAME, TRY_IT_SCRIPT
from versioning.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from versioning.catalog import Catalog
    from versioning.report.changelog_format import VersionChanges

__all__ = ["render_site", "write_site"]


def render_site(
    catalog: Catalog,
    entries: tuple[VersionChanges, ...],
    *,
    today: dt.date,
    try_it: bool = False,
) -> dict[str, str]:
    """Every file of the site by its relative path.

    ``index.html`` (the timeline), ``style.css``, ``versions/<id>.html`` (what changed) and
    ``reference/<id>.html`` (the API reference). With ``try_it`` (the mock server's copy),
    the references have a "Try it" form per operation, and ``try-it.js`` sends them.
    """
    title = catalog.specs[catalog.head.id].title
    files = {
        "index.html": index_page(catalog, entries, today=today, title=title),
        STYLESHEET_NAME: STYLESHEET,
    }
    for entry in entries:
        name = page_name(entry.version)
        files[f"versions/{name}"] = version_page(catalog, entry, today=today, title=title)
        files[f"reference/{name}"] = reference_page(catalog, entry, title=title, try_it=try_it)
    if try_it:
        files[TRY_IT_NAME] = TRY_IT_SCRIPT
    return files


def write_site(
    folder: Path, catalog: Catalog, entries: tuple[VersionChanges, ...], *, today: dt.date
) -> list[Path]:
    """Write the site into ``folder`` (created when missing); return the files written.

    Raises:
        UsageError: ``folder`` exists and is not a folder, or cannot be written.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder: --output names the site's folder")
    written = []
    try:
        for relative, content in render_site(catalog, entries, today=today).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise UsageError(f"{folder}: cannot write the site: {error.strerror}") from None
    return written
