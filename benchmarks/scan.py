"""News scanning speed: MB of article text per second, one core, against a naive baseline.

    python -m benchmarks.scan [--mb 3] [--baseline-mb 0.3] [--seed 7] [--rounds 3]

The corpus is generated, nothing hard-coded: documents are the seed article
(``../shared/seed/news_article.txt``, its story and the headline lists around it) with the
names in each sentence swapped for others, drawn from

* news names: the capitalised runs of the seed page (``Frankie Muniz``, ``Juan Soto``) and
  new people made from their first and last words (``Frankie Soto``);
* listed names: a fixed-seed sample of ``--pool`` names of the loaded dataset, two per
  document, as the seed article names two listed parties (the Alabuga zone and Putin);

so most names are new to the scanner and a few are real hits. Each round scans every document
with a fresh :class:`Scanner` (cold memo tables; the screener, as in a running service, is
shared). A stress line repeats the scan with ``--stress-pool`` listed names, so that nearly
every listed party named is new: its cost is then one matcher check per listed mention.

The baseline, on the first ``--baseline-mb`` of the same documents in the same run, is the
naive scan: every capitalised run checked with ``Screener.check`` (memoised per run text, like
the scanner), no index look-ups first. Both are reported in MB/s with their matcher calls.
"""

from __future__ import annotations

import argparse
import random
import re
import time

from benchmarks.common import ROOT, ensure_dataset, median
from embargo.scan.entities import LINK_SCORE
from embargo.scan.extract import drop_boilerplate
from embargo.scan.scanner import Scanner
from embargo.screener import Screener

SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "news_article.txt"
_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\b")


def _news_names(text: str) -> list[str]:
    runs = sorted(set(_RUN.findall(text)))
    pairs = [r.split() for r in runs if len(r.split()) == 2]
    firsts = sorted({p[0] for p in pairs})
    lasts = sorted({p[1] for p in pairs})
    return runs + [f"{f} {last}" for f in firsts for last in lasts]


def _listed_names(screener: Screener, rng: random.Random, n: int) -> list[str]:
    index = screener.index
    out: list[str] = []
    while len(out) < n:
        name = index.raw_name(rng.randrange(len(index)))
        if name.isascii() and 2 <= len(name.split()) <= 6 and "," not in name:
            out.append(name.title())
    return out


def corpus(screener: Screener, mb: float, seed: int, pool: int) -> list[str]:
    """Documents of about 3 KB each, together about ``mb`` MB.

    Every tenth document is the seed page itself; the others are 20 of its sentences with
    their names swapped for news names, two of them for listed parties (as many as the seed
    article names) drawn from a pool of ``pool`` listed names: a news stream keeps naming
    the same parties, and the pool size says how often they recur.
    """
    rng = random.Random(seed)
    page = SEED_ARTICLE.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?\"])\s+|\n", page) if _RUN.search(s)]
    news = _news_names(page)
    listed = _listed_names(screener, rng, pool)
    docs: list[str] = []
    size = 0
    while size < mb * 1e6:
        if len(docs) % 10 == 0:
            doc = page
        else:
            lines = [_RUN.sub(lambda _m: rng.choice(news), s) for s in rng.sample(sentences, 20)]
            for i in rng.sample(range(len(lines)), 2):
                lines[i] = _RUN.sub(lambda _m: rng.choice(listed), lines[i], count=1)
            doc = "\n".join(lines) + "\n"
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def _mb(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def scan_all(screener: Screener, docs: list[str]) -> tuple[float, int, int]:
    """CPU seconds of this process (the per-core cost, whatever else the machine runs)."""
    scanner = Scanner(screener)
    t = time.process_time()
    mentions = sum(len(scanner.scan_text(drop_boilerplate(d)).of_kind("entity")) for d in docs)
    return time.process_time() - t, scanner.entities.checks, mentions


def naive_all(screener: Screener, docs: list[str]) -> tuple[float, int, int]:
    scanner = Scanner(screener)
    memo: dict[str, bool] = {}
    mentions = 0
    t = time.process_time()
    for doc in docs:
        text = drop_boilerplate(doc)
        tokens = scanner.reader.read(text)
        for first, last in tokens.runs():
            start, end = tokens.span(first, last)
            span = text[start:end]
            found = memo.get(span)
            if found is None:
                hits = screener.check(span, threshold=LINK_SCORE, limit=50)
                found = memo[span] = any(h.match and h.score >= 0.85 for h in hits)
            mentions += found
    return time.process_time() - t, len(memo), mentions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="corpus size")
    parser.add_argument("--baseline-mb", type=float, default=0.3, help="baseline's share")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pool", type=int, default=200, help="listed names the corpus uses")
    parser.add_argument("--stress-pool", type=int, default=5000, help="0 to skip")
    args = parser.parse_args()

    screener = Screener.open(ensure_dataset())
    docs = corpus(screener, args.mb, args.seed, args.pool)
    Scanner(screener).scan_text(docs[0])  # imports, rule tables, first index pages
    total = _mb(docs)
    runs = [scan_all(screener, docs) for _ in range(args.rounds)]
    seconds = median([r[0] for r in runs])
    _, checks, mentions = runs[0]
    print(
        f"corpus: {len(docs)} documents, {total:.2f} MB, "
        f"{args.pool} listed names (seed {args.seed})"
    )
    print(
        f"scan:     {total / seconds:6.2f} MB/s  per CPU second, median of {args.rounds} cold runs "
        f"({seconds:.2f} s; {checks} matcher checks, {mentions} entity mentions); "
        f"first run {total / runs[0][0]:.2f} MB/s (matcher caches cold too)"
    )
    if args.stress_pool:
        stress = corpus(screener, args.mb, args.seed, args.stress_pool)
        s_seconds, s_checks, s_mentions = scan_all(screener, stress)
        print(
            f"stress:   {_mb(stress) / s_seconds:6.2f} MB/s  with {args.stress_pool} listed names, "
            f"nearly every listed mention new ({s_seconds:.2f} s; {s_checks} checks, "
            f"{s_mentions} entity mentions)"
        )

    subset: list[str] = []
    while _mb(subset) < args.baseline_mb and len(subset) < len(docs):
        subset.append(docs[len(subset)])
    sub_mb = _mb(subset)
    ours = median([scan_all(screener, subset)[0] for _ in range(args.rounds)])
    naive_s, naive_checks, naive_mentions = naive_all(screener, subset)
    print(
        f"baseline on the first {sub_mb:.2f} MB: naive {sub_mb / naive_s:6.3f} MB/s "
        f"({naive_checks} checks, {naive_mentions} spans with a hit >= 0.85), "
        f"scan {sub_mb / ours:6.2f} MB/s, ratio {naive_s / ours:.1f}x"
    )


if __name__ == "__main__":
    main()
