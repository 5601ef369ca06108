"""Shared by the benchmark runners: one dataset built from the shared lists, reused across runs."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT.parent / "shared" / "data" / "lists"


def bench_home() -> Path:
    return Path(os.environ.get("EMBARGO_BENCH_HOME", "/tmp/embargo-bench"))


def ensure_dataset(rebuild: bool = False) -> Path:
    """Build the dataset from ../shared/data/lists once; later runs reuse it."""
    from embargo.dataset.store import Store
    from embargo.dataset.update import run_update

    home = bench_home()
    store = Store(home)
    if rebuild or store.current() is None:
        run_update(store, from_dir=LISTS, force=True)
    return home


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
