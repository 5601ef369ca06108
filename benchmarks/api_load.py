"""HTTP load on ``POST /match/default`` with one entity per call, from locust, over loopback.

    python -m benchmarks.api_load [--duration 300] [--rate 60] [--users 16] [--workers 1]
                                  [--find] [--warmup 20] [--queries 40000]

Starts ``embargo serve`` on 127.0.0.1 (a free port, API keys on, a throw-away key file) over
the benchmark dataset (``benchmarks.common.ensure_dataset``), then runs locust headless with
``--users`` users offering ``--rate`` requests/s in all (exponential think times, so arrivals
are spread as from independent clients), each posting one query of a realistic mix (variants
of listed names and near-miss negatives from ``benchmarks.devset``). An unmeasured
``--warmup`` run comes first (a serving process is warm). The server's RSS (with its workers)
is sampled every second of the measured run. Printed: achieved requests/s, p50/p99 latency,
errors, RSS, server CPU per request, machine load, and the ratio of the HTTP median to the
library's own ``check`` median on the same queries measured in this run (the API's overhead).
The target: p99 <= 50 ms with zero errors at the reported rate, RSS flat.

``--find`` first steps the rate up in short runs (at most 8, 15 s each) and keeps the highest
rate whose p99 stays within the target, then runs the full duration at it.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import orjson
import psutil

from benchmarks.common import ensure_dataset, median, percentile

TARGET_P99_MS = 50.0
LOCUSTFILE = """
import itertools, os, random, orjson
from locust import FastHttpUser, task

BODIES = [b.encode() for b in orjson.loads(open(os.environ["API_LOAD_BODIES"], "rb").read())]
HEADERS = {"Authorization": "Bearer " + os.environ["API_LOAD_KEY"],
           "Content-Type": "application/json"}
PER_USER = float(os.environ["API_LOAD_PER_USER"])
_counter = itertools.count()


class Screen(FastHttpUser):
    def wait_time(self):
        # Exponential think time: arrivals spread as from independent clients, not in the
        # lockstep bursts of every user at once that constant pacing produces.
        return random.expovariate(PER_USER)

    @task
    def match(self):
        body = BODIES[next(_counter) % len(BODIES)]
        with self.client.post("/match/default", data=body, headers=HEADERS,
                              name="/match/default", catch_response=True) as resp:
            if resp.status_code != 200:
                resp.failure(f"status {resp.status_code}: {resp.text[:200]}")
"""


class Feed:
    """Request bodies handed out in order, each run its own slice: no run repeats a query.

    The matcher caches results per query name, so a query seen before (in the warm-up, a
    --find step, or earlier in the run) would be answered from that cache and flatter the
    numbers; fresh names are the honest case (most screened parties are not listed, and new).
    """

    def __init__(self, bodies: list[bytes]):
        self.bodies = bodies
        self.cursor = 0
        self.repeated = False

    def take(self, count: int, path: Path) -> Path:
        out = []
        for _ in range(count):
            if self.cursor >= len(self.bodies):
                self.cursor = 0
                self.repeated = True
            out.append(self.bodies[self.cursor].decode())
            self.cursor += 1
        path.write_bytes(orjson.dumps(out))
        return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _queries(home: Path, n: int) -> list[tuple[str, str | None]]:
    from benchmarks.devset import build
    from embargo.screener import Screener

    screener = Screener.open(home)
    cases = build(screener.index, per_class=max(5, n // 40), negatives=n // 4, seed=23)
    random.Random(5).shuffle(cases)
    return list(dict.fromkeys((c.query, c.schema) for c in cases[:n]))


def _library_ms(home: Path, queries: list[tuple[str, str | None]]) -> list[float]:
    """The baseline: the same queries through ``Screener.check`` in this process."""
    from embargo.screener import Screener

    screener = Screener.open(home)
    for q, s in queries[:50]:
        screener.check(q, schema=s, limit=5)
    out = []
    for q, s in queries:
        t = time.perf_counter()
        screener.check(q, schema=s, limit=5)
        out.append((time.perf_counter() - t) * 1000)
    return out


class RssSampler(threading.Thread):
    """RSS of the server process and its children, once a second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.samples: list[float] = []
        self.stop = threading.Event()

    def _procs(self) -> list[psutil.Process]:
        return [self.proc, *self.proc.children(recursive=True)]

    def rss_mb(self) -> float:
        total = 0
        for p in self._procs():
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total / 1e6

    def cpu_seconds(self) -> float:
        total = 0.0
        for p in self._procs():
            try:
                times = p.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append(self.rss_mb())
            self.stop.wait(1.0)


def _start_server(home: Path, keys: Path, port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "EMBARGO_HOME": str(home),
        "EMBARGO_API_KEYS_FILE": str(keys),
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1]), *sys.path]),
    }
    cmd = [sys.executable, "-m", "embargo", "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--no-access-log"]
    log = open(keys.parent / "server.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {(keys.parent / 'server.log').read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    proc.terminate()
    raise RuntimeError("server not ready within 120 s")


def _run_locust(
    work: Path, port: int, key: str, feed: Feed, rate: float, users: int, seconds: int, tag: str
) -> dict[str, float]:
    bodies = feed.take(int(rate * seconds * 1.5) + users * 10, work / f"{tag}-bodies.json")
    locustfile = work / "locustfile.py"
    locustfile.write_text(LOCUSTFILE)
    prefix = work / tag
    env = {
        **os.environ,
        "API_LOAD_BODIES": str(bodies),
        "API_LOAD_KEY": key,
        "API_LOAD_PER_USER": str(rate / users),
    }
    cmd = [
        sys.executable, "-m", "locust", "-f", str(locustfile), "--headless",
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
        "--stop-timeout", "5", "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(
        cmd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=open(work / f"{tag}.err", "wb")
    )
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = {row["Name"]: row for row in csv.DictReader(fh)}
    row = rows.get("/match/default") or rows["Aggregated"]
    return {
        "requests": float(row["Request Count"]),
        "failures": float(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p99": float(row["99%"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds of the measured run")
    parser.add_argument("--rate", type=float, default=60.0, help="requests/s offered in all")
    parser.add_argument("--users", type=int, default=16, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--queries", type=int, default=40000, help="distinct queries in the mix")
    parser.add_argument("--find", action="store_true", help="step the rate up first")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured seconds first")
    args = parser.parse_args()
    if not 1 <= args.duration <= 3600:
        parser.error("--duration: 1 to 3600 seconds")

    home = ensure_dataset()
    queries = _queries(home, args.queries)
    library = _library_ms(home, queries[-2000:])
    with tempfile.TemporaryDirectory(prefix="embargo-api-load-") as tmp:
        work = Path(tmp)
        from embargo.api.keys import KeyStore

        key, _ = KeyStore(work / "keys.json").create("api_load", rate=1e6, burst=1_000_000)
        feed = Feed(
            [
                orjson.dumps(
                    {"queries": {"q": {"schema": s or "Thing", "properties": {"name": [q]}}}}
                )
                for q, s in queries
            ]
        )
        port = _free_port()
        server = _start_server(home, work / "keys.json", port, args.workers)
        try:
            rate = args.rate
            rss_boot = RssSampler(server.pid).rss_mb()
            if args.warmup > 0:
                _run_locust(work, port, key, feed, rate, args.users, args.warmup, "warmup")
            if args.find:
                rate = _find_rate(work, port, key, feed, args.users, args.rate)
            sampler = RssSampler(server.pid)
            rss_start = sampler.rss_mb()
            cpu_start = sampler.cpu_seconds()
            load_start = os.getloadavg()[0]
            sampler.start()
            stats = _run_locust(work, port, key, feed, rate, args.users, args.duration, "main")
            sampler.stop.set()
            sampler.join()
            rss_end = sampler.rss_mb()
            cpu_ms = (sampler.cpu_seconds() - cpu_start) * 1000 / max(1.0, stats["requests"])
            load_end = os.getloadavg()[0]
        finally:
            server.terminate()
            server.wait(timeout=30)
    lib_p50 = median(library)
    lib_p99 = percentile(library, 99)
    samples = sampler.samples or [rss_start]
    print(f"POST /match/default, 1 entity per call, {args.workers} worker(s), {args.users} users,")
    print(f"offered {rate:g} req/s for {args.duration}s over 127.0.0.1 ({len(queries)} distinct "
          f"queries, {'some repeated' if feed.repeated else 'none repeated'})")  # fmt: skip
    print(f"  requests     {stats['requests']:.0f}")
    print(f"  achieved     {stats['rps']:.1f} req/s")
    verdict = "ok" if stats["p99"] <= TARGET_P99_MS and stats["failures"] == 0 else "MISSED"
    print(f"  latency p50  {stats['p50']:.1f} ms   p99 {stats['p99']:.1f} ms "
          f"(target p99 <= {TARGET_P99_MS:.0f} ms, no errors: {verdict})")  # fmt: skip
    print(f"  errors       {stats['failures']:.0f}")
    print(f"  server RSS   after boot {rss_boot:.0f} MB; run: start {rss_start:.0f} MB, "
          f"end {rss_end:.0f} MB, "
          f"max {max(samples):.0f} MB, first-minute median {median(samples[:60]):.0f} MB, "
          f"last-minute median {median(samples[-60:]):.0f} MB")  # fmt: skip
    print(f"  RSS trend    {_slope_mb_per_min(samples[len(samples) // 2 :]):+.1f} MB/min over the "
          f"second half of the run (0 = flat)")  # fmt: skip
    minutes = [round(median(samples[i : i + 60])) for i in range(0, len(samples), 60)]
    print(f"  RSS by minute {' '.join(str(m) for m in minutes)} MB (medians)")
    print(f"  server CPU   {cpu_ms:.2f} ms per request (user+system, all workers)")
    print(f"  machine load {load_start:.1f} at start, {load_end:.1f} at end "
          f"({os.cpu_count()} cores; other work on the machine inflates latency)")  # fmt: skip
    print(
        f"  baseline     Screener.check in-process ({len(library)} fresh queries) "
        f"p50 {lib_p50:.2f} ms, "
        f"p99 {lib_p99:.1f} ms; "
        f"HTTP p50 / library p50 = {stats['p50'] / lib_p50:.1f}x"
    )


def _slope_mb_per_min(samples: list[float]) -> float:
    """Least-squares slope of once-a-second RSS samples, in MB per minute."""
    n = len(samples)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(samples) / n
    cov = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(samples))
    var = sum((i - mean_x) ** 2 for i in range(n))
    return cov / var * 60.0


def _find_rate(work: Path, port: int, key: str, feed: Feed, users: int, start: float) -> float:
    """Raise the offered rate by 1.4x per 15 s step while p99 holds and nothing fails."""
    best, rate = 0.0, start
    for step in range(8):
        stats = _run_locust(work, port, key, feed, rate, users, 15, f"step{step}")
        ok = stats["p99"] <= TARGET_P99_MS and stats["failures"] == 0
        print(f"  step {step}: offered {rate:.0f} req/s -> {stats['rps']:.1f} req/s, "
              f"p50 {stats['p50']:.0f} ms, p99 {stats['p99']:.0f} ms, "
              f"errors {stats['failures']:.0f} {'ok' if ok else 'over'}")  # fmt: skip
        if not ok:
            break
        best = rate
        rate *= 1.4
    return best or start


if __name__ == "__main__":
    main()
