"""Foreign names written in Han characters, read back towards the spelling they transcribe.

Chinese writes a foreign name sound by sound with a fixed set of characters (the Xinhua
tables, GB/T 17693), and sets its words apart with a middle dot: 谢尔盖·拉夫罗夫 is Sergey
Lavrov, 阿里·哈梅内伊 Ali Khamenei. Read as pinyin it meets neither (xieergai lafuluofu):

- some characters stand for a consonant alone, whose pinyin vowel the source does not have
  (尔 er for r, 夫 fu for the v of -ov, 德 de for d, 斯 si for s);
- pinyin spells some of the source's sounds with other letters (谢 xie for se, 基 ji for ki,
  韦 wei for ve, 罗 luo for ro, the -ng of 京 for n).

:func:`loanword` gives the reading with the consonants alone and the sounds spelt as the
tables mean them, the way Russian names come into Chinese (v for 夫 and 弗, d for 杰's j),
which :func:`embargo.names.prepare.readings` adds beside the pinyin one, as it does for
katakana. Chinese has one set of characters for l and r (拉 la and ra, 里 li and ri), so the
reading is given twice, once each way (Ali, Dmitri).

Only a name whose words are set apart by a middle dot is read so: a Chinese name is written
without one, and its characters are read as pinyin.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

from embargo.names.script import DOTS, HAN, HAN_LETTERS

_SEPARATED = re.compile(f"[{HAN_LETTERS}]\\s*[{DOTS}]\\s*[{HAN_LETTERS}]")
_KANA = re.compile("[\u3040-\u30fa\u30fc-\u30ff\uff66-\uff9d]")  # not the dot 30fb
_WORD_BREAK = re.compile(f"[\\s{DOTS}]+")

# Characters the tables use for a consonant with no vowel after it in the source.
_CONSONANT = {
    "布": "b", "卜": "b", "普": "p", "德": "d", "特": "t", "格": "g", "克": "k", "夫": "v",
    "弗": "v", "兹": "z", "茨": "ts", "斯": "s", "日": "zh", "什": "sh", "赫": "kh",
    "姆": "m", "尔": "r", "勒": "l", "奇": "ch",
}  # fmt: skip

# Characters whose pinyin spells their sound in the tables otherwise, with l-or-r characters
# as (l reading, r reading).
_SOUND: dict[str, str | tuple[str, str]] = {
    "基": "ki", "吉": "gi", "季": "di", "杰": "de", "金": "kin", "加": "ga", "捷": "ze",
    "西": "si", "希": "hi", "谢": "se", "肖": "sho", "辛": "sin", "夏": "sha", "休": "syu",
    "乔": "jo", "切": "che", "琴": "chin", "丘": "chu", "齐": "tsi", "契": "chi", "恰": "cha",
    "钦": "chin", "戈": "go", "科": "ko", "维": "vi", "罕": "ham", "任": "zhin", "伊": "i",
    "埃": "e", "艾": "a", "奥": "o", "欧": "o", "乌": "u", "约": "yo",
    "尤": "yu", "于": "yu", "叶": "ye", "耶": "ye", "亚": "ya", "扬": "yan", "因": "in",
    "拉": ("la", "ra"), "罗": ("lo", "ro"), "里": ("li", "ri"), "鲁": ("lu", "ru"),
    "兰": ("lan", "ran"), "伦": ("len", "ren"), "列": ("le", "re"), "莱": ("le", "re"),
    "连": ("len", "ren"), "塞": "se", "伯": "be",
}  # fmt: skip

# Names Chinese writes by older convention, not by the tables, whole: 亚历山大 is Alexander
# (yalishanda by the tables), 尼古拉 Nikolai, 彼得 Pyotr, 易卜拉欣 Ibrahim.
_CONVENTIONAL = {
    "亚历山大": "aleksandr", "亚历山德拉": "aleksandra", "亚历山德罗维奇": "aleksandrovich",
    "亚历山德罗夫娜": "aleksandrovna", "尼古拉": "nikolai", "尼古拉耶维奇": "nikolayevich",
    "尼古拉耶夫娜": "nikolayevna", "尼古拉斯": "nikolas", "彼得": "petr", "彼得罗维奇": "petrovich",
    "彼得罗夫娜": "petrovna", "易卜拉欣": "ibrahim", "穆罕默德": "muhammad",
    "叶卡捷琳娜": "yekaterina", "伊丽莎白": "elizabeth",
}  # fmt: skip

# Pinyin spellings of the tables' sounds: initials first, then finals.
_INITIALS = (("zh", "zh"), ("ch", "ch"), ("sh", "sh"), ("x", "s"), ("q", "ch"), ("c", "ts"),
             ("w", "v"), ("yi", "i"), ("you", "yu"))  # fmt: skip
_FINALS = (("uo", "o"), ("ong", "on"), ("ing", "in"), ("eng", "en"), ("ang", "an"),
           ("ei", "e"), ("ie", "e"), ("ao", "o"), ("ou", "o"), ("er", "r"))  # fmt: skip


def is_transcribed(raw: str) -> bool:
    """Whether ``raw`` is a foreign name written in Han characters, its words set apart by a
    middle dot (Japanese, which sets apart words of its own so, is left out)."""
    return _SEPARATED.search(raw) is not None and _KANA.search(raw) is None


def loanword(raw: str, r: bool = False, voiced: bool = False) -> str | None:
    """``raw`` read as the foreign name it transcribes, ``r`` choosing r for the characters
    that write l and r alike; None if it is not one (:func:`is_transcribed`).

    ``voiced``: a word's first character of those that may write a consonant alone is read
    with its vowel where no l or r follows it. 普 is the p of Prigozhin (普里戈任) but the pu
    of Putin (普京) and Pugacheva (普加乔娃): a cluster at a word's start is mostly a
    consonant and l or r. Dmitry's 德米 is one that is not, so this reading is given beside
    the one with the consonant alone, not instead of it.
    """
    if not is_transcribed(raw):
        return None
    words = []
    for word in _WORD_BREAK.split(raw.strip()):
        if word in _CONVENTIONAL:
            words.append(_CONVENTIONAL[word])
            continue
        sounds = [_sound(ch, r) if HAN.match(ch) else ch for ch in word]
        if voiced and len(word) > 1 and word[0] in _CONSONANT and word[1] not in _LIQUID:
            sounds[0] = _respelt(_pinyin(word[0]))
        words.append("".join(sounds))
    return " ".join(w for w in words if w)


# Characters of an l or r sound, which a consonant written alone most often stands before.
_LIQUID = frozenset("拉罗里鲁兰伦列莱勒尔")


def _sound(ch: str, r: bool) -> str:
    consonant = _CONSONANT.get(ch)
    if consonant is not None:
        return consonant
    sound = _SOUND.get(ch)
    if sound is None:
        return _respelt(_pinyin(ch))
    return sound if isinstance(sound, str) else sound[r]


@lru_cache(maxsize=4096)
def _respelt(syllable: str) -> str:
    """A pinyin syllable spelt as the sound the tables mean by it (谢 xie: se; 罗 luo: lo)."""
    for pinyin, sound in _INITIALS:
        if syllable.startswith(pinyin):
            syllable = sound + syllable[len(pinyin) :]
            break
    for pinyin, sound in _FINALS:
        if syllable.endswith(pinyin):
            return syllable[: -len(pinyin)] + sound
    return syllable


@lru_cache(maxsize=4096)
def _pinyin(ch: str) -> str:
    return _reader().transliterate(ch).lower()


@lru_cache(maxsize=1)
def _reader() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")


# A Latin spelling as a Han transcription carries it, in order: the tables write f, v and w
# with one character (弗 of Fridman and of Vladimir), kh as h, l and r alike (尔 ends
# Vekselberg's sel and Igor), and a syllable's closing r not at all (Viktor 维克托, Berg
# 伯格).
_CARRIED = (
    (re.compile("ph"), "f"),
    (re.compile("[vw]"), "f"),
    (re.compile("kh"), "h"),
    (re.compile("ck|q"), "k"),
    (re.compile("c(?=[eiy])"), "s"),
    (re.compile("c(?!h)"), "k"),
    (re.compile("y(?![aeiou])"), "i"),
    (re.compile("l"), "r"),
    (re.compile("r(?![aeiou])"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=65_536)
def read_back(word: str) -> str:
    """A Latin word as it reads back from a Han transcription, for comparing a foreign name
    read from Han (:func:`loanword`) with the spelling the lists give it. Both sides are read
    back alike: ``read_back("vridman")`` and ``read_back("fridman")`` are both ``fridman``."""
    for pattern, repl in _CARRIED:
        word = pattern.sub(repl, word)
    return word
