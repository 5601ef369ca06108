"""EU Financial Sanctions Files, consolidated list, XML 1.1 (``export``/``sanctionEntity``).

Every ``sanctionEntity`` carries a ``logicalId`` that the Commission keeps across releases; that is
the reference. The EU marks no alias as primary, so the name is the strong alias the publisher
entered first (lowest ``logicalId``); the others, in every EU language, are aliases.
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

NAME = "eu_fsf"
TITLE = "EU Financial Sanctions Files (consolidated list)"
PUBLISHER = "European Commission (FPI)"
FILENAME = "eu_fsf.xml"
DOWNLOADS = [
    Download(
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw",
        FILENAME,
    ),
]

_NS = "{http://eu.europa.ec/fpi/fsd/export}"
_ROOT = f"{_NS}export"
_ENTITY = f"{_NS}sanctionEntity"
_SCHEMAS = {"person": "Person", "enterprise": "Organization"}
_GENDERS = {"M": "male", "F": "female"}
# identificationTypeCode → property; anything else is still an identifier (idNumber).
_ID_PROPS = {
    "passport": "passportNumber",
    "id": "idNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "tax": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
    "other": "idNumber",
}
_NO_COUNTRY = {"00", ""}


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one Person/Organization (and its Sanction) per ``sanctionEntity``.

    Every ``*.xml`` in the folder is read (the official download, or an excerpt such as the
    test fixture); an entity repeated across files is kept once.
    """
    paths = sorted(folder.glob("*.xml"))
    if not paths:
        raise ctx.error(folder / FILENAME, None, "required file is missing (no *.xml)")
    for path in paths:
        if path.stat().st_size == 0:
            raise ctx.error(path, "line 1", "file is empty")
        for element in _iter_entities(path, ctx):
            ref = element.get("logicalId")
            if not ref:
                ctx.warn(
                    "sanctionEntity without logicalId", f"{path.name} line {element.sourceline}"
                )
                continue
            if not ctx.first(ref, "duplicate logicalId"):
                continue
            entity = _entity(element, ref, ctx)
            if entity is None:
                continue
            yield entity
            yield _sanction(element, entity, ref, ctx)


def _iter_entities(path: Path, ctx: ParseContext) -> Iterator[etree._Element]:
    def dated(root: etree._Element) -> None:
        generated = root.get("generationDate")
        if generated and (ctx.published is None or generated[:10] > ctx.published):
            ctx.published = generated[:10]

    return iter_records(
        path, ctx, root=_ROOT, records=(_ENTITY,), what="an EU FSF export", on_root=dated
    )


def _attr(element: etree._Element, name: str) -> str | None:
    return clean_text(element.get(name))


def _entity(element: etree._Element, ref: str, ctx: ParseContext) -> EntityProxy | None:
    subject = element.find(f"{_NS}subjectType")
    code = subject.get("code") if subject is not None else None
    schema = _SCHEMAS.get(code or "")
    if schema is None:
        ctx.warn("unknown subjectType (kept as LegalEntity)", f"{ref}: {code}")
        schema = "LegalEntity"
    entity = ctx.make(schema, ref)
    if not _names(entity, element):
        ctx.warn("sanctionEntity without a name", ref)
        return None
    add_dates(entity, "createdAt", _attr(element, "designationDate"))
    for remark in element.iterfind(f"{_NS}remark"):
        entity.add("notes", clean_text(remark.text))
    entity.add("notes", _attr(element, "designationDetails"))
    for regulation in element.iterfind(f"{_NS}regulation"):
        entity.add("program", _attr(regulation, "programme"))
        entity.add("sourceUrl", clean_text(regulation.findtext(f"{_NS}publicationUrl")))
    for citizenship in element.iterfind(f"{_NS}citizenship"):
        if schema == "Person":
            entity.add("citizenship", _country(citizenship))
    for birth in element.iterfind(f"{_NS}birthdate"):
        if schema == "Person":
            _birth(entity, birth)
    for address in element.iterfind(f"{_NS}address"):
        _address(entity, address)
    for ident in element.iterfind(f"{_NS}identification"):
        _identification(entity, ident)
    return entity


def _names(entity: EntityProxy, element: etree._Element) -> bool:
    aliases = []
    for alias in element.iterfind(f"{_NS}nameAlias"):
        whole = _attr(alias, "wholeName")
        if whole is None:
            continue
        strong = (alias.get("strong") or "true").lower() != "false"
        order = int(alias.get("logicalId") or 0)
        aliases.append((not strong, order, whole, alias))
    if not aliases:
        return False
    aliases.sort(key=lambda a: (a[0], a[1]))
    for index, (weak, _, whole, alias) in enumerate(aliases):
        if index == 0:
            entity.add("name", whole)
        else:
            entity.add("weakAlias" if weak else "alias", whole)
        if entity.schema.name == "Person":
            entity.add("firstName", _attr(alias, "firstName"))
            entity.add("middleName", _attr(alias, "middleName"))
            entity.add("lastName", _attr(alias, "lastName"))
            entity.add("title", _attr(alias, "title"))
            entity.add("position", _attr(alias, "function"))
            entity.add("gender", _GENDERS.get(alias.get("gender") or ""))
        else:
            entity.add("notes", _attr(alias, "function"))
    return True


def _country(element: etree._Element) -> str | None:
    code = (element.get("countryIso2Code") or "").strip()
    if code in _NO_COUNTRY:
        return None
    return country_code(code) or country_code(_attr(element, "countryDescription"))


def _birth(entity: EntityProxy, birth: etree._Element) -> None:
    """Full date, else year (Gregorian only: the Hijri year is no ISO year), else a year range."""
    date = _attr(birth, "birthdate")
    gregorian = (birth.get("calendarType") or "GREGORIAN").upper() == "GREGORIAN"
    start, end = _attr(birth, "yearRangeFrom"), _attr(birth, "yearRangeTo")
    if date:
        add_dates(entity, "birthDate", date)
    elif gregorian and _attr(birth, "year"):
        year, month = _attr(birth, "year"), _attr(birth, "monthOfYear")
        add_dates(entity, "birthDate", f"{year}-{int(month):02d}" if month else year)
    elif start or end:
        add_dates(entity, "birthDate", f"{start or end} to {end or start}")
    place = [_attr(birth, k) for k in ("place", "city", "region", "zipCode")]
    place.append(_attr(birth, "countryDescription") if _country(birth) else None)
    entity.add("birthPlace", ", ".join(p for p in place if p) or None)
    entity.add("birthCountry", _country(birth))


def _address(entity: EntityProxy, address: etree._Element) -> None:
    keys = ("street", "poBox", "city", "place", "region", "zipCode")
    parts = [p for p in (_attr(address, k) for k in keys) if p]
    country = _country(address)
    if parts:  # a bare country is no address to match on; it is kept as ``country``
        if country:
            parts.append(_attr(address, "countryDescription") or country)
        entity.add("address", ", ".join(parts))
    entity.add("country", country)
    entity.add("notes", clean_text(address.findtext(f"{_NS}remark")))


def _identification(entity: EntityProxy, ident: etree._Element) -> None:
    code = (ident.get("identificationTypeCode") or "").lower()
    prop = _ID_PROPS.get(code, "idNumber")
    if not entity.schema.get(prop):
        prop = "idNumber" if entity.schema.get("idNumber") else "registrationNumber"
    # ``latinNumber`` is the same number transliterated, when the original is in another script.
    for key in ("number", "latinNumber"):
        entity.add(prop, _attr(ident, key))


def _sanction(
    element: etree._Element, entity: EntityProxy, ref: str, ctx: ParseContext
) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", ref)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", "European Union")
    sanction.add("authorityId", _attr(element, "euReferenceNumber"))
    sanction.add("unscId", _attr(element, "unitedNationId"))
    sanction.add("program", entity.get("program"))
    add_dates(sanction, "listingDate", _attr(element, "designationDate"))
    for regulation in element.iterfind(f"{_NS}regulation"):
        sanction.add("provisions", _attr(regulation, "numberTitle"))
        sanction.add("sourceUrl", clean_text(regulation.findtext(f"{_NS}publicationUrl")))
    return sanction
