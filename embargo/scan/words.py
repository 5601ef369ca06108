"""The words of a text worth a second look, with their character offsets, read in one pass.

A word is a run of letters and digits (with the combining marks and zero-width non-joiners
that belong inside Arabic-script and Indic words). Most words of an article are lower-case
prose and are only counted as gaps; the rest are kept with their offsets:

* ``name`` words may be part of a name: capitalised (``Alabuga``, ``U``, ``RUSSIA``), a digit
  run with capitals (``2A``), or in a script outside Latin (Cyrillic, Persian, Chinese — a
  Russian company name keeps its lower-case words);
* ``connector`` words may sit inside a name (``of``, ``the``, ``bin``; ``data/text_rules.toml``);
* ``number`` words may continue a name (``Office 39``, ``Fu Yuan Yu 8654``);
* ``other`` words are lower-case words a jurisdiction term or a place alias uses (``iran``,
  ``port`` in ``Amirabad port``).

A *run* is a stretch of kept words that could hold one name: ``name`` words joined by a
space, a hyphen, an ampersand, an apostrophe inside a word (``O'Brien``) or the dot of an
initial (``U.S. Treasury``), with connectors allowed inside (``Central Bank of the Russian
Federation``). Commas, sentence ends, line breaks and lower-case prose close a run.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from embargo.names import latinize

_TAIL = (
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0dff\u200c])*"
)
_WORDCHAR = re.compile(r"[^\W_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# What may stand between two words of one run: one or two spaces, a hyphen, an apostrophe,
# an ampersand with its spaces.
_JOIN = re.compile(r"[ \u00a0]{1,2}|-|[ \u00a0]?&[ \u00a0]?|['’]")
_ABBREVIATION_DOT = re.compile(r"\.[ \u00a0]?")
MAX_RUN = 12  # longer runs of capitalised words are cut; a listed name has at most ~8 words

NAME, CONNECTOR, NUMBER, OTHER = "name", "connector", "number", "other"


@cache
def text_rules() -> dict:
    """``data/text_rules.toml``: connectors, news titles, headline-list headings, navigation."""
    raw = resources.files("embargo.scan").joinpath("data/text_rules.toml").read_text("utf-8")
    return tomllib.loads(raw)


@cache
def connectors() -> frozenset[str]:
    return frozenset(text_rules()["spans"]["connectors"])


def latin_tokens(word: str) -> tuple[str, ...]:
    """A word as the lower-case ASCII tokens names are compared in (``Елабуга`` → yelabuga)."""
    # Letters-and-digits ASCII words latinise to themselves in lower case.
    return (word.lower(),) if word.isascii() else tuple(latinize(word).split())


def shape(word: str) -> str | None:
    """``name``, ``connector``, ``number`` or None (lower-case prose)."""
    first = word[0]
    if first.isupper() or (first.isdigit() and any(c.isupper() for c in word)):
        return NAME
    if word.isdigit():
        return NUMBER
    if not first.isascii() and first.isalpha() and not _LATIN.match(first):
        return NAME  # no letter case (Arabic, Han), or case that names do not keep (Russian)
    if word in connectors():
        return CONNECTOR
    return None


@dataclass
class Tokens:
    """The kept words of one text, in order, as parallel lists."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    latin: list[tuple[str, ...]] = field(default_factory=list)
    adjacent: list[bool] = field(default_factory=list)  # no word between it and the previous one
    joined: list[bool] = field(default_factory=list)  # ... and the gap keeps them in one run
    entries: list[int] = field(default_factory=list)  # tokens a term or place alias may start at

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.starts[first], self.ends[last]

    def runs(self) -> list[tuple[int, int]]:
        """``(first, last)`` token indices of each run of name words, connectors trimmed."""
        out: list[tuple[int, int]] = []
        kinds, joined = self.kinds, self.joined
        start = -1
        for i, kind in enumerate(kinds):
            if start >= 0:
                if kind != OTHER and joined[i] and i - start < MAX_RUN:
                    continue
                _close(out, kinds, start, i - 1)
                start = -1
            if kind == NAME:
                start = i
        if start >= 0:
            _close(out, kinds, start, len(kinds) - 1)
        return out


def _close(out: list[tuple[int, int]], kinds: list[str], first: int, last: int) -> None:
    while last > first and kinds[last] == CONNECTOR:
        last -= 1
    out.append((first, last))


def _joins(gap: str, previous: str) -> bool:
    if gap == " " or _JOIN.fullmatch(gap):
        return True
    # "U.S. Treasury", "J. Smith": the dot after an initial or a short all-capitals word.
    return bool(_ABBREVIATION_DOT.fullmatch(gap)) and (
        len(previous) <= 2 or (len(previous) <= 4 and previous.isupper())
    )


class Reader:
    """Reads texts into :class:`Tokens`; remembers what it learnt of each distinct word.

    Only words that can matter are visited: those starting with a capital, a digit or a
    letter outside ASCII, the connectors, and ``lower_words`` (lower-case words written in
    place aliases, like ``port`` in ``Amirabad port``). Whether two kept words are adjacent
    is read off the gap between them (no letter or digit in it). ``entries`` are latinised
    words a jurisdiction term or a place alias starts with; the tokens starting with one are
    listed in :attr:`Tokens.entries`.
    """

    def __init__(self, lower_words: Iterable[str] = (), entries: Iterable[str] = ()):
        lows = sorted(set(connectors()) | set(lower_words), key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![^\W_])(?:[^\W_a-z]|(?:"
            + "|".join(re.escape(w) for w in lows)
            + r")(?![^\W_]))"
            + _TAIL
        )
        self._entries = frozenset(entries)
        self._known: dict[str, tuple[str, tuple[str, ...], bool] | None] = {}

    def _learn(self, word: str) -> tuple[str, tuple[str, ...], bool] | None:
        kind = shape(word)
        latin = latin_tokens(word)
        if kind is None:
            if not word.isascii() or not word.islower():
                return None  # lower-case prose that merely starts outside ASCII (école)
            kind = OTHER
        return kind, latin, bool(latin) and latin[0] in self._entries

    def read(self, text: str) -> Tokens:
        out = Tokens(text)
        starts, ends, ws, kinds, latin = out.starts, out.ends, out.words, out.kinds, out.latin
        adjacent, joined, entries = out.adjacent, out.joined, out.entries
        known = self._known
        wordchar = _WORDCHAR.search
        prev_end = -1
        for m in self._pattern.finditer(text):
            word = m.group()
            try:
                info = known[word]
            except KeyError:
                info = known[word] = self._learn(word)
            if info is None:
                continue  # its letters stay in the gap: the words around it are not adjacent
            start, end = m.span()
            if prev_end < 0:
                adjacent.append(False)
                joined.append(False)
            elif start - prev_end == 1 and text[prev_end] == " ":
                adjacent.append(True)
                joined.append(True)
            elif wordchar(text, prev_end, start) is None:
                adjacent.append(True)
                joined.append(_joins(text[prev_end:start], ws[-1]))
            else:
                adjacent.append(False)
                joined.append(False)
            if info[2]:
                entries.append(len(ws))
            starts.append(start)
            ends.append(end)
            ws.append(word)
            kinds.append(info[0])
            latin.append(info[1])
            prev_end = end
        return out
