"""Listed parties named in a text: candidate spans, screened with the matcher, strong hits only.

An article has hundreds of capitalised word runs and only a handful name a listed party, while
each ``Screener.check`` costs milliseconds; so spans are narrowed with what the index already
holds before any check:

1. Each distinct word is looked up once by its romanisation key (and given-name class), read
   as the matcher reads names: the listed names it occurs in. A word no listed name has
   (``Ethermac``) ends a span; particles, titles and legal forms the matcher sets aside
   (``of``, ``JSC``) are passed over.
2. In each run of name-like words (:meth:`embargo.scan.words.Tokens.runs`) a *window* is a
   stretch of words that all occur together in one listed name and could explain enough of
   that name's word weight (the index's per-name total) to be accepted. Words common in
   listed names weigh little, so windows of common words (``National Security Council``)
   rarely explain enough of any name and are never checked. Windows are checked longest
   first; inner ones only when an outer one fails, and a run is given up after
   ``MAX_FAILED_CHECKS`` checks in vain.
3. A window made only of jurisdiction names or adjectives (``Russia``, ``Iranian``) is a
   jurisdiction mention, not a party (``Russia`` alone would hit the TV station ``RUSSIA-1``).
4. The check runs at ``ACCEPT_SCORE``. A hit is kept when it is strong: its words met by
   spelling, not by a fuzzy or consonant-only likeness (that one counts in Arabic script,
   which leaves vowels out), the window explains most of the listed name's word weight
   (``LISTED_COVER_MIN``), and it scores at least the ordinary threshold. A window becomes a
   mention when a kept hit reaches ``ACCEPT_SCORE``; the mention lists every kept hit (each
   list's entry for the party, under its own spelling).
5. Context: a window that is a *fragment* of a longer capitalised run (``Think Tank`` in
   ``Algosensey Quantitative Think Tank Center View``; news titles, legal forms and
   jurisdiction adjectives beside it do not count) is accepted only through a hit that
   explains the whole listed name (``FULL_COVER``). A one-word window (``Forum``, ``Mets``)
   needs more, since single words are where ordinary words and listed names collide: it must
   stand alone in its run, not be a sentence's first word (unless the text also capitalises
   it mid-sentence), match exactly, be the whole listed name, and name neither a person (a
   lone given name or surname) nor a vessel or aircraft (named with common words).
6. An accepted span takes in the legal forms and particles beside it (``Al`` Bilad Islamic
   Bank ``Ltd``). Overlapping mentions in one run: the best score is kept (ties: longer).

Word look-ups, runs and checks are memoised per finder, so a name repeated through a text or
a corpus costs one check.
"""

from __future__ import annotations

import json
from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import numpy as np

from embargo.match.engine import Hit, UnreadableName
from embargo.match.weights import THRESHOLD
from embargo.names import key
from embargo.names.prepare import PERSON, prepare
from embargo.scan.words import CONNECTOR, NAME, Tokens, latin_tokens, text_rules
from embargo.screener import Screener

ACCEPT_SCORE = 0.85  # a window is a mention when a kept hit scores this much
LINK_SCORE = THRESHOLD  # a mention lists every kept hit the ordinary check calls a match
LISTED_COVER_MIN = 0.5  # share of the listed name's word weight a window must explain
FULL_COVER = 0.9  # ... and for a fragment of a longer run or a single word: all of it
# The same shares estimated from the index before checking, a little under what acceptance
# needs (a hit >= ACCEPT_SCORE with every window word matched explains ~0.62 of its name).
WINDOW_COVER_MIN = 0.6
WINDOW_FULL_COVER_MIN = 0.85
STRONG_HOW = frozenset({"exact", "spelling", "equivalent", "merged", "joined"})
STRONG_SIM = 0.9  # any likeness at least this close also counts as strong
ABJAD_HOW = frozenset({"skeleton"})  # also strong when the window is in Arabic script
SINGLE_WORD_SCHEMAS = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})
MAX_WINDOW = 8  # listed words in one window (particles and legal forms not counted)
MAX_FAILED_CHECKS = 2  # windows of one run checked in vain before the run is given up
CHECK_LIMIT = 50  # hits asked of each check: every list's entry of one party fits

_EMPTY = np.zeros(0, dtype=np.int32)
_SENTENCE_END = frozenset(".!?:;\n")
_OPENERS = frozenset(" \t\u00a0\"'“‘«([-–—•*>")
_ABJAD = range(0x0600, 0x0700)


@cache
def _matcher_terms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """From the matcher's own term file: particles, stop words, and titles with form words."""
    data = json.loads(resources.files("embargo.data").joinpath("name_terms.json").read_text())
    return (
        frozenset(data.get("particles", [])),
        frozenset(data.get("stop", [])),
        frozenset(data.get("titles", []) + data.get("form_words", [])),
    )


@cache
def _news_titles() -> frozenset[str]:
    return frozenset(text_rules()["spans"]["news_titles"])


@cache
def _list_connectors() -> frozenset[str]:
    return frozenset(text_rules()["spans"]["list_connectors"])


@cache
def _is_legal_form(text: str) -> bool:
    from rigour.names.org_types import extract_org_types

    return bool(extract_org_types(text, generic=True))


def _legal_form_words(latin: Sequence[tuple[str, ...]]) -> set[int]:
    """Positions of the words inside a legal form (``Limited Liability Company``, ``OOO``)."""
    from rigour.names.org_types import extract_org_types

    flat = [(t, i) for i, tokens in enumerate(latin) for t in tokens]
    text = " ".join(t for t, _ in flat)
    out: set[int] = set()
    for matched, _target in extract_org_types(text, generic=True):
        size = len(matched.split())
        words = [t for t, _ in flat]
        for start in range(len(flat) - size + 1):
            if " ".join(words[start : start + size]) == matched:
                out.update(i for _, i in flat[start : start + size])
    return out


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, line or list item."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


@dataclass(slots=True)
class _Lexeme:
    """What the index knows of one word of the text."""

    role: str  # "listed" (in some listed name), "minor" (passed over) or "unknown" (ends spans)
    weight: float = 0.0
    postings: np.ndarray = field(default_factory=lambda: _EMPTY)
    title: bool = False  # a news title ("President", "CEO"): not part of a longer name
    attached: bool = False  # a particle or legal form: joins the name it stands beside


@dataclass(slots=True)
class _Run:
    """One run's words as looked up, its windows, and (once needed) its legal-form words."""

    lex: list[_Lexeme]
    windows: list[tuple[int, int, float]]
    forms: set[int] | None = None


@dataclass(slots=True)
class _Scored:
    """A kept hit of one window text, with what the context rules need."""

    hit: Hit
    cover: float
    exact: bool


@dataclass
class EntityMention:
    start: int
    end: int
    hits: list[Hit]

    @property
    def score(self) -> float:
        return self.hits[0].score


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two sorted arrays of name numbers: those in both (binary search of the shorter)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    return a[b[pos] == a]


class EntityFinder:
    """Finds mentions of listed parties; keep one per screener to reuse its memo tables."""

    def __init__(self, screener: Screener, *, accept: float = ACCEPT_SCORE):
        self.screener = screener
        self.index = screener.index
        self.weight = screener.matcher.weight
        self.accept = accept
        self._lexemes: dict[str, _Lexeme] = {}
        self._runs: dict[tuple[str, ...], _Run] = {}
        self._checked: dict[str, list[_Scored]] = {}
        self._name_total = np.asarray(self.index.name_total, dtype=np.float64)
        self.checks = 0  # windows sent to the matcher (benchmarks report it)

    # -- words -------------------------------------------------------------------------------

    def lexeme(self, word: str) -> _Lexeme:
        found = self._lexemes.get(word)
        if found is None:
            found = self._lexemes[word] = self._lexeme(word)
        return found

    def _lexeme(self, word: str) -> _Lexeme:
        latin = latin_tokens(word)
        title = len(latin) == 1 and latin[0] in _news_titles()
        keys = self._keys(latin)
        if keys is None:
            return _Lexeme("unknown", title=title)
        if not keys:
            particles, stop, _aside = _matcher_terms()
            words = [t for t in latin if t not in stop and len(t) > 1]
            attached = bool(words) and all(t in particles or _is_legal_form(t) for t in words)
            return _Lexeme("minor", title=title, attached=attached)
        postings: np.ndarray | None = None
        symbols = self.index.symbols
        for k in keys:
            found = self.index.lookup(["k:" + k, *(f"y:{s}" for s in symbols.get(k, ()))])
            arrays = [a for a in found if len(a)]
            names = np.unique(np.concatenate(arrays)) if len(arrays) > 1 else arrays[0]
            postings = names if postings is None else _intersect(postings, names)
        if postings is None or not len(postings):
            return _Lexeme("unknown", title=title)
        weight = sum(self.weight(k) for k in keys)
        return _Lexeme("listed", weight, np.asarray(postings), title)

    def _keys(self, latin: tuple[str, ...]) -> list[str] | None:
        """The index keys of a word's tokens: [] when it is only particles, titles or legal
        forms; None when a token is in no listed name."""
        df = self.index.df
        particles, stop, aside = _matcher_terms()
        keys: list[str] = []
        for token in latin:
            if len(token) == 1 or token in particles or token in stop:
                continue
            k = key(token)
            if k in df:
                # LLC, JSC, OOO are legal forms wherever they stand, even where a listed
                # name kept one as a word.
                if len(token) > 5 or not _is_legal_form(token):
                    keys.append(self._form_word_key(token, k, aside))
                continue
            if token in aside or _is_legal_form(token):
                continue
            # Not written so in any listed name: read it as the matcher reads names (the
            # index holds Abdoulaye as abd + aye, Holdings as holding).
            form = prepare(token, PERSON)
            more = [fk for ft, fk in zip(form.tokens, form.keys) if len(ft) > 1]
            if not more and token.endswith("s"):
                more = [key(token[:-1])]
            if any(fk not in df for fk in more):
                return None
            keys.extend(more)
        return keys

    def _form_word_key(self, token: str, k: str, aside: frozenset[str]) -> str:
        """A plural form word as the matcher corrects it (Holdings → holding)."""
        if token.endswith("s") and token[:-1] in aside:
            singular = key(token[:-1])
            if singular in self.index.df:
                return singular
        return k

    # -- windows -----------------------------------------------------------------------------

    def windows(self, lex: Sequence[_Lexeme]) -> list[tuple[int, int, float]]:
        """``(first, last, estimate)`` windows of one run's words, longest first.

        ``estimate`` is the largest share of one listed name's word weight the window's words
        could explain: every window word in that name, matched exactly.
        """
        found: list[tuple[int, int, float]] = []
        total = self._name_total
        for a, la in enumerate(lex):
            if la.role != "listed":
                continue
            names, mass, count = la.postings, la.weight, 1
            estimate = float(np.max(mass / total[names]))
            if estimate >= WINDOW_COVER_MIN:
                found.append((a, a, estimate))
            for b in range(a + 1, len(lex)):
                lb = lex[b]
                if lb.role == "minor":
                    continue
                if lb.role == "unknown" or count == MAX_WINDOW:
                    break
                names = _intersect(names, lb.postings)
                if not len(names):
                    break
                mass += lb.weight
                count += 1
                estimate = float(np.max(mass / total[names]))
                if estimate >= WINDOW_COVER_MIN:
                    found.append((a, b, estimate))
        found.sort(key=lambda w: (w[0] - w[1], w[0]))
        return found

    def _run(self, words: tuple[str, ...]) -> _Run:
        found = self._runs.get(words)
        if found is None:
            lex = [self.lexeme(w) for w in words]
            found = self._runs[words] = _Run(lex, self.windows(lex))
        return found

    # -- checks ------------------------------------------------------------------------------

    def check(self, query: str) -> list[_Scored]:
        """Kept hits of one window's text, best first (memoised)."""
        found = self._checked.get(query)
        if found is None:
            self.checks += 1
            abjad = any(ord(c) in _ABJAD for c in query)
            # Checked at the acceptance score, which lets the matcher retrieve fewer candidates;
            # hits under it (match=False) but at the ordinary threshold are still linked.
            try:
                hits = self.screener.check(query, threshold=self.accept, limit=CHECK_LIMIT)
            except UnreadableName:  # a window of marks or of a script nothing reads
                hits = []
            scored = (self._score(h, abjad) for h in hits if h.score >= LINK_SCORE)
            found = self._checked[query] = [s for s in scored if s is not None]
        return found

    def _score(self, hit: Hit, abjad: bool) -> _Scored | None:
        name = hit.explanation.get("name")
        if not name or not name.get("aligned"):
            return None
        allowed = STRONG_HOW | ABJAD_HOW if abjad else STRONG_HOW
        aligned = name["aligned"]
        if any(p["how"] not in allowed and p["sim"] < STRONG_SIM for p in aligned):
            return None
        explained = sum(self._weigh(p["listed"]) for p in aligned)
        missing = sum(self._weigh(t) for t in name.get("unmatched_listed", ()))
        cover = explained / (explained + missing) if explained else 0.0
        if cover < LISTED_COVER_MIN:
            return None
        # ``match`` as the ordinary check would say it (the check ran at the stricter score).
        hit = replace(hit, match=hit.score >= LINK_SCORE)
        return _Scored(hit, cover, all(p["how"] == "exact" for p in aligned))

    def _weigh(self, words: str) -> float:
        return sum(self.weight(key(t)) for t in words.split() if len(t) > 1)

    def _accept(self, scored: list[_Scored], single: bool, fragment: bool) -> list[Hit]:
        """The hits a window's context lets through, or [] when it is no mention."""
        if single:
            scored = [
                s
                for s in scored
                if s.exact and s.cover >= FULL_COVER and s.hit.schema in SINGLE_WORD_SCHEMAS
            ]
        need = FULL_COVER if single or fragment else LISTED_COVER_MIN
        if not any(s.hit.score >= self.accept and s.cover >= need for s in scored):
            return []
        return [s.hit for s in scored]

    # -- a whole text ------------------------------------------------------------------------

    def find(
        self, tokens: Tokens, jurisdiction_words: Set[int] = frozenset()
    ) -> list[EntityMention]:
        """Entity mentions among ``tokens``; ``jurisdiction_words`` are in jurisdiction terms."""
        mentions: list[EntityMention] = []
        mid_sentence: set[str] | None = None
        text, ws, kinds = tokens.text, tokens.words, tokens.kinds
        for first, last in tokens.runs():
            run = self._run(tuple(ws[first : last + 1]))
            if not run.windows:
                continue
            lex = run.lex
            if run.forms is None:
                run.forms = _legal_form_words(tokens.latin[first : last + 1])
            forms = run.forms
            # Words beside a window that do not make it a fragment of a longer name.
            aside = [
                lx.role == "minor"
                or lx.title
                or i in forms
                or kinds[first + i] == CONNECTOR
                or first + i in jurisdiction_words
                for i, lx in enumerate(lex)
            ]
            done: list[tuple[int, int]] = []
            found: list[EntityMention] = []
            failed = 0
            for a, b, estimate in run.windows:
                if failed == MAX_FAILED_CHECKS:
                    break
                if any(x <= a and b <= y for x, y in done):
                    continue  # inside a window that already became a mention
                if all(first + i in jurisdiction_words for i in range(a, b + 1)):
                    continue
                start, end = tokens.span(first + a, first + b)
                single = sum(lex[i].role == "listed" for i in range(a, b + 1)) == 1
                lo, hi = _segment(ws, first, last, a, b)
                fragment = not all(aside[i] for i in range(lo, hi + 1) if i < a or i > b)
                if single and fragment:
                    continue
                if (single or fragment) and estimate < WINDOW_FULL_COVER_MIN:
                    continue
                if single and sentence_initial(text, start):
                    if mid_sentence is None:
                        mid_sentence = _mid_sentence_words(tokens)
                    if ws[first + a] not in mid_sentence:
                        continue
                hits = self._accept(self.check(text[start:end]), single, fragment)
                if not hits:
                    failed += 1
                    continue
                done.append((a, b))
                while a > 0 and (lex[a - 1].attached or a - 1 in forms):
                    a -= 1
                while b < len(lex) - 1 and (lex[b + 1].attached or b + 1 in forms):
                    b += 1
                found.append(EntityMention(*tokens.span(first + a, first + b), hits))
            # Windows of different runs never overlap; of one run, the best is kept.
            mentions.extend(_best_of_overlaps(found) if len(found) > 1 else found)
        return mentions


def _segment(ws: Sequence[str], first: int, last: int, a: int, b: int) -> tuple[int, int]:
    """The part of a run (positions from ``first``) between the list connectors around the
    window ``a..b`` ("Hezbollah and Gazprom": each name is its own part)."""
    joiners = _list_connectors()
    lo, hi = a, b
    while lo > 0 and ws[first + lo - 1] not in joiners:
        lo -= 1
    while first + hi < last and ws[first + hi + 1] not in joiners:
        hi += 1
    return lo, hi


def _mid_sentence_words(tokens: Tokens) -> set[str]:
    """Words the text capitalises where no sentence starts: it treats them as names."""
    text = tokens.text
    return {
        w
        for w, kind, start in zip(tokens.words, tokens.kinds, tokens.starts)
        if kind == NAME and not sentence_initial(text, start)
    }


def _best_of_overlaps(mentions: list[EntityMention]) -> list[EntityMention]:
    ranked = sorted(mentions, key=lambda m: (-m.score, m.start - m.end, m.start))
    kept: list[EntityMention] = []
    for m in ranked:
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
