"""Persons' names in Arabic script that are no one listed: how many match a listed party anyway.

    python -m benchmarks.arabic_names [--names 1500] [--seed 5] [--show 12]

Random names drawn from 40 common Arabic and Persian given names and 38 surnames, written in
Arabic script (حسین رحیمی, سلیم الحسن), checked as a Person: a given name, a second one for
three names in ten, and a surname. Such a name is mostly no listed party, so the share that
matches something bounds the false alarms an Arabic-script customer file meets: the script
leaves the short vowels out, so a word's consonants meet many names (حسن hsn: Hasan, Hossein,
Ghassan). The share is an upper bound: common names are listed people's names too (Hossein
Rahimi), and a few drawn names are theirs.
"""

from __future__ import annotations

import json
import random
import time

from benchmarks.common import ensure_dataset, matching_anyone, random_names_args
from embargo.screener import Screener

GIVEN = (
    "محمد علی حسن حسین رضا احمد مهدی عباس مصطفی یوسف ابراهیم خالد عمر سعید فاطمة مریم زینب "
    "نور سارا لیلا کریم جواد ناصر سلیم طارق ماجد امیر بهرام داریوش کامران فرهاد نادر هادی "
    "وحید سامی رامی باسم هشام عادل جمال"
).split()
SURNAMES = (
    "رضایی محمدی حسینی احمدی کریمی موسوی جعفری رحیمی صادقی قاسمی حیدری نوری عزیزی کاظمی "
    "الخطیب الحسن النجار الحداد السعدی العلی منصور حداد خوری سلامة عثمان شریفی طاهری بهرامی "
    "یزدانی کرمانی تهرانی اصفهانی شیرازی قربانی زمانی باقری نجفی سلطانی"
).split()


def draw(rng: random.Random) -> str:
    """A given name, a second one (30 %), and a surname."""
    given = rng.choice(GIVEN)
    if rng.random() < 0.3:
        given += " " + rng.choice(GIVEN)
    return f"{given} {rng.choice(SURNAMES)}"


def evaluate(screener: Screener, names: int, seed: int, show: int) -> dict:
    """Share of drawn names matching any listed party, how their words met, some examples."""
    rng = random.Random(seed)
    started = time.perf_counter()
    found = matching_anyone(screener, (draw(rng) for _ in range(names)), show)
    return {
        "names": names,
        "seed": seed,
        "matched": found["matched"],
        "share": found["matched"] / names,
        "how": found["how"],
        "examples": found["examples"],
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    args = random_names_args()
    result = evaluate(Screener.open(ensure_dataset()), args.names, args.seed, args.show)
    print(f"{result['matched']} of {args.names} match a listed party ({result['share']:.1%})")
    for line in result["examples"]:
        print(f"    {line}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
