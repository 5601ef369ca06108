"""Names in Myanmar (Burmese) script, read syllable by syllable as the lists spell them.

Burmese writes a name without spaces (မင်းအောင်လှိုင်), and each syllable is a word of the
romanised name (Min Aung Hlaing). ICU's Myanmar-Latin transliterates letter by letter and runs
the syllables together ("mainnaaunglhaine"), with none of the spellings Burmese names have in
the lists, passports and the press: the rime is read from the vowel signs and the final
consonant together (ောင် aung, ိုင် aing, ိန် ein, ွန် un), the medials join the initial
(ကျ ky, ချ ch, လှ hl, ရှ sh), and the tone marks are not written. The creaky tone of a final
nasal is written t, as in Myint, Thant and Nyunt.
"""

from __future__ import annotations

import re

MYANMAR = re.compile("[\u1000-\u109f]")

_INITIALS = {
    "က": "k", "ခ": "kh", "ဂ": "g", "ဃ": "g", "င": "ng", "စ": "s", "ဆ": "s", "ဇ": "z",
    "ဈ": "z", "ဉ": "ny", "ည": "ny", "ဋ": "t", "ဌ": "ht", "ဍ": "d", "ဎ": "d", "ဏ": "n",
    "တ": "t", "ထ": "ht", "ဒ": "d", "ဓ": "d", "န": "n", "ပ": "p", "ဖ": "ph", "ဗ": "b",
    "ဘ": "b", "မ": "m", "ယ": "y", "ရ": "y", "လ": "l", "ဝ": "w", "သ": "th", "ဟ": "h",
    "ဠ": "l", "အ": "", "ဿ": "th",
}  # fmt: skip
# Independent vowels stand for a whole syllable (ဦး Oo, the name and the honorific).
_VOWEL_LETTERS = {"ဣ": "i", "ဤ": "i", "ဥ": "u", "ဦ": "oo", "ဧ": "ay", "ဩ": "aw", "ဪ": "aw"}
# Initials a ya medial (ျ or ြ) palatalises (ကျော် Kyaw, ချစ် Chit, ဖြိုး Phyo).
_WITH_Y = {"kh": "ch", "g": "gy"}
_ASAT, _VIRAMA, _CREAKY, _ANUSVARA = "\u103a", "\u1039", "\u1037", "\u1036"
_MEDIAL_Y, _MEDIAL_R, _MEDIAL_W, _MEDIAL_H = "\u103b", "\u103c", "\u103d", "\u103e"
_VOWEL_SIGNS = frozenset("\u102b\u102c\u102d\u102e\u102f\u1030\u1031\u1032")
# Final consonants by the rime they close (a stop, a nasal, or a vowel of their own).
_STOP_FINALS = frozenset("တပဋဒဓဗဘဇ")
_NASAL_FINALS = frozenset("နမဏ" + _ANUSVARA)


class _Syllable:
    """One orthographic syllable: its initial, medials, vowel signs and final."""

    __slots__ = ("creaky", "final", "initial", "medials", "vowels")

    def __init__(self, initial: str) -> None:
        self.initial = initial
        self.medials = ""
        self.vowels = ""
        self.final = ""
        self.creaky = False

    def romanize(self) -> str:
        if self.initial in _VOWEL_LETTERS:
            return _VOWEL_LETTERS[self.initial] + self._rime(vowel_letter=True)
        return self._onset() + self._rime()

    def _onset(self) -> str:
        base = _INITIALS.get(self.initial, "")
        medials = self.medials
        palatal = _MEDIAL_Y in medials or _MEDIAL_R in medials
        if _MEDIAL_H in medials:
            if self.initial in ("ရ", "ယ") or (palatal and self.initial == "လ"):
                return "sh" + self._glide()
            base = "h" + base
        elif palatal:
            base = _WITH_Y.get(base, base + "y")
        return base + self._glide()

    def _glide(self) -> str:
        """The w of the medial ွ, which a closed rime takes in as its vowel (ထွန်း Htun)."""
        if _MEDIAL_W not in self.medials:
            return ""
        if self.final in _NASAL_FINALS or self.final in _STOP_FINALS:
            return ""
        return "w"

    def _rime(self, vowel_letter: bool = False) -> str:
        v, f = self.vowels, self.final
        e = "\u1031" in v
        a = "\u102c" in v or "\u102b" in v
        i = "\u102d" in v or "\u102e" in v
        u = "\u102f" in v or "\u1030" in v
        if vowel_letter:
            return {"က": "k", "င": "ng"}.get(f, "n" if f in _NASAL_FINALS else "")
        if e and a:
            return {"က": "auk", "င": "aung"}.get(f, "aw")
        if i and u:
            return {"က": "aik", "င": "aing"}.get(f, "o")
        if i:
            if f in _STOP_FINALS or f == "က":
                return "eik"
            return "ein" if f in _NASAL_FINALS or f == "င" else "i"
        if u:
            if f in _STOP_FINALS or f == "က":
                return "ok"
            return "on" if f in _NASAL_FINALS or f == "င" else "u"
        if e:
            return "e" if _MEDIAL_W in self.medials else "ay"
        if "\u1032" in v:
            return "e"
        if a:
            return "a"
        if _MEDIAL_W in self.medials and (f in _NASAL_FINALS or f in _STOP_FINALS):
            return ("un" + ("t" if self.creaky else "")) if f in _NASAL_FINALS else "ut"
        creaky = "t" if self.creaky else ""
        if f == "က":
            return "et"
        if f == "င":
            return "in" + creaky
        if f == "စ":
            return "it"
        if f == "ည":
            return "i"
        if f == "ဉ":
            return "in"
        if f in _STOP_FINALS:
            return "at"
        if f in _NASAL_FINALS:
            return "an" + creaky
        if f == "ယ":
            return "e"
        if f in ("လ", "ဠ"):
            return "an"
        return "a"


def _syllables(word: str) -> list[_Syllable]:
    """The word cut where a consonant or vowel letter starts a syllable: one that no asat or
    virama after it makes the final of the syllable before."""
    out: list[_Syllable] = []
    n = len(word)
    k = 0
    while k < n:
        ch = word[k]
        nxt = word[k + 1] if k + 1 < n else ""
        if ch in _INITIALS or ch in _VOWEL_LETTERS:
            # The creaky tone's dot is stored before the asat (မြင့်): look past it.
            creaky = nxt == _CREAKY
            if creaky:
                nxt = word[k + 2] if k + 2 < n else ""
            if out and nxt in (_ASAT, _VIRAMA) and ch in _INITIALS:
                last = out[-1]
                if not last.final:
                    last.final = ch
                last.creaky = last.creaky or creaky
                k += 3 if creaky else 2
                # Kinzi (င်္) closes with both marks.
                if k < n and word[k] == _VIRAMA:
                    k += 1
                continue
            out.append(_Syllable(ch))
        elif out:
            last = out[-1]
            if ch in (_MEDIAL_Y, _MEDIAL_R, _MEDIAL_W, _MEDIAL_H):
                last.medials += ch
            elif ch in _VOWEL_SIGNS:
                last.vowels += ch
            elif ch == _ANUSVARA and not last.final:
                last.final = ch
            elif ch == _CREAKY:
                last.creaky = True
        k += 1
    return out


def romanize(word: str) -> str:
    """A word in Myanmar script as the space-separated syllables of its romanised name."""
    return " ".join(s for s in (syl.romanize() for syl in _syllables(word)) if s)
