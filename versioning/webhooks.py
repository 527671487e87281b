"""Webhook signatures: ``Versiongate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>``.

The signed message is ``f"{t}.{payload}"`` — the timestamp, a dot and the raw request body,
byte for byte — keyed with the endpoint's signing secret. Binding the timestamp into the
MAC lets a receiver refuse replays older than its ``tolerance``. A header may carry several
``v1`` values (while a secret is rolled); one match is enough. Standard library only.

Verify before parsing the body, and over the exact bytes received::

    from versioning.webhooks import SignatureError, verify_signature

    try:
        verify_signature(request_body, request.headers["Versiongate-Signature"], secret)
    except SignatureError:
        return 400
"""

from __future__ import annotations

import hashlib
import hmac
import time

from versioning.errors import VersioningError

__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "SignatureError",
    "sign_payload",
    "verify_signature",
]

SIGNATURE_HEADER = "Versiongate-Signature"
"""The request header carrying the signature."""

DEFAULT_TOLERANCE = 300.0
"""Seconds a signature stays acceptable (five minutes, as Stripe's libraries use)."""


class SignatureError(VersioningError, ValueError):
    """A webhook signature is missing, malformed, wrong, or too old (the message says which)."""


def _mac(payload: bytes, secret: str, timestamp: int) -> str:
    message = str(timestamp).encode("ascii") + b"." + payload
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def _bytes(payload: bytes | str) -> bytes:
    return payload.encode("utf-8") if isinstance(payload, str) else payload


def sign_payload(payload: bytes | str, secret: str, *, timestamp: int | None = None) -> str:
    """The ``Versiongate-Signature`` value for ``payload`` (``timestamp``: now by default)."""
    moment = int(time.time()) if timestamp is None else timestamp
    return f"t={moment},v1={_mac(_bytes(payload), secret, moment)}"


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, equals, value = part.strip().partition("=")
        if not equals:
            continue
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise SignatureError(f"the timestamp {value[:20]!r} is not an integer") from None
        elif key == "v1":
            signatures.append(value)
    if timestamp is None:
        raise SignatureError("the signature header has no timestamp (t=…)")
    if not signatures:
        raise SignatureError("the signature header has no v1 signature")
    return timestamp, signatures


def verify_signature(
    payload: bytes | str,
    header: str | None,
    secret: str,
    tolerance: float = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> int:
    """Check that ``header`` signs ``payload`` with ``secret``; returns its timestamp.

    Args:
        payload: The request body exactly as received (``str`` is encoded as UTF-8).
        header: The ``Versiongate-Signature`` header value.
        secret: The endpoint's signing secret (``whsec_…``), as returned when it was created.
        tolerance: Refuse signatures more than this many seconds away from ``now``
            (``0`` or less: accept any age).
        now: The current Unix time (default: the system clock), for tests.

    Raises:
        SignatureError: The header is missing or malformed, no signature matches, or the
            timestamp is outside the tolerance.
    """
    if not header:
        raise SignatureError(f"no {SIGNATURE_HEADER} header")
    timestamp, signatures = _parse(header)
    expected = _mac(_bytes(payload), secret, timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise SignatureError("no signature matches the payload and secret")
    current = time.time() if now is None else now
    if tolerance > 0 and abs(current - timestamp) > tolerance:
        raise SignatureError(
            f"the signature is {abs(current - timestamp):.0f} s away from now;"
            f" the tolerance is {tolerance:.0f} s"
        )
    return timestamp
