"""OFAC's classic XML export (``SDN.XML``, ``CONSOLIDATED.XML``): one reader for both lists.

Both files share the ``sdnList/sdnEntry`` schema of sanctionslistservice.ofac.treas.gov; only
the namespace URI has changed over the years, so elements are matched by local name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from embargo.sources.base import EntityProxy, ParseContext, add_all, clean_text
from embargo.sources.ofac_remarks import (
    Listing,
    apply_field,
    apply_remarks,
    finish,
    make_listing,
    put,
)

# XML lists whose items read like the CSV remark of that label (so both formats agree).
_PERSONAL = (
    ("nationality", "nationalityList", "country"),
    ("citizen", "citizenshipList", "country"),
    ("DOB", "dateOfBirthList", "dateOfBirth"),
    ("POB", "placeOfBirthList", "placeOfBirth"),
)


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _fields(el: etree._Element) -> dict[str, str]:
    """The text children of ``el`` by local name (the schema never repeats a text field)."""
    return {_local(c): c.text for c in el if len(c) == 0 and c.text}


def _items(el: etree._Element, name: str) -> list[etree._Element]:
    """The grandchildren in list element ``name`` (``akaList/aka``, ``idList/id``…)."""
    return [item for child in el if _local(child) == name for item in child]


def person_name(last: str | None, first: str | None) -> str | None:
    """The XML splits names; the CSV writes ``LAST, First``, kept here so both formats agree."""
    last, first = clean_text(last), clean_text(first)
    if last and first:
        return f"{last}, {first}"
    return last or first


def published_date(text: str | None) -> str | None:
    """``Publish_Date`` is US order ``MM/DD/YYYY``."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text or "")
    if not m:
        return None
    return f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}"


def _address(fields: dict[str, str]) -> tuple[str | None, str | None]:
    """One address string laid out like the CSV (``street, City, State Postal, Country``)."""
    city, state, postal = (
        clean_text(fields.get(k)) for k in ("city", "stateOrProvince", "postalCode")
    )
    place = ", ".join(p for p in (city, state) if p)
    if postal:
        place = f"{place} {postal}".strip()
    lines = [clean_text(fields.get(k)) for k in ("address1", "address2", "address3")]
    local = [p for p in (*lines, place) if p]
    country = clean_text(fields.get("country"))
    full = ", ".join([*local, country] if country else local) if local else None
    return full, country


def _entry(el: etree._Element, ctx: ParseContext, path: Path) -> Listing:
    fields = _fields(el)
    ref = clean_text(fields.get("uid"))
    if not ref:
        raise ctx.error(path, f"line {el.sourceline}", "sdnEntry without uid")
    sdn_type = clean_text(fields.get("sdnType")) or ""
    individual = sdn_type.lower() == "individual"
    first, last = fields.get("firstName"), fields.get("lastName")
    name = person_name(last, first) if individual else clean_text(last) or clean_text(first)
    if not name:
        raise ctx.error(path, f"line {el.sourceline}", f"sdnEntry {ref} has no name")
    listing = make_listing(ctx, ref, sdn_type, name)
    entity = listing.entity
    if individual:
        add_all(entity, "firstName", [first])
        add_all(entity, "lastName", [last])
    put(listing, "position", clean_text(fields.get("title")))
    listing.programs.extend(p for p in (clean_text(x.text) for x in _items(el, "programList")) if p)
    for aka in _items(el, "akaList"):
        a = _fields(aka)
        alias = person_name(a.get("lastName"), a.get("firstName"))
        if not alias:
            continue
        if (a.get("category") or "").strip().lower() == "weak":
            entity.add("weakAlias", alias)
        elif (a.get("type") or "").strip().lower() == "f.k.a.":
            entity.add("previousName", alias)
        else:
            entity.add("alias", alias)
    for item in _items(el, "idList"):
        i = _fields(item)
        label = clean_text(i.get("idType"))
        if label:
            apply_field(listing, label, i.get("idNumber"), i.get("idCountry"))
    for item in _items(el, "addressList"):
        full, country = _address(_fields(item))
        put(listing, "address", full)
        put(listing, "country", country)
    for label, list_name, key in _PERSONAL:
        for item in _items(el, list_name):
            apply_field(listing, label, _fields(item).get(key))
    for child in el:
        if _local(child) == "vesselInfo":
            _vessel(listing, _fields(child))
    apply_remarks(listing, fields.get("remarks"))
    return listing


def _vessel(listing: Listing, fields: dict[str, str]) -> None:
    put(listing, "callSign", clean_text(fields.get("callSign")))
    put(listing, "type", clean_text(fields.get("vesselType")))
    put(listing, "flag", clean_text(fields.get("vesselFlag")))
    put(listing, "tonnage", clean_text(fields.get("tonnage")))
    put(listing, "grossRegisteredTonnage", clean_text(fields.get("grossRegisteredTonnage")))
    owner = clean_text(fields.get("vesselOwner"))
    if owner:
        listing.entity.add("notes", f"Vessel owner: {owner}")


def parse_xml(path: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Every ``sdnEntry`` of an OFAC XML file, with helper entities (links, sanctions…)."""
    if path.stat().st_size == 0:
        raise ctx.error(path, None, "empty file")
    listings: list[Listing] = []
    record_count: str | None = None
    root_seen = False
    try:
        for event, el in etree.iterparse(
            str(path), events=("start", "end"), huge_tree=True, remove_comments=True
        ):
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if _local(el) != "sdnList":
                        raise ctx.error(
                            path, f"line {el.sourceline}", f"root <{_local(el)}> is not <sdnList>"
                        )
                continue
            name = _local(el)
            if name == "sdnEntry":
                listings.append(_entry(el, ctx, path))
                el.clear(keep_tail=True)
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
            elif name == "publshInformation":
                info = _fields(el)
                ctx.published = published_date(info.get("Publish_Date")) or ctx.published
                record_count = clean_text(info.get("Record_Count"))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else "?"
        raise ctx.error(path, f"line {line}", f"malformed XML: {exc.msg}") from exc
    if not listings:
        raise ctx.error(path, None, "no sdnEntry records")
    if record_count and record_count.isdigit() and int(record_count) != len(listings):
        ctx.warn("Record_Count differs from sdnEntry count", f"{record_count} != {len(listings)}")
    yield from finish(listings, ctx)
