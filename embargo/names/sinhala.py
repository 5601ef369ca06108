"""Names in Sinhala script, read as Sri Lankan names are spelt in the lists and the press.

ICU's Any-Latin has no Sinhala transform, so a Sinhala name romanised to nothing and met
nothing. Each consonant letter carries the vowel a, which a vowel sign (pili) replaces and the
al-lakuna (්) silences; a consonant joined below or beside another (ක්‍ර, ද්‍ය) is written with
a zero-width joiner, which says nothing. The Latin spellings write long and short vowels
alike (ගෝඨාභය Gotabaya), æ as a (බැසිල් Basil), the dental ත th and the retroflex ට t
(සජිත් Sajith, සරත් Sarath; කුමාරතුංග Kumaratunga, which the keys fold), the prenasalised
letters as the nasal and the stop (ඹ mb, ඳ nd), the anusvara ං as the nasal of the consonant
after it (තුංග tunga, සිංහ singha), ව w (Wickremesinghe, Gunawardena) and ශ ෂ sh, and keep
the final a (රාජපක්ෂ rajapaksha, Rajapaksa).
"""

from __future__ import annotations

import re
import unicodedata

SINHALA = re.compile("[\u0d80-\u0dff]")

_CONSONANTS = {
    "ක": "k", "ඛ": "kh", "ග": "g", "ඝ": "gh", "ඞ": "ng", "ඟ": "ng", "ච": "ch", "ඡ": "ch",
    "ජ": "j", "ඣ": "jh", "ඤ": "ny", "ඥ": "gn", "ඦ": "nj", "ට": "t", "ඨ": "t", "ඩ": "d",
    "ඪ": "dh", "ණ": "n", "ඬ": "nd", "ත": "th", "ථ": "th", "ද": "d", "ධ": "dh", "න": "n",
    "ඳ": "nd", "ප": "p", "ඵ": "ph", "බ": "b", "භ": "bh", "ම": "m", "ඹ": "mb", "ය": "y",
    "ර": "r", "ල": "l", "ව": "w", "ශ": "sh", "ෂ": "sh", "ස": "s", "හ": "h", "ළ": "l",
    "ෆ": "f",
}  # fmt: skip
_INDEPENDENT = {
    "අ": "a", "ආ": "a", "ඇ": "a", "ඈ": "a", "ඉ": "i", "ඊ": "i", "උ": "u", "ඌ": "u",
    "ඍ": "ru", "ඎ": "ru", "ඏ": "lu", "ඐ": "lu", "එ": "e", "ඒ": "e", "ඓ": "ai", "ඔ": "o",
    "ඕ": "o", "ඖ": "au",
}  # fmt: skip
# Vowel signs, in the composed forms NFC gives (ො is ෙ and ා, ේ is ෙ and ්).
_SIGNS = {
    "ා": "a", "ැ": "a", "ෑ": "a", "ි": "i", "ී": "i", "ු": "u", "ූ": "u", "ෘ": "ru",
    "ෲ": "ru", "ෟ": "lu", "ෳ": "lu", "ෙ": "e", "ේ": "e", "ෛ": "ai", "ො": "o", "ෝ": "o",
    "ෞ": "au",
}  # fmt: skip
_AL_LAKUNA, _ANUSVARA, _VISARGA = "\u0dca", "\u0d82", "\u0d83"
# The anusvara is said as the nasal of the consonant after it: m before a labial (සංබුද්ධ
# sambuddha), n before any other consonant (තුංග tunga, ලංකා lanka, හංස hansa), and ng
# before h and a vowel and at the end of a word (සිංහ singha).
_LABIALS = frozenset("පඵබභමඹ")
_JOINERS = str.maketrans("", "", "\u200c\u200d")


def _anusvara(after: str) -> str:
    if after in _LABIALS:
        return "m"
    if after in _CONSONANTS and after != "හ":
        return "n"
    return "ng"


def romanize(word: str) -> str:
    """One word in Sinhala script in lower-case Latin letters (මහින්ද mahinda, රනිල් ranil,
    ප්‍රේමදාස premadasa); letters of other scripts in it are left out."""
    word = unicodedata.normalize("NFC", word).translate(_JOINERS)
    out: list[str] = []
    inherent = False  # whether the last letter written is a consonant's unwritten a
    for k, ch in enumerate(word):
        if ch in _CONSONANTS:
            out.append(_CONSONANTS[ch])
            out.append("a")
            inherent = True
            continue
        if ch in _SIGNS or ch == _AL_LAKUNA:
            if inherent:
                out[-1] = _SIGNS.get(ch, "")
            inherent = False
            continue
        inherent = False
        if ch in _INDEPENDENT:
            out.append(_INDEPENDENT[ch])
        elif ch == _ANUSVARA:
            out.append(_anusvara(word[k + 1] if k + 1 < len(word) else ""))
        elif ch == _VISARGA:
            out.append("h")
    return "".join(out)
