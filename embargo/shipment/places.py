"""Where a shipment goes: flagged places and countries found in route fields and free text.

Free text (an address, a port name, a party's name) is latinised word by word with
``embargo.names.latinize`` — so ``Елабуга`` and ``Yelabuga`` are the same three syllables — and
scanned for the aliases of ``place_aliases.csv`` (longest alias first), then for country and
territory names from rigour's territory table (``Dubai`` → AE, ``Sevastopol`` → Crimea).
Short words are not taken as countries (``de``, ``in``, ``and`` are not Germany, India, Andorra)
unless written as an upper-case three-letter code (``UAE``, ``RUS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from embargo.names import clean, latinize
from embargo.shipment.countries import country_code, name_code
from embargo.shipment.rules import FlaggedPlace, Jurisdiction, PlaceAlias, RuleSet

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_COUNTRY_WORDS = 3


@dataclass(frozen=True)
class PlaceHit:
    """A flagged place or a jurisdiction recognised in a piece of text."""

    key: str
    alias: str
    matched: str
    precision: str
    where: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.key,
            "alias": self.alias,
            "matched": self.matched,
            "precision": self.precision,
            "where": self.where,
        }


@dataclass(frozen=True)
class CountryHit:
    code: str
    matched: str
    where: str


@dataclass
class TextScan:
    places: list[PlaceHit]
    countries: list[CountryHit]


def _words(text: str) -> list[tuple[str, str]]:
    """(latinised token, original word) pairs; one original word may give several tokens."""
    out = []
    for word in _WORD.findall(clean(text)):
        for token in latinize(word).split():
            out.append((token, word))
    return out


class PlaceScanner:
    """Alias and country lookups over free text, built once per rule set."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.aliases: dict[tuple[str, ...], list[PlaceAlias]] = {}
        for alias in rules.aliases:
            self._add(alias)
        # Every flagged place is also found by its UN/LOCODE, with or without the space.
        for place in rules.places.values():
            if place.locode:
                for form in (place.locode, f"{place.locode[:2]} {place.locode[2:]}"):
                    tokens = tuple(latinize(form).split())
                    self._add(PlaceAlias(place.key, form, tokens, "exact", "UN/LOCODE"))
        self.max_alias = max((len(k) for k in self.aliases), default=1)
        self.not_countries = {" ".join(t) for t in rules.terms.get("not_a_country", [])}

    def _add(self, alias: PlaceAlias) -> None:
        """Spellings that latinise alike (Елабуга, Yelabuga) count once per place."""
        known = self.aliases.setdefault(alias.tokens, [])
        if not any(a.place == alias.place and a.precision == alias.precision for a in known):
            known.append(alias)

    def scan(self, text: str | None, where: str) -> TextScan:
        if not text:
            return TextScan([], [])
        words = _words(text)
        tokens = [t for t, _ in words]
        places: list[PlaceHit] = []
        used = [False] * len(tokens)
        i = 0
        while i < len(tokens):
            for n in range(min(self.max_alias, len(tokens) - i), 0, -1):
                found = self.aliases.get(tuple(tokens[i : i + n]))
                if found:
                    matched = " ".join(dict.fromkeys(w for _, w in words[i : i + n]))
                    for alias in found:
                        places.append(
                            PlaceHit(alias.place, alias.alias, matched, alias.precision, where)
                        )
                    for k in range(i, i + n):
                        used[k] = True
                    i += n
                    break
            else:
                i += 1
        countries = self._countries(words, used, where)
        return TextScan(places, countries)

    def _countries(
        self, words: list[tuple[str, str]], used: list[bool], where: str
    ) -> list[CountryHit]:
        out = []
        i = 0
        while i < len(words):
            step = 1
            for n in range(min(MAX_COUNTRY_WORDS, len(words) - i), 0, -1):
                if any(used[i : i + n]):
                    continue
                phrase = " ".join(t for t, _ in words[i : i + n])
                if phrase in self.not_countries:
                    step = n
                    break
                shape = self._country_shape(words[i : i + n])
                if shape is None:
                    continue
                code = country_code(phrase) if shape == "code" else name_code(phrase)
                if code:
                    matched = " ".join(dict.fromkeys(w for _, w in words[i : i + n]))
                    out.append(CountryHit(code, matched, where))
                    step = n
                    break
            i += step
        return out

    @staticmethod
    def _country_shape(chunk: list[tuple[str, str]]) -> str | None:
        """ "name", "code" (an upper-case three-letter word such as UAE or RUS) or None."""
        if len(chunk) > 1:
            return "name" if sum(len(t) for t, _ in chunk) >= 4 else None
        token, original = chunk[0]
        if len(token) >= 4:
            return "name"
        if len(token) == 3 and original.isascii() and original.isalpha() and original.isupper():
            return "code"
        return None

    def place(self, key: str) -> FlaggedPlace | None:
        return self.rules.places.get(key)

    def jurisdiction(self, code: str) -> Jurisdiction | None:
        return self.rules.jurisdictions.get(code.lower())

    def country_of_place(self, key: str) -> str | None:
        place = self.rules.places.get(key)
        if place is not None:
            return place.country
        return key.lower() if key.lower() in self.rules.jurisdictions else None


_SCANNERS: dict[str, PlaceScanner] = {}


def scanner(rules: RuleSet) -> PlaceScanner:
    """The scanner for a rule set, reused while the rule data does not change."""
    found = _SCANNERS.get(rules.version)
    if found is None or found.rules is not rules:
        found = PlaceScanner(rules)
        _SCANNERS.clear()
        _SCANNERS[rules.version] = found
    return found
