"""Hebrew names read as the lists romanise them (Shalom, Zicherman, Federman, Chasdai).

Hebrew, like Arabic, writes consonants and leaves most vowels out; ICU's Any-Latin then gives
one Latin letter per Hebrew one, with none of the values the lists use: ש as s (not sh), ח as
h (lists: Ch), ו and י as w and y where they stand for the vowels o and i, a final ה as h
where it is the vowel a. Letters also change with their place: ב, כ and פ are b, k and p at the
start of a word and v, ch and f after a vowel (Federman is the exception the consonant
skeleton absorbs, since it merges p and f).
"""

from __future__ import annotations

import re

HEBREW = re.compile("[\u05d0-\u05ea]")
_POINTS = re.compile("[\u0591-\u05c7]")  # cantillation and vowel points
_GERESH = {"ג": "j", "ז": "zh", "צ": "ch"}  # ג׳ in Jerusalem spellings of foreign sounds
_FIRST = {"ב": "b", "כ": "k", "פ": "p", "ו": "v", "א": "a", "ע": "e"}
_LETTERS = {
    "א": "", "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ו": "w", "ז": "z", "ח": "ch", "ט": "t",
    "י": "y", "כ": "ch", "ך": "ch", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "", "פ": "f", "ף": "f", "צ": "z", "ץ": "z", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
}  # fmt: skip
_WORDS = {"בן": "ben", "בת": "bat", "בר": "bar"}
_CONSONANT = "[b-df-hj-np-tv-z]"
# ו before י stays the consonant v (לוי Levi), as و does in Arabic script.
_W_VOWEL = re.compile(f"(?<={_CONSONANT})w(?=(?!y){_CONSONANT}|$)")
_Y_VOWEL = re.compile(f"(?<={_CONSONANT})y(?={_CONSONANT}|$)")
_FINAL_H = re.compile(f"(?<={_CONSONANT})h$")


def romanize(word: str, separate: str = "") -> str:
    """One Hebrew word in Latin letters, vowels ו and י read as o and i.

    A ``separate`` mark keeps apart two letters whose romanisations would run together into
    a digraph (כהן k·hn, Cohen, not the khn of Khan), as for Arabic script.
    """
    word = _POINTS.sub("", word)
    if word in _WORDS:
        return _WORDS[word]
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if nxt in ("'", "׳", "’") and ch in _GERESH:
            out.append(_GERESH[ch])
            i += 2
            continue
        if ch in "וי" and nxt == ch:  # doubled: the consonant (וו v, יי y)
            out.append("v" if ch == "ו" else "y")
            i += 2
            continue
        out.append(_FIRST.get(ch, _LETTERS.get(ch, ch)) if i == 0 else _LETTERS.get(ch, ch))
        i += 1
    text = _FINAL_H.sub("a", "".join(out))
    text = _W_VOWEL.sub("o", text)
    text = _Y_VOWEL.sub("i", text)
    text = "ei" + text[2:] if text.startswith("ey") else text  # עי: Einan, Eilat
    if word.endswith("יהו"):
        text = text[:-1] + "u"  # the theophoric -yahu (Netanyahu, Eliyahu), not an o
    if separate:
        # Every substitution above keeps the length, so the letters' places still hold.
        cuts, at = [], 0
        for before, after in zip(out, out[1:]):
            at += len(before)
            if before and after and (before[-1] + after[0]) in _DIGRAPHS:
                cuts.append(at)
        for cut in reversed(cuts):
            text = text[:cut] + separate + text[cut:]
    return text


# Two letters' romanisations that would read as one sound (כה k·h, not the kh of ח).
_DIGRAPHS = frozenset({"kh", "sh", "zh", "ch", "th", "ph", "dh", "gh", "ts", "tz"})


_SINGLE_VAV = re.compile("(?<=[\u05d0-\u05ea])(?<!ו)ו(?!ו)(?=[\u05d0-\u05ea])")


def vav_as_consonant(text: str) -> str:
    """``text`` with each single ו inside a word doubled, the spelling that marks it the
    consonant v: unpointed Hebrew leaves it open (דוד is David as well as Dod), and
    :func:`romanize` reads a lone ו between consonants as the vowel o."""
    return _SINGLE_VAV.sub("וו", text)
