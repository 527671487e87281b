"""The admin key and re-pinning over real HTTP: ``versiongate serve`` with two workers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from tests.server.conftest import API_SPECS
from tests.server.live import ADMIN, ADMIN_KEY, LiveServer
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

NOW = "2026-03-01T12:00:00Z"


def test_repin__two_workers__every_worker_serves_the_new_pin_at_once(tmp_path: Path) -> None:
    live = LiveServer(API_SPECS, db=tmp_path / "sandbox.db", extra=["--workers", "2", "--now", NOW])
    try:
        anonymous = httpx.post(f"{live.url}/sandbox/merchants", json={}, timeout=10)
        assert anonymous.status_code == 401
        assert anonymous.headers["content-type"] == "application/problem+json"
        created = httpx.post(f"{live.url}/sandbox/merchants", json={}, headers=ADMIN, timeout=10)
        assert created.status_code == 201, created.text
        merchant = created.json()
        auth = (merchant["public_key"], merchant["secret_key"])

        def versions() -> set[str]:  # a new connection each time, so both workers answer
            return {
                httpx.get(f"{live.url}/transactions", auth=auth, timeout=10).headers["api-version"]
                for _ in range(16)
            }

        assert versions() == {"2026-02-01"}  # and each worker has cached the merchant
        repinned = httpx.patch(
            f"{live.url}/sandbox/merchants/{merchant['id']}",
            json={"pinned_version": "2024-09-01"},
            auth=auth,
            timeout=10,
        )
        assert repinned.status_code == 200, repinned.text
        assert versions() == {"2024-09-01"}
    finally:
        output = live.stop()
    assert f"admin key  {ADMIN_KEY}" in output
    assert f"curl -H 'Authorization: Bearer {ADMIN_KEY}'" in output


@pytest.mark.parametrize("key", ["short", "has spaces in it, sixteen+", "x" * 300])
def test_serve__unusable_admin_key__exit_2_without_echoing_it(
    key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", str(API_SPECS), "--db", ":memory:", "--admin-key", key, "--port", "1"])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "--admin-key" in err
    assert key not in err
