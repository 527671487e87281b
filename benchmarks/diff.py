"""Diff benchmark: what ``versiongate diff BASE REVISION`` does, timed against ``json.loads``.

One run loads both documents, compares them (diff, rules, every location), applies the
default configuration, rolls the findings up by change and renders the default text report
(``--format text --group-by change --min-level warning``, no colour) — everything but argument
parsing and writing to the terminal. Target (issue 13): at most 10x the time of ``json.loads``
of both documents on Stripe's six-month pair (2021-10-07 -> 2022-04-12), with peak RSS under
150 MB. The other pairs of ``../shared/specs/README.md`` are measured too.

The machine is shared and noisy, so each run times ``json.loads`` and the full run back to
back and the ratio is the median of those paired ratios; the spread (lowest and highest
paired ratio), the machine and its load average are printed beside it. Run:
``.venv/bin/python -m benchmarks.diff [--runs N]``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.checker import CheckOptions, compare
from versioning.config import Config
from versioning.report.model import Report
from versioning.report.policy import build_comparison
from versioning.report.render import render
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from versioning.findings import Finding

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "specs"
PAIRS = (
    ("stripe/spec3-2021-10-07.json", "stripe/spec3-2022-04-12.json", "Stripe six months"),
    ("stripe/spec3-2022-04-07.json", "stripe/spec3-2022-04-12.json", "Stripe five days"),
    ("adyen/PaymentService-v67.json", "adyen/PaymentService-v68.json", "Adyen v67 -> v68"),
)
TARGET_RATIO = 10.0
TARGET_PEAK_MB = 150.0
TODAY = dt.date(2026, 1, 1)
"""A fixed day, so the deprecation rules give the same findings on every run."""
STAGES = ("load", "compare", "report")


class Run:
    """One full run: its findings, the report's size, and seconds per stage."""

    def __init__(self, findings: list[Finding], report_lines: int, seconds: dict[str, float]):
        self.findings = findings
        self.report_lines = report_lines
        self.seconds = seconds

    @property
    def total(self) -> float:
        """Seconds for the whole run."""
        return sum(self.seconds.values())


def full_run(base: Path, revision: Path) -> Run:
    """Everything ``versiongate diff`` does between reading its arguments and printing."""
    started = time.perf_counter()
    base_spec, revision_spec = load_spec(base), load_spec(revision)
    loaded = time.perf_counter()
    findings = compare(base_spec, revision_spec, options=CheckOptions(today=TODAY))
    compared = time.perf_counter()
    comparison, _ = build_comparison(
        findings, kind="diff", base=str(base), revision=str(revision), config=Config(),
        today=TODAY, fail_on="error", min_level="warning",
    )  # fmt: skip
    text = render(Report(comparisons=(comparison,)), "text", color=False, group_by="change")
    reported = time.perf_counter()
    seconds = {"load": loaded - started, "compare": compared - loaded}
    seconds["report"] = reported - compared
    return Run(findings, text.count("\n"), seconds)


def _bare(base: Path, revision: Path) -> float:
    """Seconds for ``json.loads`` of both documents, read from disk like the full run."""
    started = time.perf_counter()
    json.loads(base.read_bytes())
    json.loads(revision.read_bytes())
    return time.perf_counter() - started


def _paired(base: Path, revision: Path, runs: int) -> list[tuple[float, Run]]:
    """Time both workloads back to back in each run, so both see the same machine load."""
    samples = []
    for _ in range(runs):
        gc.collect()
        bare = _bare(base, revision)
        gc.collect()
        samples.append((bare, full_run(base, revision)))
    return samples


def _peak_rss_mb(base: Path, revision: Path) -> float:
    """Peak RSS (Linux VmHWM) of a fresh process doing one full run."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.diff", "--peak-of", str(base), str(revision)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return int(done.stdout) / 1024


def _print_peak(base: str, revision: str) -> int:
    """The ``--peak-of`` mode: one full run, then this process's peak RSS in kB."""
    full_run(Path(base), Path(revision))
    status = Path("/proc/self/status").read_text(encoding="ascii")
    print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
    return 0


def _measure(base: Path, revision: Path, label: str, runs: int) -> tuple[float, float]:
    warm = full_run(base, revision)  # imports, caches, first-touch page faults
    levels = collections.Counter(finding.level for finding in warm.findings)
    samples = _paired(base, revision, runs)
    ratios = sorted(run.total / bare for bare, run in samples)
    ratio = statistics.median(ratios)
    peak = _peak_rss_mb(base, revision)
    bare_ms = statistics.median(bare for bare, _ in samples) * 1000
    totals = [run.total * 1000 for _, run in samples]
    stages = ", ".join(
        f"{stage} {statistics.median(run.seconds[stage] for _, run in samples) * 1000:.0f}"
        for stage in STAGES
    )
    print(f"{label}: {base.name} -> {revision.name}")
    print(
        f"  findings        {len(warm.findings)} (error {levels['error']}, warning"
        f" {levels['warning']}, info {levels['info']}); text report {warm.report_lines} lines"
    )
    print(f"  json.loads x2   median {bare_ms:7.1f} ms over {runs} runs")
    print(
        f"  full run        median {statistics.median(totals):7.1f} ms"
        f" (min {min(totals):.1f}, max {max(totals):.1f}); medians by stage: {stages} ms"
    )
    print(
        f"  ratio           {ratio:.1f}x (median of paired runs; spread {ratios[0]:.1f}x to"
        f" {ratios[-1]:.1f}x)   peak RSS {peak:.0f} MB"
    )
    return ratio, peak


def _machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python"
        f" {platform.python_version()}; load average {load} (1, 5, 15 min)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="paired runs per pair (default 7)")
    parser.add_argument("--peak-of", nargs=2, metavar=("BASE", "REVISION"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.peak_of:
        return _print_peak(*arguments.peak_of)
    missing = [p for pair in PAIRS for p in pair[:2] if not (SPECS / p).is_file()]
    if missing:
        print(f"benchmark inputs missing under {SPECS}: {', '.join(missing)}", file=sys.stderr)
        return 2
    print(_machine())
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
    print("after:  " + _machine())
    print("result          " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
