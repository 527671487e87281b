"""A real, throwaway PostgreSQL cluster for the tests (issue 18).

Debian's ``postgresql`` package is found under ``/usr/lib/postgresql/<major>/bin`` (or
``VERSIONGATE_PG_BIN``); ``python3 dev.py setup`` (and ``test``) installs it when missing (root,
or password-less sudo). ``initdb`` refuses to run as root, so as root the cluster belongs to a
system user, ``versiongate-pg``, created when missing. The cluster lives in a temporary
folder, listens on 127.0.0.1 on a free port with ``trust`` authentication, runs without
fsync (a test cluster survives nothing), and is stopped and removed at the end.

:func:`unavailable_reason` says why no cluster can be started; the fixtures skip with it,
except in CI (``CI`` or ``VERSIONGATE_HYPOTHESIS_PROFILE=ci``), where it is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CLUSTER_USER",
    "PgCluster",
    "find_bin",
    "in_ci",
    "running_cluster",
    "unavailable_reason",
]

CLUSTER_USER = "versiongate-pg"
"""The unprivileged system user that owns the cluster when the tests run as root."""
_START_ATTEMPTS = 3
_TIMEOUT = 60


def in_ci() -> bool:
    """Whether this is CI, where a missing PostgreSQL fails instead of skipping."""
    return bool(os.environ.get("CI")) or os.environ.get("VERSIONGATE_HYPOTHESIS_PROFILE") == "ci"


def _major(folder: Path) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in folder.parent.name.split("."))
    except ValueError:
        return (0,)


def find_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: the newest Debian major version, if any."""
    named = os.environ.get("VERSIONGATE_PG_BIN")
    if named:
        return Path(named) if (Path(named) / "initdb").is_file() else None
    found = [
        folder
        for folder in Path("/usr/lib/postgresql").glob("*/bin")
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file()
    ]
    if found:
        return max(found, key=_major)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _system_program(name: str) -> str | None:
    """``name`` on the PATH, or in /usr/sbin or /sbin (a PATH without them is common)."""
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/sbin"):
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return None


def _root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def unavailable_reason() -> str | None:
    """Why no cluster can be started here (``None``: it can), installing when it may."""
    if os.name != "posix":
        return "the PostgreSQL tests need a POSIX system"
    if find_bin() is None:  # `python3 dev.py test` (CI) installs it first
        return (
            "no PostgreSQL binaries under /usr/lib/postgresql: `python3 dev.py setup` installs"
            " Debian's postgresql (or set VERSIONGATE_PG_BIN)"
        )
    if _root() and (_system_program("runuser") is None or _system_program("useradd") is None):
        return "running as root without runuser and useradd: cannot run PostgreSQL as a user"
    return None


def _ensure_user() -> None:
    """Create the system user owning the cluster, when running as root and it is missing."""
    found = subprocess.run(["id", "-u", CLUSTER_USER], check=False, capture_output=True)
    if found.returncode:
        subprocess.run(
            [_system_program("useradd") or "useradd", "--system", "--no-create-home",
             "--shell", "/usr/sbin/nologin", CLUSTER_USER],
            check=True, capture_output=True,
        )  # fmt: skip


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgCluster:
    """One cluster in a temporary folder; :meth:`start` it, :meth:`stop` it."""

    def __init__(self, bin_dir: Path) -> None:
        """Prepare (not start) a cluster run by ``bin_dir``'s programs."""
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="versiongate-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = 0
        self._as_user: list[str] = []
        if _root():
            _ensure_user()
            shutil.chown(self.folder, user=CLUSTER_USER)
            self._as_user = [_system_program("runuser") or "runuser", "-u", CLUSTER_USER, "--"]

    def url(self, database: str = "postgres") -> str:
        """The URL of ``database`` on this cluster (user ``postgres``, no password)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self._as_user, *args], check=False, capture_output=True, text=True,
            stdin=subprocess.DEVNULL, timeout=_TIMEOUT,
        )  # fmt: skip
        if done.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}\n{log}"
            )

    def start(self) -> None:
        """``initdb`` and start on a free port (retried if another process takes it first)."""
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C",
        )  # fmt: skip
        for attempt in range(_START_ATTEMPTS):
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                " -c max_connections=200"
            )
            try:
                self._run(
                    str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                    "-o", options, "-w", "-t", str(_TIMEOUT), "start",
                )  # fmt: skip
                return
            except RuntimeError:
                if attempt == _START_ATTEMPTS - 1:
                    raise

    def create_database(self, name: str) -> str:
        """Create an empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"'.encode())
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once (nothing to keep) and remove the folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")  # fmt: skip
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def running_cluster() -> Iterator[PgCluster]:
    """A started cluster, stopped and removed on exit.

    Raises:
        RuntimeError: PostgreSQL is unavailable (see :func:`unavailable_reason`) or failed.
    """
    reason = unavailable_reason()
    bin_dir = find_bin()
    if reason is not None or bin_dir is None:
        raise RuntimeError(reason or "no PostgreSQL binaries")
    cluster = PgCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
