"""A fork server that runs ``versiongate`` commands one process each, under resource limits.

Starting ``versiongate`` costs ~0.5 s of imports; hundreds of hostile inputs times every command
would spend minutes importing. This process imports the CLI (and the validator stack) once,
then forks one child per job. Each child sets ``RLIMIT_AS`` (address space) and
``RLIMIT_CPU`` before it touches the input, redirects stdin/stdout/stderr to files, runs
``main(argv)`` as the console script would (an escaping exception prints a traceback and
exits 1), and reports its exit code and peak memory growth. The server kills a child that
outlives its wall-clock budget (a FIFO read, a lock) and reports it as such.

Protocol: one JSON list of jobs on stdin; one JSON result per line on stdout, as each ends.
Run: ``python -m tests.hostile.forkserver PARALLEL``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

_POLL_SECONDS = 0.005


def _status_kb(field: str) -> int:
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _redirect(job: dict[str, Any]) -> None:
    stdin = job.get("stdin") or os.devnull
    for descriptor, path, mode in ((0, stdin, os.O_RDONLY),
                                   (1, job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                                   (2, job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):  # fmt: skip
        opened = os.open(path, mode, 0o644)
        os.dup2(opened, descriptor)
        os.close(opened)
    sys.stdin = io.TextIOWrapper(open(0, "rb", closefd=False), encoding="utf-8")  # noqa: SIM115
    sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8")  # noqa: SIM115
    sys.stderr = io.TextIOWrapper(
        open(2, "wb", closefd=False),  # noqa: SIM115
        encoding="utf-8", errors="backslashreplace", line_buffering=True,
    )  # fmt: skip


def _limit(job: dict[str, Any]) -> None:
    memory = int(job["memory_bytes"])
    address_space = _status_kb("VmSize") * 1024 + memory
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    cpu = int(job["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))


def _child(job: dict[str, Any]) -> None:
    """In the forked child: limits, redirection, ``main``; never returns."""
    code = 1
    try:
        os.chdir(job["cwd"])
        os.environ.update(job.get("env") or {})
        _redirect(job)
        baseline = _status_kb("VmRSS")
        _limit(job)
        from versioning.cli.main import main

        try:
            code = main(job["argv"])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        except BaseException:  # noqa: BLE001 - what the console script would show
            traceback.print_exc()
            code = 1
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        peak = _status_kb("VmHWM")
        with Path(job["result"]).open("w", encoding="utf-8") as result:
            json.dump({"peak_kb": max(peak - baseline, 0)}, result)
    finally:
        os._exit(code if isinstance(code, int) and 0 <= code < 256 else 1)


def _warm_up() -> None:
    """Import what every command imports, so children start in milliseconds."""
    import openapi_spec_validator.shortcuts  # noqa: F401
    import referencing.exceptions  # noqa: F401
    from jsonschema_path import SchemaPath  # noqa: F401
    from openapi_spec_validator.schemas import (
        openapi_v30_schema_validator,
        openapi_v31_schema_validator,
    )

    from versioning.cli.main import build_parser

    build_parser()
    # ``verify`` imports Hypothesis and its strategies only when it runs (an optional extra).
    with contextlib.suppress(ImportError):
        import compat_tests.kit
        import compat_tests.properties  # noqa: F401
    # The OpenAPI JSON Schemas compile lazily; compile them once here, not in every child.
    for validator in (openapi_v30_schema_validator, openapi_v31_schema_validator):
        validator.is_valid({})


def _finish(
    pid: int, status: int, job: dict[str, Any], started: float, killed: bool
) -> dict[str, Any]:
    outcome: dict[str, Any] = {"id": job["id"], "seconds": time.monotonic() - started}
    if killed:
        outcome.update(code=None, signal="timeout")
    elif os.WIFSIGNALED(status):
        outcome.update(code=None, signal=signal.Signals(os.WTERMSIG(status)).name)
    else:
        outcome.update(code=os.WEXITSTATUS(status), signal=None)
    try:
        with Path(job["result"]).open(encoding="utf-8") as result:
            outcome.update(json.load(result))
    except (OSError, ValueError):
        outcome["peak_kb"] = None
    return outcome


def serve(jobs: list[dict[str, Any]], parallel: int) -> None:
    """Run ``jobs``, ``parallel`` at a time, printing each result as a JSON line."""
    pending = list(reversed(jobs))
    running: dict[int, tuple[dict[str, Any], float, bool]] = {}
    while pending or running:
        while pending and len(running) < parallel:
            job = pending.pop()
            pid = os.fork()
            if pid == 0:
                _child(job)
            running[pid] = (job, time.monotonic(), False)
        finished = False
        for pid, (job, started, killed) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                del running[pid]
                print(json.dumps(_finish(pid, status, job, started, killed)), flush=True)
                finished = True
            elif not killed and time.monotonic() - started > float(job["wall_seconds"]):
                os.kill(pid, signal.SIGKILL)
                running[pid] = (job, started, True)
        if not finished:
            time.sleep(_POLL_SECONDS)


if __name__ == "__main__":
    _warm_up()
    serve(json.load(sys.stdin), int(sys.argv[1]) if len(sys.argv) > 1 else 2)
