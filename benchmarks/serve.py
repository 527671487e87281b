"""Mock server throughput: head vs the oldest supported version vs a bare Litestar handler.

All three run under the same ASGI server (granian, one worker) and the same load generator
(``wrk``, one thread, 16 connections), interleaved round by round; medians are printed with
the spread over rounds and the ratios against the goals of issues 5 and 11:

- GET at the oldest supported version on the moved operation (``GET /charges/{id}`` at
  2024-01-15, translated through every hop) ≥ 0.8 x GET head (aim 0.9);
- GET head ≥ 0.75 x a bare Litestar handler returning the same bytes;
- POST head ≥ 0.5 x the bare handler;
- POST at the oldest version ≥ 0.8 x POST head (issue 5; printed, judged too);
- serving Stripe's 4 MB document generically: first response < 10 s after start.

``GET`` reads one transaction. ``POST`` authorizes a new transaction against a fresh approved
checkout each time (seeded into the SQLite file beforehand), so every request validates,
translates, writes two objects and an idempotency record.

With ``--webhook-endpoint`` the demo merchant has one webhook endpoint for every event type
(a local receiver answering 204), so every POST also records events and the server's
delivery thread sends them: issue 16's "delivery never slows the API path" (its CPU is the
server's, so it counts in CPU per request).

Run: ``.venv/bin/python -m benchmarks.serve [--duration 5] [--rounds 3] [--webhook-endpoint]``.
Needs ``wrk`` (Debian/Ubuntu: ``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import msgspec
from litestar import Litestar, Request, get, post
from litestar.response import Response

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_server.store import Store

ROOT = Path(__file__).resolve().parents[1]
STRIPE = ROOT.parent / "shared" / "specs" / "stripe" / "spec3-2022-04-12.json"
NOW = "2026-11-25T12:00:00Z"
HEAD = "2026-02-01"
OLDEST = "2024-01-15"  # the oldest version still served on NOW (2023-03-01 is sunset)
BODY_VARIABLE = "VERSIONGATE_BENCH_BODIES"
AUTH = "Basic " + base64.b64encode(b"pk_test_demo:sk_test_demo").decode()
GOALS = {
    ("GET oldest", "GET head"): 0.8,
    ("GET head", "GET bare"): 0.75,
    ("POST head", "POST bare"): 0.5,
    ("POST oldest", "POST head"): 0.8,
}
"""Each ratio (top / bottom throughput) and the least it may be."""
TARGET_STRIPE_SECONDS = 10.0
RPS_CEILING = 15_000  # checkouts seeded per POST round: duration x this


def bare_app() -> Litestar:
    """A bare Litestar app answering GET and POST with fixed bytes (granian factory)."""
    bodies = msgspec.json.decode(Path(os.environ[BODY_VARIABLE]).read_bytes())
    get_body, post_body = bodies[0].encode(), bodies[1].encode()

    @get("/transactions/{transaction_id:str}", sync_to_thread=False)
    def read(transaction_id: str) -> Response[bytes]:
        del transaction_id
        return Response(content=get_body, media_type="application/json")

    @post("/transactions")
    async def create(request: Request[Any, Any, Any]) -> Response[bytes]:
        await request.body()
        return Response(content=post_body, status_code=201, media_type="application/json")

    return Litestar([read, create], openapi_config=None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Process:
    """A server subprocess in its own process group, stopped by its id."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _wait(url: str, headers: dict[str, str], process: _Process, limit: float = 60) -> float:
    """Seconds from the process start until ``url`` answers 200."""
    while time.perf_counter() - process.started < limit:
        if process.process.poll() is not None:
            raise SystemExit(f"server exited early: {process.process.args!r}")
        try:
            if httpx.get(url, headers=headers, timeout=2).status_code == 200:
                return time.perf_counter() - process.started
        except httpx.TransportError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"{url} did not answer within {limit} s")


def _serve(target: Path, port: int, db: str) -> _Process:
    return _Process(
        [
            sys.executable,
            "-m",
            "versioning.cli.main",
            "serve",
            str(target),
            "--port",
            str(port),
            "--db",
            db,
            "--now",
            NOW,
        ]
    )


_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local id = string.format("chk_%s0%021d", "{tag}", counter)
  local body = {body}
  local headers = {{}}
  headers["Authorization"] = "{auth}"
  headers["Content-Type"] = "application/json"
  {extra}
  return wrk.format("POST", "/transactions", headers, body)
end
"""


def _post_script(folder: Path, tag: str, version: str | None) -> Path:
    if version == OLDEST:
        body = '\'{"checkout_id":"\' .. id .. \'","amount":1000,"currency":"USD"}\''
    else:
        body = '\'{"checkout_id":"\' .. id .. \'","amount":{"value":1000,"currency":"USD"}}\''
    # Both versions send a key (optional in 2024-01-15), so both record the same idempotency
    # entry and the comparison is of translation alone.
    extra = f'headers["Idempotency-Key"] = "{tag}-" .. counter'
    if version is not None:
        extra += f'\n  headers["API-Version"] = "{version}"'
    script = folder / f"post-{tag}.lua"
    script.write_text(_LUA.format(tag=tag, body=body, auth=AUTH, extra=extra))
    return script


def seed_checkouts(store: Store, tag: str, count: int) -> None:
    """Approved checkouts ``chk_<tag>0<counter>`` of the demo merchant (the POST scripts' ids).

    ``tag`` is two alphanumerics: checkout ids are ``chk_`` and 24 of them.
    """
    merchant = store.merchant_by_public_key("pk_test_demo")
    if merchant is None:
        raise SystemExit("the demo merchant is missing: did the server start?")
    template = {
        "object": "checkout",
        "status": "approved",
        "amount": {"value": 1000, "currency": "USD"},
        "merchant_reference": None,
        "shopper": {"email": "bench@example.com"},
        "billing_address": {
            "line1": "1 Main St",
            "city": "Austin",
            "postal_code": "78701",
            "country": "US",
        },
        "items": [{"name": "Thing", "quantity": 1, "unit_price": 1000}],
        "redirect_url": "https://shop.example.com/done",
        "checkout_url": "https://x.example/c",
        "created_at": "2026-11-25T12:00:00Z",
        "expires_at": "2026-11-25T13:00:00Z",
    }
    documents = []
    for counter in range(1, count + 1):
        checkout_id = f"chk_{tag}0{counter:021d}"
        documents.append((checkout_id, "checkout", {**template, "id": checkout_id}))
    with store.atomic():
        store.save_objects(merchant.id, documents)


def _seed_checkouts(db: Path, tag: str, count: int) -> None:
    """:func:`seed_checkouts` into the SQLite file ``db``."""
    from mock_server.sqlite_store import SqliteStore

    store = SqliteStore(db)
    try:
        seed_checkouts(store, tag, count)
    finally:
        store.close()


class Run(msgspec.Struct, frozen=True):
    """One wrk run: requests per second, non-2xx answers, server CPU µs per request."""

    rate: float
    errors: int
    cpu_us: float


_TICK = os.sysconf("SC_CLK_TCK")


def _group_cpu_seconds(group: int) -> float:
    """User + system CPU time of every process in process group ``group`` (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group:  # fields after the command: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def _wrk(
    url: str, seconds: int, group: int, headers: dict[str, str], script: Path | None = None
) -> Run:
    command = ["wrk", "-t1", "-c16", f"-d{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    cpu_before = _group_cpu_seconds(group)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    cpu = _group_cpu_seconds(group) - cpu_before
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    done = re.search(r"(\d+) requests in", output)
    requests = int(done.group(1)) if done else 0
    return Run(
        rate=float(rate.group(1)) if rate else 0.0,
        errors=int(errors.group(1)) if errors else 0,
        cpu_us=cpu / requests * 1e6 if requests else 0.0,
    )


def _prepare(api: str) -> tuple[str, bytes, bytes]:
    """Create one transaction at head; return its id and the GET and POST response bytes."""
    client = httpx.Client(base_url=api, headers={"Authorization": AUTH}, timeout=10)
    checkout = {
        "amount": {"value": 1000, "currency": "USD"},
        "shopper": {"email": "bench@example.com"},
        "billing_address": {
            "line1": "1 Main St",
            "city": "Austin",
            "postal_code": "78701",
            "country": "US",
        },
        "items": [{"name": "Thing", "quantity": 1, "unit_price": 1000}],
        "redirect_url": "https://shop.example.com/done",
    }
    created = client.post(
        "/checkouts", json=checkout, headers={"Idempotency-Key": "bench-1"}
    ).json()
    client.post(f"/sandbox/checkouts/{created['id']}/approve")
    body = {"checkout_id": created["id"], "amount": {"value": 1000, "currency": "USD"}}
    posted = client.post("/transactions", json=body, headers={"Idempotency-Key": "bench-2"})
    transaction_id = posted.json()["id"]
    read = client.get(f"/transactions/{transaction_id}")
    return transaction_id, read.content, posted.content


class _Receiver(BaseHTTPRequestHandler):
    """A webhook endpoint that reads each delivery and answers 204."""

    received = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        type(self).received += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        del format, args


def _register_endpoint(api: str) -> ThreadingHTTPServer:
    """Start a local receiver and register it for every event of the demo merchant."""
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    created = httpx.post(
        api + "/sandbox/webhook_endpoints",
        json={"url": url, "enabled_events": ["*"]},
        headers={"Authorization": AUTH},
        timeout=10,
    )
    if created.status_code != 201:
        raise SystemExit(f"registering the webhook endpoint failed: {created.text}")
    return receiver


def _stripe_start_seconds() -> float | None:
    if not STRIPE.is_file():
        return None
    port = _free_port()
    process = _serve(STRIPE, port, ":memory:")
    try:
        url = f"http://127.0.0.1:{port}/v1/customers"
        return _wait(url, {"Authorization": "Bearer sk_test_bench"}, process)
    finally:
        process.stop()


def _rounds(arguments: argparse.Namespace, folder: Path) -> Iterator[dict[str, Run]]:
    db = folder / "bench.sqlite3"
    api_port, bare_port = _free_port(), _free_port()
    server = _serve(ROOT / "api_specs", api_port, str(db))
    api = f"http://127.0.0.1:{api_port}"
    try:
        _wait(api + "/docs", {}, server)
        transaction_id, get_bytes, post_bytes = _prepare(api)
        receiver = _register_endpoint(api) if arguments.webhook_endpoint else None
        bodies = folder / "bodies.json"
        bodies.write_bytes(msgspec.json.encode([get_bytes.decode(), post_bytes.decode()]))
        bare = _Process(
            [
                sys.executable,
                "-m",
                "granian",
                "--interface",
                "asgi",
                "--factory",
                "--port",
                str(bare_port),
                "--log-level",
                "warning",
                "--http",  # as `versiongate serve` runs granian (HTTP/1.1 only)
                "1",
                "benchmarks.serve:bare_app",
            ],
            env={BODY_VARIABLE: str(bodies)},
        )
        try:
            bare_url = f"http://127.0.0.1:{bare_port}"
            _wait(bare_url + f"/transactions/{transaction_id}", {}, bare)
            seconds = arguments.duration
            auth = {"Authorization": AUTH}
            for index in range(arguments.rounds):
                head_tag, old_tag = f"h{index}", f"o{index}"
                for tag in (head_tag, old_tag):
                    _seed_checkouts(db, tag, seconds * RPS_CEILING)
                read = f"/transactions/{transaction_id}"
                moved = f"/charges/{transaction_id}"  # the operation 2025-06-30 moved
                api_group, bare_group = server.process.pid, bare.process.pid
                plans: dict[str, tuple[str, int, dict[str, str], Path | None]] = {
                    "GET bare": (bare_url + read, bare_group, {}, None),
                    "GET head": (api + read, api_group, {**auth, "API-Version": HEAD}, None),
                    "GET oldest": (api + moved, api_group, {**auth, "API-Version": OLDEST}, None),
                    "POST bare": (
                        bare_url + "/transactions",
                        bare_group,
                        {},
                        _post_script(folder, "bb", None),
                    ),
                    "POST head": (
                        api + "/transactions",
                        api_group,
                        {},
                        _post_script(folder, head_tag, HEAD),
                    ),
                    "POST oldest": (
                        api + "/transactions",
                        api_group,
                        {},
                        _post_script(folder, old_tag, OLDEST),
                    ),
                }
                # Alternate the order round by round, so drift in the machine's load does
                # not always favour the same scenario.
                order = list(plans) if index % 2 == 0 else list(reversed(plans))
                measured = {
                    name: _wrk(plans[name][0], seconds, plans[name][1], *plans[name][2:])
                    for name in order
                }
                yield {name: measured[name] for name in plans}
        finally:
            bare.stop()
            if receiver is not None:
                receiver.shutdown()
    finally:
        server.stop()


def _ratios(rounds: list[dict[str, Run]], top: str, bottom: str) -> tuple[list[float], ...]:
    """Per-round ``top``/``bottom`` throughput ratios: by req/s, and by server CPU."""
    by_rate = [r[top].rate / r[bottom].rate for r in rounds if r[bottom].rate]
    by_cpu = [r[bottom].cpu_us / r[top].cpu_us for r in rounds if r[top].cpu_us]
    return by_rate, by_cpu


def _spread(values: list[float], digits: int = 2) -> str:
    """``median (min-max)`` of ``values``."""
    if not values:
        return "-"
    median = statistics.median(values)
    return f"{median:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def _machine() -> str:
    """The CPU, its cores and the load average: figures only compare on one machine."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, load average {load}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument("--no-stripe", action="store_true", help="skip the Stripe start time")
    parser.add_argument(
        "--webhook-endpoint",
        action="store_true",
        help="register one webhook endpoint for every event (issue 16's POST goal)",
    )
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk (Debian/Ubuntu)", file=sys.stderr)
        return 2
    print(f"machine      {_machine()}")
    with tempfile.TemporaryDirectory(prefix="versiongate-bench-") as tmp:
        rounds = list(_rounds(arguments, Path(tmp)))
    names = list(rounds[0])
    failures = {name: sum(r[name].errors for r in rounds) for name in names}
    print(
        f"granian, 1 worker; wrk -t1 -c16 -d{arguments.duration}s; {len(rounds)} rounds"
        " (median (min-max) over rounds; ratios per round)"
    )
    for name in names:
        note = f"  ({failures[name]} non-2xx!)" if failures[name] else ""
        rates = _spread([r[name].rate for r in rounds], 0)
        cpu = _spread([r[name].cpu_us for r in rounds], 1)
        print(f"{name:12} {rates:>22} req/s  {cpu:>22} µs server CPU/request{note}")
    ok = not any(failures.values())
    print("ratios                   by req/s (shared machine)   by server CPU (judged)   goal")
    for (top, bottom), goal in GOALS.items():
        by_rate, by_cpu = _ratios(rounds, top, bottom)
        # Judged on CPU time: on a dedicated core throughput is 1 / CPU per request, and CPU
        # time does not move when other processes take turns on the machine.
        met = bool(by_cpu) and statistics.median(by_cpu) >= goal
        ok = ok and met
        label = f"{top} / {bottom.split()[1]}"
        print(
            f"{label:24} {_spread(by_rate):>24}   {_spread(by_cpu):>22}   >= {goal}"
            f" {'ok' if met else 'MISSED'}"
        )
    stripe = None if arguments.no_stripe else _stripe_start_seconds()
    if stripe is None:
        print("stripe       skipped (--no-stripe, or ../shared/specs/stripe is missing)")
    else:
        ok = ok and stripe < TARGET_STRIPE_SECONDS
        print(
            f"stripe       first response {stripe:.2f} s after start"
            f" (target < {TARGET_STRIPE_SECONDS:.0f} s)"
        )
    if arguments.webhook_endpoint:
        received = _Receiver.received
        print(f"webhooks     one endpoint for every event; {received} deliveries received")
    print(f"machine      {_machine()} (after)")
    print("result       " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
