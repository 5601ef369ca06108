"""Words that say what an organisation is or does, across the languages its name is translated
into (``data/org_words.json``: English, Russian, Ukrainian, Belarusian, Arabic, Persian,
Chinese and Japanese).

A person's name is transliterated: Шойгу is Shoigu. An organisation's name is mostly
translated: Министерство обороны Российской Федерации is the Ministry of Defence of the
Russian Federation, and no spelling rule turns one into the other. Each group of the data file
is one meaning; the index gives the keys of its words one shared symbol, so that the scorer
takes them for the same word (``embargo.match.names``) and retrieval finds one under the
other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import orjson

from embargo.names.korean import HANGUL
from embargo.names.script import CYRILLIC, HAN, has_arabic_letters

# Symbols of these groups are numbered down from here, apart from the given-name groups'
# small negative ids and rigour's positive ones: two organisation words of different meanings
# are not "known apart" the way two given names of different families are (Central, Centre).
ORG_SYMBOL_BASE = -1_000_000


# Russian case endings, generously: a form no word takes costs one unused key. Ukrainian and
# Belarusian words are declined alike, which reaches their commonest forms too.
_ADJECTIVE = ("ый", "ий", "ой", "ій", "ы", "і")
_ADJECTIVE_ENDINGS = (
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ом",
    "ем", "ые", "ие", "ых", "их", "ыми", "ими", "ую", "юю", "о",
    "ій", "а", "е", "ої", "ому", "ім", "ій", "і", "их", "іх", "ая", "ае", "ага", "ай", "ую",
)  # fmt: skip
_NOUN_ENDINGS = {
    "о": ("о", "а", "у", "ом", "е", "ы", "ам", "ами", "ах", "і", "ові"),
    "е": ("е", "я", "ю", "ем", "и", "й", "ям", "ями", "ях", "і"),
    "а": ("а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", "і", "ай"),
    "я": ("я", "и", "е", "ю", "ей", "ею", "ям", "ями", "ях", "ії", "ію", "і"),
    "ь": ("ь", "и", "ью", "ей", "ям", "ями", "ях", "я", "ю", "ем", "е", "і"),
    "й": ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях"),
}
_CONSONANT_ENDINGS = ("", "а", "у", "ом", "е", "ы", "и", "ов", "ев", "ам", "ами", "ах", "і", "ів")


_NOMINATIVE_ENDINGS = ("ая", "яя", "ое", "ее", "ые", "ие")


def nominatives(word: str) -> set[str]:
    """A dictionary word's forms that name things in a name's own words: the word, and an
    adjective's other genders and plural (Объединенная корпорация, Объединенные системы)."""
    if CYRILLIC.search(word) and len(word) > 4 and word.endswith(("ый", "ий", "ой")):
        return {word} | {word[:-2] + e for e in _NOMINATIVE_ENDINGS}
    return {word}


def declensions(word: str) -> set[str]:
    """The case forms of a Cyrillic dictionary word, or of a phrase's last word (a Latin word
    as it is)."""
    if not CYRILLIC.search(word):
        return {word}
    head, _, last = word.rpartition(" ") if " " in word else word.rpartition("-")
    if head:
        sep = word[len(head)]
        return {head + sep + form for form in declensions(last)}
    if not word.isalpha():
        return {word}
    if len(word) > 4 and word.endswith(_ADJECTIVE):
        stem = word[:-2] if word[-2:] in ("ый", "ий", "ой", "ій") else word[:-1]
        return {word} | {stem + e for e in _ADJECTIVE_ENDINGS}
    last = word[-1]
    if last in _NOUN_ENDINGS:
        return {word} | {word[:-1] + e for e in _NOUN_ENDINGS[last]}
    if last in "ыі":
        return {word}
    return {word + e for e in _CONSONANT_ENDINGS}


@lru_cache(maxsize=1)
def _data() -> dict:
    return orjson.loads(resources.files("embargo.data").joinpath("org_words.json").read_bytes())


def _words_where(keep: Callable[[str], bool]) -> frozenset[str]:
    return frozenset(w for group in _data()["groups"] for w in group if keep(w))


def han_words() -> frozenset[str]:
    """The groups' words written in Han of two characters or more: an organisation's name in
    Han has no spaces, and these are where its words part (see
    :func:`embargo.names.prepare.split_han_words`)."""
    return _words_where(lambda w: len(w) >= 2 and HAN.search(w) is not None)


def hangul_words() -> frozenset[str]:
    """The groups' words written in Hangul of two syllables or more. North Korea writes an
    organisation's name without spaces (조선광업개발무역회사, the Korea Mining Development
    Trading Corporation); these are where its words part."""
    return _words_where(lambda w: len(w) >= 2 and HANGUL.search(w) is not None)


@lru_cache(maxsize=1)
def arabic_script_words() -> frozenset[str]:
    """The groups' words written in Arabic script, as written (without the article). Asked
    for by every Arabic-script organisation's name a query reads (see
    :func:`embargo.names.prepare.foreign_org_reading`), so made once."""
    return _words_where(has_arabic_letters)


@dataclass(frozen=True, slots=True)
class Group:
    """One meaning's words as romanisation keys (a phrase as its words' keys run together, as
    the scorer reads two adjacent words as one)."""

    latin: frozenset[str]  # as the lists write them in English
    translated: frozenset[str]  # the other words (Cyrillic ones declined), romanised


MIN_TRANSLATED_KEY = 3  # shorter keys of declined forms (ом, ы) are no words


@lru_cache(maxsize=1)
def groups() -> tuple[Group, ...]:
    """The groups of ``data/org_words.json``.

    A group's ``transliterations`` (Choson, Sham) are read as its translations are: they
    meet each of its Latin words.

    Declined, two words of different groups may read alike (объединение, association, and
    объединенные, united, both obiedinenie). Such a key stays in the group where it is the
    dictionary word itself, else where it is a nominative, else in none: the Association
    would otherwise meet United.
    """
    from embargo.names.prepare import ORG, readings

    def keys_of(text: str) -> set[str]:
        return {"".join(r.keys) for r in readings(text, ORG) if r.keys}

    data = _data()
    transliterated = data.get("transliterations", {})
    read: list[tuple[set[str], dict[str, int]]] = []
    for words in data["groups"]:
        latin: set[str] = set()
        rank: dict[str, int] = {}  # key -> 2 the dictionary word, 1 a nominative, 0 declined
        for word in transliterated.get(words[0], ()):
            rank.update(dict.fromkeys(keys_of(word), 2))
        for word in words:
            word = word.lower()
            if word.isascii():
                latin |= keys_of(word)
                continue
            for form in declensions(word):
                nominative = form in nominatives(word)
                for k in keys_of(form):
                    r = 2 if form == word else 1 if nominative else 0
                    rank[k] = max(rank.get(k, 0), r)
        read.append((latin, rank))
    best: dict[str, int] = {}
    for _latin, rank in read:
        for k, r in rank.items():
            best[k] = max(best.get(k, -1), r)
    counts: dict[tuple[str, int], int] = {}
    for _latin, rank in read:
        for k, r in rank.items():
            counts[(k, r)] = counts.get((k, r), 0) + 1
    out = []
    for latin, rank in read:
        kept = {
            k
            for k, r in rank.items()
            if r == best[k]
            and (r > 0 or counts[(k, r)] == 1)
            and (len(k) >= MIN_TRANSLATED_KEY or k in latin)
        }
        out.append(Group(frozenset(latin), frozenset(kept)))
    return tuple(out)


def symbols() -> dict[str, frozenset[int]]:
    """Word key -> the symbols that make it one word with another (all at or below
    ``ORG_SYMBOL_BASE``).

    A Latin word has its own symbol; a translated word has those of every Latin word of its
    group, and the group's own, which its other translations share (завод, фабрика).
    """
    ids: dict[str, int] = {}
    out: dict[str, set[int]] = {}
    # A translated word read like a Latin one (トレーディング, trading) is that Latin word: given
    # its group's symbols, it would make trading one word with trade.
    latin_keys = {k for group in groups() for k in group.latin}
    for n, group in enumerate(groups()):
        own = ORG_SYMBOL_BASE - n
        latin = set()
        # In sorted order: a set's order changes with each process's string hashing, and an
        # index built in one process is read in another (workers, a server).
        for k in sorted(group.latin):
            sym = ids.setdefault(k, ORG_SYMBOL_BASE - len(groups()) - len(ids))
            latin.add(sym)
            out.setdefault(k, set()).add(sym)
        for k in group.translated - latin_keys:
            out.setdefault(k, set()).update(latin | {own})
    return {k: frozenset(v) for k, v in out.items()}


def form_meanings(table: Mapping[str, frozenset[int]]) -> dict[str, frozenset[int]]:
    """Legal form -> the symbols of the words that say what it is (``form_meanings`` in
    ``data/name_terms.json``): a word carrying one, in any language of the list, is what the
    form says, not who the party is.

    ``table`` is the index's word symbols, which hold :func:`symbols` (all at or below
    ``ORG_SYMBOL_BASE``) beside the given names': read from it, the meanings cost nothing,
    where :func:`symbols` reads every word of the list and took the first check of an
    organisation with a legal form 1.4 s. The last table's meanings are remembered.
    """
    global _meanings
    if _meanings is not None and _meanings[0] is table:
        return _meanings[1]
    from embargo.names.phonetic import key
    from embargo.names.prepare import terms_data

    out: dict[str, frozenset[int]] = {}
    for form, words in terms_data().get("form_meanings", {}).items():
        found: set[int] = set()
        for word in words:
            found.update(s for s in table.get(key(word), ()) if s <= ORG_SYMBOL_BASE)
        out[form] = frozenset(found)
    _meanings = (table, out)
    return out


_meanings: tuple[Mapping[str, frozenset[int]], dict[str, frozenset[int]]] | None = None
