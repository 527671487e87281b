#!/usr/bin/env python3
"""One entry point that sets up the project and runs its main job or its checks.

Only the standard library is used here, so a fresh machine with ``python3`` (3.11+) and
access to the package registries is enough::

    python3 dev.py run     # set up, then run the main job on the bundled specs
    python3 dev.py test    # set up, then run the whole test suite, ruff and mypy --strict

The virtual environment lives in ``.venv`` and is (re)built from ``requirements/lock.txt``
(exact versions with hashes) whenever the lock or ``pyproject.toml`` changes. ``test`` and
``setup`` also install Debian's ``chromium`` with apt-get when no Chromium is found, for the
browser tests (``tests/browser``), and Debian's ``postgresql`` when missing, for the store
contract suite (``tests/store_contract``); without apt-get they say so, and those tests are
skipped (outside CI).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "lock.txt"
STAMP = VENV / ".versiongate-lock"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""What the browser tests look for on the PATH (``VERSIONGATE_CHROMIUM`` overrides)."""


def _chromium_found() -> bool:
    named = os.environ.get("VERSIONGATE_CHROMIUM")
    if named:
        return Path(named).is_file()
    return any(shutil.which(name) for name in CHROMIUM_NAMES)


def _postgresql_found() -> bool:
    named = os.environ.get("VERSIONGATE_PG_BIN")
    if named:
        return (Path(named) / "initdb").is_file()
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def install_test_services() -> None:
    """Install Debian's ``chromium`` and ``postgresql`` quietly when missing.

    The browser tests drive Chromium; tests/pg_cluster.py starts a throwaway PostgreSQL
    cluster from its binaries (no service is enabled or used). Needs apt-get and root (or
    password-less sudo); without them, says so and goes on: those tests are skipped, except
    in CI, where they fail.
    """
    wanted: list[tuple[str, str, bool]] = [
        ("chromium", "tests/browser", _chromium_found()),
        ("postgresql", "tests/store_contract", _postgresql_found()),
    ]
    missing = [(package, purpose) for package, purpose, found in wanted if not found]
    if not missing:
        return
    packages = [package for package, _ in missing]
    apt = shutil.which("apt-get")
    prefix: list[str] = []
    if apt is not None and hasattr(os, "geteuid") and os.geteuid() != 0:
        sudo = shutil.which("sudo")
        apt, prefix = (None, []) if sudo is None else (apt, [sudo, "-n"])
    if apt is None:
        for package, purpose in missing:
            print(
                f"dev.py: no {package}, and no apt-get (or root) to install it: {purpose}"
                " is skipped (a failure in CI)",
                flush=True,
            )
        return
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"+ apt-get install {' '.join(packages)} (for the browser and store tests)", flush=True)
    for command in (
        [*prefix, apt, "-qq", "update"],
        [*prefix, apt, "-qq", "-y", "--no-install-recommends", "install", *packages],
    ):
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=environment,
            check=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done.returncode:
            sys.exit(f"dev.py: {' '.join(command)} failed:\n{done.stderr.strip()}")


def setup(*, browser: bool = False) -> None:
    """Create or refresh ``.venv`` so it matches the lock file exactly.

    With ``browser``, also install Chromium for the browser tests and PostgreSQL for the
    store contract suite when they are missing.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py must explain itself on old Pythons
        sys.exit(f"versiongate needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if browser:
        install_test_services()
    fingerprint = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    python = BIN / "python"
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--require-hashes",
        "-r",
        LOCK,
    )
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        ".",
    )
    STAMP.write_text(fingerprint)


def lock() -> None:
    """Re-resolve ``requirements/lock.txt`` from pyproject.toml (needs uv in the venv)."""
    setup()
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "uv")
    _run(
        BIN / "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "requirements/build.in",
        "--extra",
        "test",
        "--generate-hashes",
        "--python-version",
        "3.11",
        "--quiet",
        "-o",
        LOCK,
    )


def test(extra: list[str]) -> int:
    """Run the test suite, then ruff and mypy --strict; return the first failing exit code."""
    setup(browser=True)
    steps: list[list[str | Path]] = [
        [BIN / "python", "-m", "pytest", *extra],
        [BIN / "ruff", "check", "."],
        [BIN / "ruff", "format", "--check", "."],
        [BIN / "mypy"],
    ]
    for step in steps:
        print("+", " ".join(str(a) for a in step), flush=True)
        code = subprocess.run([str(a) for a in step], cwd=ROOT, check=False).returncode
        if code:
            return code
    return 0


MAIN_JOB = ["serve", "api_specs"]
"""The main job on the bundled specs: the mock server, serving every version."""


def run(extra: list[str]) -> int:
    """Run the main job on the bundled specs."""
    setup()
    command = [str(BIN / "versiongate"), *MAIN_JOB, *extra]
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def main() -> int:
    """Dispatch ``run``, ``test``, ``setup`` or ``lock``."""
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "setup", "lock"}:
        print(__doc__)
        return 2
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(browser=True)
        return 0
    if command == "lock":
        lock()
        return 0
    try:
        return test(extra) if command == "test" else run(extra)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
