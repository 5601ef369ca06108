"""`embargo update --from ../shared/data/lists`: wall time and peak memory of a full build.

    python -m benchmarks.update [--runs 3]

Each run is a fresh process into a fresh EMBARGO_HOME. Peak memory is the largest resident set
of the update process or any of its parser workers (``RUSAGE_CHILDREN``); entity counts per
source come from the written manifest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import LISTS, median


def one_run() -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "EMBARGO_HOME": home}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "embargo", "update", "--from", str(LISTS), "--quiet"],
            env=env, check=True,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        manifest = json.loads((Path(home) / "current" / "manifest.json").read_text())
    return elapsed, manifest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    manifest: dict = {}
    for _ in range(args.runs):
        elapsed, manifest = one_run()
        times.append(elapsed)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "runs": args.runs,
        "update_s_median": round(median(times), 2),
        "update_s_all": [round(t, 2) for t in times],
        "peak_rss_mb": round(peak, 1),
        "index": manifest.get("index"),
        "entities": {k: v["entities"] for k, v in manifest.get("sources", {}).items()},
        "parse_s": {k: v.get("seconds") for k, v in manifest.get("sources", {}).items()},
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
