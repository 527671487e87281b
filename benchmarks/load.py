"""Load-time benchmark: our full load of the 4 MB Stripe document vs a bare ``json.loads``.

Target (issue 2): at most 5x the time of ``json.loads`` and under 150 MB peak memory.
Run: ``.venv/bin/python -m benchmarks.load [PATH] [--runs N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "specs" / "stripe" / "spec3-2022-04-12.json"
)
TARGET_RATIO = 5.0
TARGET_PEAK_MB = 150.0


def _median_seconds(work: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


_HIGH_WATER = (
    "import sys\n"
    "{work}\n"
    "status = open('/proc/self/status').read()\n"
    "print(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM')))\n"
)


def _peak_rss_mb(path: Path) -> tuple[float, float]:
    """Peak RSS (Linux VmHWM) of a fresh process loading the document, and of one not loading it."""
    work = "from versioning.spec.loader import load_spec; load_spec(sys.argv[1])"
    baseline = "from versioning.spec.loader import load_spec"
    runs = []
    for body in (work, baseline):
        code = _HIGH_WATER.format(work=body)
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
        )
        runs.append(int(done.stdout))
    return runs[0] / 1024, runs[1] / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=15)
    arguments = parser.parse_args()
    path: Path = arguments.path
    if not path.is_file():
        print(f"benchmark input {path} is missing", file=sys.stderr)
        return 2

    bare = _median_seconds(lambda: json.loads(path.read_bytes()), arguments.runs)
    ours = _median_seconds(lambda: load_spec(path), arguments.runs)
    ratio = ours / bare

    tracemalloc.start()
    load_spec(path)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss, rss_idle = _peak_rss_mb(path)

    print(f"document        {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"json.loads      median {bare * 1000:7.1f} ms over {arguments.runs} runs")
    print(f"load_spec       median {ours * 1000:7.1f} ms (parse + refs + normalise + model)")
    print(f"ratio           {ratio:.2f}x   (target <= {TARGET_RATIO:.0f}x)")
    print(
        f"peak memory     {traced_peak / 2**20:.0f} MB allocated (tracemalloc); process peak RSS"
        f" {rss:.0f} MB, {rss_idle:.0f} MB without the load (target < {TARGET_PEAK_MB:.0f} MB)"
    )
    ok = ratio <= TARGET_RATIO and max(traced_peak / 2**20, rss) < TARGET_PEAK_MB
    print("result          " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
