"""Names in Thai script, read as the lists spell Thai names and the foreign names Thai writes.

ICU's Thai-Latin is ISO 11940, a letter-by-letter transliteration, not a reading: it sets
each syllable apart (วลาดีมีร์ → "w lā dī mīr̒", Vladimir), writes อ as x whether it carries
a vowel or is the vowel o (อาลี xālī, Ali; รอฟ rxf, -rov), writes จ as a bare c, and keeps
letters a thanthakhat (์) marks as not said (ประยุทธ์ prayuthṭh, Prayut). :func:`romanize`
reads a word as one word, with อ silent before a vowel and o elsewhere, จ as ch, and the
silent letters left out, as the Royal Thai General System spells Thai names.

A foreign name comes into Thai with its consonants written by Thai's aspirated letters (ค
for k, ท for t, พ for p: คิม Kim, ปูติน Putin), and the thanthakhat marks the source's
letters Thai does not say (มีร์ mir, the r of Vladimir; เซร์เกย์ Sergey). :func:`foreign`
reads it so: aspirates plain, the plain ก before a vowel as the g it writes there, จ as j,
and every letter kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

THAI = re.compile("[\u0e00-\u0e7f]")
# A consonant (with a vowel sign above or below it) that a thanthakhat marks silent.
_SILENT = re.compile("[\u0e01-\u0e2e][\u0e31\u0e34-\u0e39]?\u0e4c")
_THANTHAKHAT = "\u0e4c"
_CARRIER = re.compile("x(?=[aeiou])")  # อ before a vowel: it carries it, unsaid
_LONE_C = re.compile("c(?!h)")
_ASPIRATES = (("kh", "k"), ("th", "t"), ("ph", "p"))
_PLAIN_K = re.compile("k(?=[aeiou])")
_CH_RUN = re.compile("(?:ch)+")  # ชช, a doubled ช, is one sound: บัชชาร์ Bashar


def romanize(word: str) -> str:
    """One Thai word as the lists spell Thai names (ประยุทธ์ prayuth; ทักษิณ thaks'in, whose
    prime the caller drops with the other in-word marks)."""
    return _LONE_C.sub("ch", _read(_SILENT.sub("", word)))


def foreign(word: str, sh: bool = False) -> str:
    """One Thai word as the foreign name it transcribes (วลาดีมีร์ wladimir; คิม kim).

    With the source's k written ค, the plain ก before a vowel is its g (เซร์เกย์ Sergey,
    ชอยกู Shoigu, เยฟเกนี Yevgeny); at a syllable's end it is any k (มาร์ก Mark). Thai has
    no sh: ช writes it as well as ch, and with ``sh`` it is read so (บัชชาร์ Bashar)."""
    text = _LONE_C.sub("j", _read(word.replace(_THANTHAKHAT, "")))
    text = _PLAIN_K.sub("g", text)
    for aspirate, plain in _ASPIRATES:
        text = text.replace(aspirate, plain)
    return _CH_RUN.sub("sh", text) if sh else text


def foreign_text(text: str, sh: bool = False) -> str:
    """:func:`foreign` for every Thai word of a name."""
    return " ".join(foreign(w, sh) if THAI.search(w) else w for w in text.split())


@lru_cache(maxsize=4096)
def _read(word: str) -> str:
    text = _reader().transliterate(word).replace(" ", "").lower()
    return _CARRIER.sub("", text).replace("x", "o")


@lru_cache(maxsize=1)
def _reader() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Thai-Latin; Latin-ASCII")
