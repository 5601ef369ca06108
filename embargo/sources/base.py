"""The contract every publisher module follows, and the helpers they share.

A source module is a plain Python module with these names:

``NAME``       short id of the source, e.g. ``"us_ofac_sdn"`` (its folder name under ``--from``)
``TITLE``      human title, e.g. ``"US OFAC Specially Designated Nationals"``
``PUBLISHER``  who publishes it, e.g. ``"US Treasury OFAC"``
``DOWNLOADS``  list of :class:`Download` (official addresses, the file name to store each under)
``parse(folder, ctx)``  a generator of FollowTheMoney entities read from the files in ``folder``

Listed parties are made with :meth:`ParseContext.make` (they carry the publisher reference
and count as the source's records); helper entities (Sanction, UnknownLink, CryptoWallet…)
with :meth:`ParseContext.make_aux`.  Bad input raises :class:`ParseError` naming source,
file and position; recoverable oddities are counted with :meth:`ParseContext.warn`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from embargo.sources.dates import parse_dates

__all__ = [
    "Download",
    "EntityProxy",
    "ParseContext",
    "ParseError",
    "clean_text",
    "country_code",
]


@dataclass(frozen=True)
class Download:
    """One file a publisher serves, and the name it is stored under locally."""

    url: str
    filename: str
    required: bool = True


class ParseError(Exception):
    """A source file that cannot be read; the message names source, file and position."""

    def __init__(self, source: str, file: str, position: str | None, message: str):
        self.source = source
        self.file = file
        self.position = position
        self.message = message
        where = f"{file} {position}" if position else file
        super().__init__(f"{source}: {where}: {message}")


@dataclass
class ParseContext:
    """Per-run state handed to a source's ``parse``: id making, warnings, metadata."""

    source: str
    published: str | None = None
    warnings: Counter[str] = field(default_factory=Counter)
    warning_examples: dict[str, str] = field(default_factory=dict)
    _refs: set[str] = field(default_factory=set, repr=False)

    def make_id(self, *parts: object) -> str:
        slug = "-".join(_slug(str(p)) for p in parts if p is not None and str(p) != "")
        if not slug:
            raise ValueError("an entity id needs at least one non-empty part")
        # FtM accepts only letters, digits, "." and "-" in ids (references to other ids are
        # dropped otherwise), so the source name's "_" and ":" become "-".
        return f"{_slug(self.source).replace('_', '-')}-{slug.replace('_', '-')}"

    def make(self, schema: str, ref: str, *, list_name: str | None = None) -> EntityProxy:
        """A listed party: its id comes from the publisher reference ``ref``."""
        entity = model.make_entity(schema)
        entity.id = self.make_id(ref)
        entity.context = {
            "datasets": [self.source],
            "ref": str(ref),
            "target": True,
        }
        if list_name:
            entity.context["list"] = list_name
        return entity

    def make_aux(self, schema: str, *parts: object) -> EntityProxy:
        """A helper entity (sanction, link, wallet…) that is not itself a listed party."""
        entity = model.make_entity(schema)
        entity.id = self.make_id(schema.lower(), *parts)
        entity.context = {"datasets": [self.source]}
        return entity

    def error(self, file: str | Path, position: str | None, message: str) -> ParseError:
        return ParseError(self.source, Path(file).name, position, message)

    def first(self, ref: str, kind: str) -> bool:
        """True the first time a publisher reference is seen; a repeat is counted as ``kind``."""
        if ref in self._refs:
            self.warn(kind, ref)
            return False
        self._refs.add(ref)
        return True

    def warn(self, kind: str, example: str = "") -> None:
        """Count a recoverable oddity (e.g. an alias row naming no known entry)."""
        self.warnings[kind] += 1
        if example and kind not in self.warning_examples:
            self.warning_examples[kind] = example


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = re.sub(r"[^0-9A-Za-z._]+", "-", text).strip("-")
    return text or "x"


def clean_text(value: object) -> str | None:
    """Strip, collapse white space, drop publisher null markers (``-0-``, ``N/A``…)."""
    if value is None:
        return None
    text = str(value).replace("\u00a0", " ")
    text = " ".join(text.split())
    if text in _NULLS or text.lower() in _NULLS:
        return None
    return text


_NULLS = {"", "-0-", "-", "--", "n/a", "na", "none", "null", "nan", "unknown", "not known"}


def country_code(text: str | None) -> str | None:
    """An ISO code for a country name or code, or ``None`` if it is not one."""
    if not text:
        return None
    return registry.country.clean(text)


def add_dates(entity: EntityProxy, prop: str, text: str | None) -> None:
    """Add every date (exact, year, range, circa) that ``text`` expresses."""
    for value in parse_dates(text):
        entity.add(prop, value)


def add_all(entity: EntityProxy, prop: str, values: Iterable[str | None]) -> None:
    for value in values:
        value = clean_text(value)
        if value:
            entity.add(prop, value)
