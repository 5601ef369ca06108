"""Run the benchmarks the README names, one subprocess each, and collect what they print.

    python -m benchmarks.run                 # every benchmark, default sizes
    python -m benchmarks.run quality speed   # only these
    python -m benchmarks.run --quick         # smaller sizes, for a smoke run

Each benchmark measures its own baseline in the same run and prints medians and ratios; this
runner only orders them and stops on the first failure. Machines here have 2 noisy cores: run
on a quiet machine and compare ratios rather than absolute times.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

# name -> (module, default args, quick args)
BENCHMARKS: dict[str, tuple[str, list[str], list[str]]] = {
    "update": ("benchmarks.update", ["--runs", "3"], ["--runs", "1"]),
    "quality": ("benchmarks.quality", [], ["--per-class", "20", "--negatives", "300"]),
    "scripts": ("benchmarks.scripts", [], []),
    "latin_only": ("benchmarks.latin_only", [], ["--per-class", "100"]),
    "chinese_names": ("benchmarks.chinese_names", [], ["--names", "300"]),
    "arabic_names": ("benchmarks.arabic_names", [], ["--names", "300"]),
    "speed": ("benchmarks.speed", [], ["--queries", "300", "--cold-runs", "2"]),
    "screen": ("benchmarks.screen", [], ["--rows", "100000"]),
    "window": ("benchmarks.window", [], ["--skip", "2000", "--rows", "2000"]),
    "shipment": ("benchmarks.shipment", [], ["--rounds", "20"]),
    "scan": ("benchmarks.scan", [], []),
    "api": ("benchmarks.api_load", [], ["--duration", "20"]),
    "monitoring": ("benchmarks.monitoring", [], []),
    "spark": ("benchmarks.spark", [], []),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help=f"subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    unknown = set(args.names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    for name in args.names or list(BENCHMARKS):
        module, default, quick = BENCHMARKS[name]
        try:
            __import__(module)
        except ImportError as exc:
            print(f"== {name}: not available ({exc})", flush=True)
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", module, *(quick if args.quick else default)])
        print(f"== {name}: exit {code}, {time.perf_counter() - started:.1f}s", flush=True)
        if code:
            sys.exit(code)


if __name__ == "__main__":
    main()
