"""Continuous monitoring: time to the new alerts after a list update, against re-screening all.

    python -m benchmarks.monitoring [--records 100000] [--new 50] [--variants 1000]
                                    [--repeats 3] [--seed 7]

Setup (not timed against each other): the benchmark dataset (``benchmarks.common``) is version
1; version 2 is the same lists plus a custom list of ``--new`` generated entities (``embargo
update --custom``; the other sources are carried over). ``--records`` watched customers are
generated (common personal and company names, ``--variants`` perturbed listed names, and one
perturbed name of each new entity), registered with ``embargo watch add``'s reader, and marked
as monitored against version 1 (as after a first ``embargo monitor run``).

Measured, in one run against version 2:

- **incremental**: ``run_monitor`` (what ``embargo monitor run`` does after ``embargo update``):
  the dataset diff, the new and changed entities screened against the watched population
  through the watch index, the candidates checked with the Screener, alerts recorded. Run
  ``--repeats`` times on a copy of the database as it was before the update; the first run
  also builds the watch index (kept for the later runs, as on a real machine where it is built
  once per change of the population), so the median is over the warm runs and the cold one is
  printed beside it;
- **baseline**: the whole watched population through the Screener
  (:func:`embargo.cases.monitor.rescreen_everything`, same party cache), keeping the hits on
  changed entities — the alerts the incremental run must find, which is checked.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import ensure_dataset
from benchmarks.screen import _common_company, _common_person, listed_names, perturb

SYLLABLES = ("ka ro vin tel mar zor lek dan si bor ny ush tra vel gor mi sha en ol pa rit "
             "dro ze kul fa nor bes tan gra vi lo").split()  # fmt: skip
FIRST = ("Anatoly Ruslan Timur Oleg Farid Kamran Reza Dmitri Yusuf Bakhtiyar Ilya Omid Arman "
         "Vadim Nasser").split()  # fmt: skip
TRADE = ("Precision Components", "Aero Systems", "Microelectronics", "Marine Services",
         "Industrial Supply", "Optics", "Energy Trading", "Engineering")  # fmt: skip
FORMS = ("LLC", "JSC", "Ltd", "FZE", "Co")


def _word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def new_entities(n: int, seed: int) -> list[list[str]]:
    """``n`` parties for the custom list: made-up names that no list or customer file holds."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        if i % 2:
            name = f"{rng.choice(FIRST)} {_word(rng)}ov"
            rows.append([f"N{i:03d}", name, "Person", "ru", str(rng.randint(1950, 1990))])
        else:
            name = f"{_word(rng)} {rng.choice(TRADE)} {rng.choice(FORMS)}"
            rows.append([f"N{i:03d}", name, "Company", rng.choice(["ru", "ir", "ae"]), ""])
    return rows


def write_custom(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "schema", "country", "birth_date"])
        writer.writerows(rows)
    return path


def write_watched(
    path: Path, records: int, listed: list[tuple[str, str]], new: list[list[str]], seed: int
) -> int:
    """The watched population; returns how many rows are variants of the new entities."""
    rng = random.Random(seed)
    specials = [(perturb(name, rng), schema) for name, schema in listed]
    specials += [(perturb(row[1], rng), row[2]) for row in new]
    common = records - len(specials)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["customer id", "name", "type", "country"])
        for i in range(common):
            person = rng.random() < 0.65
            name = _common_person(rng) if person else _common_company(rng)
            writer.writerow([f"C{i:07d}", name, "individual" if person else "company", ""])
        for j, (name, schema) in enumerate(specials):
            kind = "individual" if schema == "Person" else "company"
            writer.writerow([f"V{j:07d}", name, kind, ""])
    return len(new)


def hardlink_home(source_home: Path, target: Path) -> None:
    """A home whose current version is ``source_home``'s, sharing its files (no copying)."""
    from embargo.dataset.store import Store

    current = Store(source_home).require_current()
    shutil.copytree(current.path, target / "datasets" / current.version, copy_function=os.link)
    os.symlink(Path("datasets") / current.version, target / "current")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=50)
    parser.add_argument("--variants", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from sqlalchemy import select, update

    from embargo.cases.db import Database
    from embargo.cases.models import Alert, Meta, Watched
    from embargo.cases.monitor import INDEX_DIR, VERSION_KEY, rescreen_everything, run_monitor
    from embargo.cases.watch import add_watched, read_watch_file
    from embargo.dataset.diff import diff_versions
    from embargo.dataset.store import Store
    from embargo.dataset.update import run_update
    from embargo.screener import Screener

    bench_home = ensure_dataset()
    work = Path(tempfile.mkdtemp(prefix="embargo-monitoring-"))
    try:
        home = work / "home"
        hardlink_home(bench_home, home)
        store = Store(home)
        v1 = store.require_current()
        Screener(v1)  # rebuilds a stale index before it is shared by both versions
        clock = time.perf_counter()
        new = new_entities(args.new, args.seed)
        empty = work / "no-sources"
        empty.mkdir()
        v2, _ = run_update(
            store, from_dir=empty, custom={"bench_update": write_custom(work / "new.csv", new)}
        )
        update_s = time.perf_counter() - clock
        print(
            f"version 1 {v1.version} → version 2 {v2.version} "
            f"(+{args.new} entities, update {update_s:.1f}s)",
            flush=True,
        )

        listed = listed_names(home, limit=args.variants, seed=args.seed)
        watched_csv = work / "watched.csv"
        write_watched(watched_csv, args.records, listed, new, args.seed)
        db_path = work / "cases.db"
        db = Database.open(f"sqlite:///{db_path}")
        clock = time.perf_counter()
        records = read_watch_file(watched_csv)
        with db.write() as session:
            add_watched(session, records, watched_csv.name)
            session.execute(update(Watched).values(screened_version=v1.version))
            session.add(Meta(key=VERSION_KEY, value=v1.version))
        register_s = time.perf_counter() - clock
        print(f"{len(records):,} watched records registered in {register_s:.1f}s", flush=True)
        db.dispose()
        snapshot = work / "before.db"
        shutil.copyfile(db_path, snapshot)

        clock = time.perf_counter()
        screener = Screener(v2)
        load_s = time.perf_counter() - clock

        runs: list[dict] = []
        raised_pairs: set[tuple[str, str]] = set()
        for i in range(args.repeats):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(snapshot, db_path)
            db = Database.open(f"sqlite:///{db_path}")
            if i == 0:
                shutil.rmtree(home / INDEX_DIR, ignore_errors=True)
            clock = time.perf_counter()
            report = run_monitor(db, home, screener=screener)
            seconds = time.perf_counter() - clock
            with db.read() as session:
                raised_pairs = {
                    (a.record_key, a.entity_id)
                    for a in session.execute(
                        select(Alert).where(Alert.id.in_(report.raised))
                    ).scalars()
                }
            db.dispose()
            runs.append({**report.to_dict(), "wall": seconds})
            print(
                f"incremental run {i + 1}: {seconds:.2f}s, {report.changed_entities} changed "
                f"entities, {report.candidates} candidates, {len(report.raised)} new alerts, "
                f"phases {report.seconds}",
                flush=True,
            )

        db = Database.open(f"sqlite:///{db_path}")
        changed = {i["id"] for d in [diff_versions(v1, v2)] for i in d["added"] + d["changed"]}
        clock = time.perf_counter()
        everything = rescreen_everything(db, screener)
        baseline_s = time.perf_counter() - clock
        db.dispose()
        expected = {(k, h["entity_id"]) for k, h in everything if h["entity_id"] in changed}
        print(
            f"baseline (re-screen all {len(records):,}): {baseline_s:.1f}s, "
            f"{len(everything):,} matches, {len(expected)} on changed entities",
            flush=True,
        )

        warm = [r["wall"] for r in runs[1:]] or [runs[0]["wall"]]
        incremental = statistics.median(warm)
        summary = {
            "records": len(records),
            "new_entities": args.new,
            "changed_entities": runs[0]["changed_entities"],
            "candidates": runs[0]["candidates"],
            "new_alerts": len(raised_pairs),
            "alerts_match_baseline": raised_pairs == expected,
            "missed": len(expected - raised_pairs),
            "register_watched_s": round(register_s, 1),
            "screener_load_s": round(load_s, 2),
            "watch_index_build_s": runs[0]["seconds"].get("watch_index"),
            "incremental_first_s": round(runs[0]["wall"], 2),
            "incremental_median_s": round(incremental, 3),
            "incremental_runs_s": [round(r["wall"], 3) for r in runs],
            "baseline_s": round(baseline_s, 1),
            "ratio_baseline_over_incremental": round(baseline_s / incremental, 1),
        }
        print()
        print(f"{'':34}{'seconds':>10}")
        print(f"{'incremental (median, warm)':34}{incremental:>10.2f}")
        print(f"{'incremental (first, builds index)':34}{runs[0]['wall']:>10.2f}")
        print(f"{'baseline: re-screen everything':34}{baseline_s:>10.2f}")
        print(f"{'ratio baseline / incremental':34}{baseline_s / incremental:>10.1f}x")
        print(json.dumps(summary, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
