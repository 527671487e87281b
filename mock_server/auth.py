"""HTTP Basic credentials (RFC 7617): the merchant's public key and private key."""

from __future__ import annotations

import base64
import binascii
import hmac
from functools import lru_cache
from typing import TYPE_CHECKING

from mock_server.problems import ApiError

if TYPE_CHECKING:
    from mock_server.store import Merchant, Store

__all__ = ["authenticate_merchant", "basic_credentials", "public_key_problem"]


_CACHED_LENGTH = 512
"""Longer headers are parsed every time: 4,096 cached values of a header's full size (up to
~400 KB each) would let a client fill a worker's memory."""


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """``(user, password)`` from an ``Authorization: Basic …`` header, or ``None``."""
    if not authorization:
        return None
    if len(authorization) > _CACHED_LENGTH:
        return _basic_credentials.__wrapped__(authorization)
    return _basic_credentials(authorization)


@lru_cache(maxsize=4096)
def _basic_credentials(authorization: str) -> tuple[str, str] | None:
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    encoded = encoded.strip()
    if not encoded.isascii():  # b64decode raises ValueError on other characters (issue 12)
        return None
    try:
        decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None


def public_key_problem(public_key: str) -> str | None:
    """Why ``public_key`` could never authenticate, or ``None`` when it can.

    HTTP Basic splits ``user:password`` at the first colon (RFC 7617), so a public key (the
    user) containing one would be cut short on every request; the secret key may have any.
    """
    if ":" in public_key:
        return "A public key cannot contain ':' (HTTP Basic splits the user name there)."
    if not public_key.strip():
        return "A public key cannot be empty or blank."
    return None


def authenticate_merchant(store: Store, authorization: str | None) -> Merchant:
    """The merchant whose key pair is in ``authorization``.

    Raises:
        ApiError: 401 when the credentials are missing, malformed or wrong.
    """
    credentials = basic_credentials(authorization)
    if credentials is None:
        raise ApiError(
            401,
            "authentication_failed",
            "Send your public key and private key with HTTP Basic authentication.",
            headers={"www-authenticate": 'Basic realm="sandbox"'},
        )
    merchant = store.merchant_by_public_key(credentials[0])
    if merchant is None or not hmac.compare_digest(
        merchant.secret_key.encode(), credentials[1].encode()
    ):
        raise ApiError(
            401,
            "authentication_failed",
            "The public and private key do not match any merchant account.",
            headers={"www-authenticate": 'Basic realm="sandbox"'},
        )
    return merchant
