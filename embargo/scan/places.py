"""Sanctioned jurisdictions and flagged places (ports, zones, airfields) named in a text.

Jurisdictions are found by the names and adjectives of ``data/jurisdiction_terms.csv``
(English, Russian, Persian, Arabic: ``Iran``, ``Iranian``, ``Ирана``, ``ایران``). How each one
is flagged (embargoed or high-risk, and why) is the shipment rules' jurisdiction table
(``embargo/shipment/data/jurisdictions.csv``), so a scan and a shipment screen agree; the few
this package adds are in ``data/jurisdictions.csv``.

Flagged places are the shipment package's: the places of ``flagged_locations.csv`` and their
spellings in ``place_aliases.csv`` (``Alabuga``, ``Елабуга``, ``Yelabuga``, ``Bandar-e
Amirabad``, UN/LOCODEs), read through the shipment package's place scanner. That scanner says
which place a field names; this module walks the same alias table word by word with the words'
offsets, so each mention points at its characters in the text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embargo.names import latinize
from embargo.scan.words import Tokens
from embargo.shipment.places import scanner
from embargo.shipment.rules import JURISDICTION_LEVELS, PlaceAlias, RuleSet, load_rules

DATA = Path(__file__).resolve().parent / "data"
TERMS_FILE = "jurisdiction_terms.csv"
EXTRA_FILE = "jurisdictions.csv"
FORMS = ("name", "adjective")


class ScanDataError(ValueError):
    """A scan data file has a bad row; the message names the file, row and column."""


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str
    name: str
    level: str
    why: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "why": self.why,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Found:
    """One jurisdiction or place named at ``start:end``."""

    start: int
    end: int
    kind: str  # "jurisdiction" or "place"
    info: dict[str, Any]
    words: tuple[int, int]  # first and last word, as indices into the Tokens read


def _data_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV with their spreadsheet row numbers (the header is row 1)."""
    try:
        fh = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise ScanDataError(f"{path}: {exc.strerror or exc}") from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ScanDataError(f"{path}: missing column(s) {', '.join(missing)}")
        for n, row in enumerate(reader, 2):
            for column in required:
                if not (row.get(column) or "").strip():
                    raise ScanDataError(f"{path} row {n} column {column}: empty")
            yield n, {k: (v or "").strip() for k, v in row.items() if k}


def jurisdictions(rules: RuleSet, data: Path = DATA) -> dict[str, Jurisdiction]:
    """The shipment rules' jurisdictions, plus this package's additions (which may not clash)."""
    out = {
        code: Jurisdiction(j.code, j.name, j.level, j.why, j.source)
        for code, j in rules.jurisdictions.items()
    }
    path = data / EXTRA_FILE
    for n, row in _data_rows(path, ("code", "name", "level", "why", "source")):
        code = row["code"].lower()
        if code in out:
            raise ScanDataError(
                f"{path} row {n} column code: {code!r} is already in the shipment rules'"
                " jurisdictions; edit it there"
            )
        if row["level"] not in JURISDICTION_LEVELS:
            raise ScanDataError(
                f"{path} row {n} column level: {row['level']!r}, use one of "
                + ", ".join(JURISDICTION_LEVELS)
            )
        out[code] = Jurisdiction(code, row["name"], row["level"], row["why"], row["source"])
    return out


class PlaceFinder:
    """Jurisdiction terms and flagged-place aliases in a text, with offsets.

    Both are looked up the way the shipment scanner looks up aliases: as sequences of
    latinised words (``Ирана`` → irana, ``ایران`` → iran), longest first, the words next to
    each other in the text. Latin-script terms are found where the text writes them as
    proper nouns are written (``Iran``, ``IRAN``); lower-case words inside an alias as
    written (``port`` in ``Amirabad port``) are found lower-case too.
    """

    def __init__(self, rules: RuleSet | None = None, data: Path = DATA):
        """``data`` holds ``jurisdiction_terms.csv`` and ``jurisdictions.csv``."""
        self.rules = rules or load_rules()
        self.jurisdictions = jurisdictions(self.rules, data)
        table: dict[tuple[str, ...], list[tuple[str, Any]]] = {}
        written: list[str] = []
        path = data / TERMS_FILE
        for n, row in _data_rows(path, ("code", "term", "form")):
            term, code, form = row["term"], row["code"].lower(), row["form"]
            if code not in self.jurisdictions:
                raise ScanDataError(
                    f"{path} row {n} column code: {code!r} is in no jurisdiction table "
                    f"(the shipment rules' or {EXTRA_FILE})"
                )
            if form not in FORMS:
                raise ScanDataError(
                    f"{path} row {n} column form: {form!r}, use one of {', '.join(FORMS)}"
                )
            tokens = tuple(latinize(term).split())
            if not tokens:
                raise ScanDataError(f"{path} row {n} column term: empty once latinised")
            entry = table.setdefault(tokens, [])
            if not entry:
                entry.append(("jurisdiction", (code, form)))
            written.append(term)
        for tokens, aliases in scanner(self.rules).aliases.items():
            table.setdefault(tokens, []).extend(("place", a) for a in aliases)
            written.extend(a.alias for a in aliases)
        self._table = table
        self._longest = max(len(k) for k in table)
        self.entries = frozenset(k[0] for k in table)
        self.lower_words = frozenset(
            w.lower()
            for text in written
            for w in re.findall(r"[^\W_]+", text)
            if w.isascii() and w[0].islower()
        )

    def find(self, tokens: Tokens) -> list[Found]:
        """Every jurisdiction term and place alias in ``tokens``, in text order."""
        out = []
        for first, last, values in self._matches(tokens):
            start, end = tokens.span(first, last)
            for kind, value in values:
                if kind == "jurisdiction":
                    code, form = value
                    info = {**self.jurisdictions[code].to_dict(), "form": form}
                    out.append(Found(start, end, "jurisdiction", info, (first, last)))
                else:
                    out.append(Found(start, end, *self._describe(value), (first, last)))
        return out

    def _matches(self, tokens: Tokens) -> list[tuple[int, int, list[tuple[str, Any]]]]:
        """``(first word, last word, entries)``: longest first, left to right, no overlaps."""
        latin, adjacent, n = tokens.latin, tokens.adjacent, len(tokens)
        table, longest = self._table, self._longest
        out = []
        free = 0  # the first word not yet inside a match
        for i in tokens.entries:
            if i < free:
                continue
            seq: list[str] = []
            owner: list[int] = []
            j = i
            while j < n and len(seq) < longest and (j == i or adjacent[j]):
                for t in latin[j]:
                    seq.append(t)
                    owner.append(j)
                j += 1
            for size in range(min(len(seq), longest), 0, -1):
                values = table.get(tuple(seq[:size]))
                if values is not None:
                    out.append((i, owner[size - 1], values))
                    free = owner[size - 1] + 1
                    break
        return out

    def _describe(self, alias: PlaceAlias) -> tuple[str, dict[str, Any]]:
        base = {"alias": alias.alias, "precision": alias.precision, "note": alias.note}
        place = self.rules.places.get(alias.place)
        if place is None:
            # An alias of a jurisdiction itself (Crimea, the so-called DNR and their cities).
            return "jurisdiction", {**self.jurisdictions[alias.place].to_dict(), **base}
        return "place", {
            "key": place.key,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "locode": place.locode,
            "why": place.why,
            "source": place.source,
            **base,
        }
