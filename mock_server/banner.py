"""What ``versiongate serve`` prints on start: the URL, the versions, the demo and admin keys.

When the catalog is the bundled API but its head no longer has everything the domain
sandbox implements, ``serve`` (in ``auto`` mode) falls back to generic mode: the banner says
so, and names what the head lacks, instead of silently dropping the demo keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.served import SANDBOX_OPERATIONS
from mock_server.store_factory import describe_target

if TYPE_CHECKING:
    import datetime as dt

    from mock_server.asgi import ServeConfig
    from versioning.catalog import Catalog
    from versioning.spec.model import Spec

__all__ = ["banner", "sandbox_drift"]

_SHOWN = 6
"""Missing operations named in the banner; the rest are counted."""


def _has_basic_auth(spec: Spec) -> bool:
    return any(
        scheme.type == "http" and (scheme.scheme or "").lower() == "basic"
        for scheme in spec.security_schemes.values()
    )


def _sandbox_like(spec: Spec) -> bool:
    keys = {operation.key for operation in spec.operations}
    return keys >= SANDBOX_OPERATIONS and _has_basic_auth(spec)


def sandbox_drift(catalog: Catalog) -> list[str]:
    """What the head lacks of the sandbox, when the catalog is the bundled API; else ``[]``.

    The catalog counts as the bundled API when an older version matches the sandbox, or when
    the head still has at least half of its operations: an unrelated API is not warned about.
    """
    head = catalog.specs[catalog.head.id]
    keys = {operation.key for operation in head.operations}
    older_matched = any(
        _sandbox_like(catalog.specs[version.id]) for version in catalog.versions[:-1]
    )
    if not older_matched and 2 * len(keys & SANDBOX_OPERATIONS) < len(SANDBOX_OPERATIONS):
        return []
    missing = sorted(SANDBOX_OPERATIONS - keys, key=lambda key: (key.split(" ")[1], key))
    if not _has_basic_auth(head):
        missing.append("an HTTP Basic security scheme")
    return missing


def _drift_lines(catalog: Catalog) -> list[str]:
    missing = sandbox_drift(catalog)
    if not missing:
        return []
    named = ", ".join(missing[:_SHOWN])
    if len(missing) > _SHOWN:
        named += f" and {len(missing) - _SHOWN} more"
    return [
        f"  warning    the head {catalog.head.id} no longer matches the sandbox: it lacks {named}",
        "             so serve falls back to generic mode (examples and generated data, no demo"
        " keys);",
        "             restore them in the head, or pass --mode generic to say this is intended",
    ]


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


def terminal_text(text: str) -> str:
    """``text`` safe for an operator's terminal: control characters shown as escapes.

    Titles, paths and messages come from the spec; an escape sequence in ``info.title`` must
    not reach the terminal as one (nor a line break forge a banner line).
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


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
    title = terminal_text(catalog.specs[catalog.head.id].title)
    lines = [
        f"versiongate mock server: {title} ({'sandbox' if sandbox else 'generic'} mode)",
        f"  url        {url}   (docs: {url}/docs, changelog: {url}/changelog/)",
        f"  versions   {terminal_text(_version_line(catalog, today))}",
        f"  header     {catalog.version_header}: <version>",
    ]
    if not sandbox and config.mode == "auto":
        lines += _drift_lines(catalog)
    if sandbox:
        demo = config.demo
        pinned = demo.pinned_version or catalog.default_version
        lines.append(
            f"  demo keys  public {demo.public_key}  private {demo.secret_key}"
            f"  (pinned to {pinned})"
        )
        lines.append(f"  try        curl -u {demo.public_key}:{demo.secret_key} {url}/transactions")
        if config.admin_key:
            lines.append(
                f"  admin key  {config.admin_key}  (creates merchants; choose it with --admin-key)"
            )
            lines.append(
                f"  merchant   curl -H 'Authorization: Bearer {config.admin_key}'"
                f' -d \'{{"pinned_version": "{catalog.default_version}"}}\''
                f" {url}/sandbox/merchants"
            )
        lines.append(f"  sandbox    {url}/sandbox/openapi.json")
    state = describe_target(config.db)  # a PostgreSQL URL without its password (issue 18)
    lines.append(
        f"  state      {state}; {workers} worker(s)" + (", strict" if config.strict else "")
    )
    return "\n".join(lines)
