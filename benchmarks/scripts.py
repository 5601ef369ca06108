"""Names in many scripts against the Latin spellings lists give them.

    python -m benchmarks.scripts [--show]

``script_names.tsv`` holds public figures' names as 20 scripts write them: their own names
(ทักษิณ ชินวัตร, Thaksin Shinawatra) and foreign names transcribed (谢尔盖·拉夫罗夫, Sergey
Lavrov). For each name this reports:

- **pairs**: whether it scores at the threshold against its Latin spelling, with the lists'
  word weights (``Matcher.compare``);
- **found**: where a check of the Latin spelling matches a listed party, whether a check of
  the name as written matches that party too (retrieval as well as scoring);
- **false pairs**: names scoring at the threshold against another row's Latin spelling, out
  of every such pairing: what the readings cost in precision.

The rows were written down while the readings were developed, so this is a check that they
hold, not an unbiased sample: the development set (``benchmarks.quality``) is the other.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.common import ensure_dataset
from embargo.match import weights
from embargo.screener import Screener

ROWS = Path(__file__).with_name("script_names.tsv")


def load() -> list[tuple[str, str, str]]:
    rows = []
    for n, line in enumerate(ROWS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{ROWS}:{n}: expected 3 tab-separated columns, got {len(parts)}")
        rows.append((parts[0], parts[1], parts[2]))
    return rows


def evaluate(screener: Screener, rows: list[tuple[str, str, str]]) -> dict:
    """The summary, with per-script counts and the names that missed (see the module)."""
    matcher = screener.matcher
    started = time.perf_counter()
    pairs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[str] = []
    for script, written, latin in rows:
        score = matcher.compare(written, latin, "Person").score
        pairs[script][0] += score >= weights.THRESHOLD
        pairs[script][1] += 1
        if score < weights.THRESHOLD:
            missed.append(f"{script}: {written} ~ {latin} ({score:.2f})")
        listed = {h.entity_id for h in screener.check(latin, schema="Person") if h.match}
        if listed:
            got = {h.entity_id for h in screener.check(written, schema="Person") if h.match}
            found[script][0] += bool(listed & got)
            found[script][1] += 1
            if not listed & got:
                missed.append(f"{script}: {written} not found as {latin}")
    false_pairs = total_pairs = 0
    latins = sorted({latin for _, _, latin in rows})
    # Two Latin spellings that match each other name one person (Sergey, Sergei Lavrov).
    same = {
        (a, b)
        for a in latins
        for b in latins
        if a == b or matcher.compare(a, b, "Person").score >= weights.THRESHOLD
    }
    for _, written, latin in rows:
        for other in latins:
            if (latin, other) in same:
                continue
            total_pairs += 1
            if matcher.compare(written, other, "Person").score >= weights.THRESHOLD:
                false_pairs += 1
                missed.append(f"false pair: {written} ~ {other}")
    n_pairs = sum(p[1] for p in pairs.values())
    n_found = sum(f[1] for f in found.values())
    return {
        "rows": len(rows),
        "pairs_matched": sum(p[0] for p in pairs.values()) / n_pairs,
        "found": sum(f[0] for f in found.values()) / n_found if n_found else None,
        "listed_rows": n_found,
        "false_pairs": false_pairs,
        "false_pair_rate": false_pairs / total_pairs,
        "pairings": total_pairs,
        "seconds": round(time.perf_counter() - started, 1),
        "per_script": {k: {"pairs": pairs[k], "found": found.get(k, [0, 0])} for k in pairs},
        "missed": missed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="list misses and false pairs")
    args = parser.parse_args()
    result = evaluate(Screener.open(ensure_dataset()), load())
    per_script, missed = result.pop("per_script"), result.pop("missed")
    print(f"{'script':<12}{'pairs':>10}{'found':>10}")
    for script, counts in sorted(per_script.items(), key=lambda kv: -kv[1]["pairs"][1]):
        p, f = counts["pairs"], counts["found"]
        found_text = f"{f[0]}/{f[1]}" if f[1] else "-"
        print(f"{script:<12}{p[0]:>6}/{p[1]:<3}{found_text:>10}")
    print(
        f"OVERALL pairs {result['pairs_matched']:.1%} of {result['rows']}; found "
        f"{result['found']:.1%} of {result['listed_rows']} listed; false pairs "
        f"{result['false_pairs']} of {result['pairings']}"
    )
    if args.show:
        print("\n".join(missed))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
