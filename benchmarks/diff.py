"""Diff benchmark: load two specs, compare them and locate every finding, vs ``json.loads``.

Target (issue 3): at most 20x the time of ``json.loads`` of both documents on Stripe's
six-month pair (2021-10-07 -> 2022-04-12), with peak memory under 500 MB. The other pairs
of ``../shared/specs/README.md`` are measured too. Run:
``.venv/bin/python -m benchmarks.diff [--runs N]``.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.checker import CheckOptions, compare
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from collections.abc import Callable

SPECS = Path(__file__).resolve().parents[2] / "shared" / "specs"
PAIRS = (
    ("stripe/spec3-2021-10-07.json", "stripe/spec3-2022-04-12.json", "Stripe six months"),
    ("stripe/spec3-2022-04-07.json", "stripe/spec3-2022-04-12.json", "Stripe five days"),
    ("adyen/PaymentService-v67.json", "adyen/PaymentService-v68.json", "Adyen v67 -> v68"),
)
TARGET_RATIO = 20.0
TARGET_PEAK_MB = 500.0

_PEAK = (
    "import sys\n"
    "from versioning.checker import compare\n"
    "from versioning.spec.loader import load_spec\n"
    "{work}\n"
    "status = open('/proc/self/status').read()\n"
    "print(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM')))\n"
)


def _full_run(base: Path, revision: Path) -> list[object]:
    """Everything a user waits for: both loads, the comparison, every location."""
    return list(compare(load_spec(base), load_spec(revision), options=CheckOptions()))


def _paired(
    bare: Callable[[], object], ours: Callable[[], object], runs: int
) -> list[tuple[float, float]]:
    """Time both workloads back to back in each run, so both see the same machine load."""
    samples = []
    for _ in range(runs):
        times = []
        for work in (bare, ours):
            gc.collect()
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        samples.append((times[0], times[1]))
    return samples


def _peak_rss_mb(base: Path, revision: Path) -> float:
    """Peak RSS (Linux VmHWM) of a fresh process running one full comparison."""
    work = "compare(load_spec(sys.argv[1]), load_spec(sys.argv[2]))"
    code = _PEAK.format(work=work)
    done = subprocess.run(
        [sys.executable, "-c", code, str(base), str(revision)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(done.stdout) / 1024


def _measure(base: Path, revision: Path, label: str, runs: int) -> tuple[float, float]:
    findings = _full_run(base, revision)
    levels = collections.Counter(getattr(finding, "level", "") for finding in findings)
    samples = _paired(
        lambda: (json.loads(base.read_bytes()), json.loads(revision.read_bytes())),
        lambda: _full_run(base, revision),
        runs,
    )
    bare = statistics.median(b for b, _ in samples)
    ours = statistics.median(o for _, o in samples)
    ratio = statistics.median(o / b for b, o in samples)
    peak = _peak_rss_mb(base, revision)
    print(f"{label}: {base.name} -> {revision.name}")
    print(
        f"  findings        {len(findings)} (error {levels['error']}, warning"
        f" {levels['warning']}, info {levels['info']})"
    )
    print(f"  json.loads x2   median {bare * 1000:7.1f} ms over {runs} runs")
    print(f"  load + compare  median {ours * 1000:7.1f} ms (both loads, diff, rules, locations)")
    print(f"  ratio           {ratio:.1f}x (median of paired runs)   peak RSS {peak:.0f} MB")
    return ratio, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    missing = [p for pair in PAIRS for p in pair[:2] if not (SPECS / p).is_file()]
    if missing:
        print(f"benchmark inputs missing under {SPECS}: {', '.join(missing)}", file=sys.stderr)
        return 2
    results = [
        _measure(SPECS / base, SPECS / revision, label, arguments.runs)
        for base, revision, label in PAIRS
    ]
    ratio = results[0][0]
    peak = max(peak for _, peak in results)
    ok = ratio <= TARGET_RATIO and peak < TARGET_PEAK_MB
    print(
        f"target          Stripe six months {ratio:.1f}x of json.loads"
        f" (goal <= {TARGET_RATIO:.0f}x, {ratio / TARGET_RATIO:.0%} of the budget);"
        f" peak RSS {peak:.0f} MB (goal < {TARGET_PEAK_MB:.0f} MB)"
    )
    print("result          " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
