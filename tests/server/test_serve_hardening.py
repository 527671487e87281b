"""``versiongate serve``'s hardening options: respawn, timeouts, retention, limits, public URL."""

from __future__ import annotations

import os
from typing import Any

import msgspec
import pytest
from granian import Granian
from granian.constants import HTTPModes

from mock_server.asgi import CONFIG_VARIABLE, ServeConfig
from mock_server.body_limits import BodyLimits
from mock_server.serve_options import duration_seconds
from tests.server.conftest import API_SPECS
from tests.server.live import free_port
from versioning.cli.main import main
from versioning.errors import UsageError


@pytest.fixture
def granian(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The options ``Granian`` is built with (it is not started)."""
    built: dict[str, Any] = {}
    original = Granian.__init__

    def init(self: Any, *args: Any, **options: Any) -> None:
        built.update(options)
        original(self, *args, **options)

    monkeypatch.setattr(Granian, "__init__", init)
    monkeypatch.setattr(Granian, "serve", lambda self: None)
    monkeypatch.delenv(CONFIG_VARIABLE, raising=False)
    return built


def _serve(*options: str) -> int:
    return main(["serve", str(API_SPECS), "--port", str(free_port()), "--db", ":memory:", *options])


def _config() -> ServeConfig:
    return msgspec.json.decode(os.environ[CONFIG_VARIABLE], type=ServeConfig)


def test_serve__defaults__workers_respawned_headers_timed_out_records_kept_a_day(
    granian: dict[str, Any],
) -> None:
    assert _serve() == 0

    assert granian["respawn_failed_workers"] is True
    assert granian["http"] == HTTPModes.http1  # auto mode never times out a silent client
    assert granian["http1_settings"].header_read_timeout == 10_000
    config = _config()
    assert config.idempotency_retention == 24 * 3600
    assert config.body_limits == BodyLimits()
    assert config.public_url is None


def test_serve__options__reach_every_worker(granian: dict[str, Any]) -> None:
    code = _serve(
        "--header-timeout", "2.5", "--idempotency-retention", "90m",
        "--public-url", "https://sandbox.example.com/",
    )  # fmt: skip

    assert code == 0
    assert granian["http1_settings"].header_read_timeout == 2500
    config = _config()
    assert config.idempotency_retention == 90 * 60
    assert config.public_url == "https://sandbox.example.com"


def test_serve__environment__same_as_options(
    granian: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERSIONGATE_IDEMPOTENCY_RETENTION", "0")
    monkeypatch.setenv("VERSIONGATE_HEADER_TIMEOUT", "3s")
    monkeypatch.setenv("VERSIONGATE_MAX_BODY_MEMBERS", "500")
    monkeypatch.setenv("VERSIONGATE_MAX_BODY_BYTES", "65536")
    monkeypatch.setenv("VERSIONGATE_BODY_TIMEOUT", "5")

    assert _serve() == 0
    assert granian["http1_settings"].header_read_timeout == 3000
    config = _config()
    assert config.idempotency_retention == 0
    assert config.body_limits == BodyLimits(max_members=500, max_bytes=65536, timeout=5)


@pytest.mark.parametrize(
    ("options", "variable", "said"),
    [
        (("--idempotency-retention", "soon"), None, "--idempotency-retention 'soon'"),
        (("--header-timeout", "0"), None, "--header-timeout '0'"),
        (("--public-url", "ftp://x"), None, "--public-url 'ftp://x'"),
        ((), ("VERSIONGATE_MAX_BODY_DEPTH", "deep"), "VERSIONGATE_MAX_BODY_DEPTH='deep'"),
        ((), ("VERSIONGATE_MAX_BODY_BYTES", "-1"), "VERSIONGATE_MAX_BODY_BYTES='-1'"),
    ],
)
def test_serve__bad_value__one_line_exit_2(  # noqa: PLR0917 - fixtures and parameters
    granian: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: tuple[str, ...],
    variable: tuple[str, str] | None,
    said: str,
) -> None:
    if variable is not None:
        monkeypatch.setenv(*variable)

    assert _serve(*options) == 2
    err = capsys.readouterr().err
    assert said in err
    assert len(err.strip().splitlines()) == 1
    assert granian == {}


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("24h", 86400), ("1.5d", 129600)]
)
def test_duration_seconds__units__seconds(text: str, seconds: float) -> None:
    assert duration_seconds(text, name="--x") == seconds


def test_duration_seconds__negative__usage_error() -> None:
    with pytest.raises(UsageError, match="--x '-5m'"):
        duration_seconds("-5m", name="--x")


def test_serve__uvicorn__keep_alive_timeout_from_the_header_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **options: ran.update(options))
    monkeypatch.delenv(CONFIG_VARIABLE, raising=False)

    assert _serve("--server", "uvicorn", "--header-timeout", "4") == 0
    assert ran["timeout_keep_alive"] == 4
