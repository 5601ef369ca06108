"""UN Security Council Consolidated List (``consolidated.xml``).

One ``INDIVIDUAL`` or ``ENTITY`` per listed party, keyed by its ``REFERENCE_NUMBER`` (``IRe.055``,
``QDi.001``…), which the UN keeps stable across releases and quotes in every committee notice.
"""

from __future__ import annotations

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
from embargo.sources.xml_stream import iter_records

NAME = "un_sc"
TITLE = "UN Security Council Consolidated List"
PUBLISHER = "United Nations Security Council"
FILENAME = "consolidated.xml"
DOWNLOADS = [
    Download("https://scsanctions.un.org/resources/xml/en/consolidated.xml", FILENAME),
]

_ROOT = "CONSOLIDATED_LIST"
_PARTIES = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# The UN does not say which part is the family name, so only positional properties are used.
_PART_PROPS = ("firstName", "secondName", "middleName", "middleName")
# Alias quality: "Low" is the UN's own warning that a name is too vague to act on alone.
_ALIAS_PROPS = {"good": "alias", "a.k.a.": "alias", "low": "weakAlias", "f.k.a.": "previousName"}


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one Person/Organization (and its Sanction) per listed party."""
    path = folder / FILENAME
    if not path.is_file():
        raise ctx.error(path, None, "required file is missing")
    if path.stat().st_size == 0:
        raise ctx.error(path, "line 1", "file is empty")
    for element in _iter_parties(path, ctx):
        ref = _text(element, "REFERENCE_NUMBER")
        if ref is None:
            ctx.warn("party without REFERENCE_NUMBER", f"line {element.sourceline}")
            continue
        if not ctx.first(ref, "duplicate REFERENCE_NUMBER"):
            continue
        entity = _party(element, ref, ctx)
        yield entity
        yield _sanction(element, entity, ref, ctx)


def _iter_parties(path: Path, ctx: ParseContext) -> Iterator[etree._Element]:
    """Stream INDIVIDUAL/ENTITY elements; the generation date is the list's date."""

    def dated(root: etree._Element) -> None:
        generated = root.get("dateGenerated")
        if generated:
            ctx.published = generated[:10]

    return iter_records(path, ctx, root=_ROOT, records=_PARTIES, what="a UN list", on_root=dated)


def _text(element: etree._Element, path: str) -> str | None:
    return clean_text(element.findtext(path))


def _party(element: etree._Element, ref: str, ctx: ParseContext) -> EntityProxy:
    schema = _PARTIES[element.tag]
    entity = ctx.make(schema, ref)
    parts = [_text(element, tag) for tag in _NAME_PARTS]
    name = " ".join(p for p in parts if p)
    if not name:
        ctx.warn("party without a name", ref)
    entity.add("name", name or None)
    if schema == "Person":
        for prop, part in zip(_PART_PROPS, parts, strict=True):
            entity.add(prop, part)
    entity.add("alias", _text(element, "NAME_ORIGINAL_SCRIPT"))
    entity.add("program", _text(element, "UN_LIST_TYPE"))
    add_dates(entity, "createdAt", _text(element, "LISTED_ON"))
    for updated in element.iterfind("LAST_DAY_UPDATED/VALUE"):
        add_dates(entity, "modifiedAt", updated.text)
    entity.add("notes", _text(element, "COMMENTS1"))
    if schema == "Person":
        _person_details(entity, element)
    for alias in element.iterfind(f"{element.tag}_ALIAS"):
        _alias(entity, alias, ctx)
    for address in element.iterfind(f"{element.tag}_ADDRESS"):
        _address(entity, address)
    return entity


def _sanction(
    element: etree._Element, entity: EntityProxy, ref: str, ctx: ParseContext
) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", ref)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", PUBLISHER)
    sanction.add("authorityId", ref)
    sanction.add("unscId", ref)
    sanction.add("program", _text(element, "UN_LIST_TYPE"))
    add_dates(sanction, "listingDate", _text(element, "LISTED_ON"))
    sanction.add("recordId", _text(element, "DATAID"))
    return sanction


def _person_details(entity: EntityProxy, element: etree._Element) -> None:
    for value in element.iterfind("TITLE/VALUE"):
        entity.add("title", clean_text(value.text))
    for value in element.iterfind("DESIGNATION/VALUE"):
        entity.add("position", clean_text(value.text))
    for value in element.iterfind("NATIONALITY/VALUE"):
        entity.add("nationality", clean_text(value.text))
    gender = _text(element, "GENDER")
    if gender:
        entity.add("gender", gender.lower())
    for dob in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(entity, dob)
    for pob in element.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [_text(pob, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        entity.add("birthPlace", ", ".join(p for p in parts if p) or None)
        entity.add("birthCountry", country_code(_text(pob, "COUNTRY")))
    for doc in element.iterfind("INDIVIDUAL_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if number is None:
            continue
        kinds = " ".join(
            filter(None, (_text(doc, "TYPE_OF_DOCUMENT"), _text(doc, "TYPE_OF_DOCUMENT2")))
        )
        is_passport = any(word in kinds.lower() for word in ("passport", "passeport", "pasaporte"))
        entity.add("passportNumber" if is_passport else "idNumber", number)


def _birth_date(entity: EntityProxy, dob: etree._Element) -> None:
    """EXACT/APPROXIMATELY give DATE or YEAR; BETWEEN gives FROM_YEAR/TO_YEAR; NOTE as fallback."""
    date = _text(dob, "DATE") or _text(dob, "YEAR")
    start, end = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
    if date:
        add_dates(entity, "birthDate", date)
    elif start and end:
        add_dates(entity, "birthDate", f"{start} to {end}")
    elif start or end:
        add_dates(entity, "birthDate", start or end)
    else:
        add_dates(entity, "birthDate", _text(dob, "NOTE"))


def _alias(entity: EntityProxy, alias: etree._Element, ctx: ParseContext) -> None:
    name = _text(alias, "ALIAS_NAME")
    if name is None:
        return
    quality = (_text(alias, "QUALITY") or "").lower()
    prop = _ALIAS_PROPS.get(quality)
    if prop is None:
        ctx.warn("alias of unknown quality (kept as alias)", f"{quality!r}: {name}")
        prop = "alias"
    entity.add(prop, name)
    if entity.schema.name == "Person":
        add_dates(entity, "birthDate", _text(alias, "DATE_OF_BIRTH"))
        place = [_text(alias, "CITY_OF_BIRTH"), _text(alias, "COUNTRY_OF_BIRTH")]
        entity.add("birthPlace", ", ".join(p for p in place if p) or None)


def _address(entity: EntityProxy, address: etree._Element) -> None:
    tags = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE")
    parts = [p for p in (_text(address, t) for t in tags) if p]
    country = _text(address, "COUNTRY")
    if parts:  # a bare country is no address to match on; it is kept as ``country``
        entity.add("address", ", ".join([*parts, country] if country else parts))
    entity.add("country", country_code(country))
