"""``--credential`` flags: their syntax, and refusal of flags the spec cannot use."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_server.generic_credentials import Credential, parse_credentials
from mock_server.served import load_served_catalog
from versioning.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.spec.model import Spec

SPEC = """
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
components:
  securitySchemes:
    BasicAuth: {type: http, scheme: basic}
    ApiKeyAuth: {type: apiKey, in: header, name: X-API-Key}
"""


@pytest.fixture
def spec(tmp_path: Path) -> Spec:
    path = tmp_path / "openapi.yaml"
    path.write_text(SPEC)
    catalog = load_served_catalog(path)
    return catalog.specs[catalog.head.id]


def test_parse_credentials__every_form__read(spec: Spec) -> None:
    flags = ["basic=u:p:q", "apiKey=k", "apiKey:X-API-Key=k2", "scheme:BasicAuth=a:b"]
    parsed = parse_credentials(flags, spec).credentials
    assert parsed == (
        Credential(kind="basic", name=None, value="u:p:q"),
        Credential(kind="apiKey", name=None, value="k"),
        Credential(kind="apiKey", name="X-API-Key", value="k2"),
        Credential(kind="scheme", name="BasicAuth", value="a:b"),
    )


def test_credential_set__by_scheme_name__only_that_scheme(spec: Spec) -> None:
    credentials = parse_credentials(["scheme:ApiKeyAuth=k"], spec)
    schemes = spec.security_schemes
    assert credentials.allows(schemes["ApiKeyAuth"], "k")
    assert not credentials.allows(schemes["BasicAuth"], "k")


@pytest.mark.parametrize(
    ("flag", "reason"),
    [
        ("basic", "use basic=USER:PASSWORD"),
        ("basic=nocolon", "USER:PASSWORD"),
        ("token=x", "use basic="),
        ("bearer=x", "no bearer scheme"),
        ("apiKey:X-Other=x", "no apiKey scheme is sent as X-Other"),
        ("scheme:Nope=x", "no security scheme of that name"),
        ("basic:u=x", "only apiKey and scheme take a :NAME"),
    ],
)
def test_parse_credentials__bad_flag__usage_error_saying_why(
    spec: Spec, flag: str, reason: str
) -> None:
    with pytest.raises(UsageError, match=reason):
        parse_credentials([flag], spec)
