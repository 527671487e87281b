"""``versiongate check api_specs`` with its coverage proofs: wall time and the proofs' share.

Each run is a fresh process (what CI pays: imports, loading, diffing, witnesses, report).
The proofs' share is measured in one more, in-process run that times every
``CoverageGate.judge`` call (building and running the witnesses of each breaking finding).
Target (issue 10): under 3 s on the 2-core machine. Prints the median, the spread, and the
ratio to the target. Run: ``.venv/bin/python -m benchmarks.check [--runs N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 3.0


def _wall(runs: int) -> list[float]:
    samples = []
    command = [sys.executable, "-m", "versioning.cli.main", "check", "api_specs"]
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"check failed ({done.returncode}):\n{done.stdout.decode()[-2000:]}")
    return samples


def _proof_share() -> tuple[float, float, int]:
    """In-process: total seconds, seconds inside CoverageGate.judge, findings judged."""
    from versioning.cli.main import main
    from versioning.coverage import gate

    spent = [0.0, 0]
    original = gate.CoverageGate.judge

    def timed(self: gate.CoverageGate, finding: object) -> object:
        started = time.perf_counter()
        try:
            return original(self, finding)  # type: ignore[arg-type]
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    gate.CoverageGate.judge = timed  # type: ignore[assignment,method-assign]
    try:
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            main(["check", str(ROOT / "api_specs")])
        total = time.perf_counter() - started
    finally:
        gate.CoverageGate.judge = original  # type: ignore[method-assign]
    return total, spent[0], int(spent[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh-process runs (default 7)")
    runs = parser.parse_args().runs
    samples = _wall(runs)
    median = statistics.median(samples)
    total, proofs, judged = _proof_share()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"check api_specs, {runs} fresh processes: median {median:.2f} s"
        f" (min {min(samples):.2f}, max {max(samples):.2f})"
    )
    print(
        f"in-process run: {total:.2f} s, of which proofs {proofs:.2f} s"
        f" ({proofs / total:.0%}, {judged} findings judged)"
    )
    print(f"ratio to the {TARGET_SECONDS:.0f} s target: {median / TARGET_SECONDS:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
