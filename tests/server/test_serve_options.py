"""``versiongate serve`` refuses what it cannot honour, in one line, before it starts."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import pytest
from granian import Granian

from mock_server.sandbox.demo import seed_demo_merchant
from mock_server.serve_options import check_port_free, database_file
from mock_server.sqlite_store import SqliteStore
from tests.server.conftest import API_SPECS
from versioning.cli.main import main
from versioning.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def test_serve__port_in_use__one_line_exit_2_before_the_banner(
    capsys: pytest.CaptureFixture[str], taken_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def serve(self: object) -> None:  # what used to happen: print, then hang or crash
        raise AssertionError("the server started on a taken port")

    monkeypatch.setattr(Granian, "serve", serve)
    code = main(["serve", str(API_SPECS), "--port", str(taken_port), "--db", ":memory:"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert f"port {taken_port} on 127.0.0.1 is already in use" in err
    assert len(err.strip().splitlines()) == 1


def test_check_port_free__free_port__passes() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    check_port_free("127.0.0.1", port)


def test_check_port_free__unknown_host__usage_error() -> None:
    with pytest.raises(UsageError, match="--host"):
        check_port_free("no-such-host.invalid", 8000)


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://app:s3cret@db.example/sandbox", "sqlite:///tmp/x.db", "mysql://h/d"],
)
def test_serve__database_url__refused_without_echoing_it(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["serve", str(API_SPECS), "--db", url]) == 2
    err = capsys.readouterr().err
    assert "is a database URL" in err
    assert "s3cret" not in err
    assert list(tmp_path.iterdir()) == []  # no folder named "postgresql:", no SQLite file


@pytest.mark.parametrize(
    ("value", "expected"), [(":memory:", None), ("state/sandbox.sqlite3", "state/sandbox.sqlite3")]
)
def test_database_file__paths__resolved(
    value: str, expected: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = database_file(value)
    assert found == (None if expected is None else str(tmp_path / expected))


def test_serve__demo_public_key_with_colon__exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", str(API_SPECS), "--db", ":memory:", "--demo-public-key", "pk:demo"])
    assert code == 2
    assert "--demo-public-key" in capsys.readouterr().err


def test_seed_demo_merchant__stored_with_another_pin__demo_version_applied(
    tmp_path: Path,
) -> None:
    database = tmp_path / "demo.sqlite3"
    options = {"public_key": "pk_test_demo", "secret_key": "sk_test_demo", "created_at": "x"}
    first = SqliteStore(database)
    seed_demo_merchant(first, pinned_version=None, default_version="2026-02-01", **options)
    first.close()
    again = SqliteStore(database)
    kept = seed_demo_merchant(again, pinned_version=None, default_version="2026-02-01", **options)
    assert kept.pinned_version == "2026-02-01"
    moved = seed_demo_merchant(
        again, pinned_version="2024-09-01", default_version="2026-02-01", **options
    )
    again.close()
    assert moved.pinned_version == "2024-09-01"
    reopened = SqliteStore(database)
    stored = reopened.merchant_by_public_key("pk_test_demo")
    reopened.close()
    assert stored is not None
    assert stored.pinned_version == "2024-09-01"


def test_serve__spec_title_with_terminal_escapes__printed_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        'openapi: 3.1.0\ninfo: {title: "\\e[2J\\e[31mred\\nversions   forged", version: "1"}\n'
        "paths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
    )
    monkeypatch.setattr(Granian, "serve", lambda self: None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(["serve", str(spec), "--port", str(port), "--db", ":memory:"])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out
    assert "\\x1b[31mred\\nversions   forged" in out.splitlines()[0]
