"""Schemathesis against every supported version of a live, strict server: zero failures.

All checks run (status codes, content types, response schemas and headers, negative data
rejection, auth, ``Allow``), with a bounded example count and a fixed seed so the suite
stays within its time budget and reproducible.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.server import dialects
from tests.server.conftest import API_SPECS, TODAY
from tests.server.live import LiveServer

if TYPE_CHECKING:
    from collections.abc import Iterator

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
EXAMPLES = "15"
SEED = "1"


@pytest.fixture(scope="module")
def strict_server() -> Iterator[LiveServer]:
    live = LiveServer(API_SPECS, db=None, extra=["--now", TODAY, "--strict"])
    yield live
    live.stop()


@pytest.mark.skipif(not SCHEMATHESIS.is_file(), reason="schemathesis is not installed")
@pytest.mark.parametrize("version", dialects.SUPPORTED)
def test_schemathesis__all_checks__no_failures(strict_server: LiveServer, version: str) -> None:
    url = f"{strict_server.url}/docs/{version}/openapi.json"
    command = [str(SCHEMATHESIS), "run", url, "--checks", "all", "--max-examples", EXAMPLES]
    command += ["--seed", SEED, "--header", f"API-Version: {version}"]
    command += ["--auth", "pk_test_demo:sk_test_demo", "--no-color", "--output-truncate", "false"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
