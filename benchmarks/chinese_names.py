"""Chinese persons' names that are no one listed: how many match a listed party anyway.

    python -m benchmarks.chinese_names [--names 1500] [--seed 5] [--show 12]

Random names drawn from 100 common Chinese surnames and 40 given-name characters (one or two
of them), checked as a Person: first ``--names`` written in pinyin (Wang Weifang), then as
many others written in Han (王伟芳). Such a name is almost surely no listed party, so the share
that matches something bounds the false alarms a Chinese customer file meets: two-syllable
words are short, pinyin has few syllables, and readings across languages (the Korean Kim of
金 jin) make words meet that name other people. The share is an upper bound: a few drawn
names may be listed people's.
"""

from __future__ import annotations

import json
import random
import time

from benchmarks.common import ensure_dataset, matching_anyone, random_names_args
from embargo.names import latinize
from embargo.screener import Screener

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅林文辉鹏飞宇浩凯博"


def draw(rng: random.Random) -> str:
    """One name: a surname and one given-name character, or two (85 %)."""
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return name + rng.choice(GIVEN) if rng.random() < 0.85 else name


def in_pinyin(name: str) -> str:
    """Surname apart, given name as one word, as lists write Chinese names (Wang Weifang)."""
    syllables = [latinize(ch) for ch in name]
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def evaluate(screener: Screener, names: int, seed: int, show: int) -> dict:
    """Share of drawn names matching any listed party, per writing, with some examples."""
    rng = random.Random(seed)
    started = time.perf_counter()
    result: dict = {"names": names, "seed": seed}
    for writing in ("pinyin", "han"):
        drawn = (draw(rng) for _ in range(names))
        queries = (in_pinyin(name) if writing == "pinyin" else name for name in drawn)
        found = matching_anyone(screener, queries, show)
        result[writing] = {
            "matched": found["matched"],
            "share": found["matched"] / names,
            "how": found["how"],
            "examples": found["examples"],
        }
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def main() -> None:
    args = random_names_args(" per writing")
    result = evaluate(Screener.open(ensure_dataset()), args.names, args.seed, args.show)
    for writing in ("pinyin", "han"):
        r = result[writing]
        share = f"{r['matched']} of {args.names} match a listed party ({r['share']:.1%})"
        print(f"{writing:<7} {share}")
        for line in r["examples"]:
            print(f"    {line}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
