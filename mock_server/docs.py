"""Interactive documentation: ``/docs`` lists versions; each version renders its own spec.

Each version page is server-rendered (a table of the version's operations) and links to the
version's full API reference with a "Try it" form per operation at
``/changelog/reference/<version>.html``; nothing is loaded from a CDN, so both work offline.

Every text a page prints comes from a spec, which may be anyone's in generic mode (its
``info.version`` becomes a version id): each is escaped for where it goes, HTML text, an
attribute, a URL path or a script (a stored XSS otherwise, issue 12).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from litestar import Request, get
from litestar.enums import MediaType
from litestar.exceptions import NotFoundException
from litestar.response import Response

from versioning.changelog_site.pages import page_name

if TYPE_CHECKING:
    import datetime as dt

    from litestar.handlers import HTTPRouteHandler

    from mock_server.clock import Clock
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation

__all__ = ["UNRESOLVED", "docs_handlers", "served_document"]

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}"
    "table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;"
    "text-align:left}code{background:#f4f4f4;padding:0 .2rem}.deprecated{color:#a40}"
)


def _text(value: object) -> str:
    """``value`` as HTML text or a quoted attribute value."""
    return html.escape(str(value), quote=True)


def _href(version_id: str, suffix: str = "") -> str:
    """The escaped link to a version's page (``suffix``: a sub-path)."""
    return _text("/docs/" + quote(version_id, safe="") + suffix)


UNRESOLVED = "x-versiongate-unresolved"
"""Where the served document keeps a ``$ref`` to another document (never fetched)."""
_PORTABLE: dict[int, tuple[Any, dict[str, Any]]] = {}
"""Each spec document (by identity, kept alive here) with its remote references replaced."""


def _without_remote_refs(node: Any, depth: int = 0) -> Any:
    """``node`` with every ``{"$ref": "<other document>"}`` made ``{UNRESOLVED: ref}``.

    Shares every subtree that has none. The server never fetches another document, so it
    cannot check what such a reference describes: ``{UNRESOLVED: …}`` is the permissive
    schema it checks in effect, and a tool reading the served document gets that instead
    of failing to fetch (Square's custom-attribute examples point at squarecdn.com).
    """
    if depth > 200:  # the loader refuses deeper specs; never recurse without a bound
        return node
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return {UNRESOLVED: ref}
        changed = {key: _without_remote_refs(value, depth + 1) for key, value in node.items()}
        same = all(changed[key] is value for key, value in node.items())
        return node if same else changed
    if isinstance(node, list):
        items = [_without_remote_refs(item, depth + 1) for item in node]
        return node if all(new is old for new, old in zip(items, node, strict=True)) else items
    return node


def _portable(document: dict[str, Any]) -> dict[str, Any]:
    cached = _PORTABLE.get(id(document))
    if cached is None or cached[0] is not document:
        cached = _PORTABLE[id(document)] = (document, _without_remote_refs(document))
    return cached[1]


def served_document(catalog: Catalog, version_id: str, base_url: str) -> dict[str, Any]:
    """The version's OpenAPI document as served: its own servers replaced by this server.

    ``base_url`` is the configured public URL, or one built from a ``Host`` header the
    request guard found valid (:mod:`mock_server.guard`). A ``$ref`` to another document
    is served as ``{"x-versiongate-unresolved": "<ref>"}`` (see :func:`_without_remote_refs`).
    """
    document = dict(_portable(catalog.specs[version_id].document))
    document["servers"] = [{"url": base_url, "description": "This versiongate mock server"}]
    return document


def _page(title: str, body: str, head: str = "") -> Response[str]:
    text = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}"
        f"</title><style>{_STYLE}</style>{head}</head><body>{body}</body></html>"
    )
    # Litestar adds "; charset=utf-8" to text/* media types itself.
    return Response(content=text, media_type=MediaType.HTML)


def _operation_row(operation: Operation) -> str:
    summary = operation.summary or ""
    # The bundled specs already say so in the summary ("List charges (deprecated)").
    said = "deprecated" in summary.lower()
    marker = " (deprecated)" if operation.deprecated and not said else ""
    css = " class=deprecated" if operation.deprecated else ""
    return (
        f"<tr{css}><td><code>{_text(operation.method.upper())}</code></td>"
        f"<td><code>{html.escape(operation.path)}</code></td>"
        f"<td>{html.escape(summary)}{marker}</td></tr>"
    )


def docs_handlers(
    catalog: Catalog, clock: Clock, *, public_url: str | None = None
) -> list[HTTPRouteHandler]:
    """The ``/docs`` route handlers for ``catalog`` (``public_url``: see ``create_app``)."""

    @get("/docs", sync_to_thread=False, include_in_schema=False)
    def list_versions() -> Response[str]:
        today: dt.date = clock().date()
        rows = []
        for version in reversed(catalog.versions):
            spec = catalog.specs[version.id]
            marks = " (default)" if version.id == catalog.default_version else ""
            rows.append(
                f"<tr><td><a href='{_href(version.id)}'>{_text(version.id)}</a>{marks}</td>"
                f"<td>{_text(version.status(today))}</td>"
                f"<td>{_text(version.deprecated or '')}</td>"
                f"<td>{_text(version.sunset or '')}</td><td>{len(spec.operations)}</td>"
                f"<td><a href='{_href(version.id, '/openapi.json')}'>openapi.json</a></td></tr>"
            )
        body = (
            f"<h1>{html.escape(catalog.specs[catalog.head.id].title)}: API versions</h1>"
            f"<p>Choose a version with the <code>{html.escape(catalog.version_header)}</code>"
            " header; without it, requests use the version your keys are pinned to.</p>"
            "<table><tr><th>version</th><th>status</th><th>deprecated</th><th>sunset</th>"
            f"<th>operations</th><th>document</th></tr>{''.join(rows)}</table>"
            "<p>Sandbox controls: <a href='/sandbox/openapi.json'>/sandbox/openapi.json</a></p>"
        )
        return _page("API versions", body)

    @get("/docs/{version_id:str}", sync_to_thread=False, include_in_schema=False)
    def version_page(request: Request[Any, Any, Any]) -> Response[str]:
        version_id: str = request.path_params["version_id"]
        if version_id not in catalog.specs:
            raise NotFoundException(f"no API version {version_id}")
        spec = catalog.specs[version_id]
        info = catalog.version(version_id)
        rows = "".join(_operation_row(op) for op in spec.operations)
        lifecycle = ""
        if info.deprecated:
            lifecycle = f"<p class=deprecated>Deprecated since {_text(info.deprecated)}"
            lifecycle += f"; sunset on {_text(info.sunset)}.</p>" if info.sunset else ".</p>"
        document_url = "/docs/" + quote(version_id, safe="") + "/openapi.json"
        reference_url = "/changelog/reference/" + quote(page_name(version_id))
        body = (
            f"<h1>{_text(spec.title)} <small>{_text(version_id)}</small></h1>{lifecycle}"
            f"<p><a href='/docs'>All versions</a> · <a href='{_text(document_url)}'>"
            "Download openapi.json</a> · "
            f"<a class=reference href='{_text(reference_url)}'>API reference and Try it</a></p>"
            f"<h2>Operations</h2><table>{rows}</table>"
        )
        return _page(f"{spec.title} {version_id}", body)

    @get("/docs/{version_id:str}/openapi.json", sync_to_thread=False, include_in_schema=False)
    def version_document(request: Request[Any, Any, Any]) -> dict[str, Any]:
        version_id: str = request.path_params["version_id"]
        if version_id not in catalog.specs:
            raise NotFoundException(f"no API version {version_id}")
        base_url = public_url or str(request.base_url).rstrip("/")
        return served_document(catalog, version_id, base_url)

    return [list_versions, version_page, version_document]
