"""Pinyin: which romanised names are Chinese names spelt syllable by syllable.

Each pinyin syllable is one character of the name, so two Chinese names that differ by one
syllable are two names (Li Keqiang and Li Qiang, Guo Wengui and Guo Wenhui), however alike
their letters are. The matcher compares such names syllable-exactly
(:mod:`embargo.match.names`).

The syllables are those ICU's Han-Latin/Names reads the unified ideographs as, toneless: the
same transliterator that romanises a name written in Han, so the two cannot disagree.
"""

from __future__ import annotations

from functools import lru_cache

import icu

from embargo.names.han import is_transcribed
from embargo.names.prepare import NameForm
from embargo.names.script import HAN

_LONGEST = 6  # zhuang, shuang, chuang
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    reader = icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII")
    read = (reader.transliterate(chr(code)).strip().lower() for code in range(0x4E00, 0xA000))
    return frozenset(word for word in read if word.isascii() and word.isalpha())


@lru_cache(maxsize=16_384)
def syllables(word: str) -> tuple[str, ...] | None:
    """``word`` as pinyin syllables run together (keqiang: ke, qiang), or None if it is not.

    A syllable that opens on a vowel (an, e, ou) opens the word: inside one, pinyin writes an
    apostrophe before it (Xi'an), and names that run syllables so are mostly Japanese (Fumio,
    Tanoue).
    """
    known = _syllables()
    # split[end]: the syllables of word[:end], longest last syllable first found
    split: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    split[0] = ()
    for start in range(len(word)):
        done = split[start]
        if done is None or (start and word[start] in _VOWELS):
            continue
        for end in range(start + 1, min(len(word), start + _LONGEST) + 1):
            if split[end] is None and word[start:end] in known:
                split[end] = (*done, word[start:end])
    return split[-1] if word else None


def is_pinyin(word: str) -> bool:
    """Whether ``word`` is pinyin syllables run together (see :func:`syllables`)."""
    return syllables(word) is not None


# The commonest Chinese surnames in pinyin (those of the 2020 ranking of household
# registrations, the hundred commonest, and the compound ones the lists hold): a Latin name
# is read as Chinese only with one of them first or last (LI Keqiang, Wengui GUO), since
# many Arabic, African and Japanese names are pinyin syllables too (Ali Hasan: a li, ha san).
SURNAMES = frozenset(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du
    ye cheng wei su lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang zou
    xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan qian
    dai kong xiang kang yi chang qiao lai wen niu ni ying ge geng bao zuo ji xing an qi yue
    shang mei hua tong ruan lan min zhan jing ke guan bi xi chu huo quan pu mo hong rao
    ouyang sima zhuge situ shangguan dongfang
""".split()
)


def is_chinese_name(form: NameForm) -> bool:
    """A name written in Han, or of two to four words, all pinyin, that opens or ends on a
    Chinese surname (LI Keqiang, Wengui GUO). A foreign name transcribed in Han (谢尔盖·拉夫罗夫,
    :func:`~embargo.names.han.is_transcribed`) is not one: its words are compared as spelt."""
    if HAN.search(form.raw):
        return not is_transcribed(form.raw)
    tokens = form.tokens
    return (
        2 <= len(tokens) <= 4
        and (tokens[0] in SURNAMES or tokens[-1] in SURNAMES)
        and all(is_pinyin(t) for t in tokens)
    )
