"""Korean names read as the sanctions lists write them: McCune–Reischauer, syllable by syllable.

ICU's Hangul-Latin is the Revised Romanization of South Korea (김정은 → gimjeongeun). The lists
romanise North Korean names the DPRK's way, McCune–Reischauer without its diacritics, each
syllable of a given name a word of its own: KIM Jong Un, CHOE Ryong Hae, RI Pyong Chol, PAK Jong
Chon. Both readings are tried (:func:`embargo.names.prepare.readings`): the revised one still
serves foreign names spelt in Hangul (블라디미르 푸틴, Vladimir Putin).
"""

from __future__ import annotations

import re

# Jamo in Unicode's order. Aspirated consonants lose their apostrophe (P'il → pil) and ŏ/ŭ
# their breve, as the lists print them; ㄹ is r at the start of a syllable and l at its end.
_INITIALS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k",
             "t", "p", "h")  # fmt: skip
_VOWELS = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
           "p", "t", "t", "ng", "t", "t", "k", "t", "p", "h")  # fmt: skip
_FIRST, _LAST = 0xAC00, 0xD7A3
HANGUL = re.compile("[\uac00-\ud7a3]")


def syllable(ch: str) -> str:
    """One precomposed Hangul syllable in McCune–Reischauer letters (정 → jong)."""
    code = ord(ch) - _FIRST
    initial, rest = divmod(code, 21 * 28)
    vowel, final = divmod(rest, 28)
    return _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final]


def mccune_reischauer(text: str) -> str:
    """``text`` with every Hangul syllable romanised as a word of its own (김정은 → kim jong un)."""
    out: list[str] = []
    for ch in text:
        if _FIRST <= ord(ch) <= _LAST:
            out.append(f" {syllable(ch)} ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())
