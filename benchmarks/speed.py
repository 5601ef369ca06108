"""Matcher speed: warm `check` latency, cold `embargo check`, index build, loaded-index memory.

    python -m benchmarks.speed [--queries 2000] [--cold-runs 5]

The baseline is measured in the same run on the same queries: rapidfuzz's ``extractOne`` with
``token_sort_ratio`` over every listed name (what a naive screener does). Medians and p99 are
printed with the ratio, and the warm checks' mean and slowest: the median does not see a
pause that stops a few checks in a thousand for a tenth of a second (a full pass of Python's
cyclic collector), the mean and the slowest do. Pinned to one core
(``os.sched_setaffinity``) for the warm numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time

from benchmarks.common import ensure_dataset, median, percentile
from benchmarks.devset import build
from embargo.screener import Screener


def _queries(screener: Screener, n: int) -> list[tuple[str, str | None]]:
    cases = build(screener.index, per_class=max(5, n // 40), negatives=n // 4, seed=11)
    rng = random.Random(3)
    rng.shuffle(cases)
    return [(c.query, c.schema) for c in cases[:n]]


def warm(screener: Screener, queries: list[tuple[str, str | None]]) -> list[float]:
    for q, s in queries[:50]:
        screener.check(q, schema=s)
    times = []
    for q, s in queries:
        t = time.perf_counter()
        screener.check(q, schema=s)
        times.append((time.perf_counter() - t) * 1000)
    return times


def baseline(screener: Screener, queries: list[tuple[str, str | None]], n: int) -> list[float]:
    from rapidfuzz import fuzz, process, utils

    choices = [screener.index.raw_name(i) for i in range(len(screener.index))]
    times = []
    for q, _s in queries[:n]:
        t = time.perf_counter()
        process.extractOne(
            q, choices, scorer=fuzz.token_sort_ratio, processor=utils.default_process
        )
        times.append((time.perf_counter() - t) * 1000)
    return times


def cold(home: str, runs: int) -> list[float]:
    env = {**os.environ, "EMBARGO_HOME": home}
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "embargo", "check", "Alabuga Machinery", "--json"],
            env=env,
            capture_output=True,
            check=False,
        )
        out.append(time.perf_counter() - t)
    return out


def loaded_rss(home: str) -> float:
    # VmHWM, not ru_maxrss: the latter survives exec and would report this process's peak.
    code = (
        "from embargo.screener import Screener; s=Screener.open(); "
        "[s.check(q) for q in ('warm up', 'Mohammad Hosseini', 'Alabuga', 'Qods Aviation')]; "
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "EMBARGO_HOME": home},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(res.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--baseline-queries", type=int, default=200)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    home = ensure_dataset()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    screener = Screener.open(home)
    queries = _queries(screener, args.queries)
    ours = warm(screener, queries)
    base = baseline(screener, queries, args.baseline_queries)
    colds = cold(str(home), args.cold_runs)
    rss = loaded_rss(str(home))
    index = screener.version.manifest["index"]
    result = {
        "queries": len(ours),
        "check_ms_median": round(median(ours), 3),
        "check_ms_p99": round(percentile(ours, 99), 3),
        "check_ms_mean": round(sum(ours) / len(ours), 3),
        "check_ms_max": round(max(ours), 1),
        "baseline_ms_median": round(median(base), 3),
        "baseline_ms_p99": round(percentile(base, 99), 3),
        "speedup_median": round(median(base) / median(ours), 1),
        "cold_check_s_median": round(median(colds), 3),
        "index_build_s": index.get("seconds"),
        "index_names": index.get("names"),
        "loaded_index_rss_mb": round(rss, 1),
        "bench_process_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
