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
_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch"}  # ג׳ in Jerusalem spellings of foreign sounds
_FIRST = {"ב": "b", "כ": "k", "פ": "p", "ו": "v", "א": "a", "ע": "e"}
_LETTERS = {
    "א": "", "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ו": "w", "ז": "z", "ח": "ch", "ט": "t",
    "י": "y", "כ": "ch", "ך": "ch", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "", "פ": "f", "ף": "f", "צ": "z", "ץ": "z", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
}  # fmt: skip
_WORDS = {"בן": "ben", "בת": "bat", "בר": "bar"}
# Letters after an opening או or אי that leave it a vowel: consonants (a word's end too).
_OPENED = frozenset("בגדזחטכךלמםנןסעפףצץקרשת") | {""}
# An Arabic name in Hebrew letters: ח is the h of ح (kh, which the keys read as h), ע the
# vowel its ع carries, א inside a word the long a of ا, וו the w of و, ב כ פ stay b k f
# (Arabic has no v, and no p), and the geresh marks the letters Hebrew lacks (ח׳ kh, ע׳ gh,
# ד׳ dh, ת׳ th, צ׳ d, ט׳ z).
_ARABIC_FIRST = {"ב": "b", "כ": "k", "פ": "f", "ו": "w", "א": "a", "ע": "a", "ח": "kh"}
_ARABIC_LETTERS = {**_LETTERS, "א": "a", "ב": "b", "כ": "k", "ך": "k", "ח": "kh", "ע": "", "ק": "q"}
_ARABIC_GERESH = {"ג": "j", "ז": "zh", "צ": "d", "ץ": "d", "ח": "kh", "ע": "gh", "ד": "dh",
                  "ת": "th", "ט": "z"}  # fmt: skip
_CONSONANT = "[b-df-hj-np-tv-z]"
# ו before י stays the consonant v (לוי Levi), as و does in Arabic script.
_W_VOWEL = re.compile(f"(?<={_CONSONANT})w(?=(?!y){_CONSONANT}|$)")
_Y_VOWEL = re.compile(f"(?<={_CONSONANT})y(?={_CONSONANT}|$)")
_FINAL_H = re.compile(f"(?<={_CONSONANT})h$")


def romanize(word: str, separate: str = "", arabic: bool = False) -> str:
    """One Hebrew word in Latin letters, vowels ו and י read as o and i.

    A ``separate`` mark keeps apart two letters whose romanisations would run together into
    a digraph (כהן k·hn, Cohen, not the khn of Khan), as for Arabic script. ``arabic`` reads
    the letters as they write an Arabic name (see ``_ARABIC_LETTERS``).
    """
    word = _POINTS.sub("", word)
    if word in _WORDS:
        return _WORDS[word]
    first, letters, geresh = (
        (_ARABIC_FIRST, _ARABIC_LETTERS, _ARABIC_GERESH) if arabic else (_FIRST, _LETTERS, _GERESH)
    )
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if nxt in ("'", "׳", "’") and ch in geresh:
            out.append(geresh[ch])
            i += 2
            continue
        if i == 0 and ch == "א" and nxt in ("ו", "י") and word[2:3] in _OPENED:
            # An alef carrying a vowel letter opens the word with that vowel (אוסמנוב
            # Usmanov, אולג Oleg, איגור Igor), which ו and י stand for before a consonant.
            out.extend(("", "o" if nxt == "ו" else "i"))
            i += 2
            continue
        if ch in "וי" and nxt == ch:  # doubled: the consonant (וו v, יי y)
            out.append(("w" if arabic else "v") if ch == "ו" else "y")
            i += 2
            continue
        out.append(first.get(ch, letters.get(ch, ch)) if i == 0 else letters.get(ch, ch))
        i += 1
    if len(out) > 1 and word.endswith("ע") and not arabic:
        out[-1] = "a"  # a final ע is said with the a it carries (אלישע Elisha, יהושע Yehoshua)
    text = "".join(out)
    if word.endswith("ה"):
        text = _FINAL_H.sub("a", text)  # not the h of another letter (ש sh, ץ׳ ch)
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


_VAV_BEFORE_YOD = re.compile(f"(?<={_CONSONANT})w(?=[yi])")


def other_vowels_reading(text: str) -> str | None:
    """A name in Hebrew letters with the vowels its letters also write: ו before י as the o
    of a diphthong (שויגו shoigo, Shoigu; not Levi's v) and a final ה as the eh the lists
    write for Arabic and Persian names (הנייה hnyeh, Haniyeh; זאדה zadeh), or None where no
    word has either."""
    if not HEBREW.search(text):
        return None
    words, changed = [], False
    for word in text.replace("-", " ").split():
        read = romanize(word) if HEBREW.search(word) else word
        other = _VAV_BEFORE_YOD.sub("o", read) if "וי" in word[1:] else read
        if word.endswith("ה") and other.endswith("a"):
            other = other[:-1] + "eh"
        changed = changed or other != read
        words.append(other)
    return " ".join(words) if changed else None


def arabic_reading(text: str) -> str | None:
    """A name in Hebrew letters read as the Arabic name it may write (חסן נסראללה: khsn
    nsrallah, Hassan Nasrallah; מחמוד עבאס: mkhmod abas, Mahmoud Abbas), or None."""
    if not HEBREW.search(text):
        return None
    return " ".join(_arabic_word(w) for w in text.replace("-", " ").split())


def _arabic_word(word: str) -> str:
    if not HEBREW.search(word):
        return word
    if word.endswith("ללה") and len(word) > 3:
        # Names ending in Allah keep its h (נסראללה nsrallah, Nasrallah), as in Arabic script.
        return romanize(word[:-3], arabic=True) + "llah"
    return romanize(word, arabic=True)
