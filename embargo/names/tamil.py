"""Names in Tamil script, read as spoken as well as letter by letter.

Tamil writes one letter for each stop, voiced or not (க k and g, த t and d, ப p and b), and
says it voiced between vowels and after a nasal: முருகன் is Murugan, விளாதிமிர் Vladimir.
ICU writes every one voiceless (murukaṉ, viḷātimir), and ச as c, which is s where it is not
doubled (செர்கேய், Sergey). A doubled stop stays voiceless (பூட்டின், Putin). Names of Sanskrit
origin keep the letter's own value in their spelling (பிரபாகரன், Prabhakaran), so
:func:`spoken` is another reading, not ICU's replacement.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

TAMIL = re.compile("[\u0b80-\u0bff]")
# A single stop between a vowel or a nasal and a vowel (ICU's letters): not one of a doubled
# pair, nor one before another consonant (ராஜபக்ஷ rājapakṣa, Rajapaksa).
_BETWEEN = re.compile("(?<=[aeiouāīūēōṅñṇnmṉ])([kcṭtp])(?=[aeiouāīūēō])")
_VOICED = {"k": "g", "c": "s", "ṭ": "d", "t": "d", "p": "b"}
_LONE_C = re.compile("(?<!c)c(?!c)")


def spoken(text: str) -> str | None:
    """``text``'s Tamil words as said (முருகன் murugan), or None if it has none."""
    if not TAMIL.search(text):
        return None
    latin = _reader().transliterate(text)
    latin = _LONE_C.sub("s", _BETWEEN.sub(lambda m: _VOICED[m.group(1)], latin))
    return "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _reader() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Tamil-Latin")
