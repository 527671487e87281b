"""The hosted checkout page: what a shopper's browser opens at ``checkout_url`` (issue 17).

``GET /sandbox/checkouts/{id}?token=…`` shows the order (items, amount, shopper) with
Approve and Decline buttons: a plain HTML form that posts back to the same URL. The post
drives :func:`~mock_server.sandbox.checkout_decisions.decide`, the code path of
``POST /sandbox/checkouts/{id}/approve`` (events, the merchant's test clock), then answers
``303 See Other`` to the checkout's ``redirect_url``. Without a token the same ``GET``
still answers the merchant's keys (HTTP Basic) with the checkout's status as JSON.

Why it is safe to open in a browser (docs/decisions.md):

- **No ambient authority.** The token in the URL is the only credential (no cookie, no
  session), so a forged cross-site form cannot act without already knowing the token; a
  post whose ``Sec-Fetch-Site`` is cross-site, or whose ``Origin`` is another host, is
  refused anyway (``403``).
- **Every text is escaped** (order data comes from the merchant's API call).
- **Content-Security-Policy**: no script at all, only the page's own stylesheet (by hash),
  forms only to this server and the checkout's redirect origin, no framing (a clickjacked
  Approve button is the attack that matters here); ``Referrer-Policy: same-origin`` keeps
  the token out of the ``Referer`` the merchant's site receives; ``no-store``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

import msgspec
from litestar import Request, get, post
from litestar.response import Response

from mock_server.auth import authenticate_merchant
from mock_server.problems import ApiError
from mock_server.sandbox import domain
from mock_server.sandbox.checkout_decisions import decide, owned_checkout
from mock_server.sandbox.checkout_tokens import TOKEN_PARAMETER, merchant_for_token

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar.handlers import HTTPRouteHandler

    from mock_server.sandbox.clocks import MerchantClocks
    from mock_server.store import Merchant, Store
    from mock_server.webhooks.events import EventLog

__all__ = ["checkout_page_handlers", "redirect_target", "render_page"]

_STYLE = (
    "body{margin:0;background:#eef1f5;color:#1c2431;font:16px/1.5 system-ui,sans-serif}"
    "main{max-width:36rem;margin:3rem auto;padding:2rem 2.25rem;background:#fff;"
    "border-radius:14px;box-shadow:0 4px 18px rgba(20,30,50,.12)}"
    ".tag{display:inline-block;padding:.15rem .6rem;border-radius:99px;background:#fff4d6;"
    "color:#7a5400;font-size:.8rem;font-weight:600}"
    "h1{font-size:1.45rem;margin:.8rem 0 .2rem}.total{font-size:2rem;font-weight:700;margin:0}"
    "table{width:100%;border-collapse:collapse;margin:1.2rem 0}"
    "td,th{padding:.45rem 0;border-bottom:1px solid #e3e7ee;text-align:left}"
    "td.n,th.n{text-align:right}dl{display:grid;grid-template-columns:8rem 1fr;gap:.3rem;"
    "margin:1rem 0}dt{color:#5b6577}dd{margin:0;overflow-wrap:anywhere}"
    "form{display:flex;gap:.8rem;margin-top:1.6rem}"
    "button{flex:1;font:inherit;font-weight:600;padding:.8rem;border-radius:10px;"
    "border:0;cursor:pointer}.approve{background:#1b7f4b;color:#fff}"
    ".decline{background:#e9ecf1;color:#1c2431}.status{font-weight:600}"
)
_STYLE_SOURCE = f"'sha256-{base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()}'"
_ORIGIN = re.compile(
    r"https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?"
)
_DECISIONS = {"approve": "approved", "decline": "declined"}
_SAME_SITE = frozenset({"same-origin", "none"})


def redirect_target(url: Any) -> str | None:
    """``url`` when it is safe to send a browser to (an http(s) URL, no control characters)."""
    if not isinstance(url, str) or not url.isprintable() or " " in url or len(url) > 2048:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


def _origin(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    origin = f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2]}"
    return origin if _ORIGIN.fullmatch(origin) else None


def _security_headers(redirect: str | None) -> dict[str, str]:
    targets = " ".join(filter(None, ["'self'", _origin(redirect)]))
    return {
        "content-security-policy": (
            f"default-src 'none'; style-src {_STYLE_SOURCE}; form-action {targets};"
            " frame-ancestors 'none'; base-uri 'none'"
        ),
        "referrer-policy": "same-origin",
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
    }


def _money(value: Any, currency: str) -> str:
    amount = value if isinstance(value, int) else 0
    return f"{amount // 100:,}.{amount % 100:02d} {currency}"


def _row(name: str, value: Any) -> str:
    return f"<dt>{html.escape(name)}</dt><dd>{html.escape(str(value))}</dd>"


def _items(checkout: dict[str, Any], currency: str) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(str(item.get('name', '')))}</td>"
        f"<td class=n>{html.escape(str(item.get('quantity', '')))}</td>"
        f"<td class=n>{html.escape(_money(item.get('unit_price'), currency))}</td></tr>"
        for item in checkout.get("items") or []
        if isinstance(item, dict)
    )
    return (
        "<table><thead><tr><th>Item</th><th class=n>Qty</th><th class=n>Unit price</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def render_page(checkout: dict[str, Any], *, action: str) -> str:
    """The page of ``checkout`` (as of now); its form posts to ``action`` (a relative URL)."""
    amount = checkout.get("amount") or {}
    currency = str(amount.get("currency", ""))
    shopper = checkout.get("shopper") or {}
    name = " ".join(str(shopper[key]) for key in ("first_name", "last_name") if key in shopper)
    facts = [
        _row(
            "Shopper", f"{name} <{shopper.get('email', '')}>" if name else shopper.get("email", "")
        )
    ]
    if checkout.get("merchant_reference"):
        facts.append(_row("Order", checkout["merchant_reference"]))
    facts.append(_row("Checkout", checkout.get("id", "")))
    facts.append(_row("Expires", checkout.get("expires_at", "")))
    status = str(checkout.get("status", ""))
    if status == "pending":
        decision = (
            f'<form method="post" action="{html.escape(action)}">'
            '<button class="approve" name="decision" value="approve">Approve</button>'
            '<button class="decline" name="decision" value="decline">Decline</button></form>'
        )
    else:
        decision = f'<p class="status">This checkout is {html.escape(status)}.</p>'
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Checkout {html.escape(str(checkout.get('id', '')))}</title>"
        f"<style>{_STYLE}</style></head><body><main>"
        '<span class="tag">Sandbox: no real payment</span>'
        "<h1>Pay over time</h1>"
        f'<p class="total">{html.escape(_money(amount.get("value"), currency))}</p>'
        f"{_items(checkout, currency)}<dl>{''.join(facts)}</dl>{decision}"
        "</main></body></html>"
    )


def _cross_site(request: Request[Any, Any, Any]) -> bool:
    """Whether a browser sent this post from another site (a forged form)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() not in _SAME_SITE
    origin = request.headers.get("origin")
    if origin is None:
        return False  # not a browser's form post (curl, tests)
    return (
        origin == "null"
        or urlsplit(origin).netloc.lower() != (request.headers.get("host") or "").lower()
    )


def _page_response(checkout: dict[str, Any], token: str) -> Response[bytes]:
    action = f"{quote(checkout['id'], safe='')}?{TOKEN_PARAMETER}={quote(token, safe='')}"
    return Response(
        content=render_page(checkout, action=action).encode(),
        media_type="text/html",  # Litestar adds "; charset=utf-8"
        headers=_security_headers(redirect_target(checkout.get("redirect_url"))),
    )


def _see_other(location: str, redirect: str | None) -> Response[bytes]:
    return Response(
        content=b"",
        status_code=303,
        headers={"location": location, **_security_headers(redirect)},
    )


def checkout_page_handlers(
    store: Store,
    clocks: MerchantClocks,
    events: EventLog | None,
    *,
    problem: Callable[[ApiError, str], Response[bytes]],
) -> list[HTTPRouteHandler]:
    """``GET`` (the page, or the status for the merchant) and ``POST`` (the decision)."""

    def current(merchant: Merchant, checkout_id: str) -> dict[str, Any]:
        checkout = owned_checkout(store, merchant, checkout_id)
        return domain.apply_checkout_expiry(checkout, clocks.now_for(merchant.id))

    @get("/sandbox/checkouts/{checkout_id:str}", include_in_schema=False)
    async def checkout_page(request: Request[Any, Any, Any]) -> Response[bytes]:
        checkout_id: str = request.path_params["checkout_id"]
        token = request.query_params.get(TOKEN_PARAMETER)
        try:
            if token is None:  # the merchant's own look at the status (JSON)
                merchant = authenticate_merchant(store, request.headers.get("authorization"))
                checkout = current(merchant, checkout_id)
                view = {"id": checkout_id, "object": "checkout", "status": checkout["status"]}
                return Response(content=msgspec.json.encode(view), media_type="application/json")
            checkout = current(merchant_for_token(store, token, checkout_id), checkout_id)
        except ApiError as error:
            return problem(error, request.url.path)
        return _page_response(checkout, token)

    @post("/sandbox/checkouts/{checkout_id:str}", status_code=303, include_in_schema=False)
    async def checkout_decision(request: Request[Any, Any, Any]) -> Response[bytes]:
        checkout_id: str = request.path_params["checkout_id"]
        token = request.query_params.get(TOKEN_PARAMETER)
        page = f"{quote(checkout_id, safe='')}?{TOKEN_PARAMETER}={quote(token or '', safe='')}"
        try:
            merchant = merchant_for_token(store, token, checkout_id)
            if _cross_site(request):
                raise ApiError(
                    403, "forbidden", "The checkout page only accepts its own form's posts."
                )
            fields = parse_qs((await request.body()).decode("utf-8", "replace"))
            decision = _DECISIONS.get((fields.get("decision") or [""])[0])
            if decision is None:
                raise ApiError(422, "validation_failed", "decision: approve or decline.")
            checkout = current(merchant, checkout_id)
            redirect = redirect_target(checkout.get("redirect_url"))
            if checkout["status"] == "pending":
                checkout = decide(
                    store, clocks, events, merchant, checkout_id=checkout_id, decision=decision
                )
            elif checkout["status"] != decision:  # decided otherwise, or expired: show it
                return _see_other(page, redirect)
        except ApiError as error:
            if error.status == 409:  # decided meanwhile (a double click): show the page
                return _see_other(page, None)
            return problem(error, request.url.path)
        return _see_other(redirect or page, redirect)

    return [checkout_page, checkout_decision]
