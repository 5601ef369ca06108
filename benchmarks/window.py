"""The matcher alone on a window of the screening benchmark's rows, and who in it matched.

    python -m benchmarks.window [--skip 20000] [--rows 20000] [--seed 7] [--from FILE]

The rows are the first ones of the file ``benchmarks.screen`` generates with the same seed,
or of ``--from``, a file it generated (its listed names are sampled from the index, so another
index, as another code version builds, samples other rows: compare versions on one file).
In one process, as a batch worker runs (``size_for_batch``, matches only), the first ``--skip``
rows warm the caches; the next ``--rows`` are timed in CPU seconds of this process. That
isolates the matcher from reading, writing and the worker pool, and is steadier than wall time
on a busy machine. It also counts the window's matched rows by the kind of name the generator
wrote: perturbed listed names (the rows it gives no country), common people, common companies,
and how many distinct common personal names matched (false alarms, nearly all).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import tempfile
import time
from pathlib import Path

from benchmarks.common import ensure_dataset
from benchmarks.screen import generate, listed_names


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--from", dest="source", type=Path, help="a generated file to read")
    args = parser.parse_args()

    from embargo.match.engine import Query
    from embargo.screener import Screener

    home = ensure_dataset()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.source or Path(tmp) / "rows.csv"
        if args.source is None:
            generate(path, args.skip + args.rows, listed_names(home), seed=args.seed)
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            next(reader)
            rows = [row for _, row in zip(range(args.skip + args.rows), reader)]
    screener = Screener.open(home)
    screener.matcher.size_for_batch()

    def check(row: list[str]) -> bool:
        _cid, name, kind, country, dob = row
        query = Query.of(
            name,
            schema="Person" if kind == "individual" else "Company",
            countries=[country] if country else [],
            birth_dates=[dob] if dob else [],
        )
        return bool(screener.check_query(query, matches_only=True))

    for row in rows[: args.skip]:
        check(row)
    gc.collect()
    gc.freeze()
    window = rows[args.skip :]
    started = time.process_time()
    matched = [check(row) for row in window]
    cpu = time.process_time() - started

    counts = {"listed": [0, 0], "person": [0, 0], "company": [0, 0]}
    people: dict[str, bool] = {}
    for row, hit in zip(window, matched):
        kind = "listed" if not row[3] else "person" if row[2] == "individual" else "company"
        counts[kind][0] += 1
        counts[kind][1] += hit
        if kind == "person":
            people[row[1]] = people.get(row[1], False) or hit
    result = {
        "skip": args.skip,
        "rows": len(window),
        "cpu_s": round(cpu, 2),
        "matched": sum(matched),
        "by_kind": {k: {"rows": n, "matched": m} for k, (n, m) in counts.items()},
        "distinct_common_people": len(people),
        "distinct_common_people_matched": sum(people.values()),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
