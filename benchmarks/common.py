"""Shared by the benchmark runners: one dataset built from the shared lists, reused across runs,
and the count of names no one listed that match anyway, with those runners' options."""

from __future__ import annotations

import argparse
import os
import statistics
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from embargo.screener import Screener

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


def matching_anyone(screener: Screener, queries: Iterable[str], show: int) -> dict:
    """Of ``queries`` checked as people, those that match any listed party: how many, how the
    first match's words met, and the first ``show`` of them (``chinese_names``,
    ``arabic_names``: names that are mostly no one listed)."""
    matched = 0
    how: Counter[str] = Counter()
    examples: list[str] = []
    for query in queries:
        hits = [h for h in screener.check(query, schema="Person") if h.match]
        if not hits:
            continue
        matched += 1
        aligned = hits[0].explanation.get("name", {}).get("aligned", [])
        how[" + ".join(sorted(p["how"] for p in aligned)) or "none"] += 1
        if len(examples) < show:
            examples.append(f"{query} ~ {hits[0].caption} ({hits[0].score:.2f})")
    return {"matched": matched, "how": dict(how.most_common(6)), "examples": examples}


def random_names_args(each: str = "") -> argparse.Namespace:
    """The options of a runner of random names no one listed: how many names it draws
    ``each`` (per writing, say), its seed, and how many examples it prints."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=1500, help=f"names drawn{each}")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=12, help=f"examples printed{each}")
    return parser.parse_args()
