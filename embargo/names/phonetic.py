"""Keys that survive romanisation drift: the same name spelt by different lists.

``key`` rewrites the digraphs and letters that romanisation systems disagree on
(kh/h, sh/sch/š, zh/j, ch/tsch/cz/č, ts/c, q/k, w/v, y/i, ou/u, doubled letters) so
``Mukhammed``, ``Muhammed`` and ``Mouhammed`` share one key; OCR's rn for m and digits for
letters fold too. The aspirate bh of Indic names is b (Bengali also writes a foreign v so:
ভ্লাদিমির bhladimir, Vladimir), and dh is d: the Indic aspirate too (Gandhi), and the lists' dh
for the Arabic ض, ذ and ظ, which others spell d (Ramadhan, Ramadan: رمضان rmdan; Ridha, Rida;
Kadhim). Burmese names' ht and hp may lose their h (Htun, Tun), and a final oe its e (Soe, So).
``skeleton`` drops the vowels too, which is what Persian
and Arabic script leave unwritten (``محمد`` → ``mhmd`` = ``Mohammad``) and what
vowel-dropping disguises rely on.
"""

from __future__ import annotations

import re
from functools import lru_cache

_RULES = [
    # Burmese names write the aspirates t and p with an h before them, which the lists keep
    # or drop (ထွန်း Htun and Tun, ထေ Htay and Tay). No other romanisation starts a word so;
    # abjad readings do, before a consonant (هتك htk), where the h stays.
    (re.compile(r"^h(?=[tp][aeiouy])"), ""),
    (re.compile(r"dzh|dj|dsch"), "j"),
    (re.compile(r"tsch|tch|cz"), "c"),
    (re.compile(r"sch|sh|zh"), "s"),
    (re.compile(r"ch"), "c"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"bh"), "b"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"th"), "t"),
    # After the aspirates: the h a kh or gh leaves behind a b, d, t or p is no aspirate's,
    # which an abjad's reading puts there with no vowel between (بخش bkhsh, Bakhsh; بغدادي
    # bghdadi, Baghdadi).
    (re.compile(r"kh|gh"), "h"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ou|oo|eu"), "u"),
    (re.compile(r"oe$"), "o"),  # Burmese ို written o or oe (Soe, Moe; Phyo, Ko)
    (re.compile(r"eo"), "o"),
    # The Arabic ending ـية as Persian spells it, -iyeh, and as Arabic does, -iya (Haniyeh,
    # Hanieh, Haniya; Somayeh, Somaya): its h is the silent one Persian writes, no consonant.
    (re.compile(r"(?<=[a-z]{2})(?:iy|i|y)eh$"), "ia"),
    (re.compile(r"ee|ie|ey|ei|ay|ai|iy|yi"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"z"), "s"),
    # Names ending in Allah join it with the vowel of whoever romanised them (Ezatullah,
    # Ezzatollah, Ezatallah; Abdulla): one ending in the key.
    (re.compile(r"(?<=[a-z]{2}[^aeiou])[aou](?:llah?|lah)$"), "ulah"),
    (re.compile(r"(.)\1+"), r"\1"),
]
# A j closing a syllable after e, i, o or y is the glide English writes y: German, Polish,
# Czech and South Slavic romanisations (Sergej, Dmitrij, Tolstoj, Schojgu, Sulejman). Not
# after a or u, where it is mostly the consonant of Arabic, Persian and Indic names (Faraj,
# Haj, Siraj, Anuj), nor doubled (Hajj) or before a vowel (Tajik, Jose).
_GLIDE_J = re.compile(r"(?<=[eioy])j(?![aeiouyj])")
_OCR = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "3": "e", "4": "a", "7": "t"})
_VOWELS = re.compile(r"[aeiou]")
_ONE_AS_I = re.compile(r"(?<=[b-df-hj-np-tv-z])1(?![aeiouy1])")


def ocr_letters(token: str) -> str:
    """Digits inside a word read as the letters they stand in for (0 → o, 1 → l, 5 → s…).

    A 1 after a consonant and before a consonant or the word's end is an i (Fad1, Abdollah1,
    V1adimir's 1 is an l: it comes before a vowel); elsewhere it is an l (Abdu1, A1exander).
    """
    if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
        if "1" in token:
            token = _ONE_AS_I.sub("i", token)
        return token.translate(_OCR)
    return token


@lru_cache(maxsize=16_384)
def key(token: str) -> str:
    """Romanisation-neutral spelling of one lower-case ASCII token.

    OCR reads m as rn (Ismail → Isrnail); in the key the two meet. Not in the skeleton: there
    a vowel-dropped r-n (Vrnc, Veronica) is two consonants. A glide j (Sergej) reads as the y
    of Sergey in the key only: the skeleton keeps it a consonant, as Arabic script writes the
    j of Basij or Khalij. So does a soft c (Belgacem, Kacem: the key's s): with its vowel
    dropped (Cntrl, Srvcs) a c says nothing of how it sounded.
    """
    token = _GLIDE_J.sub("y", ocr_letters(token))
    if "c" in token and token not in _PINYIN_C:
        token = _SOFT_C.sub("s", token)
    return _romanised(token).replace("rn", "m")


# A c before e or i is the s of French spellings, and of the French romanisation of Maghrebi
# names (Belgacem, Kacem, Hacene; Marcel, Vincent). Not in the pinyin syllables that are
# Chinese surnames and given names of their own, where c is ts (Cen, Ci), nor before y
# (Polish Cybulski, Russian Tsybulsky), nor in Spanish and Italian ci before a vowel (Garcia
# is not Garza; Lucia).
_SOFT_C = re.compile("c(?=e|i(?![aou]))")
_PINYIN_C = frozenset({"ce", "cen", "ceng", "ci"})


@lru_cache(maxsize=16_384)
def _romanised(token: str) -> str:
    token = ocr_letters(token)
    for pattern, repl in _RULES:
        token = pattern.sub(repl, token)
    return token


# Letters that scripts without them write with their nearest one (Arabic has no p or v,
# Korean no f or v, Korean and Japanese no l/r distinction): merged in the skeleton only.
_SKELETON_MERGE = str.maketrans({"p": "b", "v": "b", "w": "b", "f": "b", "l": "r"})


@lru_cache(maxsize=16_384)
def skeleton(token: str) -> str:
    """Consonants of the romanised word in order, doubles collapsed, labials (p b f v w) and
    l/r merged."""
    k = _romanised(token)
    sk = _VOWELS.sub("", k).translate(_SKELETON_MERGE)
    return re.sub(r"(.)\1+", r"\1", sk)
