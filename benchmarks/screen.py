"""Batch screening speed: `embargo screen` over a generated customer file, on every core.

    python -m benchmarks.screen [--rows 1000000] [--workers N] [--baseline-rows 2000] [--seed 7]

The input is a CSV of ``--rows`` rows: ``--listed-share`` (default 20%) listed names with small
perturbations (case, a typo, token order, a dropped token), the rest common personal and
company names built from the
word lists below (not taken from the lists), with repeats as in real customer files. Three runs
of ``python -m embargo screen`` in a subprocess, each timed for wall seconds, CPU seconds of
the whole process tree (user + system, workers included) and its peak memory (sum of RSS, and
of PSS, which counts the shared memory-mapped index once):

- **pipeline**: ``--rows`` rows, every one a repeat of one listed and one common name (20/80),
  so the matcher runs about twice per worker: what reading, mapping, dedupe, batching, the
  workers and writing cost on their own;
- **sample**: the first ``--baseline-rows`` rows of the generated file; the naive baseline
  scores the same rows in this process, one core: each with ``rapidfuzz.process.extractOne``
  against every listed name string;
- **full**: the whole generated file (``--skip-full`` to leave it out).

Prints a table and a JSON summary: rows/s of each, the ratio against the baseline (by wall and
by CPU second) and the load average, since wall time means little on a busy machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, ensure_dataset

FIRST_NAMES = (
    "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony "
    "Betty Mark Sandra Paul Ashley Steven Emily Andrew Donna Kenneth Michelle Joshua Carol Kevin "
    "Amanda Brian Melissa George Deborah Hans Anna Peter Ursula Klaus Monika Jürgen Sabine "
    "Wolfgang Petra Pierre Marie Jean Sophie Luc Camille Giulia Marco Francesca Luca Chiara "
    "Carlos Lucia Javier Elena Miguel Carmen Pablo Ines Jan Eva Piet Sanne Lars Ingrid Olav "
    "Kaori Hiroshi Yuki Wei Mei Raj Priya Arjun Ana Joao Tiago Beatriz"
).split()
SURNAMES = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis "
    "Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell "
    "Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Müller Schmidt "
    "Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Dubois Durand Lefebvre Moreau "
    "Laurent Rossi Russo Ferrari Esposito Bianchi Romano Fernandez Sanchez Perez Gomez Jansen "
    "de Vries van Dijk Bakker Visser Nielsen Hansen Larsen Andersson Johansson Tanaka Suzuki "
    "Watanabe Chen Wang Zhang Patel Sharma Gupta Silva Santos Oliveira Costa"
).split()
COMPANY_WORDS = (
    "Nordic Atlantic Pacific Alpine Global United Coastal Central Northern Southern Eastern "
    "Western Royal Premier Summit Pioneer Horizon Liberty Crown Golden Silver Blue Green Red "
    "Oak Maple Cedar River Lake Harbor Bridge Valley Meadow Granite Apex Vertex Orbit Delta "
    "Sigma Nova Bright Clear Swift Prime"
).split()
COMPANY_TRADES = (
    "Logistics Foods Textiles Plastics Machinery Electronics Pharma Chemicals Packaging "
    "Furniture Tools Motors Optics Paper Glass Steel Timber Coffee Dairy Bakery Software "
    "Consulting Design Marine Medical Print Solar Water Garden Sports Fashion Toys Books Travel"
).split()
COMPANY_KINDS = ("Trading", "Supplies", "Systems", "Group", "Partners", "Works", "Industries", "")
LEGAL_FORMS = ("GmbH", "AG", "Ltd", "Limited", "LLC", "Inc", "S.A.", "SARL", "B.V.", "S.p.A.", "AB")
COUNTRIES = ("DE", "FR", "NL", "IT", "ES", "GB", "US", "SE", "DK", "PL", "AT", "CH", "JP", "IN")


def _common_person(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES)
    if rng.random() < 0.15:
        first += " " + rng.choice(FIRST_NAMES)
    return f"{first} {rng.choice(SURNAMES)}"


def _common_company(rng: random.Random) -> str:
    parts = [rng.choice(COMPANY_WORDS), rng.choice(COMPANY_TRADES), rng.choice(COMPANY_KINDS)]
    return " ".join(p for p in parts if p) + " " + rng.choice(LEGAL_FORMS)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]


def perturb(name: str, rng: random.Random) -> str:
    """One or two small edits a clerk or an evader makes to a listed name."""
    tokens = name.split()
    for _ in range(rng.choice((1, 1, 2))):
        op = rng.randrange(4)
        if op == 0:
            tokens = [rng.choice((str.lower, str.upper, str.title))(t) for t in tokens]
        elif op == 1 and tokens:
            i = rng.randrange(len(tokens))
            tokens[i] = _typo(tokens[i], rng)
        elif op == 2 and len(tokens) > 1:
            i = rng.randrange(len(tokens) - 1)
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif op == 3 and len(tokens) > 2:
            del tokens[rng.randrange(1, len(tokens))]
    return " ".join(tokens)


def listed_names(home: Path, limit: int = 60_000, seed: int = 7) -> list[tuple[str, str]]:
    """(name, schema) of listed parties' main Latin-script names, sampled."""
    from embargo.screener import Screener

    index = Screener.open(home).index
    rng = random.Random(seed)
    picks = rng.sample(range(len(index)), min(len(index), limit * 2))
    out: list[tuple[str, str]] = []
    for i in picks:
        if index.name_weak[i]:
            continue
        raw = index.raw_name(i)
        if not raw.isascii() or len(raw.split()) < 2:
            continue
        schema = index.entity(int(index.name_entity[i])).schema
        if schema in ("Person", "Company", "Organization", "LegalEntity"):
            out.append((raw, schema))
        if len(out) >= limit:
            break
    return out


def generate(
    path: Path, rows: int, listed: list[tuple[str, str]], seed: int, listed_share: float = 0.2
) -> None:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Customer ID", "Name", "Type", "Country", "Date of Birth"])
        for i in range(1, rows + 1):
            if rng.random() < listed_share:
                name, schema = rng.choice(listed)
                kind = "individual" if schema == "Person" else "company"
                w.writerow([f"C{i:08d}", perturb(name, rng), kind, "", ""])
            elif rng.random() < 0.6:
                dob = f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                w.writerow(
                    [f"C{i:08d}", _common_person(rng), "individual", rng.choice(COUNTRIES), dob]
                )
            else:
                w.writerow(
                    [f"C{i:08d}", _common_company(rng), "company", rng.choice(COUNTRIES), ""]
                )


def _distinct(path: Path) -> dict[str, int]:
    """Distinct (name, type) pairs and distinct whole rows but the id: the matcher's real work
    is one name stage per distinct name and one fact stage per distinct party."""
    names: set[tuple[str, str]] = set()
    parties: set[tuple[str, ...]] = set()
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            names.add((row[1], row[2]))
            parties.add(tuple(row[1:]))
    return {"names": len(names), "parties": len(parties)}


def generate_repeats(path: Path, rows: int) -> None:
    """Every row one of two parties: the pipeline's cost with the matcher all but idle."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Customer ID", "Name", "Type", "Country", "Date of Birth"])
        for i in range(1, rows + 1):
            if i % 5 == 0:
                w.writerow([f"C{i:08d}", "Alabuga Machinery LLC", "company", "RU", ""])
            else:
                w.writerow([f"C{i:08d}", "Hans Meier", "individual", "DE", "1970-01-01"])


def _tree_memory(proc) -> tuple[float, float]:
    """(sum of RSS, sum of PSS) in MiB over a process and its descendants."""
    import psutil

    rss = pss = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0
    for p in members:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss / 2**20, pss / 2**20


def run_screen(home: Path, src: Path, out: Path, workers: int | None) -> dict:
    """Time one `embargo screen` subprocess; sample the tree's memory every 0.2 s."""
    import psutil

    cmd = [sys.executable, "-m", "embargo", "screen", str(src), "--out", str(out), "--quiet"]
    if workers:
        cmd += ["--workers", str(workers)]
    env = {**os.environ, "EMBARGO_HOME": str(home)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = psutil.Popen(cmd, env=env, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0.0
    while proc.poll() is None:
        rss, pss = _tree_memory(proc)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.2)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"embargo screen failed ({proc.returncode}): {err}")
    with open(out, "rb") as fh:
        lines = sum(1 for _ in fh)
    return {
        "rows": lines,
        "wall_s": round(wall, 2),
        "rows_per_s": round(lines / wall, 1),
        "cpu_s": round(cpu, 2),
        "rows_per_cpu_s": round(lines / cpu, 1),
        "peak_rss_mib": round(peak_rss),
        "peak_pss_mib": round(peak_pss),
        "exit_code": proc.returncode,
    }


def naive_baseline(home: Path, src: Path, n: int) -> dict:
    """Each of the first ``n`` rows scored against every listed name with rapidfuzz."""
    from rapidfuzz import fuzz, process, utils

    from embargo.screener import Screener

    index = Screener.open(home).index
    choices = [utils.default_process(index.raw_name(i)) for i in range(len(index))]
    with open(src, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        names = [row[1] for _, row in zip(range(n), reader)]
    started, cpu_started = time.perf_counter(), time.process_time()
    for name in names:
        process.extractOne(
            utils.default_process(name), choices, scorer=fuzz.token_sort_ratio, processor=None
        )
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return {
        "rows": len(names),
        "wall_s": round(wall, 2),
        "rows_per_s": round(len(names) / wall, 1),
        "cpu_s": round(cpu, 2),
        "rows_per_cpu_s": round(len(names) / cpu, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=None, help="default: one per core")
    ap.add_argument("--baseline-rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--listed-share",
        type=float,
        default=0.2,
        help="share of rows that are perturbed listed names (real customer files: far below 1%%)",
    )
    ap.add_argument("--skip-full", action="store_true", help="only the pipeline and sample runs")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = ap.parse_args()

    home = ensure_dataset()
    load_before = round(os.getloadavg()[0], 2)
    tmp = Path(tempfile.mkdtemp(prefix="embargo-screen-bench-"))
    t = time.perf_counter()
    listed = listed_names(home, seed=args.seed)
    src = tmp / "customers.csv"
    generate(src, args.rows, listed, args.seed, args.listed_share)
    distinct = _distinct(src)
    repeats = tmp / "repeats.csv"
    generate_repeats(repeats, args.rows)
    sample = tmp / "sample.csv"
    with open(src, encoding="utf-8") as fin, open(sample, "w", encoding="utf-8") as fout:
        for _, line in zip(range(args.baseline_rows + 1), fin):
            fout.write(line)
    print(
        f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f}s → {tmp}: "
        f"{distinct['names']:,} distinct names, {distinct['parties']:,} distinct parties",
        flush=True,
    )

    results: dict[str, dict] = {}
    results["pipeline"] = run_screen(home, repeats, tmp / "repeats.jsonl", args.workers)
    print("pipeline", results["pipeline"], flush=True)
    results["sample"] = run_screen(home, sample, tmp / "sample.jsonl", args.workers)
    print("sample", results["sample"], flush=True)
    results["baseline"] = naive_baseline(home, sample, args.baseline_rows)
    print("baseline", results["baseline"], flush=True)
    if not args.skip_full:
        results["full"] = run_screen(home, src, tmp / "customers.jsonl", args.workers)
        print("full", results["full"], flush=True)

    main_run = results.get("full", results["sample"])
    summary = {
        "rows": args.rows,
        "distinct_names": distinct["names"],
        "distinct_parties": distinct["parties"],
        "cores": os.cpu_count(),
        "workers": args.workers or os.cpu_count(),
        **{
            f"{k}_{m}": v[m]
            for k, v in results.items()
            for m in ("wall_s", "rows_per_s", "cpu_s", "rows_per_cpu_s")
        },
        "peak_rss_mib": max(r.get("peak_rss_mib", 0) for r in results.values()),
        "peak_pss_mib": max(r.get("peak_pss_mib", 0) for r in results.values()),
        # the naive baseline runs on one core in this process; `embargo screen` on all of them
        "ratio_vs_naive": round(main_run["rows_per_s"] / results["baseline"]["rows_per_s"], 1),
        "ratio_vs_naive_per_cpu_s": round(
            main_run["rows_per_cpu_s"] / results["baseline"]["rows_per_cpu_s"], 1
        ),
        "pipeline_cpu_us_per_row": round(1e6 / results["pipeline"]["rows_per_cpu_s"], 2),
        "load_average_before_after": [load_before, round(os.getloadavg()[0], 2)],
        "target": "1,000,000 rows in <= 60 s wall on 2 cores",
    }
    print()
    print(
        f"{'run':<10}{'rows':>10}{'wall s':>10}{'rows/s':>12}{'CPU s':>10}{'rows/CPU s':>12}"
        f"{'RSS MiB':>10}{'PSS MiB':>10}"
    )
    for name, r in results.items():
        print(
            f"{name:<10}{r['rows']:>10,}{r['wall_s']:>10}{r['rows_per_s']:>12,}{r['cpu_s']:>10}"
            f"{r['rows_per_cpu_s']:>12,}{r.get('peak_rss_mib', ''):>10}"
            f"{r.get('peak_pss_mib', ''):>10}"
        )
    print(json.dumps(summary, indent=2))
    if not args.keep:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()


if __name__ == "__main__":
    main()
