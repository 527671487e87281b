"""What ``versiongate serve`` prints on start: the URL, the versions, the demo keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from mock_server.asgi import ServeConfig
    from versioning.catalog import Catalog

__all__ = ["banner"]


def _version_line(catalog: Catalog, today: dt.date) -> str:
    parts = []
    for version in catalog.versions:
        status: str = version.status(today)
        marks: list[str] = [status] if status != "supported" else []
        if version.id == catalog.head.id:
            marks.append("head")
        if version.id == catalog.default_version:
            marks.append("default")
        parts.append(version.id + (f" ({', '.join(marks)})" if marks else ""))
    return ", ".join(parts)


def banner(
    catalog: Catalog,
    config: ServeConfig,
    *,
    host: str,
    port: int,
    sandbox: bool,
    today: dt.date,
    workers: int,
) -> str:
    """The start-up text, one fact per line."""
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{port}"
    title = catalog.specs[catalog.head.id].title
    lines = [
        f"versiongate mock server: {title} ({'sandbox' if sandbox else 'generic'} mode)",
        f"  url        {url}   (docs: {url}/docs)",
        f"  versions   {_version_line(catalog, today)}",
        f"  header     {catalog.version_header}: <version>",
    ]
    if sandbox:
        demo = config.demo
        pinned = demo.pinned_version or catalog.default_version
        lines.append(
            f"  demo keys  public {demo.public_key}  private {demo.secret_key}"
            f"  (pinned to {pinned})"
        )
        lines.append(f"  try        curl -u {demo.public_key}:{demo.secret_key} {url}/transactions")
        lines.append(f"  sandbox    {url}/sandbox/openapi.json")
    state = f"SQLite {config.db}" if config.db else "in memory (lost on exit)"
    lines.append(
        f"  state      {state}; {workers} worker(s)" + (", strict" if config.strict else "")
    )
    return "\n".join(lines)
