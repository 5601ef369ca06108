"""Scan a document: its main text, then listed parties, sanctioned jurisdictions and flagged
places named in it, each mention with its character offsets into that main text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from embargo.match.engine import Hit
from embargo.scan.entities import EntityFinder
from embargo.scan.extract import Extracted, extract
from embargo.scan.places import PlaceFinder
from embargo.scan.words import Reader
from embargo.screener import Screener
from embargo.shipment.rules import RuleSet

KINDS = ("entity", "jurisdiction", "place")
# A place named through its region only (Tatarstan for the Alabuga zone) is a weaker mention.
PRECISION_SCORE = {"exact": 1.0, "region": 0.5}
OFFSETS_NOTE = "start/end are character offsets into `text`, the extracted main text"


@dataclass
class Mention:
    """A stretch of the text naming a listed party, a jurisdiction or a flagged place."""

    text: str
    start: int
    end: int
    kind: str  # entity, jurisdiction or place
    score: float
    hits: list[Hit] = field(default_factory=list)
    details: dict[str, Any] | None = None  # the jurisdiction or place

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "score": round(self.score, 4),
            "hits": [h.to_dict() for h in self.hits],
        }
        if self.details is not None:
            out[self.kind] = self.details
        return out


@dataclass
class ScanResult:
    text: str
    extraction: str
    mentions: list[Mention]
    source: str | None = None
    dataset_version: str | None = None
    title: str | None = None

    def of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "extraction": self.extraction,
            "dataset_version": self.dataset_version,
            "offsets": OFFSETS_NOTE,
            "text": self.text,
            "mentions": [m.to_dict() for m in self.mentions],
        }


class Scanner:
    """Reusable across documents: word lookups and checks are memoised per scanner.

    Without a screener only jurisdictions and places are looked for.
    """

    def __init__(self, screener: Screener | None, rules: RuleSet | None = None):
        self.screener = screener
        self.places = PlaceFinder(rules)
        self.reader = Reader(self.places.lower_words, self.places.entries)
        self.entities = EntityFinder(screener) if screener is not None else None

    def scan_document(
        self,
        raw: str,
        *,
        source: str | None = None,
        url: str | None = None,
        html: bool | None = None,
    ) -> ScanResult:
        """Extract the main text of ``raw`` (HTML or plain text), then scan it."""
        extracted = extract(raw, url=url, html=html)
        return self.scan_text(extracted.text, source=source or url, extracted=extracted)

    def scan_text(
        self, text: str, *, source: str | None = None, extracted: Extracted | None = None
    ) -> ScanResult:
        """Scan ``text`` as it is (offsets are into ``text``)."""
        tokens = self.reader.read(text)
        found = self.places.find(tokens)
        mentions = [
            Mention(
                text[f.start : f.end],
                f.start,
                f.end,
                f.kind,
                PRECISION_SCORE.get(f.info.get("precision", "exact"), 1.0),
                details=f.info,
            )
            for f in found
        ]
        if self.entities is not None:
            inside = {
                i
                for f in found
                if f.kind == "jurisdiction"
                for i in range(f.words[0], f.words[1] + 1)
            }
            for m in self.entities.find(tokens, inside):
                mentions.append(
                    Mention(text[m.start : m.end], m.start, m.end, "entity", m.score, m.hits)
                )
        mentions.sort(key=lambda m: (m.start, KINDS.index(m.kind), -m.end))
        return ScanResult(
            text=text,
            extraction=extracted.method if extracted else "none",
            mentions=mentions,
            source=source,
            dataset_version=self.screener.version.version if self.screener else None,
            title=extracted.title if extracted else None,
        )
