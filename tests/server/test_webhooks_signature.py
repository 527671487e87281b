"""``versioning.webhooks``: signing and verifying ``Versiongate-Signature``."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from versioning.webhooks import SignatureError, sign_payload, verify_signature

SECRET = "whsec_test"
PAYLOAD = b'{"id": "evt_1", "type": "checkout.expired"}'
NOW = 1_800_000_000


def test_sign_payload__documented_scheme__hmac_of_t_dot_payload() -> None:
    expected = hmac.new(SECRET.encode(), b"%d." % NOW + PAYLOAD, hashlib.sha256).hexdigest()
    assert sign_payload(PAYLOAD, SECRET, timestamp=NOW) == f"t={NOW},v1={expected}"


def test_verify__own_signature__returns_its_timestamp() -> None:
    header = sign_payload(PAYLOAD, SECRET, timestamp=NOW)
    assert verify_signature(PAYLOAD, header, SECRET, 300, now=NOW + 10) == NOW
    assert verify_signature(PAYLOAD.decode(), header, SECRET, now=NOW) == NOW


def test_verify__one_of_several_v1__accepted() -> None:
    header = sign_payload(PAYLOAD, SECRET, timestamp=NOW) + ",v1=" + "0" * 64
    rolled = f"t={NOW},v1={'0' * 64}," + sign_payload(PAYLOAD, SECRET, timestamp=NOW).split(",")[1]
    assert verify_signature(PAYLOAD, header, SECRET, now=NOW) == NOW
    assert verify_signature(PAYLOAD, rolled, SECRET, now=NOW) == NOW


@pytest.mark.parametrize(
    ("payload", "header", "secret", "now", "why"),
    [
        (PAYLOAD + b" ", None, SECRET, NOW, "matches"),
        (PAYLOAD, None, "whsec_other", NOW, "matches"),
        (PAYLOAD, None, SECRET, NOW + 301, "tolerance"),
        (PAYLOAD, None, SECRET, NOW - 301, "tolerance"),
        (PAYLOAD, "", SECRET, NOW, "no Versiongate-Signature"),
        (PAYLOAD, "v1=abc", SECRET, NOW, "no timestamp"),
        (PAYLOAD, f"t={NOW}", SECRET, NOW, "no v1"),
        (PAYLOAD, "t=soon,v1=abc", SECRET, NOW, "not an integer"),
    ],
    ids=["tampered", "wrong-secret", "too-old", "from-the-future", "missing", "no-t", "no-v1",
         "bad-t"],
)  # fmt: skip
def test_verify__bad__signature_error_says_why(
    payload: bytes, header: str | None, secret: str, now: int, why: str
) -> None:
    header = sign_payload(PAYLOAD, SECRET, timestamp=NOW) if header is None else header
    with pytest.raises(SignatureError, match=why):
        verify_signature(payload, header, secret, 300, now=now)


def test_verify__tolerance_zero__any_age() -> None:
    header = sign_payload(PAYLOAD, SECRET, timestamp=NOW)
    assert verify_signature(PAYLOAD, header, SECRET, 0, now=NOW + 10**6) == NOW


def test_signature_error__is_a_value_error() -> None:
    assert issubclass(SignatureError, ValueError)
