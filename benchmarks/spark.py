"""Spark engine throughput per core in local mode, against the local engine on one core.

    python -m benchmarks.spark [--rows 20000] [--cores 2] [--repeats 3] [--seed 7]

The input is ``benchmarks.screen``'s generated customer CSV (~20% perturbed listed names, the
rest common personal and company names). In one process, alternating, ``--repeats`` times:

- **local**: ``screen_file(..., workers=1)``: the local engine in this process, one core,
  JSON Lines out; timed by wall and by this process's CPU seconds;
- **spark**: ``screen_with_spark(..., format=parquet)`` on a ``local[--cores]`` session made
  once and warmed up on 200 rows (JVM start and Python worker start are paid there); each run
  ships the index under a new name, so every worker opens it and starts with cold matcher
  caches, as the local engine's run does; timed by wall and by the CPU seconds of the whole
  process tree (driver, JVM, Python workers).

Prints medians: rows/s, rows/s per core (wall × cores) and rows per CPU second, the ratio of
Spark's per-core rate to the local engine's, and the load average (wall time means little on
a busy machine; the per-CPU-second figures hold up better). The JSON summary ends with the
cores needed for 50 M rows in an hour at the measured per-core rate (see docs/spark.md).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ensure_dataset
from benchmarks.screen import generate, listed_names

SIZING_ROWS = 50_000_000
SIZING_SECONDS = 3600


def _tree_cpu() -> float:
    """User + system CPU seconds of this process and every live descendant (JVM, workers)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system
    return total


def run_local(home: Path, src: Path, out: Path) -> dict:
    from embargo.screen.pipeline import ScreenOptions, screen_file

    started, cpu = time.perf_counter(), time.process_time()
    result = screen_file(src, ScreenOptions(out=out, workers=1), home=home)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"rows": result.rows + result.errors, "wall_s": wall, "cpu_s": cpu, "cores": 1}


def run_spark(spark, archive: Path, src: Path, out: Path, cores: int) -> dict:
    """One job, its index shipped under a new name so every Python worker opens it afresh.

    Workers outlive jobs, and with them the matcher's caches: without a fresh index a repeat on
    the same rows would be scored from warm caches, which the local engine (a new Screener per
    run) and a real Spark application (new workers) do not have.
    """
    from embargo.screen.pipeline import ScreenOptions
    from embargo.spark.engine import screen_with_spark

    fresh = archive.with_name(f"run-{time.time_ns()}.tar.gz")
    shutil.copyfile(archive, fresh)
    options = ScreenOptions(format="parquet", out=str(out))  # type: ignore[arg-type]
    started, cpu = time.perf_counter(), _tree_cpu()
    result = screen_with_spark(
        src, options, spark=spark, index_archive=str(fresh), overwrite=True, quiet=True
    )
    wall, cpu = time.perf_counter() - started, _tree_cpu() - cpu
    return {"rows": result.rows + result.errors, "wall_s": wall, "cpu_s": cpu, "cores": cores}


def _medians(runs: list[dict]) -> dict:
    rows = runs[0]["rows"]
    cores = runs[0]["cores"]
    wall = statistics.median(r["wall_s"] for r in runs)
    cpu = statistics.median(r["cpu_s"] for r in runs)
    return {
        "rows": rows,
        "runs": len(runs),
        "cores": cores,
        "wall_s": round(wall, 2),
        "rows_per_s": round(rows / wall, 1),
        "rows_per_s_per_core": round(rows / wall / cores, 1),
        "cpu_s": round(cpu, 2),
        "rows_per_cpu_s": round(rows / cpu, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    home = ensure_dataset()
    load_before = round(os.getloadavg()[0], 2)
    tmp = Path(tempfile.mkdtemp(prefix="embargo-spark-bench-"))
    try:
        src = tmp / "customers.csv"
        generate(src, args.rows, listed_names(home, seed=args.seed), args.seed)
        warm = tmp / "warm.csv"
        generate(warm, 200, listed_names(home, limit=500, seed=args.seed + 1), args.seed + 1)
        print(f"generated {args.rows:,} rows → {tmp}", flush=True)

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        t = time.perf_counter()
        spark = (
            SparkSession.builder.master(f"local[{args.cores}]")
            .appName("embargo-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.log.level", "ERROR")
            .getOrCreate()
        )
        startup = time.perf_counter() - t
        from embargo.dataset.store import Store
        from embargo.spark.archive import pack_index

        archive = pack_index(Store(home).require_current(), tmp / "archive")
        t = time.perf_counter()
        run_spark(spark, archive, warm, tmp / "warm.parquet", args.cores)
        warmup = time.perf_counter() - t
        print(f"spark session {startup:.1f}s, warm-up job {warmup:.1f}s", flush=True)

        local_runs: list[dict] = []
        spark_runs: list[dict] = []
        for i in range(args.repeats):
            local_runs.append(run_local(home, src, tmp / "local.jsonl"))
            print(f"local #{i + 1}", {k: round(v, 2) for k, v in local_runs[-1].items()})
            spark_runs.append(run_spark(spark, archive, src, tmp / "spark.parquet", args.cores))
            print(f"spark #{i + 1}", {k: round(v, 2) for k, v in spark_runs[-1].items()})
        spark.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    local, remote = _medians(local_runs), _medians(spark_runs)
    per_core = remote["rows_per_s_per_core"]
    needed_rate = SIZING_ROWS / SIZING_SECONDS
    summary = {
        "rows": args.rows,
        "machine_cores": os.cpu_count(),
        "spark_master": f"local[{args.cores}]",
        "spark_session_start_s": round(startup, 1),
        "spark_warmup_job_s": round(warmup, 1),
        "local": local,
        "spark": remote,
        "ratio_spark_per_core_vs_local": round(per_core / local["rows_per_s_per_core"], 2),
        "ratio_spark_per_cpu_s_vs_local": round(
            remote["rows_per_cpu_s"] / local["rows_per_cpu_s"], 2
        ),
        "sizing_rows_per_s_needed": round(needed_rate, 1),
        "sizing_cores_at_spark_per_core_rate": math.ceil(needed_rate / per_core),
        "sizing_cores_at_spark_per_cpu_s_rate": math.ceil(needed_rate / remote["rows_per_cpu_s"]),
        "load_average_before_after": [load_before, round(os.getloadavg()[0], 2)],
    }
    print()
    print(f"{'engine':<8}{'rows':>9}{'cores':>7}{'wall s':>9}{'rows/s':>10}{'/core':>9}"
          f"{'CPU s':>9}{'rows/CPU s':>12}")  # fmt: skip
    for name, r in (("local", local), ("spark", remote)):
        print(
            f"{name:<8}{r['rows']:>9,}{r['cores']:>7}{r['wall_s']:>9}{r['rows_per_s']:>10,}"
            f"{r['rows_per_s_per_core']:>9,}{r['cpu_s']:>9}{r['rows_per_cpu_s']:>12,}"
        )
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
