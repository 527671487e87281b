"""Memory benchmark: peak memory per input byte, for each kind of large input and each command.

Issue 12's goal: no input above 10x its own size in memory. Each large input of
``tests/hostile/large.py`` (block YAML, the densest YAML, compact JSON, 38,000 tiny
operations, one schema with very many properties), generated at ``--size`` bytes, goes
through every command of the hostile corpus (``tests/hostile/corpus.py``), each job in its
own forked process (``tests/hostile/forkserver.py``), ``--runs`` times. A job's figure is its
peak resident memory (``VmHWM``) above the process it was forked from, minus the median of
the same command on a tiny spec (the interpreter's and the command's own baseline), per byte
of input (``diff X X`` reads its input twice, so its input is twice the file). Printed per
input and command: the median ratio, the spread (lowest and highest run), seconds; then the
machine and its load average.

Run: ``.venv/bin/python -m benchmarks.memory [--size BYTES] [--runs N] [--command NAME ...]``.
Exit 1 if a median is above 10x.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tests.hostile.cases import generated_cases
from tests.hostile.corpus import COMMANDS, jobs_for, write_case
from tests.hostile.harness import Budget, run_jobs
from tests.hostile.large import large_cases

if TYPE_CHECKING:
    from tests.hostile.harness import Job, Outcome

GOAL_RATIO = 10.0


def _machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python"
        f" {platform.python_version()}, load average {load}"
    )


def _jobs(
    root: Path, *, size: int, runs: int, commands: tuple[str, ...], budget: Budget
) -> list[Job]:
    tiny = next(case for case in generated_cases() if case.name == "tiny_valid")
    jobs: list[Job] = []
    for case in (tiny, *large_cases(size)):
        for run in range(runs):  # a folder per run: new-version writes into its catalog
            folder = write_case(case, root / f"run{run}")
            jobs.extend(jobs_for(case, folder, commands=commands, budget=budget))
    return jobs


def _report(outcomes: list[Outcome], commands: tuple[str, ...]) -> float:
    by_id: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_id.setdefault(outcome.job.id, []).append(outcome)
    baselines = {
        command: statistics.median(
            outcome.peak_bytes or 0 for outcome in by_id[f"tiny_valid:{command}"]
        )
        for command in commands
    }
    print(f"\n{'input:command':42} {'MB in':>6} {'verdict':>8} {'median':>7} {'spread':>13}"
          f" {'peak MB':>8} {'s':>6}")  # fmt: skip
    worst = 0.0
    for job_id, mine in by_id.items():
        case, _, command = job_id.partition(":")
        if case == "tiny_valid":
            continue
        size = mine[0].job.input_bytes
        ratios = sorted(((outcome.peak_bytes or 0) - baselines[command]) / size for outcome in mine)
        median = statistics.median(ratios)
        worst = max(worst, median)
        verdicts = "/".join(sorted({outcome.verdict for outcome in mine}))
        peak = statistics.median(outcome.peak_bytes or 0 for outcome in mine)
        seconds = statistics.median(outcome.seconds for outcome in mine)
        flag = "  ABOVE 10x" if median > GOAL_RATIO else ""
        spread = f"{ratios[0]:5.1f}x-{ratios[-1]:5.1f}x"
        print(f"{job_id:42} {size / 1e6:6.1f} {verdicts:>8} {median:6.1f}x {spread}"
              f" {peak / 1e6:8.1f} {seconds:6.1f}{flag}")  # fmt: skip
    return worst


def main() -> int:
    """Run every large input through every command and print memory per input byte."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000, help="bytes of each large input")
    parser.add_argument("--runs", type=int, default=3, help="runs of each job (default 3)")
    parser.add_argument("--parallel", type=int, default=2, help="jobs at a time (default 2)")
    parser.add_argument("--command", action="append", choices=sorted(COMMANDS), help="only these")
    parser.add_argument("--cpu-seconds", type=int, default=120, help="RLIMIT_CPU of each job")
    arguments = parser.parse_args()
    commands = tuple(arguments.command or COMMANDS)
    print(_machine())
    budget = Budget(
        cpu_seconds=arguments.cpu_seconds, wall_seconds=3.0 * arguments.cpu_seconds,
        memory_bytes=4 * 1024**3, env={"VERSIONGATE_VALIDATE_SECONDS": "10"},
    )  # fmt: skip
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="versiongate-memory-") as temporary:
        jobs = _jobs(Path(temporary), size=arguments.size, runs=arguments.runs, commands=commands,
                     budget=budget)  # fmt: skip
        print(f"{len(jobs)} jobs ({arguments.runs} runs each), {arguments.parallel} at a time;"
              f" large inputs {arguments.size / 1e6:g} MB")  # fmt: skip
        outcomes = list(run_jobs(jobs, parallel=arguments.parallel))
    worst = _report(outcomes, commands)
    print(f"\n{_machine()}")
    print(f"total {time.perf_counter() - started:.0f} s; worst median {worst:.1f}x its input"
          f" (goal: <= {GOAL_RATIO:g}x)")  # fmt: skip
    return 0 if worst <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
