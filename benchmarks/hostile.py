"""Fuzzing benchmark: the hostile corpus through every command, with counts and peak memory.

Every input of ``tests/hostile`` (the checked-in corpus, one generated case per crash class
of issues 12 and 13, and large inputs generated at ``--size``, 10 MB by default) through every
command that reads a spec, each job in its own forked process under ``RLIMIT_AS`` and
``RLIMIT_CPU`` (``tests/hostile/forkserver.py``). Prints, per command, how many jobs ended in
a located error, a clean report, a crash (a traceback, exit 3, or exit 2 without a place), a
hang or a memory kill; then the memory each large input cost, as peak resident memory added
over the same command on a tiny spec, per byte of input (``diff X X`` reads its input twice).

Goal (issue 12): 0 crashes, 0 hangs, no input above 10x its own size in memory.
Run: ``.venv/bin/python -m benchmarks.hostile [--size BYTES] [--parallel N]``.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tests.hostile.corpus import COMMANDS, KNOWN_ISSUES, all_cases, jobs_for, write_case
from tests.hostile.harness import Budget, run_jobs

if TYPE_CHECKING:
    from tests.hostile.harness import Outcome

GOAL_RATIO = 10.0
LARGE_FROM = 1_000_000
"""Inputs at least this big get a memory line (below it, the baseline's noise dominates)."""
_BROKEN = ("crash", "unlocated", "hang", "memory")


def _machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python"
        f" {platform.python_version()}, load average {load}"
    )


def _counts(outcomes: list[Outcome]) -> None:
    print(f"\n{'command':28} {'jobs':>5} {'located':>8} {'clean':>6} {'crash':>6} {'hang':>5}"
          f" {'memory':>7} {'slowest':>8}")  # fmt: skip
    totals: collections.Counter[str] = collections.Counter()
    for command in COMMANDS:
        mine = [outcome for outcome in outcomes if outcome.job.id.endswith(f":{command}")]
        verdicts = collections.Counter(outcome.verdict for outcome in mine)
        totals.update(verdicts)
        slowest = max((outcome.seconds for outcome in mine), default=0.0)
        crashes = verdicts["crash"] + verdicts["unlocated"]
        print(f"{command:28} {len(mine):5} {verdicts['error']:8} {verdicts['clean']:6}"
              f" {crashes:6} {verdicts['hang']:5} {verdicts['memory']:7}"
              f" {slowest:7.1f}s")  # fmt: skip
    crashes = totals["crash"] + totals["unlocated"]
    print(f"{'all':28} {len(outcomes):5} {totals['error']:8} {totals['clean']:6} {crashes:6}"
          f" {totals['hang']:5} {totals['memory']:7}")  # fmt: skip


def _memory(outcomes: list[Outcome]) -> float:
    baselines = {
        outcome.job.id.partition(":")[2]: outcome.peak_bytes or 0
        for outcome in outcomes
        if outcome.job.id.startswith("tiny_valid:")
    }
    print(f"\nmemory of inputs >= {LARGE_FROM / 1e6:g} MB: peak added over the same command on"
          " a tiny spec, per input byte")  # fmt: skip
    worst = 0.0
    rows = []
    for outcome in outcomes:
        size = outcome.job.input_bytes
        if size < LARGE_FROM or outcome.peak_bytes is None or outcome.verdict != "clean":
            continue
        command = outcome.job.id.partition(":")[2]
        ratio = (outcome.peak_bytes - baselines.get(command, 0)) / size
        worst = max(worst, ratio)
        rows.append((outcome.job.id, size, outcome.peak_bytes, ratio, outcome.seconds))
    for job_id, size, peak, ratio, seconds in sorted(rows):
        flag = "  ABOVE 10x" if ratio > GOAL_RATIO else ""
        print(f"  {job_id:42} {size / 1e6:6.1f} MB in {peak / 1e6:7.1f} MB peak"
              f"  {ratio:5.1f}x  {seconds:6.1f} s{flag}")  # fmt: skip
    return worst


def _known(outcome: Outcome) -> str | None:
    case, _, command = outcome.job.id.partition(":")
    return KNOWN_ISSUES.get((case, command))


def _broken(outcomes: list[Outcome]) -> None:
    broken = [outcome for outcome in outcomes if outcome.verdict in _BROKEN]
    if broken:
        print("\nnot a located error nor a clean report (known: an issue of another owner):")
    for outcome in sorted(broken, key=lambda outcome: outcome.job.id):
        last = (outcome.stderr.strip().splitlines() or ["(no output)"])[-1]
        known = " (known)" if _known(outcome) else ""
        print(f"  {outcome.verdict:9} {outcome.job.id}{known}: {last[:150]}")


def main() -> int:
    """Run the corpus and print the figures; exit 1 if a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000, help="bytes of each large input")
    parser.add_argument("--parallel", type=int, default=2, help="jobs at a time (default 2)")
    parser.add_argument("--cpu-seconds", type=int, default=60, help="RLIMIT_CPU of each job")
    parser.add_argument("--memory-gb", type=float, default=3.0, help="address space a job may add")
    arguments = parser.parse_args()
    print(_machine())
    budget = Budget(
        cpu_seconds=arguments.cpu_seconds, wall_seconds=3.0 * arguments.cpu_seconds,
        memory_bytes=int(arguments.memory_gb * 1024**3),
    )  # fmt: skip
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="versiongate-hostile-") as temporary:
        cases = all_cases(large_size=arguments.size)
        jobs = []
        for case in cases:
            jobs.extend(jobs_for(case, write_case(case, Path(temporary)), budget=budget))
        jobs.sort(key=lambda job: -job.input_bytes)
        print(f"corpus: {len(cases)} inputs x {len(COMMANDS)} commands = {len(jobs)} jobs,"
              f" {arguments.parallel} at a time;"
              f" large inputs {arguments.size / 1e6:g} MB")  # fmt: skip
        outcomes = list(run_jobs(jobs, parallel=arguments.parallel))
    _counts(outcomes)
    worst = _memory(outcomes)
    _broken(outcomes)
    failed = {"crash", "unlocated", "memory"}
    broken = [outcome for outcome in outcomes if outcome.verdict in failed]
    crashes = sum(_known(outcome) is None for outcome in broken)
    known = len(broken) - crashes
    hangs = sum(outcome.verdict == "hang" for outcome in outcomes)
    print(f"\n{_machine()}")
    print(f"total {time.perf_counter() - started:.0f} s; {crashes} crashes (and {known} known"
          f" ones of other owners: tests/hostile/corpus.py KNOWN_ISSUES), {hangs} hangs,"
          f" worst memory {worst:.1f}x its input (goal: 0, 0, <= {GOAL_RATIO:g}x)")  # fmt: skip
    return 0 if crashes == 0 and hangs == 0 and worst <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
