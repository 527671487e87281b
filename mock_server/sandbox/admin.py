"""The admin key: the one credential that may create merchants (issue 17).

``versiongate serve`` generates one at start (or takes ``--admin-key`` /
``VERSIONGATE_ADMIN_KEY``) and prints it in its banner; every worker gets the same key. It
is sent as ``Authorization: Bearer <key>``. It is not a merchant credential: it reads and
changes no merchant's data, it only creates merchants.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import TYPE_CHECKING

from mock_server.auth import basic_credentials
from mock_server.problems import ApiError

if TYPE_CHECKING:
    from mock_server.store import Store

__all__ = [
    "ADMIN_KEY_VARIABLE",
    "ADMIN_SCHEME",
    "admin_key_problem",
    "authenticate_admin",
    "new_admin_key",
]

ADMIN_KEY_VARIABLE = "VERSIONGATE_ADMIN_KEY"
ADMIN_SCHEME = "adminKey"
"""The admin key's security scheme in ``/sandbox/openapi.json``."""
_TOKEN68 = re.compile(r"[A-Za-z0-9._~+/-]+=*")
_SHORTEST = 16
_LONGEST = 256
_CHALLENGE = {"www-authenticate": 'Bearer realm="sandbox admin"'}


def new_admin_key() -> str:
    """A fresh admin key (192 random bits)."""
    return "vg_admin_" + secrets.token_urlsafe(24)


def admin_key_problem(key: str) -> str | None:
    """Why ``key`` cannot be an admin key, or ``None`` when it can.

    It travels as a bearer token (RFC 6750's ``b64token``), so only those characters; and it
    guards merchant creation on a port anyone may reach, so at least 16 of them.
    """
    if not _SHORTEST <= len(key) <= _LONGEST:
        return f"an admin key has {_SHORTEST} to {_LONGEST} characters"
    if _TOKEN68.fullmatch(key) is None:
        return "an admin key holds only letters, digits and -._~+/ (then optional '=')"
    return None


def _bearer(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authenticate_admin(admin_key: str, authorization: str | None, store: Store) -> None:
    """Pass when ``authorization`` carries the admin key.

    Raises:
        ApiError: 403 for a merchant's own (valid) key pair, which cannot create merchants;
            401 for anything else (missing, malformed, wrong).
    """
    token = _bearer(authorization)
    if token is not None and hmac.compare_digest(token.encode(), admin_key.encode()):
        return
    credentials = basic_credentials(authorization)
    if credentials is not None:
        merchant = store.merchant_by_public_key(credentials[0])
        if merchant is not None and hmac.compare_digest(
            merchant.secret_key.encode(), credentials[1].encode()
        ):
            raise ApiError(
                403,
                "forbidden",
                "A merchant's keys cannot create merchants: send the admin key that"
                " `versiongate serve` printed, as `Authorization: Bearer <key>`.",
            )
    raise ApiError(
        401,
        "authentication_failed",
        "Creating merchants needs the admin key that `versiongate serve` printed, sent as"
        " `Authorization: Bearer <key>`.",
        headers=dict(_CHALLENGE),
    )
