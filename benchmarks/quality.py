"""Matching quality on the development set: recall per variation class, near-miss false alarms.

    python -m benchmarks.quality [--per-class 60] [--negatives 1000] [--chinese 200] [--threshold T]

Prints a table and a JSON summary. A positive counts as found when ``check`` returns its listed
party as a match; a near-miss negative is a false alarm when ``check`` matches the party it was
derived from (and, reported apart, when it matches anything at all). "retrieval_lost" counts
positives whose party the scorer would match if asked directly but ``check`` did not return.

A cross-script query is the publisher's own name in that script, which the index holds, so
``check`` finds it by that very alias. "latin_only" says what reading the script alone
achieves: the share of people whose native-script name scores at the threshold against one of
the party's Latin names. "latin_only_orgs" is the same for organisations, whose names are
mostly translated (Министерство обороны, Ministry of Defence), so that it measures the
translated words of ``embargo/data/org_words.json`` too.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict

from benchmarks.common import ensure_dataset
from benchmarks.devset import build
from embargo.match import weights
from embargo.match.engine import Query
from embargo.match.names import compare_names
from embargo.names.prepare import prepare, schema_kind
from embargo.screener import Screener


def evaluate(screener: Screener, cases, threshold: float) -> dict:
    index = screener.index
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    latin_only: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    latin_only_orgs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lost = 0
    misses: dict[str, list[str]] = defaultdict(list)
    fa_source = fa_any = negatives = 0
    chinese = [0, 0, 0]  # Chinese near misses: source matched, any match, count
    names_of: dict[str, list[int]] = defaultdict(list)
    for idx in range(len(index.names)):
        names_of[index.entities[index.name_entity[idx]].id].append(idx)
    started = time.perf_counter()
    for case in cases:
        hits = screener.check_query(Query.of(case.query, schema=case.schema), threshold, limit=20)
        matched = {h.entity_id for h in hits if h.match}
        if case.expected is None:
            source_ids = {h.entity_id for h in hits if h.match and h.entity_id == case.source_id}
            if case.cls == "near_miss_chinese":
                chinese[0] += bool(source_ids)
                chinese[1] += bool(matched)
                chinese[2] += 1
            else:
                negatives += 1
                fa_source += bool(source_ids)
                fa_any += bool(matched)
            if source_ids and len(misses[case.cls]) < 8:
                misses[case.cls].append(f"{case.query!r} ~ {case.source_name!r}")
            continue
        stats = per_class[case.cls]
        stats[1] += 1
        if case.cls.startswith("cross_script"):
            tally = (latin_only if case.schema == "Person" else latin_only_orgs)[case.cls]
            tally[1] += 1
            tally[0] += any(
                screener.matcher.compare(case.query, index.raw_name(i), case.schema).score
                >= threshold
                for i in names_of[case.expected]
                if index.raw_name(i).isascii()
            )
        if case.expected in matched:
            stats[0] += 1
            continue
        if len(misses[case.cls]) < 8:
            misses[case.cls].append(f"{case.query!r} -> {case.source_name!r}")
        kind = schema_kind(case.schema)
        q = prepare(case.query, kind)
        direct = max(
            (
                compare_names(q, index.names[i], screener.matcher.weight, index.symbols).score
                for i in names_of[case.expected]
            ),
            default=0.0,
        )
        if direct >= threshold:
            lost += 1
    elapsed = time.perf_counter() - started
    found = sum(s[0] for s in per_class.values())
    total = sum(s[1] for s in per_class.values())
    return {
        "threshold": threshold,
        "recall": found / total if total else 0.0,
        "positives": total,
        "per_class": {k: {"recall": v[0] / v[1], "n": v[1]} for k, v in sorted(per_class.items())},
        "negatives": negatives,
        "near_miss_false_alarm_rate": fa_source / negatives if negatives else 0.0,
        "near_miss_any_match_rate": fa_any / negatives if negatives else 0.0,
        "chinese_near_misses": chinese[2],
        "chinese_false_alarm_rate": chinese[0] / chinese[2] if chinese[2] else 0.0,
        "chinese_any_match_rate": chinese[1] / chinese[2] if chinese[2] else 0.0,
        "retrieval_lost": lost,
        "latin_only": {k: {"recall": f / n, "n": n} for k, (f, n) in sorted(latin_only.items())},
        "latin_only_orgs": {
            k: {"recall": f / n, "n": n} for k, (f, n) in sorted(latin_only_orgs.items())
        },
        "seconds": round(elapsed, 2),
        "misses": dict(misses),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-class", type=int, default=60)
    parser.add_argument("--negatives", type=int, default=1000)
    parser.add_argument(
        "--chinese", type=int, default=200, help="near misses of Chinese names (one syllable)"
    )
    parser.add_argument("--seed", type=int, default=7, help="which names the set is drawn from")
    parser.add_argument("--threshold", type=float, default=weights.THRESHOLD)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--sweep", action="store_true", help="recall and false alarms at several thresholds"
    )
    args = parser.parse_args()
    screener = Screener.open(ensure_dataset())
    cases = build(
        screener.index,
        per_class=args.per_class,
        negatives=args.negatives,
        seed=args.seed,
        chinese=args.chinese,
    )
    if args.sweep:
        print(f"{'threshold':>9s} {'recall':>7s} {'min class':>9s} {'near-miss FA':>12s}")
        for t in (0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
            r = evaluate(screener, cases, t)
            worst = min(v["recall"] for v in r["per_class"].values())
            print(
                f"{t:9.2f} {r['recall']:7.1%} {worst:9.1%} {r['near_miss_false_alarm_rate']:12.1%}"
            )
        return
    result = evaluate(screener, cases, args.threshold)
    print(f"{'class':28s} {'recall':>7s} {'n':>5s}")
    for cls, v in result["per_class"].items():
        print(f"{cls:28s} {v['recall']:7.1%} {v['n']:5d}")
    print(f"{'OVERALL':28s} {result['recall']:7.1%} {result['positives']:5d}")
    print(
        f"near-miss false alarms (source party matched): {result['near_miss_false_alarm_rate']:.1%}"
        f" of {result['negatives']}; any match: {result['near_miss_any_match_rate']:.1%}"
    )
    if result["chinese_near_misses"]:
        print(
            "Chinese near misses (a syllable changed), source party matched: "
            f"{result['chinese_false_alarm_rate']:.1%} of {result['chinese_near_misses']}; "
            f"any match: {result['chinese_any_match_rate']:.1%}"
        )
    print(f"retrieval lost: {result['retrieval_lost']}; {result['seconds']}s")
    print("people's native-script names against their Latin names only:")
    for cls, v in result["latin_only"].items():
        print(f"  {cls:26s} {v['recall']:7.1%} {v['n']:5d}")
    print("organisations' native-script names against their Latin names only:")
    for cls, v in result["latin_only_orgs"].items():
        print(f"  {cls:26s} {v['recall']:7.1%} {v['n']:5d}")
    if args.show_misses:
        print(json.dumps(result["misses"], indent=1, ensure_ascii=False))
    summary = {k: v for k, v in result.items() if k != "misses"}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
