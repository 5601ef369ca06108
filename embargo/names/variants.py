"""Listed names written with notes and alternatives in parentheses, spelt out as plain names.

Publishers put more than a name in the name field: "Nik Mohammad (previously listed as)",
"EL PARA (COMBAT NAME)", "Parchin Chemical Industries (PCI)", and, in Japan's lists above all,
other spellings of single words: "Oljga (Olga) Zanko", "Sergey(Sergei/Serhiy) ZDRILIUK(ZDRYLIUK)".
Matched as written, the note's words are listed words the query lacks, and an alternative
spelling is a second given name that conflicts with nothing but dilutes everything. The index
keeps each such name as written and adds the plain names it stands for.
"""

from __future__ import annotations

import re

_PAREN = re.compile(r"\s*\(([^()]*)\)")
_WORD_ALTERNATIVES = re.compile(r"([^\s()]+)\s*\(([^()]*)\)")
_SPLIT = re.compile(r"\s*[/,;]\s*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that make a parenthesis a note about the name rather than another spelling of a word.
_NOTES = frozenset(
    "nee née born formerly previously listed as aka alias combat name also known fka".split()
)


def spelled_out(raw: str, person: bool) -> list[str]:
    """The plain names ``raw`` stands for, without itself; none for a name with no parentheses.

    Always the name without its parentheses; for a ``person``, also the name with each word's
    alternatives put in its place, first alternatives together, then second ones, and so on.
    """
    if "(" not in raw:
        return []
    out: list[str] = []
    base = _clean(_PAREN.sub(" ", raw))
    if base and base != raw:
        out.append(base)
    if person:
        slots = [
            alts
            for _, inner in _WORD_ALTERNATIVES.findall(raw)
            if (alts := _alternatives(inner)) is not None
        ]
        for k in range(max((len(a) for a in slots), default=0)):
            variant = _clean(_PAREN.sub(" ", _WORD_ALTERNATIVES.sub(_pick(k), raw)))
            if variant and variant != base and variant not in out:
                out.append(variant)
    return out


def _alternatives(inner: str) -> list[str] | None:
    """Other spellings of one word, or None if the parenthesis holds something else."""
    alts = [a for a in _SPLIT.split(inner.strip()) if a]
    if not alts or len(alts) > 4:
        return None
    if any(not _WORD.fullmatch(a) or a.lower() in _NOTES for a in alts):
        return None
    return alts


def _pick(k: int):
    def replace(match: re.Match[str]) -> str:
        alts = _alternatives(match.group(2))
        if alts is None:
            return match.group(0)
        return alts[k] if k < len(alts) else match.group(1)

    return replace


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:-")


# Quotation marks around an organisation's own name, in the styles Russian, German, French,
# English and Japanese write (АО «НПО «Квант»», „Stern“, "Kvant", 「ラジオスヴャジ」).
_QUOTES = re.compile('["«»„“”‹›「」『』]')
_OPENING = frozenset('"«„“‹「『')
# Single quotes only as a pair around whole words: ‘ and ’ also write the ayn and hamza of
# Arabic names (‘Abd, al-‘Anzi, Ihya’).
_SINGLE_QUOTED = re.compile(r"(?<!\S)‘([^‘’]+)’(?=$|[\s,.;:)])")


def quoted_name(raw: str) -> str | None:
    """The name an organisation is known by, in the innermost quotes of its full name; None
    if it has no quotes, or nothing outside them.

    A Russian organisation's full name is a legal form, a description and its own name in
    quotes, nested as deep as the description is (АО «Научно-производственное объединение
    «Квант»»); the Latin lists mostly write the quoted name and the form alone (Kvant JSC).
    A closing quote is often missing, so quotes are counted, not paired: the innermost name
    is between the middle two, or after a lone opening quote.
    """
    raw = _PAREN.sub(" ", raw)
    at = [m.start() for m in _QUOTES.finditer(raw)]
    if not at:
        single = _SINGLE_QUOTED.search(raw)
        if single is None:
            return None
        at = [single.start(), single.end() - 1]
    if len(at) == 1:
        if raw[at[0]] not in _OPENING:
            return None
        start, end = at[0], len(raw)
    else:
        middle = (len(at) - 1) // 2
        start, end = at[middle], at[middle + 1]
    inner = _clean(raw[start + 1 : end])
    outside = _clean(_QUOTES.sub(" ", raw[:start] + " " + raw[end + 1 :]))
    if not inner or not outside or not _WORD.search(inner):
        return None
    return inner
