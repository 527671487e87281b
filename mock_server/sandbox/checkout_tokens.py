"""The token in a checkout's ``checkout_url``: what lets a shopper's browser open its page.

The page needs no merchant credentials; the URL itself is the capability. The token is
``<merchant id>.<mac>``, the MAC an HMAC-SHA256 of the checkout id keyed with the merchant's
secret key: unguessable without that key (256 bits, 43 characters), bound to one checkout,
the same on every worker and after restarts, and nothing to store. It reaches nothing but
that checkout's page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING

from mock_server.problems import ApiError

if TYPE_CHECKING:
    from mock_server.store import Merchant, Store

__all__ = ["TOKEN_PARAMETER", "checkout_page_url", "merchant_for_token", "page_token"]

TOKEN_PARAMETER = "token"  # noqa: S105 - a parameter name, not a secret
"""The query parameter of ``checkout_url`` that carries the token."""
_CONTEXT = b"versiongate checkout page\x1f"
_LONGEST = 200


def _mac(merchant: Merchant, checkout_id: str) -> str:
    digest = hmac.new(
        merchant.secret_key.encode(), _CONTEXT + checkout_id.encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def page_token(merchant: Merchant, checkout_id: str) -> str:
    """The token of the merchant's checkout page."""
    return f"{merchant.id}.{_mac(merchant, checkout_id)}"


def checkout_page_url(base_url: str, merchant: Merchant, checkout_id: str) -> str:
    """``checkout_url``: the page of the checkout under ``base_url``, with its token."""
    token = page_token(merchant, checkout_id)
    return f"{base_url.rstrip('/')}/{checkout_id}?{TOKEN_PARAMETER}={token}"


def merchant_for_token(store: Store, token: str | None, checkout_id: str) -> Merchant:
    """The merchant whose page token for ``checkout_id`` this is.

    Raises:
        ApiError: 401 for a missing, malformed or wrong token (another checkout's included),
            with the same answer whether or not the merchant or checkout exists.
    """
    merchant_id, _, mac = (token or "").partition(".")
    merchant = (
        store.merchant_by_id(merchant_id)
        if merchant_id and mac and len(token or "") <= _LONGEST
        else None
    )
    if merchant is None or not hmac.compare_digest(
        mac.encode(), _mac(merchant, checkout_id).encode()
    ):
        raise ApiError(
            401,
            "authentication_failed",
            "Open the checkout's page with the checkout_url the API returned (its token),"
            " or send the merchant's keys with HTTP Basic authentication.",
            headers={"www-authenticate": 'Basic realm="sandbox"'},
        )
    return merchant
