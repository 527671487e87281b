"""``--credential`` flags: which credentials generic mode accepts, per security scheme.

Without any flag, every well-formed credential opens the door (a tester can use any key, and
callers stay apart by the credential they send). As soon as one flag is given, only the
given credentials are accepted, for every scheme: a scheme no flag names accepts nothing, so
"wrong credentials → 401" can be tested for every scheme of the spec. Syntax::

    --credential basic=USER:PASSWORD        HTTP basic schemes
    --credential bearer=TOKEN               HTTP bearer, OAuth 2 and OpenID Connect schemes
    --credential apiKey=VALUE               every apiKey scheme
    --credential apiKey:X-Api-Key=VALUE     apiKey schemes with that parameter name
    --credential scheme:NAME=VALUE          the securitySchemes entry NAME (its own format)

A flag may be repeated; each gives one more accepted value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from versioning.spec.model import SecurityScheme, Spec

__all__ = ["Credential", "CredentialSet", "parse_credentials", "scheme_kind"]

_KINDS = ("basic", "bearer", "apiKey", "scheme")
_USAGE = (
    "use basic=USER:PASSWORD, bearer=TOKEN, apiKey=VALUE, apiKey:HEADER_NAME=VALUE"
    " or scheme:NAME=VALUE"
)


class Credential(msgspec.Struct, frozen=True, kw_only=True):
    """One accepted credential: what it applies to and its value.

    Attributes:
        kind: ``basic``, ``bearer``, ``apiKey`` or ``scheme`` (a securitySchemes name).
        name: The apiKey parameter name or the scheme name; ``None`` for every such scheme.
        value: ``USER:PASSWORD`` for basic, the token or key otherwise.
    """

    kind: str
    name: str | None
    value: str


def scheme_kind(scheme: SecurityScheme) -> str:
    """How a scheme's credential is sent: ``basic``, ``bearer``, ``apiKey``, ``http`` or ``none``.

    OAuth 2 and OpenID Connect access tokens travel as bearer tokens (RFC 6750); an ``http``
    scheme other than basic or bearer (digest, hoba …) is ``http``; ``mutualTLS`` is
    ``none`` (the TLS layer, not the mock, sees client certificates).
    """
    if scheme.type == "http":
        name = (scheme.scheme or "").lower()
        return name if name in {"basic", "bearer"} else "http"
    if scheme.type == "apiKey":
        return "apiKey"
    if scheme.type in {"oauth2", "openIdConnect"}:
        return "bearer"
    return "none"


class CredentialSet(msgspec.Struct, frozen=True, kw_only=True):
    """The credentials given with ``--credential`` (empty: any well-formed one is accepted)."""

    credentials: tuple[Credential, ...] = ()

    @property
    def restricted(self) -> bool:
        """Whether only the given credentials are accepted."""
        return bool(self.credentials)

    def accepted(self, scheme: SecurityScheme) -> frozenset[str]:
        """The values accepted for ``scheme`` (meaningful only when :attr:`restricted`)."""
        kind = scheme_kind(scheme)
        values = set()
        for credential in self.credentials:
            if credential.kind == "scheme":
                applies = credential.name == scheme.name
            elif credential.kind == "apiKey":
                applies = kind == "apiKey" and credential.name in {None, scheme.parameter_name}
            else:
                applies = credential.kind == kind
            if applies:
                values.add(credential.value)
        return frozenset(values)

    def allows(self, scheme: SecurityScheme, value: str) -> bool:
        """Whether the well-formed credential ``value`` opens ``scheme``."""
        return not self.restricted or value in self.accepted(scheme)


def _parse_one(text: str) -> Credential:
    target, equals, value = text.partition("=")
    kind, colon, name = target.partition(":")
    if not equals or not value or kind not in _KINDS:
        raise UsageError(f"--credential {text!r}: {_USAGE}")
    if colon and kind not in {"apiKey", "scheme"}:
        raise UsageError(f"--credential {text!r}: only apiKey and scheme take a :NAME")
    if kind == "scheme" and not name:
        raise UsageError(f"--credential {text!r}: scheme needs a name (scheme:NAME=VALUE)")
    if kind == "basic" and ":" not in value:
        raise UsageError(f"--credential {text!r}: basic needs USER:PASSWORD")
    return Credential(kind=kind, name=name or None, value=value)


def _check_against(credential: Credential, spec: Spec) -> None:
    schemes = spec.security_schemes
    listed = ", ".join(f"{name} ({scheme_kind(s)})" for name, s in schemes.items()) or "none"
    if credential.kind == "scheme":
        if credential.name not in schemes:
            raise UsageError(
                f"--credential scheme:{credential.name}: the spec has no security scheme of"
                f" that name (its schemes: {listed})"
            )
        return
    kinds = {scheme_kind(scheme) for scheme in schemes.values()}
    if credential.kind not in kinds:
        raise UsageError(
            f"--credential {credential.kind}=…: the spec has no {credential.kind} scheme"
            f" (its schemes: {listed})"
        )
    if credential.kind == "apiKey" and credential.name is not None:
        names = {s.parameter_name for s in schemes.values() if s.type == "apiKey"}
        if credential.name not in names:
            raise UsageError(
                f"--credential apiKey:{credential.name}=…: no apiKey scheme is sent as"
                f" {credential.name} (its schemes: {listed})"
            )


def parse_credentials(texts: Iterable[str], spec: Spec | None = None) -> CredentialSet:
    """The ``--credential`` flags, checked against ``spec``'s schemes when it is given.

    Raises:
        UsageError: A flag is malformed, or names a scheme the spec does not have.
    """
    credentials = tuple(_parse_one(text) for text in texts)
    if spec is not None:
        for credential in credentials:
            _check_against(credential, spec)
    return CredentialSet(credentials=credentials)
