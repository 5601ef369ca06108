"""Shipment screening speed: a whole shipment against its parties' list checks alone.

    python -m benchmarks.shipment [--rounds 200]

The baseline, measured in the same run on the same shipments, is what a shipment screen cannot
avoid: one ``Screener.check`` per party with the same arguments. The ratio shows what goods,
places, route and red-flag rules add on top. Also printed: goods/route rules without parties,
and loading the rule tables cold (a new process reads every CSV and builds the place index).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, ensure_dataset, median, percentile
from embargo.screener import Screener
from embargo.shipment import load_rules, parse_shipment, screen_shipment

EXAMPLES = ROOT / "examples" / "shipments"


def _shipments() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]


def _time(fn, items, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for item in items:
            t = time.perf_counter()
            fn(item)
            times.append((time.perf_counter() - t) * 1000)
    return times


def _parties_only(screener: Screener, limit: int):
    def run(shipment: dict) -> None:
        ship = parse_shipment(shipment)
        for p in ship.parties:
            screener.check(
                [p.name, *p.aliases],
                schema=p.schema_name,
                countries=[p.country] if p.country else (),
                ids=p.ids,
                addresses=[p.address] if p.address else (),
                limit=limit,
            )

    return run


def _cold_rules(runs: int) -> list[float]:
    code = (
        "import time; t=time.perf_counter(); from embargo.shipment import load_rules; "
        "from embargo.shipment.places import scanner; scanner(load_rules()); "
        "print((time.perf_counter()-t)*1000)"
    )
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        out.append(float(res.stdout.strip()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--cold-runs", type=int, default=5)
    args = ap.parse_args()

    screener = Screener.open(Path(ensure_dataset()))
    rules = load_rules()
    shipments = _shipments()
    limit = int(rules.params.get("party_hit_limit", 5))
    for s in shipments:  # warm caches on both paths
        screen_shipment(s, screener, rules)

    base = _time(_parties_only(screener, limit), shipments, args.rounds)
    full = _time(lambda s: screen_shipment(s, screener, rules), shipments, args.rounds)
    no_parties = _time(lambda s: screen_shipment(s, None, rules), shipments, args.rounds)
    cold = _cold_rules(args.cold_runs)

    n = len(shipments)
    parties = sum(len(s.get("parties", [])) for s in shipments)
    print(f"{n} example shipments, {parties} parties, {args.rounds} rounds, rules {rules.version}")
    for label, times in (
        ("baseline  party checks only ", base),
        ("shipment  screen_shipment   ", full),
        ("          goods+route only  ", no_parties),
    ):
        print(f"{label}  median {median(times):7.2f} ms  p99 {percentile(times, 99):7.2f} ms")
    print(f"ratio shipment / baseline     {median(full) / median(base):.2f}x")
    print(f"cold rule load + place index  median {median(cold):7.1f} ms over {len(cold)} runs")


if __name__ == "__main__":
    main()
