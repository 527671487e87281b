"""``--db`` / ``VERSIONGATE_DB``: which store, refused URLs, and the banner without passwords."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mock_server.store_factory import database_target, describe_target, open_store
from versioning.cli.main import main
from versioning.errors import UsageError

API_SPECS = Path(__file__).resolve().parents[2] / "api_specs"
DEFAULT = "versiongate-sandbox.sqlite3"


@pytest.mark.parametrize(
    "url", ["postgresql://app:s3cret@db.example:5432/sandbox", "postgres://h/d", "POSTGRESQL:///d"]
)
def test_database_target__postgresql_url__kept_as_given(url: str) -> None:
    assert database_target(url) == url


@pytest.mark.parametrize(
    "url", ["sqlite:///tmp/x.db", "mysql://root:s3cret@h/d", "postgresql+psycopg://u:s3cret@h/d"]
)
def test_database_target__other_scheme__one_line_refusal_without_the_url(url: str) -> None:
    with pytest.raises(UsageError) as raised:
        database_target(url)
    message = str(raised.value)
    assert "does not support" in message
    assert "postgresql://" in message
    assert "s3cret" not in message
    assert "\n" not in message


def test_database_target__environment__used_only_when_db_left_at_default(tmp_path: Path) -> None:
    environment = {"VERSIONGATE_DB": "postgresql://h/d"}
    assert database_target(DEFAULT, default=DEFAULT, environment=environment) == "postgresql://h/d"
    given = str(tmp_path / "x.sqlite3")
    assert database_target(given, default=DEFAULT, environment=environment) == given
    assert database_target(":memory:", default=DEFAULT, environment=environment) is None
    assert database_target(DEFAULT, default=DEFAULT, environment={}) == str(
        (tmp_path.cwd() / DEFAULT).resolve()
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (None, "in memory (lost on exit)"),
        ("/srv/s.sqlite3", "SQLite /srv/s.sqlite3"),
        (
            "postgresql://app:s3cret@db.example:5433/sandbox",
            "PostgreSQL app@db.example:5433/sandbox",
        ),
        ("postgresql:///sandbox", "PostgreSQL localhost/sandbox"),
        ("postgresql://app:s3cret@h:port/d", "PostgreSQL app@h:?/d"),
    ],
)
def test_describe_target__never_shows_a_password(target: str | None, expected: str) -> None:
    assert describe_target(target) == expected


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_open_store__postgresql_unreachable__usage_error_without_password() -> None:
    url = f"postgresql://app:s3cret@127.0.0.1:{_closed_port()}/sandbox"
    with pytest.raises(UsageError, match=r"cannot open PostgreSQL app@127\.0\.0\.1") as raised:
        open_store(url)
    assert "s3cret" not in str(raised.value)


def test_open_store__postgresql_url__the_postgresql_store(pg_url: str) -> None:
    from mock_server.postgres import PostgresStore

    store = open_store(pg_url, idempotency_retention=60)
    try:
        assert isinstance(store, PostgresStore)
    finally:
        store.close()


def test_serve__unsupported_database_url__exit_2_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERSIONGATE_DB", "mysql://root:s3cret@h/d")
    assert main(["serve", str(API_SPECS)]) == 2
    err = capsys.readouterr().err.strip()
    assert "mysql" in err
    assert "s3cret" not in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", ["0", "many", "-3"])
def test_open_store__bad_pool_size__usage_error(size: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERSIONGATE_DB_POOL_SIZE", size)
    with pytest.raises(UsageError, match="VERSIONGATE_DB_POOL_SIZE"):
        open_store("postgresql://127.0.0.1:1/d")
