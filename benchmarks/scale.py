"""Scale-out: POST head throughput of 1, 2 and 4 instances on PostgreSQL vs one on SQLite.

Each instance is ``versiongate serve api_specs`` with one granian worker on its own port;
instances share one throwaway PostgreSQL cluster (Debian's binaries, as the store contract
suite starts it: ``tests/pg_cluster.py``). Load is ``wrk`` (one process per instance, run at
the same time, 16 connections in all), each request authorizing a new transaction against a
fresh approved checkout seeded beforehand, with an ``Idempotency-Key``, the same request as
``benchmarks/serve.py``'s POST head. Rounds alternate the order of the scenarios; medians and
the spread over rounds are printed, and each scenario's ratio to one SQLite instance.

On this 2-core machine the instances, PostgreSQL and ``wrk`` share two cores, so more
instances cannot add throughput here: the figures show the cost of the database round trips
(PostgreSQL over a socket vs SQLite in process) and that instances do not slow each other
down beyond sharing the CPU. ``docs/postgresql.md`` says what a bigger machine shows.

Run: ``.venv/bin/python -m benchmarks.scale [--duration 5] [--rounds 3]``. Needs ``wrk`` and
PostgreSQL (``python3 dev.py setup`` installs it).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.serve import (
    HEAD,
    NOW,
    ROOT,
    _free_port,
    _machine,
    _post_script,
    _Process,
    seed_checkouts,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


CONNECTIONS = 16
"""wrk connections in all, split over the instances (the same offered concurrency)."""
RPS_CEILING = 6_000
"""Checkouts seeded per instance and round: duration x this (more than one can take)."""
INSTANCE_COUNTS = (1, 2, 4)
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _tag(sequence: int) -> str:
    """Two characters unique per load (checkout ids are ``chk_`` and 24 alphanumerics)."""
    return _ALPHABET[sequence // len(_ALPHABET)] + _ALPHABET[sequence % len(_ALPHABET)]


def _serve(port: int, db: str) -> _Process:
    command = [sys.executable, "-m", "versioning.cli.main", "serve", str(ROOT / "api_specs")]
    command += ["--port", str(port), "--db", db, "--now", NOW]
    return _Process(command)


def _wrk(url: str, seconds: int, connections: int, script: Path) -> tuple[float, int]:
    """Requests per second and non-2xx answers of one wrk run."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return (float(rate.group(1)) if rate else 0.0), (int(errors.group(1)) if errors else 0)


def _load(urls: list[str], scripts: list[Path], seconds: int) -> tuple[float, int]:
    """All instances loaded at once; the summed rate and non-2xx count."""
    results: list[tuple[float, int]] = [(0.0, 0)] * len(urls)
    per_instance = max(1, CONNECTIONS // len(urls))

    def run(index: int) -> None:
        results[index] = _wrk(urls[index] + "/transactions", seconds, per_instance, scripts[index])

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(rate for rate, _ in results), sum(errors for _, errors in results)


class _Deployment:
    """``count`` instances on one database ``db`` (a SQLite file or a PostgreSQL URL)."""

    def __init__(self, db: str, count: int) -> None:
        from benchmarks.serve import _wait
        from mock_server.store_factory import open_store

        self.ports = [_free_port() for _ in range(count)]
        self.servers = [_serve(port, db) for port in self.ports]
        for port, server in zip(self.ports, self.servers, strict=True):
            _wait(f"http://127.0.0.1:{port}/docs", {}, server)
        self.urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        self.store = open_store(db)

    def stop(self) -> None:
        self.store.close()
        for server in self.servers:
            server.stop()


def _rounds(
    arguments: argparse.Namespace, folder: Path, pg_url: str
) -> Iterator[dict[str, tuple[float, int]]]:
    scenarios = {"SQLite x1": (str(folder / "bench.sqlite3"), 1)}
    scenarios |= {f"PostgreSQL x{n}": (pg_url, n) for n in INSTANCE_COUNTS}
    deployments = {name: _Deployment(db, count) for name, (db, count) in scenarios.items()}
    sequence = 0
    try:
        for index in range(arguments.rounds):
            order = list(scenarios) if index % 2 == 0 else list(reversed(scenarios))
            measured = {}
            for name in order:
                deployment = deployments[name]
                scripts = []
                for _ in deployment.urls:
                    tag, sequence = _tag(sequence), sequence + 1
                    seed_checkouts(deployment.store, tag, arguments.duration * RPS_CEILING)
                    scripts.append(_post_script(folder, tag, HEAD))
                measured[name] = _load(deployment.urls, scripts, arguments.duration)
            yield {name: measured[name] for name in scenarios}
    finally:
        for deployment in deployments.values():
            deployment.stop()


def _spread(values: list[float], digits: int) -> str:
    middle = statistics.median(values)
    return f"{middle:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk (Debian/Ubuntu)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from tests.pg_cluster import running_cluster

    print(f"machine      {_machine()}")
    try:
        cluster_context = running_cluster()
        cluster = cluster_context.__enter__()
    except RuntimeError as error:
        print(f"PostgreSQL is not available: {error}", file=sys.stderr)
        return 2
    try:
        pg_url = cluster.create_database("bench")
        with tempfile.TemporaryDirectory(prefix="versiongate-scale-") as tmp:
            rounds = list(_rounds(arguments, Path(tmp), pg_url))
    finally:
        cluster_context.__exit__(None, None, None)
    print(
        f"POST /transactions at head; granian, 1 worker per instance; wrk {CONNECTIONS}"
        f" connections in all, -d{arguments.duration}s; {len(rounds)} rounds (median (min-max))"
    )
    baseline = [r["SQLite x1"][0] for r in rounds]
    ok = True
    for name in rounds[0]:
        rates = [r[name][0] for r in rounds]
        errors = sum(r[name][1] for r in rounds)
        ratios = [rate / base for rate, base in zip(rates, baseline, strict=True) if base]
        note = f"  ({errors} non-2xx!)" if errors else ""
        ok = ok and not errors
        print(
            f"{name:16} {_spread(rates, 0):>22} req/s   {_spread(ratios, 2):>18} x SQLite x1{note}"
        )
    print(f"machine      {_machine()} (after)")
    print("result       " + ("done" if ok else "FAIL (non-2xx answers)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
