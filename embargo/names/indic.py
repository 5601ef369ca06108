"""Names in the scripts of Hindi, Marathi, Nepali, Bengali, Punjabi, Gujarati and Odia, read
as they are said and as the lists spell them.

Each consonant letter of these scripts carries the vowel a unless a sign says otherwise, and
ICU writes that vowel everywhere (दाऊद dā'ūda, मनमोहन manamōhana). Speakers leave it out at
the end of a word, and in the middle of one between two consonants that each carry a vowel
(Ohala's rule of schwa deletion: Manmohan, Rahman, Azhar); after a cluster it stays
(नरेन्द्र Narendra). Where a vowel is left out, a virama is written into the word, and ICU
then romanises it as spoken. The middle rule misreads some compound names (ਅਮਰਿੰਦਰ Amarinder
is not Amrinder), so it is applied as another reading only (:func:`spoken`).
"""

from __future__ import annotations

import re

# Unicode blocks laid out alike (ISCII order): the same offset is the same kind of letter.
_BLOCKS = (0x0900, 0x0980, 0x0A00, 0x0A80, 0x0B00)
INDIC = re.compile("[\u0900-\u0b7f]")
_VIRAMA = 0x4D
_NUKTA = 0x3C
_TIPPI = 0x0A70  # Gurmukhi's nasal sign, which ICU drops: read as the bindi it stands for
_BINDI = "\u0a02"


def _block(ch: str) -> int | None:
    code = ord(ch)
    for base in _BLOCKS:
        if base <= code < base + 0x80:
            return base
    return None


# Consonants some blocks add after the common layout: Assamese ৰ ৱ, Odia ୱ. Gurmukhi's
# 0x70 and 0x71 are the tippi and the addak (which doubles the next consonant), not letters.
_EXTRA_CONSONANTS = {0x0980: (0x70, 0x71), 0x0B00: (0x71,)}


def _is_consonant(offset: int, base: int) -> bool:
    return (
        0x15 <= offset <= 0x39
        or 0x58 <= offset <= 0x5F
        or offset in _EXTRA_CONSONANTS.get(base, ())
    )


def _is_vowel_sign(offset: int) -> bool:
    return 0x3E <= offset <= 0x4C or 0x55 <= offset <= 0x57 or offset in (0x62, 0x63)


def _is_vowel(offset: int) -> bool:
    return 0x05 <= offset <= 0x14 or offset in (0x60, 0x61)


# A syllable of a word: its letters, and how its consonant ends ("a": the inherent vowel,
# "sign": a written vowel, "virama": none). An independent vowel is a syllable ending "sign".
_Syllable = list


def _syllables(word: str, base: int) -> list[_Syllable] | None:
    out: list[_Syllable] = []
    for ch in word:
        if ord(ch) == _TIPPI:
            ch = _BINDI
        offset = ord(ch) - base
        if not 0 <= offset < 0x80:
            return None  # another script inside the word: left as it is
        if _is_consonant(offset, base):
            out.append([ch, "a"])
        elif _is_vowel(offset):
            out.append([ch, "sign"])
        elif out and (_is_vowel_sign(offset) or offset == _VIRAMA):
            out[-1][0] += ch
            out[-1][1] = "sign" if offset != _VIRAMA else "virama"
        elif out:
            out[-1][0] += ch  # nukta, nasal signs, visarga
        else:
            return None
    return out


def _drop(syllables: list[_Syllable], at: int, base: int) -> None:
    syllables[at][0] += chr(base + _VIRAMA)
    syllables[at][1] = "virama"


def _voiced(syllable: _Syllable) -> bool:
    return syllable[1] in ("a", "sign")


def spoken(word: str, medial: bool = False) -> str:
    """``word`` with the inherent vowels speakers leave out marked silent: the last one
    (unless it follows a cluster), and with ``medial`` those between two consonants that
    each carry a vowel, scanning from the end.

    Each run of letters is a word of its own: a hyphen ends one as a space does (बशर
    अल-असद, Bashar al-Assad; किम जोंग-उन, Kim Jong-un).
    """
    if _BREAK.search(word):
        return _RUN.sub(lambda m: _spoken_run(m.group(), medial), word)
    return _spoken_run(word, medial)


# Zero-width joiners choose a letter's shape inside a word; they do not end it.
_RUN = re.compile("[\u0900-\u0b7f\u200c\u200d]+")
_BREAK = re.compile("[^\u0900-\u0b7f\u200c\u200d]")


def _spoken_run(word: str, medial: bool) -> str:
    base = _block(word[0]) if word else None
    if base is None:
        return word
    syllables = _syllables(word, base)
    if syllables is None or len(syllables) < 2:
        return word
    last = len(syllables) - 1
    if syllables[last][1] == "a" and syllables[last - 1][1] != "virama":
        _drop(syllables, last, base)
    if medial:
        for i in range(last - 1, 0, -1):
            if (
                syllables[i][1] == "a"
                and _voiced(syllables[i - 1])
                and _voiced(syllables[i + 1])
                and _is_consonant(ord(syllables[i + 1][0][0]) - base, base)
            ):
                _drop(syllables, i, base)
    return "".join(s[0] for s in syllables)


def spoken_text(text: str) -> str:
    """:func:`spoken` with ``medial`` for every word of a name."""
    return " ".join(spoken(w, medial=True) if INDIC.search(w) else w for w in text.split())


# ICU's letters as names are spelt in English: श and ष are sh (Shah, Ashok), च ch (Chand).
_SPELT = (("ś", "sh"), ("ṣ", "sh"), ("Ś", "Sh"), ("Ṣ", "Sh"))
_LONE_C = re.compile("c(?!h)")


def spelt(latin: str) -> str:
    """ICU's romanisation of an Indic word, its letters as names spell them."""
    for letter, spelling in _SPELT:
        latin = latin.replace(letter, spelling)
    return _LONE_C.sub("ch", latin)
