"""Load test for the web app (`make load`): many concurrent clients against POST /api/check.

Starts ``sourcetrace serve`` on a free loopback port with a temporary database (or uses
``--url``, which must be a loopback address), then runs ``--clients`` concurrent httpx clients
posting the demo pair (examples/source.txt, examples/derived.txt) for ``--duration`` seconds.
Bounded: no new request starts after the duration or after ``--max-requests``; requests still
running ``--grace`` seconds later are cancelled and counted as unfinished.

Prints requests/s, p50/p99 latency of successful checks, and errors by status.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)  # seconds, successful checks
    errors: Counter[str] = field(default_factory=Counter)
    first_error: dict[str, str] = field(default_factory=dict)  # status -> first message
    started: int = 0
    unfinished: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"load_test: refusing to load {url}: only loopback servers may be tested")


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = (folder / "server.log").open("wb")
    command = [sys.executable, "-m", "sourcetrace.cli", "serve", "--port", str(port)]
    command += ["--db", str(folder / "load.db")]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # the server loads its models before it listens
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"load_test: the server exited:\n{(folder / 'server.log').read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    process.kill()
    sys.exit("load_test: the server did not start within 180 s")


Body = dict[str, dict[str, str]]


async def client(
    http: httpx.AsyncClient,
    body: Body,
    stop_at: float,
    budget: list[int],
    out: Results,
) -> None:
    """One user: post the pair again and again until the time or the request budget is used."""
    while time.monotonic() < stop_at and budget[0] > 0:
        budget[0] -= 1
        out.started += 1
        began = time.monotonic()
        try:
            response = await http.post("/api/check", json=body)
        except httpx.HTTPError as exc:
            out.errors[type(exc).__name__] += 1
            continue
        if response.status_code == 200:
            out.latencies.append(time.monotonic() - began)
        else:
            out.errors[str(response.status_code)] += 1
            out.first_error.setdefault(str(response.status_code), response.text[:200])
            if response.status_code == 503:  # busy: wait as told, as a polite client would
                wait = float(response.headers.get("retry-after", "1") or 1)
                await asyncio.sleep(max(0.0, min(wait, stop_at - time.monotonic())))


async def run(
    base: str, body: Body, clients: int, duration: float, grace: float, max_requests: int
) -> Results:
    out = Results()
    budget = [max_requests]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(duration + grace, connect=10)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:
        stop_at = time.monotonic() + duration
        tasks = [
            asyncio.create_task(client(http, body, stop_at, budget, out)) for _ in range(clients)
        ]
        _, pending = await asyncio.wait(tasks, timeout=duration + grace)
        for task in pending:
            task.cancel()
        out.unfinished = len(pending)
        await asyncio.gather(*pending, return_exceptions=True)
    return out


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--grace", type=float, default=30.0, help="seconds to let requests end")
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--url", help="a running server on loopback (default: start one)")
    parser.add_argument("--source", type=Path, default=EXAMPLES / "source.txt")
    parser.add_argument("--derived", type=Path, default=EXAMPLES / "derived.txt")
    args = parser.parse_args()
    for path in (args.source, args.derived):
        if not path.is_file():
            sys.exit(f"load_test: the article pair is missing: {path}")
    body: Body = {
        "source": {"text": args.source.read_text(encoding="utf-8")},
        "derived": {"text": args.derived.read_text(encoding="utf-8")},
    }

    with tempfile.TemporaryDirectory(prefix="sourcetrace-load-") as folder:
        process = None
        if args.url:
            base = args.url.rstrip("/")
        else:
            process, base = start_server(Path(folder))
        require_loopback(base)
        try:
            began = time.monotonic()
            out = asyncio.run(
                run(base, body, args.clients, args.duration, args.grace, args.max_requests)
            )
            elapsed = time.monotonic() - began
        finally:
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()

    ok = len(out.latencies)
    errors = sum(out.errors.values())
    print(
        f"clients {args.clients}, load {args.duration:g} s (+{args.grace:g} s grace), "
        f"wall {elapsed:.1f} s"
    )
    print(f"requests started {out.started}, ok {ok}, errors {errors}, unfinished {out.unfinished}")
    print(f"throughput {ok / elapsed:.2f} ok checks/s ({(ok + errors) / elapsed:.2f} responses/s)")
    if ok:
        p50 = percentile(out.latencies, 50)
        p99 = percentile(out.latencies, 99)
        print(
            f"latency of ok checks: p50 {p50:.2f} s, p99 {p99:.2f} s, "
            f"max {max(out.latencies):.2f} s"
        )
    if out.errors:
        print("errors: " + ", ".join(f"{k} x{v}" for k, v in sorted(out.errors.items())))
        for status, message in sorted(out.first_error.items()):
            print(f"  first {status}: {message}")


if __name__ == "__main__":
    main()
