"""Schemathesis against every supported version of a live, strict server: zero failures.

And against third-party specs served in generic mode (``shared/specs``), with only the
credentials Schemathesis sends accepted, so its auth checks can pass.

All checks run (status codes, content types, response schemas and headers, negative data
rejection, auth, ``Allow``), with a bounded example count and a fixed seed so the suite
stays within its time budget and reproducible.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import httpx
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


SHARED_SPECS = API_SPECS.parents[1] / "shared" / "specs"
AUTH_FREE_STATUS = ("--exclude-checks", "status_code_conformance")
"""For specs that declare no error status at all (Square, Twilio): any refusal of an invalid
request is "undocumented", and answering it with 2xx instead would fail
``negative_data_rejection``. The mock refuses; the spec is what is incomplete."""


class GenericCase(NamedTuple):
    """One third-party spec served in generic mode, and how Schemathesis calls it."""

    spec: str
    """Path below ``shared/specs``."""
    serve: tuple[str, ...]
    """``versiongate serve`` options (the credentials Schemathesis sends, and only those)."""
    run: tuple[str, ...]
    """Schemathesis options: credentials, the bounded example count, phases, exclusions."""


GENERIC = {
    "adyen-v67": GenericCase(
        "adyen/PaymentService-v67.json", ("--credential", "basic=u:p"),
        ("--auth", "u:p", "--max-examples", "5"),
    ),
    "adyen-v68": GenericCase(
        "adyen/PaymentService-v68.json", ("--credential", "basic=u:p"),
        ("--auth", "u:p", "--max-examples", "5"),
    ),
    "twilio-v2010": GenericCase(
        "twilio/twilio_api_v2010.json", ("--credential", "basic=u:p"),
        ("--auth", "u:p", "--max-examples", "2", "--phases", "examples,fuzzing",
         *AUTH_FREE_STATUS),
    ),
}  # fmt: skip
GENERIC_GAPS = {
    "stripe-2022-04-12": GenericCase(
        "stripe/spec3-2022-04-12.json", ("--credential", "basic=u:p"),
        ("--auth", "u:p", "--max-examples", "2", "--phases", "examples,fuzzing"),
    ),
    "square": GenericCase(
        "square/api.json", ("--credential", "bearer=tok"),
        ("-H", "Authorization: Bearer tok", "--max-examples", "2",
         "--phases", "examples,fuzzing", *AUTH_FREE_STATUS),
    ),
}  # fmt: skip
"""Specs whose remaining failures are outside generic mode (see ``notes/generic-mode.md``):
granian answers URLs and headers over its limits with a bare 414/431 (Stripe), and remote
``$ref``s are not fetched (Square). Strict xfail: fixing them turns these
into failures that ask for the mark to go."""


def _run_generic(case: GenericCase) -> subprocess.CompletedProcess[str]:
    live = LiveServer(SHARED_SPECS / case.spec, db=None, extra=["--mode", "generic", *case.serve])
    try:
        document = httpx.get(live.url + "/docs").text
        found = re.search(r"/docs/([^/']+)/openapi\.json", document)
        assert found is not None, document[:500]
        url = f"{live.url}/docs/{found.group(1)}/openapi.json"
        # --url: some specs name their own servers per path (Twilio); every call comes here
        command = [str(SCHEMATHESIS), "run", url, "--url", live.url, "--checks", "all"]
        command += ["--seed", SEED, "--no-color", "--output-truncate", "true", *case.run]
        return subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    finally:
        live.stop()


@pytest.mark.skipif(not SCHEMATHESIS.is_file(), reason="schemathesis is not installed")
@pytest.mark.skipif(not SHARED_SPECS.is_dir(), reason="shared/specs is not present")
@pytest.mark.parametrize("name", sorted(GENERIC))
def test_schemathesis__generic_mode_third_party_spec__no_failures(name: str) -> None:
    done = _run_generic(GENERIC[name])
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


@pytest.mark.skipif(not SCHEMATHESIS.is_file(), reason="schemathesis is not installed")
@pytest.mark.skipif(not SHARED_SPECS.is_dir(), reason="shared/specs is not present")
@pytest.mark.xfail(strict=True, reason="validator gaps outside generic mode; see GENERIC_GAPS")
@pytest.mark.parametrize("name", sorted(GENERIC_GAPS))
def test_schemathesis__generic_mode_spec_with_known_gaps__no_failures(name: str) -> None:
    done = _run_generic(GENERIC_GAPS[name])
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
