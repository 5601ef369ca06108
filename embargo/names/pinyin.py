"""Pinyin: which romanised names are Chinese names spelt syllable by syllable.

Each pinyin syllable is one character of the name, so two Chinese names that differ by one
syllable are two names (Li Keqiang and Li Qiang, Guo Wengui and Guo Wenhui), however alike
their letters are. The matcher compares such names syllable-exactly
(:mod:`embargo.match.names`).

The syllables are those ICU's Han-Latin/Names reads the unified ideographs as, toneless: the
same transliterator that romanises a name written in Han, so the two cannot disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

from embargo.names.prepare import NameForm

# Han characters (unified ideographs and extension A), as a name written in Han has them.
HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_LONGEST = 6  # zhuang, shuang, chuang
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    reader = icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII")
    read = (reader.transliterate(chr(code)).strip().lower() for code in range(0x4E00, 0xA000))
    return frozenset(word for word in read if word.isascii() and word.isalpha())


@lru_cache(maxsize=16_384)
def is_pinyin(word: str) -> bool:
    """Whether ``word`` is pinyin syllables run together (keqiang: ke qiang).

    A syllable that opens on a vowel (an, e, ou) opens the word: inside one, pinyin writes an
    apostrophe before it (Xi'an), and names that run syllables so are mostly Japanese (Fumio,
    Tanoue).
    """
    known = _syllables()
    ends = [False] * (len(word) + 1)
    ends[0] = True
    for start in range(len(word)):
        if ends[start] and (start == 0 or word[start] not in _VOWELS):
            for end in range(start + 1, min(len(word), start + _LONGEST) + 1):
                if word[start:end] in known:
                    ends[end] = True
    return bool(word) and ends[-1]


def is_chinese_name(form: NameForm) -> bool:
    """A name written in Han, or of two or more words that are all pinyin (LI Keqiang).

    A lone Latin word is not taken for one: many short names of other languages are pinyin
    too (Ali: a li; Anna: an na).
    """
    if HAN.search(form.raw):
        return True
    return len(form.tokens) >= 2 and all(is_pinyin(t) for t in form.tokens)
