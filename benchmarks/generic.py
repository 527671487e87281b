"""Generic mode throughput against Prism 5: POST on a third-party spec, same machine, same load.

Both servers mock Adyen's Payment API v68 (``../shared/specs``): ``versiongate serve SPEC
--mode generic`` (granian, one worker) and ``prism mock`` (Prism 5 from npm, started with
``npx @stoplight/prism-cli@5`` when ``npx`` and ``node`` are present; skipped with a message
otherwise). ``wrk`` (one thread, 16 connections) sends the same valid ``POST /authorise``
with the same credentials to each, round by round, interleaved; the medians and the ratio
are printed against issue 11's goal (versiongate ≥ 4 x Prism).

Run: ``.venv/bin/python -m benchmarks.generic [--duration 5] [--rounds 3]``.
Needs ``wrk`` (Debian/Ubuntu: ``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "specs" / "adyen" / "PaymentService-v68.json"
PATH = "/authorise"
AUTH = "Basic " + base64.b64encode(b"bench:secret").decode()
BODY = {
    "merchantAccount": "ShopAccount",
    "reference": "order-1",
    "amount": {"currency": "EUR", "value": 1000},
    "card": {
        "number": "4111111111111111",
        "expiryMonth": "03",
        "expiryYear": "2030",
        "cvc": "737",
        "holderName": "Maya Chen",
    },
}
TARGET = 4.0
_STARTUP_SECONDS = 120.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Server:
    """One server process in its own process group; ``stop`` ends that group only."""

    def __init__(self, command: list[str], cwd: Path | None = None) -> None:
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            cwd=cwd,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _wait_for_post(url: str, server: _Server) -> int:
    """Wait until ``POST`` answers; its status (the run is void unless it is 2xx)."""
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            msg = f"the server exited with {server.process.returncode}"
            raise RuntimeError(msg)
        try:
            response = httpx.post(url + PATH, json=BODY, headers={"Authorization": AUTH})
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        return response.status_code
    msg = f"no answer within {_STARTUP_SECONDS} s"
    raise RuntimeError(msg)


def _script(folder: Path) -> Path:
    script = folder / "post.lua"
    body = json.dumps(BODY).replace("\\", "\\\\").replace("'", "\\'")
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = '{body}'\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "{AUTH}"\n'
    )
    return script


def _wrk(url: str, script: Path, seconds: int) -> tuple[float, int]:
    """Requests per second and non-2xx answers of one ``wrk`` run."""
    command = ["wrk", "-t1", "-c16", f"-d{seconds}s", "-s", str(script), url + PATH]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return (float(rate.group(1)) if rate else 0.0, int(bad.group(1)) if bad else 0)


def _versiongate(port: int) -> _Server:
    command = [
        sys.executable, "-m", "versioning.cli.main", "serve", str(SPEC), "--mode", "generic",
        "--port", str(port), "--db", ":memory:", "--credential", "basic=bench:secret",
    ]  # fmt: skip
    return _Server(command, cwd=ROOT)


def _prism(port: int) -> _Server | None:
    npx = shutil.which("npx")
    if npx is None or shutil.which("node") is None:
        return None
    command = [
        npx, "-y", "@stoplight/prism-cli@5", "mock", str(SPEC),
        "-p", str(port), "-h", "127.0.0.1",
    ]  # fmt: skip
    return _Server(command)


def main() -> int:
    """Measure both servers and print the medians and the ratio against the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk (Debian/Ubuntu)", file=sys.stderr)
        return 2
    if not SPEC.is_file():
        print(f"{SPEC} is missing: the shared specs are not here", file=sys.stderr)
        return 2
    ports = {"versiongate": _free_port(), "prism": _free_port()}
    servers: dict[str, _Server] = {"versiongate": _versiongate(ports["versiongate"])}
    prism = _prism(ports["prism"])
    if prism is None:
        print("prism: skipped (npx and node are needed for @stoplight/prism-cli@5)")
    else:
        servers["prism"] = prism
    rates: dict[str, list[float]] = {name: [] for name in servers}
    try:
        for name, server in servers.items():
            status = _wait_for_post(f"http://127.0.0.1:{ports[name]}", server)
            print(f"{name}: POST {PATH} answers {status}")
        with tempfile.TemporaryDirectory() as folder:
            script = _script(Path(folder))
            for _ in range(arguments.rounds):
                for name in servers:
                    rate, bad = _wrk(f"http://127.0.0.1:{ports[name]}", script, arguments.duration)
                    rates[name].append(rate)
                    note = f" ({bad} non-2xx)" if bad else ""
                    print(f"  {name:12} {rate:10,.0f} req/s{note}")
    finally:
        for server in servers.values():
            server.stop()
    ours = statistics.median(rates["versiongate"])
    print(f"versiongate generic POST {PATH}: {ours:,.0f} req/s (median of {arguments.rounds})")
    if "prism" in rates:
        theirs = statistics.median(rates["prism"])
        ratio = ours / theirs if theirs else float("inf")
        verdict = "met" if ratio >= TARGET else "NOT met"
        print(f"prism 5 mock POST {PATH}: {theirs:,.0f} req/s")
        print(f"ratio versiongate/prism {ratio:.2f} (goal >= {TARGET:.0f}: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
