"""A raw name, made ready to compare: ASCII tokens, their keys, legal forms and minor words.

Both sides of every comparison go through :func:`prepare`, at index time for listed names and at
query time for screened ones, so they meet in one form whatever script or spelling each used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rigour.names.org_types import extract_org_types

from embargo.names.phonetic import key, ocr_letters, skeleton
from embargo.names.script import latinize

PERSON = "person"
ORG = "org"
ANY = "any"


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name as the matcher sees it."""

    raw: str
    tokens: tuple[str, ...]  # identity-bearing words, ASCII
    keys: tuple[str, ...]  # romanisation-neutral key per token
    skeletons: tuple[str, ...]  # consonant skeleton per token
    minor: tuple[str, ...]  # particles, stop words, titles kept aside (low weight)
    forms: tuple[str, ...]  # legal forms, canonical (llc, jsc…)
    joined: str  # keys of all words in order, no spaces (merged/split words)


@lru_cache(maxsize=1)
def _terms_data() -> dict:
    return json.loads(resources.files("embargo.data").joinpath("name_terms.json").read_text())


@lru_cache(maxsize=1)
def _terms() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in _terms_data().items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def _cjk_forms() -> list[tuple[str, str]]:
    forms = _terms_data()["cjk_forms"]
    return sorted(forms.items(), key=lambda kv: -len(kv[0]))


def _strip_cjk_forms(raw: str) -> tuple[str, tuple[str, ...]]:
    """Legal forms in Han/Hangul script, found before their syllables become 'words'."""
    if raw.isascii():
        return raw, ()
    found = []
    for text, form in _cjk_forms():
        if text in raw:
            raw = raw.replace(text, " ")
            found.append(form)
    return raw, tuple(found)


def _strip_org_types(text: str) -> tuple[str, tuple[str, ...]]:
    found = extract_org_types(text, generic=True)
    if not found:
        return text, ()
    forms = []
    padded = f" {text} "
    for matched, target in found:
        needle = f" {matched} "
        if needle in padded:
            padded = padded.replace(needle, " ", 1)
            forms.append(target)
    return padded.strip(), tuple(forms)


# Small: query names repeat in bursts, and the matcher keeps results per name; the index
# build keeps its own memo (a server must not grow with every new name it is asked about).
@lru_cache(maxsize=8_192)
def prepare(raw: str, kind: str = ANY) -> NameForm:
    """Normalise one name; ``kind`` is ``person``, ``org`` or ``any``."""
    forms: tuple[str, ...] = ()
    source = raw
    if kind != PERSON:
        source, forms = _strip_cjk_forms(raw)
    text = latinize(source)
    if kind != PERSON and text:
        text = " ".join(_correct_form_word(w) for w in text.split())
        text, more = _strip_org_types(text)
        forms += more
    words = text.split()
    terms = _terms()
    tokens: list[str] = []
    minor: list[str] = []
    words = [part for word in words for part in _split_compound(word)]
    for word in words:
        term = ocr_letters(word)  # a title misread or disguised (Ayat0llah) is still a title
        if term in terms["particles"] or term in terms["stop"]:
            minor.append(word)
        elif term in terms["titles"] and kind == PERSON:
            continue
        elif term in terms["titles"] and kind == ANY:
            minor.append(word)
        else:
            tokens.append(word)
    if not tokens and minor:
        tokens, minor = minor, []
    if not tokens and forms:
        tokens, forms = list(forms), ()
    keys = tuple(key(t) for t in tokens)
    return NameForm(
        raw=raw,
        tokens=tuple(tokens),
        keys=keys,
        skeletons=tuple(skeleton(t) for t in tokens),
        minor=tuple(minor),
        forms=forms,
        joined="".join(key(w) for w in words if w not in terms["titles"] or kind == ORG),
    )


@lru_cache(maxsize=65_536)
def _correct_form_word(word: str) -> str:
    """A misspelt legal-form word (Limietd, Compnay, JONIT) back to its spelling.

    Only words of five letters or more, one edit or transposition away from exactly one form
    word, are corrected: the form then goes on being compared as a form, not as a name word.
    """
    variant = _terms_data()["form_word_variants"].get(word)
    if variant:
        return variant
    words = _terms()["form_words"]
    if len(word) < 5 or word in words:
        return word
    from rapidfuzz.distance import DamerauLevenshtein

    close = [
        w
        for w in words
        if abs(len(w) - len(word)) <= 1
        and DamerauLevenshtein.distance(w, word, score_cutoff=1) <= 1
    ]
    if not close and not any(v in word[1:] for v in "aeiou"):
        close = [w for w in words if skeleton(w) == skeleton(word)]  # vowels dropped: CMPNY
    return close[0] if len(close) == 1 else word


_ABD = ("abdul", "abdel", "abdol", "abdal", "abdoul", "abdil", "abdur", "abdel")


def _split_compound(word: str) -> tuple[str, ...]:
    """``Abdulrahman``/``Abdul`` → ``abd`` + ``al`` (+ rest): how Arabic script writes it."""
    for prefix in _ABD:
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            return ("abd", "al", rest) if len(rest) >= 3 else ("abd", "al")
    return (word,)


def schema_kind(schema: str | None) -> str:
    """Which name rules apply to an FtM schema."""
    if schema == "Person":
        return PERSON
    if schema in ("Organization", "Company", "LegalEntity", "PublicBody"):
        return ORG
    return ANY
