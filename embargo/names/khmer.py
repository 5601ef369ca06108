"""Names in Khmer script, read as Cambodian names are spelt in the lists and the press.

ICU has no Khmer romanisation, so a Khmer name met nothing. Khmer writes each consonant in
one of two series, and a vowel sign is said one way after a first-series consonant and
another after a second-series one (ា: ផា pha, ភា phea); two marks move a consonant to the
other series (៊ ហ៊ុន Hun, ៉ ម៉ា Ma). :func:`romanize` reads a word syllable by syllable:
the initial (with a consonant written below it, ទ្រ tr), the vowel as its series says it,
and a final consonant, in the spellings the lists use (ហ៊ុន សែន Hun Sen, ទ្រី ភាព Try Pheap,
ហ៊ីង ប៊ុន ហៀង Hing Bun Hieng, ជៅ ភិរុណ Chau Phirun).
"""

from __future__ import annotations

import re

KHMER = re.compile("[\u1780-\u17ff]")

# Consonant: (initial, final, series)
_CONSONANTS = {
    "ក": ("k", "k", 1), "ខ": ("kh", "k", 1), "គ": ("k", "k", 2), "ឃ": ("kh", "k", 2),
    "ង": ("ng", "ng", 2), "ច": ("ch", "ch", 1), "ឆ": ("chh", "ch", 1), "ជ": ("ch", "ch", 2),
    "ឈ": ("chh", "ch", 2), "ញ": ("nh", "nh", 2), "ដ": ("d", "t", 1), "ឋ": ("th", "t", 1),
    "ឌ": ("d", "t", 2), "ឍ": ("th", "t", 2), "ណ": ("n", "n", 1), "ត": ("t", "t", 1),
    "ថ": ("th", "t", 1), "ទ": ("t", "t", 2), "ធ": ("th", "t", 2), "ន": ("n", "n", 2),
    "ប": ("b", "p", 1), "ផ": ("ph", "p", 1), "ព": ("p", "p", 2), "ភ": ("ph", "p", 2),
    "ម": ("m", "m", 2), "យ": ("y", "y", 2), "រ": ("r", "", 2), "ល": ("l", "l", 2),
    "វ": ("v", "v", 2), "ឝ": ("s", "s", 1), "ឞ": ("s", "s", 1), "ស": ("s", "s", 1),
    "ហ": ("h", "h", 1), "ឡ": ("l", "l", 1), "អ": ("", "", 1),
}  # fmt: skip
_INDEPENDENT = {
    "ឥ": "e", "ឦ": "ei", "ឧ": "o", "ឩ": "ou", "ឪ": "au", "ឫ": "rue", "ឬ": "rue",
    "ឭ": "lue", "ឮ": "lue", "ឯ": "ae", "ឰ": "ai", "ឱ": "ao", "ឲ": "ao", "ឳ": "au",
}  # fmt: skip
# Vowel signs (one or two code points): (first series, second series).
_VOWELS = {
    "ា": ("a", "ea"), "ិ": ("e", "i"), "ី": ("ei", "i"), "ឹ": ("e", "ue"), "ឺ": ("eu", "eu"),
    "ុ": ("o", "u"), "ូ": ("ou", "u"), "ួ": ("uo", "uo"), "ើ": ("aeu", "eu"),
    "ឿ": ("oea", "oea"), "ៀ": ("ie", "ea"), "េ": ("e", "e"), "ែ": ("e", "e"),
    "ៃ": ("ai", "ey"), "ោ": ("ao", "o"), "ៅ": ("au", "au"), "ុំ": ("om", "um"),
    "ំ": ("am", "um"), "ាំ": ("am", "oam"), "ះ": ("ah", "eah"),
}  # fmt: skip
_MUSIKATOAN, _TRIISAP, _BANTOC, _COENG = "\u17c9", "\u17ca", "\u17cb", "\u17d2"
_SILENT_MARK = "\u17cd"  # toandakhiat: the letter under it is not said
_SONORANTS = frozenset("ងញនមយរលវ")


def _syllables(word: str) -> list[dict]:
    """The word's syllables: initial letters, series, vowel signs, final, bantoc."""
    out: list[dict] = []
    n = len(word)
    k = 0
    while k < n:
        ch = word[k]
        if ch in _INDEPENDENT:
            out.append({"onset": _INDEPENDENT[ch], "series": 0, "vowel": "", "final": ""})
            k += 1
            continue
        if ch not in _CONSONANTS:
            if out and ch in _VOWEL_CHARS and not out[-1]["final"]:
                out[-1]["vowel"] += ch
            elif out and ch == _BANTOC:
                out[-1]["short"] = True
            k += 1
            continue
        last = out[-1] if out else None
        nxt = word[k + 1] if k + 1 < n else ""
        # A consonant after a syllable with no vowel sign or series mark of its own closes
        # that syllable (ហ៊ុន: ន; សម: ម), unless the syllable already has its final.
        opens = nxt in _VOWEL_CHARS or nxt in (_MUSIKATOAN, _TRIISAP)
        if last is not None and not last["final"] and last["series"] and not opens:
            if nxt == _SILENT_MARK:
                k += 2
                continue
            last["final"] = _CONSONANTS[ch][1] or "r"
            k += 1
            if k < n and word[k] == _BANTOC:
                last["short"] = True
                k += 1
            # A letter written below a final ending the word is not said (ចន្ទ chan); one
            # inside it opens the next syllable (ពន្លក pon-lok).
            if k + 2 == n and word[k] == _COENG:
                k += 2
            elif k + 1 < n and word[k] == _COENG:
                k += 1
            continue
        onset, _, series = _CONSONANTS[ch]
        k += 1
        while k + 1 < n and word[k] == _COENG and word[k + 1] in _CONSONANTS:
            below = word[k + 1]
            onset += _CONSONANTS[below][0]
            if below in _SONORANTS and series == 1 and ch in "សហអបកខចឆដតថផ":
                series = 2
            k += 2
        if k < n and word[k] == _MUSIKATOAN:
            series, k = 1, k + 1
        elif k < n and word[k] == _TRIISAP:
            series, k = 2, k + 1
        out.append({"onset": onset, "series": series, "vowel": "", "final": ""})
    return out


_VOWEL_CHARS = frozenset("".join(_VOWELS))


def _romanize_syllable(syl: dict) -> str:
    if not syl["series"]:
        return syl["onset"] + syl["final"]
    series = syl["series"] - 1
    vowel = syl["vowel"]
    final = syl["final"]
    if vowel in _VOWELS:
        nucleus = _VOWELS[vowel][series]
    elif vowel:
        nucleus = "".join(_VOWELS.get(v, ("", ""))[series] for v in vowel)
    elif not final:
        nucleus = "a" if series == 0 else "o"
    elif series == 1 and syl.get("short") and final != "ng":
        nucleus = "u"  # គន់ Kun
    else:
        nucleus = "a" if series == 0 else "o"
    if final and nucleus.endswith("h") and vowel.endswith("ះ"):
        final = ""
    return syl["onset"] + nucleus + final


def romanize(word: str) -> str:
    """One word in Khmer script in Latin letters, its syllables run together as a Khmer
    given name is written (សុខា sokha, ម៉ាណែត manet)."""
    return "".join(_romanize_syllable(s) for s in _syllables(word))
