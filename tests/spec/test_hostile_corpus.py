"""Every hostile input gives our own error with a location, fast, in a separate process.

Each file runs in a subprocess with a timeout, so a hang or a C-level crash fails the test
instead of taking the suite down.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent.parent / "corpus" / "hostile"
EXPECTATIONS: dict[str, dict[str, object]] = yaml.safe_load(
    (CORPUS / "expectations.yaml").read_text()
)
TIME_LIMIT_SECONDS = 20

_PROBE = """
import json, sys, time
from versioning import SpecError, load_spec
started = time.perf_counter()
try:
    load_spec(sys.argv[1])
except SpecError as error:
    location = error.location
    print(json.dumps({
        "error": type(error).__name__, "message": str(error),
        "file": location.file if location else None, "line": location.line if location else None,
        "seconds": time.perf_counter() - started,
    }))
else:
    print(json.dumps({"error": None}))
"""


def _load_in_subprocess(path: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, f"crashed:\n{completed.stderr[-2000:]}"
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def test_corpus__every_file__has_an_expectation() -> None:
    files = {path.name for path in CORPUS.iterdir() if path.name != "expectations.yaml"}
    assert files == set(EXPECTATIONS)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_hostile_input__loaded__raises_located_error_quickly(name: str) -> None:
    expected = EXPECTATIONS[name]
    result = _load_in_subprocess(CORPUS / name)
    assert result["error"] == expected["error"], result
    assert result["file"] == str(CORPUS / name)
    assert result["line"] == expected["line"], result["message"]
    assert str(result["message"]).startswith(f"{CORPUS / name}:{expected['line']}:")
    assert isinstance(result["seconds"], float)
    assert result["seconds"] < 5


def test_huge_file__over_the_limit__refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(65 * 1024 * 1024)
    result = _load_in_subprocess(huge)
    assert result["error"] == "SpecLimitError"
    assert "limit" in str(result["message"])
