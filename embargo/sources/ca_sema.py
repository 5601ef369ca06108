"""Canada, Consolidated Special Economic Measures Act list (``sema-lema.xml``).

Each ``record`` is one listed person, entity or ship. The publisher numbers items per country
regulation and schedule (``Russia``, ``1, Part 2``, item ``136``), so the reference is those three
together: item numbers alone repeat across countries and schedules. The list carries no
generation date; the latest ``DateOfListing`` stands in for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from embargo.sources.base import (
    Download,
    EntityProxy,
    ParseContext,
    add_dates,
    clean_text,
    country_code,
)
from embargo.sources.dates import parse_dates
from embargo.sources.xml_stream import iter_records

NAME = "ca_sema"
TITLE = "Canada Consolidated Special Economic Measures Act Sanctions List"
PUBLISHER = "Global Affairs Canada"
FILENAME = "sema-lema.xml"
DOWNLOADS = [
    Download(
        "https://www.international.gc.ca/world-monde/assets/office_docs/"
        "international_relations-relations_internationales/sanctions/sema-lema.xml",
        FILENAME,
    ),
]

_ROOT = "data-set"
_RECORD = "record"
# Separators between the names packed into one Aliases cell ("A; B", "A or B", "A / B",
# "Russian: B"); commas are handled apart, as they also occur inside single names.
_ALIAS_SPLIT = re.compile(
    r"\s*;\s*|\s+or\s+|\s+OR\s+|\s*/\s+|\s+/\s*|\n"
    r"|\s*,?\s*\b(?:Belarus+ian|Russian|Ukrainian|Arabic|Persian|Farsi|Chinese|Hebrew)\s*:\s*"
)
# Connecting words left at the edge of a piece ("…; and ZAO Kronshtadt", "LEVY, Yinon AKA").
_NOISE = re.compile(r"^\s*(?:and|AKA|a\.k\.a\.?)\s+|\s+(?:AKA|a\.k\.a\.?)\s*$", re.IGNORECASE)
_AKA = re.compile(r"\(\s*(?:also known as|a\.k\.a\.?)\s+([^)]*)\)", re.IGNORECASE)
# Legal-form words that, after a comma, continue the same name ("Банк Зенит, ПАО").
_LEGAL_FORMS = {
    *"ао оао зао пао ооо мк ltd ltd. llc inc inc. jsc pjsc ojsc oao ooo ao".split(),
    *"co co. corp corp. limited".split(),
    "некоммерческое партнерство",
}


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one Person/Organization/Vessel (and its Sanction) per record."""
    path = folder / FILENAME
    if not path.is_file():
        raise ctx.error(path, None, "required file is missing")
    if path.stat().st_size == 0:
        raise ctx.error(path, "line 1", "file is empty")
    latest: str | None = None
    for record in _iter_records(path, ctx):
        fields = {child.tag: clean_text(child.text) for child in record}
        ref = _ref(fields)
        if ref is None:
            ctx.warn("record without Country or Item", f"line {record.sourceline}")
            continue
        if not ctx.first(ref, "duplicate Country/Schedule/Item"):
            continue
        entity = _entity(fields, ref, ctx)
        if entity is None:
            continue
        listed = fields.get("DateOfListing")
        if listed and (latest is None or listed > latest):
            latest = listed
        yield entity
        yield _sanction(entity, fields, ref, ctx)
    if latest:
        dates = parse_dates(latest)
        ctx.published = dates[0] if dates else None


def _iter_records(path: Path, ctx: ParseContext) -> Iterator[etree._Element]:
    return iter_records(path, ctx, root=_ROOT, records=(_RECORD,), what="a SEMA list")


def _english(bilingual: str) -> str:
    """``Russia / Russie`` → ``Russia``: the publisher writes English first."""
    return bilingual.split(" / ")[0].strip()


def _ref(fields: dict[str, str | None]) -> str | None:
    country, item = fields.get("Country"), fields.get("Item")
    if not country or not item:
        return None
    parts = [_english(country)]
    schedule = fields.get("Schedule")
    if schedule:
        parts.append("Schedule " + re.sub(r"\s*,\s*", ", ", schedule))
    parts.append("Item " + item)
    return " / ".join(parts)


def _entity(fields: dict[str, str | None], ref: str, ctx: ParseContext) -> EntityProxy | None:
    last, given = fields.get("LastName"), fields.get("GivenName")
    entity_name = fields.get("EntityOrShip")
    if fields.get("ShipIMONumber"):
        entity = ctx.make("Vessel", ref)
        entity.add("name", entity_name)
        entity.add("imoNumber", fields["ShipIMONumber"])
        entity.add("type", fields.get("TitleOrShip"))
        add_dates(entity, "buildDate", fields.get("DateOfBirthOrShipBuildDate"))
    elif last or given:
        entity = ctx.make("Person", ref)
        entity.add("name", " ".join(p for p in (given, last) if p))
        entity.add("firstName", given)
        entity.add("lastName", last)
        entity.add("title", fields.get("TitleOrShip"))
        dob = fields.get("DateOfBirthOrShipBuildDate")
        if dob and not parse_dates(dob):
            ctx.warn("unreadable date of birth", f"{ref}: {dob}")
        add_dates(entity, "birthDate", dob)
    elif entity_name:
        entity = ctx.make("Organization", ref)
        for aka in _AKA.findall(entity_name):
            entity.add("alias", clean_text(aka))
        entity.add("name", clean_text(_AKA.sub(" ", entity_name)))
    else:
        ctx.warn("record without any name", ref)
        return None
    is_person = entity.schema.is_a("Person")
    for alias in split_aliases(fields.get("Aliases"), is_person):
        # A lone given name ("Aleksandr" from "Aleksandr/ Alexander … Korol") is too vague to
        # match on by itself.
        weak = is_person and len(alias.split()) == 1
        entity.add("weakAlias" if weak else "alias", alias)
    regime = _english(fields["Country"] or "")
    entity.add("program", _program(regime))
    entity.add("country", country_code(regime))
    add_dates(entity, "createdAt", fields.get("DateOfListing"))
    return entity


def _program(regime: str) -> str:
    """Country regimes read ``SEMA - Russia``; the JVCFOR (Magnitsky) law keeps its own name."""
    if "Regulations" in regime:
        return regime
    return f"SEMA - {regime}"


def _sanction(
    entity: EntityProxy, fields: dict[str, str | None], ref: str, ctx: ParseContext
) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", ref)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", PUBLISHER)
    sanction.add("authorityId", ref)
    sanction.add("program", entity.get("program"))
    sanction.add("provisions", fields.get("Schedule"))
    add_dates(sanction, "listingDate", fields.get("DateOfListing"))
    return sanction


def split_aliases(text: str | None, is_person: bool) -> list[str]:
    """The names packed into one ``Aliases`` cell, one per alias.

    Separators are ``;``, ``or``, `` / `` and language labels (``Russian:``). A comma separates
    names only when every piece is a plausible name on its own: for people at least two words
    ("Sergei, Serhii SHERBAKOV" is one name with variants), for organisations no piece may be a
    bare legal form ("Банк Зенит, ПАО") or start in lower case (a comma inside a long name).
    """
    if not text:
        return []
    out: list[str] = []
    for chunk in _ALIAS_SPLIT.split(text):
        chunk = clean_text(_NOISE.sub("", _trim_brackets(chunk.strip(" ,"))))
        if not chunk:
            continue
        pieces = [p.strip() for p in chunk.split(",")]
        if len(pieces) > 1 and _comma_separates(pieces, is_person):
            out.extend(p for p in pieces if p)
        else:
            out.append(chunk)
    return [name for name in dict.fromkeys(out) if name]


def _trim_brackets(text: str) -> str:
    """Drop a bracket left over from splitting ("(Юрий …", "… банк)")."""
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip()
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].lstrip()
    return text


def _comma_separates(pieces: list[str], is_person: bool) -> bool:
    if any(not p for p in pieces):
        return False
    if is_person:
        return all(len(p.split()) >= 2 for p in pieces)
    for piece in pieces:
        if piece.lower() in _LEGAL_FORMS or piece[0].islower():
            return False
    return True
