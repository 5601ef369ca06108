"""Names in other scripts found through the lists' Latin names alone: the whole of ``check``.

    python -m benchmarks.latin_only [--per-class 1000] [--seed 11] [--show 0]

The development set's cross-script queries are the publishers' own names in Arabic, Han,
Cyrillic, katakana…, which the dataset holds too: ``check`` finds each by that very alias, and
``benchmarks.quality``'s "latin_only" scores the query against the party's Latin names one by
one, the scorer without retrieval. A customer's name in a script no list writes it in has
neither help. This runner copies the dataset with every name not written in Latin letters left
out (and the parties with no Latin name), builds its index beside the benchmark dataset, and
checks each cross-script query against it.

A query is found where ``check`` matches its party, or matches a name spelt as one of the
party's Latin names (the same party on another list, a separate entity there). Prints a table
by script and schema, and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections import defaultdict
from pathlib import Path

import orjson

from benchmarks.common import bench_home, ensure_dataset
from benchmarks.devset import build
from embargo.dataset.store import Store
from embargo.index import NAME_PROPS, WEAK_NAME_PROPS
from embargo.screener import Screener

_NAMES = (*NAME_PROPS, *WEAK_NAME_PROPS)


def _latin(text: str) -> bool:
    """Written in Latin letters, accented ones included (up to U+024F)."""
    return all(ord(ch) < 0x250 for ch in text)


def latin_home(full: Path) -> Path:
    """A copy of ``full``'s current version holding Latin names only, made once per version."""
    version = Store(full).require_current()
    home = bench_home().with_name(bench_home().name + "-latin-only")
    target = home / "datasets" / version.version
    if (target / "manifest.json").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    (target / "entities").mkdir(parents=True)
    for path in sorted((version.path / "entities").glob("*.jsonl")):
        lines = []
        with open(path, "rb") as fh:
            for line in fh:
                data = orjson.loads(line)
                props = data.get("properties", {})
                if data.get("target"):
                    for prop in _NAMES:
                        kept = [v for v in props.get(prop, ()) if _latin(v)]
                        if kept:
                            props[prop] = kept
                        else:
                            props.pop(prop, None)
                    if not any(props.get(prop) for prop in _NAMES):
                        continue
                lines.append(orjson.dumps(data))
        (target / "entities" / path.name).write_bytes(b"\n".join(lines) + b"\n")
    shutil.copy(version.path / "manifest.json", target / "manifest.json")
    (home / "current").symlink_to(target)
    return home


def run(per_class: int, seed: int, show: int) -> dict:
    full = Screener.open(ensure_dataset())
    latin = Screener.open(latin_home(ensure_dataset()))
    index = full.index
    started = time.perf_counter()
    latin_names: dict[str, set[str]] = defaultdict(set)
    for i in range(len(index.names)):
        raw = index.raw_name(i)
        if _latin(raw):
            latin_names[index.entities[index.name_entity[i]].id].add(raw.casefold())
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case in build(index, per_class=per_class, negatives=0, seed=seed):
        if not case.cls.startswith("cross_script_"):
            continue
        schema = "people" if case.schema == "Person" else "organisations"
        group = (case.cls.removeprefix("cross_script_"), schema)
        tally[group][1] += 1
        spellings = latin_names[case.expected]
        found = any(
            hit.match
            and (
                hit.entity_id == case.expected
                or hit.explanation.get("name", {}).get("listed_name", "").casefold() in spellings
            )
            for hit in latin.check(case.query, schema=case.schema, limit=10)
        )
        if found:
            tally[group][0] += 1
        elif len(misses[group]) < show:
            misses[group].append(f"{case.query} ~ {sorted(spellings)[:2]}")
    found = sum(f for f, _ in tally.values())
    total = sum(n for _, n in tally.values())
    return {
        "found": found / total if total else 0.0,
        "queries": total,
        "by_script": {
            f"{script} {schema}": {"found": f / n, "n": n}
            for (script, schema), (f, n) in sorted(tally.items())
        },
        "misses": {f"{s} {k}": v for (s, k), v in sorted(misses.items()) if v},
        "seconds": round(time.perf_counter() - started, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=0, help="misses to print per group")
    args = parser.parse_args()
    result = run(args.per_class, args.seed, args.show)
    print(f"{'script':12} {'schema':14} {'found':>7} {'n':>5}")
    for group, stats in result["by_script"].items():
        script, schema = group.split(" ")
        print(f"{script:12} {schema:14} {stats['found']:7.1%} {stats['n']:5}")
    print(f"OVERALL found {result['found']:.1%} of {result['queries']}; {result['seconds']}s")
    for group, lines in result["misses"].items():
        print(f"-- {group}")
        for line in lines:
            print("  ", line)
    print(json.dumps({k: v for k, v in result.items() if k != "misses"}))


if __name__ == "__main__":
    main()
