"""Generic mode enforces the spec's security requirements, scheme by scheme."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

import pytest

from tests.server.generic.support import generic_client, spec_document

if TYPE_CHECKING:
    from pathlib import Path

SCHEMES = {
    "basic": {"type": "http", "scheme": "basic"},
    "bearer": {"type": "http", "scheme": "bearer"},
    "header": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
    "query": {"type": "apiKey", "in": "query", "name": "api_key"},
    "cookie": {"type": "apiKey", "in": "cookie", "name": "session"},
    "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/t", "scopes": {}}}},
}
OK = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}


def _spec(security: list[dict[str, list[str]]]) -> dict[str, Any]:
    operation = {"security": security, "responses": OK}
    return spec_document({"/things": {"get": operation}}, securitySchemes=SCHEMES)


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.mark.parametrize(
    ("scheme", "request_options"),
    [
        ("basic", {"headers": _basic("u", "p")}),
        ("bearer", {"headers": {"Authorization": "Bearer abc.def"}}),
        ("oauth", {"headers": {"Authorization": "Bearer abc"}}),
        ("header", {"headers": {"X-Api-Key": "k"}}),
        ("query", {"params": {"api_key": "k"}}),
        ("cookie", {"headers": {"Cookie": "a=1; session=k"}}),
    ],
)
def test_generic_auth__well_formed_credential__accepted_by_default(
    tmp_path: Path, scheme: str, request_options: dict[str, Any]
) -> None:
    with generic_client(tmp_path, _spec([{scheme: []}])) as client:
        assert client.get("/things", **request_options).status_code == 200
        refused = client.get("/things")
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"]


@pytest.mark.parametrize(
    ("scheme", "headers"),
    [
        ("basic", {"Authorization": "Basic !!!"}),
        ("basic", {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()}),
        ("basic", {"Authorization": "Bearer abc"}),
        ("bearer", {"Authorization": "Bearer a b"}),
        ("bearer", {"Authorization": "Bearer "}),
        ("header", {"X-Api-Key": " "}),
    ],
)
def test_generic_auth__malformed_credential__401_with_challenge(
    tmp_path: Path, scheme: str, headers: dict[str, str]
) -> None:
    with generic_client(tmp_path, _spec([{scheme: []}])) as client:
        response = client.get("/things", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].split(" ")[0] in {"Basic", "Bearer", "ApiKey"}


def test_generic_auth__non_ascii_authorization__401_not_500(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec([{"basic": []}])) as client:
        response = client.get("/things", headers={b"Authorization": "Basic é".encode("latin-1")})
    assert response.status_code == 401


def test_generic_auth__alternatives__either_one_opens(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec([{"basic": []}, {"header": []}])) as client:
        assert client.get("/things", headers=_basic("u", "p")).status_code == 200
        assert client.get("/things", headers={"X-Api-Key": "k"}).status_code == 200
        challenge = client.get("/things").headers["www-authenticate"]
    assert challenge.startswith("Basic realm=")
    assert 'ApiKey realm="Test API", in="header", name="X-Api-Key"' in challenge


def test_generic_auth__combination__needs_every_scheme(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec([{"header": [], "query": []}])) as client:
        assert client.get("/things", headers={"X-Api-Key": "k"}).status_code == 401
        both = client.get("/things", headers={"X-Api-Key": "k"}, params={"api_key": "q"})
        assert both.status_code == 200


def test_generic_auth__anonymous_alternative__no_credentials_needed(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec([{}, {"header": []}])) as client:
        assert client.get("/things").status_code == 200


def test_generic_auth__credential_flags__only_the_given_ones_open(tmp_path: Path) -> None:
    spec = _spec([{"basic": []}, {"header": []}])
    with generic_client(tmp_path, spec, "basic=u:p") as client:
        assert client.get("/things", headers=_basic("u", "p")).status_code == 200
        wrong = client.get("/things", headers=_basic("u", "q"))
        assert wrong.status_code == 401
        assert "not accepted" in wrong.json()["detail"]
        # a scheme no flag names accepts nothing once flags are given
        assert client.get("/things", headers={"X-Api-Key": "k"}).status_code == 401


def test_generic_auth__api_key_flag_by_name__that_key_only(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec([{"header": []}]), "apiKey:X-Api-Key=secret") as client:
        assert client.get("/things", headers={"X-Api-Key": "secret"}).status_code == 200
        assert client.get("/things", headers={"X-Api-Key": "guess"}).status_code == 401


def test_generic_auth__wrong_bearer__challenge_says_invalid_token(tmp_path: Path) -> None:
    with generic_client(tmp_path, _spec([{"bearer": []}]), "bearer=tok") as client:
        response = client.get("/things", headers={"Authorization": "Bearer other"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
