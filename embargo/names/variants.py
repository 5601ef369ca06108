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
