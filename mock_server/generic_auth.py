"""Generic mode's door: the spec's security requirements, enforced per scheme.

An operation's ``security`` is a list of alternatives (any one will do); each alternative
names schemes that must *all* be satisfied; ``{}`` among them makes credentials optional.
A scheme is satisfied by a well-formed credential in the place it names (HTTP basic and
bearer in ``Authorization``, apiKey in its header, query parameter or cookie; OAuth 2 and
OpenID Connect as bearer tokens) that :class:`CredentialSet` allows. Otherwise the answer
is 401 with a ``WWW-Authenticate`` challenge per scheme (RFC 9110 §11.6.1). Callers are
told apart by the credentials they sent, so each sees only the resources it created.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from typing import TYPE_CHECKING, NamedTuple

from mock_server.generic_credentials import CredentialSet, scheme_kind
from mock_server.problems import ApiError
from mock_server.store import Merchant

if TYPE_CHECKING:
    from mock_server.incoming import IncomingRequest
    from versioning.spec.model import Operation, SecurityRequirement, SecurityScheme, Spec

__all__ = ["GenericAuthenticator", "caller", "presented_credential"]

_TOKEN68 = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
"""RFC 9110 §11.2 ``token68``: the syntax of a bearer token (RFC 6750 §2.1)."""
_UNQUOTABLE = re.compile(r"[^ !#-\[\]-~]")
"""Characters a quoted-string of a challenge cannot carry as they are."""


class _Presented(NamedTuple):
    value: str | None
    """The credential, ``None`` when absent or malformed."""
    malformed: bool


def _authorization(request: IncomingRequest, wanted: str) -> _Presented:
    header = request.headers.get("authorization")
    if header is None:
        return _Presented(None, malformed=False)
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != wanted:
        return _Presented(None, malformed=True)
    return _Presented(rest.strip() or None, malformed=not rest.strip())


def _basic(request: IncomingRequest) -> _Presented:
    found = _authorization(request, "basic")
    if found.value is None:
        return found
    try:
        decoded = base64.b64decode(found.value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):  # ValueError: non-ASCII characters in the header
        return _Presented(None, malformed=True)
    if ":" not in decoded:
        return _Presented(None, malformed=True)
    return _Presented(decoded, malformed=False)


def _cookie(header: str, name: str) -> str | None:
    for pair in header.split(";"):
        key, equals, value = pair.strip().partition("=")
        if equals and key == name:
            return value.strip().strip('"')
    return None


def _api_key(scheme: SecurityScheme, request: IncomingRequest) -> _Presented:
    name = scheme.parameter_name or ""
    value: str | None
    if scheme.location == "query":
        values = request.query.get(name)
        value = values[0] if values else None
    elif scheme.location == "cookie":
        value = _cookie(request.headers.get("cookie", ""), name)
    else:
        value = request.headers.get(name.lower())
    if value is None:
        return _Presented(None, malformed=False)
    return _Presented(value, malformed=False) if value.strip() else _Presented(None, malformed=True)


def presented_credential(scheme: SecurityScheme, request: IncomingRequest) -> _Presented:
    """The well-formed credential ``request`` sends for ``scheme`` (``mutualTLS``: ``""``)."""
    kind = scheme_kind(scheme)
    if kind == "basic":
        return _basic(request)
    if kind == "bearer":
        found = _authorization(request, "bearer")
        if found.value is not None and not _TOKEN68.fullmatch(found.value):
            return _Presented(None, malformed=True)
        return found
    if kind == "http":
        return _authorization(request, (scheme.scheme or "").lower())
    if kind == "apiKey":
        return _api_key(scheme, request)
    return _Presented("", malformed=False)


def _quoted(text: str) -> str:
    return '"' + _UNQUOTABLE.sub("", text)[:80] + '"'


def _challenge(scheme: SecurityScheme, realm: str, *, invalid: bool) -> str:
    kind = scheme_kind(scheme)
    realm_part = f"realm={_quoted(realm)}"
    if kind == "basic":
        return f"Basic {realm_part}"
    if kind == "bearer":
        return f"Bearer {realm_part}" + (', error="invalid_token"' if invalid else "")
    if kind == "apiKey":
        where = scheme.location or "header"
        name = _quoted(scheme.parameter_name or "")
        return f"ApiKey {realm_part}, in={_quoted(where)}, name={name}"
    if kind == "http" and _TOKEN68.fullmatch(scheme.scheme or ""):
        return f"{(scheme.scheme or '').capitalize()} {realm_part}"
    return f"Unknown {realm_part}"


def _describe(scheme: SecurityScheme) -> str:
    kind = scheme_kind(scheme)
    if kind == "apiKey":
        return f"{scheme.name} (apiKey in {scheme.location} {scheme.parameter_name})"
    return f"{scheme.name} (HTTP {kind if kind != 'http' else scheme.scheme})"


def caller(identity: str) -> Merchant:
    """The generic caller named ``identity`` (its resources are kept apart from others')."""
    return Merchant(
        id=identity, public_key=identity, secret_key="", pinned_version="", created_at=""
    )


_ANONYMOUS = caller("anonymous")


class GenericAuthenticator:
    """Checks requests against the security requirements of the operations of one spec."""

    def __init__(self, spec: Spec, credentials: CredentialSet | None = None) -> None:
        """Enforce ``spec``'s requirements; ``credentials`` restricts the accepted values."""
        self.spec = spec
        self.credentials = credentials or CredentialSet()
        self.realm = spec.title or "api"

    def authenticate(self, request: IncomingRequest, operation: Operation) -> Merchant:
        """The caller, or ``ApiError`` 401 with ``WWW-Authenticate``."""
        requirements = operation.security
        if not requirements:
            return _ANONYMOUS
        schemes = self.spec.security_schemes
        invalid: set[str] = set()
        for requirement in sorted(requirements, key=len, reverse=True):  # `{}` last
            values: list[str] = []
            for name in sorted(requirement):
                scheme = schemes.get(name)
                if scheme is None:  # an undeclared scheme: the spec's mistake, not the caller's
                    continue
                found = presented_credential(scheme, request)
                if found.value is None or not self.credentials.allows(scheme, found.value):
                    if found.value is not None or found.malformed:
                        invalid.add(name)
                    break
                values.append(f"{name}={found.value}")
            else:
                if not values:
                    return _ANONYMOUS
                digest = hashlib.sha256("\n".join(values).encode("utf-8", "surrogatepass"))
                return caller("caller_" + digest.hexdigest()[:16])
        raise self._refused(requirements, invalid)

    def _refused(
        self, requirements: tuple[SecurityRequirement, ...], invalid: set[str]
    ) -> ApiError:
        schemes = self.spec.security_schemes
        names = list(dict.fromkeys(name for requirement in requirements for name in requirement))
        known = [schemes[name] for name in names if name in schemes]
        challenges = list(
            dict.fromkeys(
                _challenge(scheme, self.realm, invalid=scheme.name in invalid) for scheme in known
            )
        )
        wanted = " or ".join(
            " and ".join(_describe(schemes[name]) for name in requirement if name in schemes)
            for requirement in requirements
        )
        reason = "were not accepted" if invalid else "are missing"
        challenge = ", ".join(challenges) or f"Unknown realm={_quoted(self.realm)}"
        return ApiError(
            401,
            "authentication_failed",
            f"Credentials {reason}: send {wanted}.",
            headers={"www-authenticate": challenge},
        )
