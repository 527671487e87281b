"""``--strict``: the server checks its own responses against the client's spec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.clock import fixed_clock
from mock_server.translation import load_translator
from tests.server import dialects
from tests.server.conftest import API_SPECS, DEMO, TODAY, Keys, basic
from tests.server.live import ADMIN, ADMIN_KEY
from tests.server.test_versions import run_flow

if TYPE_CHECKING:
    from collections.abc import Iterator

    from litestar import Litestar

    from versioning.translate.messages import ApiRequest, ApiResponse


@pytest.fixture(scope="module")
def strict_client() -> Iterator[TestClient[Litestar]]:
    with TestClient(
        create_app(API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock(TODAY), strict=True)
    ) as client:
        yield client


@pytest.mark.parametrize("version", dialects.SUPPORTED)
def test_strict__full_flow_in_each_version__every_response_matches_its_spec(
    strict_client: TestClient[Litestar], version: str
) -> None:
    run_flow(strict_client, version)


class _Breaking:
    """Translates correctly, then drops a required field from every downgraded response."""

    def __init__(self) -> None:
        from versioning.catalog import load_catalog

        self._inner = load_translator(load_catalog(API_SPECS))

    def _broken(self, body: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in body.items() if k != "status"}

    def upgrade_request(self, request: ApiRequest, *, from_version: str) -> ApiRequest:
        return self._inner.upgrade_request(request, from_version=from_version)

    def downgrade_response(
        self, response: ApiResponse, *, operation: str, to_version: str, request: Any = None
    ) -> ApiResponse:
        down = self._inner.downgrade_response(
            response, operation=operation, to_version=to_version, request=request
        )
        return msgspec.structs.replace(down, body=self._broken(down.body or {}))

    def operation_in(self, operation: str, *, from_version: str, to_version: str) -> str | None:
        return self._inner.operation_in(operation, from_version=from_version, to_version=to_version)


class _Leaking(_Breaking):
    """Translates correctly, then leaks a head-only member into every downgraded response."""

    def _broken(self, body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "head_only": True}


def test_strict__translation_leaks_an_undeclared_member__500_in_the_clients_shape_naming_it() -> (
    None
):
    app = create_app(
        API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock(TODAY), strict=True, translator=_Leaking()
    )
    with TestClient(app) as client:
        body = dialects.checkout_body("2024-09-01")
        response = client.post(
            "/checkouts", json=body, headers={**DEMO, **Keys.next(), "API-Version": "2024-09-01"}
        )
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "response_invalid"
    assert "/head_only" in error["message"]


def test_strict__translation_drops_a_required_field__500_in_the_clients_shape_naming_it() -> None:
    app = create_app(
        API_SPECS,
        admin_key=ADMIN_KEY,
        clock=fixed_clock(TODAY),
        strict=True,
        translator=_Breaking(),
    )
    with TestClient(app) as client:
        body = dialects.checkout_body("2024-09-01")
        response = client.post(
            "/checkouts", json=body, headers={**DEMO, **Keys.next(), "API-Version": "2024-09-01"}
        )
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "response_invalid"
    assert "/status" in error["message"]
    assert "POST /checkouts" in error["message"]


def test_lenient__same_broken_translation__passes_through() -> None:
    app = create_app(
        API_SPECS, admin_key=ADMIN_KEY, clock=fixed_clock(TODAY), translator=_Breaking()
    )
    with TestClient(app) as client:
        body = dialects.checkout_body("2024-09-01")
        response = client.post(
            "/checkouts", json=body, headers={**DEMO, **Keys.next(), "API-Version": "2024-09-01"}
        )
    assert response.status_code == 201
    assert "status" not in response.json()


def test_strict__injected_429__checked_and_valid_in_the_clients_version(
    strict_client: TestClient[Litestar],
) -> None:
    merchant = strict_client.post("/sandbox/merchants", json={}, headers=ADMIN).json()
    auth = basic(merchant["public_key"], merchant["secret_key"])
    strict_client.post("/sandbox/failures", json={"status": 429}, headers=auth)
    response = strict_client.get("/transactions", headers=auth)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response.headers["retry-after"] == "1"
