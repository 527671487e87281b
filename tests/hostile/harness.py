"""Run CLI jobs through the fork server and judge each: located error, clean report, or not.

The one rule of issue 12: every input ends in a located error (exit 2, ``file:line`` or a
JSON pointer in the message, no traceback) or a clean report (exit 0 or 1 with output), in
bounded time and memory. Anything else is a crash, a hang or a memory blow-up.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import msgspec

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["Budget", "Job", "Outcome", "Verdict", "judge", "run_jobs"]

ROOT = Path(__file__).resolve().parents[2]
Verdict: TypeAlias = Literal["error", "clean", "crash", "hang", "memory", "unlocated"]

_LOCATED = re.compile(r"^error: .*?(?::\d+:\d+: |\(at /)", re.MULTILINE)
_MEMORY_SIGNALS = frozenset({"SIGSEGV", "SIGBUS", "SIGABRT"})


class Budget(msgspec.Struct, frozen=True, kw_only=True):
    """The limits every job of a run gets, and the environment it runs in."""

    cpu_seconds: int = 30
    wall_seconds: float = 60.0
    memory_bytes: int = 1536 * 1024 * 1024
    env: dict[str, str] = {}


class Job(msgspec.Struct, frozen=True, kw_only=True):
    """One command line to run: where, with what input, within which budgets."""

    id: str
    argv: tuple[str, ...]
    cwd: str
    input_bytes: int
    """Size of the input under test (for the memory-per-byte figure)."""
    stdin: str | None = None
    env: dict[str, str] = {}
    cpu_seconds: int = 30
    wall_seconds: float = 60.0
    memory_bytes: int = 1536 * 1024 * 1024
    """Address space a child may add to what it inherited from the fork server."""


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """What a job did."""

    job: Job
    code: int | None
    signal: str | None
    seconds: float
    peak_bytes: int | None
    """Peak resident memory the child added over the fork server's (``None``: unknown)."""
    stdout: str
    stderr: str

    @property
    def verdict(self) -> Verdict:
        """The job judged by the one rule (see the module docstring)."""
        return judge(self)


def judge(outcome: Outcome) -> Verdict:
    """Located error, clean report, or which way it broke the rule."""
    stderr = outcome.stderr
    if outcome.signal in {"timeout", "SIGXCPU", "SIGKILL"}:
        return "hang"
    if "MemoryError" in stderr or "out of memory" in stderr or outcome.signal in _MEMORY_SIGNALS:
        return "memory"
    if outcome.code is None or "Traceback (most recent call last)" in stderr:
        return "crash"
    if outcome.code == 2:
        return "error" if _LOCATED.search(stderr) else "unlocated"
    if outcome.code in (0, 1) and outcome.stdout.strip():
        return "clean"
    return "crash"  # exit 3 (internal error), or 0/1 without any report


def _job_payload(job: Job, index: int, folder: Path) -> dict[str, Any]:
    return {
        "id": index, "argv": list(job.argv), "cwd": job.cwd, "stdin": job.stdin, "env": job.env,
        "cpu_seconds": job.cpu_seconds, "wall_seconds": job.wall_seconds,
        "memory_bytes": job.memory_bytes, "stdout": str(folder / f"{index}.out"),
        "stderr": str(folder / f"{index}.err"), "result": str(folder / f"{index}.json"),
    }  # fmt: skip


def _read(path: Path, limit: int = 20_000) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit)
    except OSError:
        return ""
    return data.decode("utf-8", "replace")


def run_jobs(jobs: Iterable[Job], *, parallel: int = 2) -> Iterator[Outcome]:
    """Run every job in the fork server, ``parallel`` at a time; outcomes as they end."""
    listed = list(jobs)
    with tempfile.TemporaryDirectory(prefix="versiongate-hostile-") as temporary:
        folder = Path(temporary)
        payload = [_job_payload(job, index, folder) for index, job in enumerate(listed)]
        with subprocess.Popen(
            [sys.executable, "-m", "tests.hostile.forkserver", str(parallel)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        ) as server:  # fmt: skip
            assert server.stdin is not None
            assert server.stdout is not None
            server.stdin.write(json.dumps(payload))
            server.stdin.close()
            for line in server.stdout:
                result = json.loads(line)
                index = int(result["id"])
                peak_kb = result.get("peak_kb")
                yield Outcome(
                    job=listed[index], code=result["code"], signal=result["signal"],
                    seconds=float(result["seconds"]),
                    peak_bytes=int(peak_kb) * 1024 if peak_kb is not None else None,
                    stdout=_read(folder / f"{index}.out"),
                    stderr=_read(folder / f"{index}.err"),
                )  # fmt: skip
        if server.returncode != 0:
            msg = f"the fork server failed with exit code {server.returncode}"
            raise RuntimeError(msg)
