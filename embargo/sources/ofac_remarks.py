"""OFAC's typed remark fields, shared by the SDN and Consolidated readers (CSV and XML).

OFAC writes everything it knows beyond names and addresses as ``Label value (Country) issued …``
parts of one remarks string separated by ``;`` (``DOB 10 Dec 1948; Passport A123 (Iran);
Linked To: MAHAN AIR.``). The XML exports carry the very same labels as ``idList/id/idType``, so
one label table serves both formats and both lists, and CSV and XML come out alike.

Facts that become helper entities (``Linked To`` relations, crypto wallets, sanction provisions)
are collected on a :class:`Listing` and only turned into entities by :func:`finish` once the
whole file is read, because a ``Linked To`` target may be listed further down.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from followthemoney import model

from embargo.sources.base import (
    EntityProxy,
    ParseContext,
    add_dates,
    clean_text,
    country_code,
)

AUTHORITY = "US Treasury OFAC"
DETAILS_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={ref}"

_COMPANY = model["Company"]

SCHEMATA = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "entity": "Organization",
    "": "Organization",
}

# Legal forms in a primary name that make an OFAC "entity" a Company rather than an Organization.
_LEGAL_FORM = re.compile(
    r"(?<![\w-])(?:L\.?L\.?C|LTD|LIMITED|P?JSC|[OC]JSC|OAO|ZAO|OOO|PAO|AO|INC|CORP|CORPORATION|"
    r"COMPANY|CO|S\.A|S\.A\. DE C\.V|SA DE CV|S\.?R\.?L|GMBH|AG|PLC|LLP|B\.V|N\.V|FZE|FZCO|"
    r"FZ-LLC|DMCC|PTE|PVT|BHD|SARL|S\.?P\.?A|KFT|TOO|TOV|JOINT STOCK COMPANY|"
    r"LIMITED LIABILITY COMPANY|AKTSIONERNOE OBSHCHESTVO|OBSHCHESTVO S OGRANICHENNOI)"
    r"(?![\w-])\.?",
    re.IGNORECASE,
)


@dataclass
class Listing:
    """One listed party and the facts that become helper entities once the file is read."""

    entity: EntityProxy
    programs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    wallets: list[tuple[str, str]] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)


def make_listing(ctx: ParseContext, ref: str, sdn_type: str | None, name: str) -> Listing:
    """A listed party of the right schema; OFAC's blank type is an organisation or company."""
    kind = (clean_text(sdn_type) or "").lower()
    schema = SCHEMATA.get(kind)
    if schema is None:
        ctx.warn("unknown SDN type", f"{ref}: {sdn_type}")
        schema = "LegalEntity"
    if schema == "Organization" and _LEGAL_FORM.search(name):
        schema = "Company"
    entity = ctx.make(schema, ref)
    entity.add("name", name)
    # A well-formed URL built here: skip FtM's (slow) URL cleaning.
    entity.add("sourceUrl", DETAILS_URL.format(ref=ref), cleaned=True)
    return Listing(entity)


def split_person_name(entity: EntityProxy, name: str) -> None:
    """OFAC writes individuals as ``SURNAME, Given names``; keep the parts for matching."""
    last, sep, first = name.partition(",")
    if sep and last.strip() and first.strip():
        entity.add("lastName", last.strip())
        entity.add("firstName", first.strip())


def put(listing: Listing, prop: str, value: str | None, note: str | None = None) -> None:
    """Add a property the schema has; a company-only one makes an organisation a Company;
    anything else the schema cannot hold is kept readable in ``notes``."""
    if not value:
        return
    entity = listing.entity
    if prop not in entity.schema.properties:
        if entity.schema.name == "Organization" and prop in _COMPANY.properties:
            entity.schema = _COMPANY
        else:
            entity.add("notes", note or value)
            return
    entity.add(prop, value)


def put_dates(listing: Listing, prop: str, text: str | None, note: str | None = None) -> None:
    """Dates go through ``add_dates`` (FtM drops non-ISO text), others' dates into notes."""
    if not text:
        return
    if prop in listing.entity.schema.properties:
        add_dates(listing.entity, prop, text)
    else:
        listing.entity.add("notes", note or text)


# --- identifiers -------------------------------------------------------------------------

_ID_TAIL = re.compile(r"\s+(?:issued|expires)\b.*$", re.IGNORECASE)
_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")
_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)


def parse_id(text: str) -> tuple[str | None, str | None]:
    """``A123 456 (Stuttgart) (Germany) issued 2001`` → (``A123 456``, ``Germany``)."""
    rest = _ID_TAIL.sub("", text.strip())
    country = None
    while True:
        m = _PAREN_TAIL.search(rest)
        if not m or m.start() == 0:
            break
        country = country or m[1]
        rest = rest[: m.start()]
    return clean_text(rest.strip(" ,:")), clean_text(country)


@lru_cache(maxsize=4096)
def _country_code(text: str | None) -> str | None:
    """Country lookups repeat the same few hundred names thousands of times."""
    return country_code(text)


def _russian(country: str | None) -> bool:
    return _country_code(country) == "ru"


def _add_id(listing: Listing, prop: str, number: str, country: str | None, note: str) -> None:
    m = _IMO.match(number)
    if m and "imoNumber" in listing.entity.schema.properties:
        listing.entity.add("imoNumber", m[1])
        return
    put(listing, prop, number, note)
    digits = re.sub(r"\D", "", number)
    if prop == "taxNumber" and _russian(country) and len(digits) in (10, 12):
        put(listing, "innCode", digits, note)
    if prop == "registrationNumber" and _russian(country) and len(digits) in (13, 15):
        put(listing, "ogrnCode", digits, note)


# --- the label table ---------------------------------------------------------------------

Handler = Callable[[Listing, str, str], None]


def _id(prop: str) -> Handler:
    def handle(listing: Listing, value: str, note: str) -> None:
        number, country = parse_id(value)
        if number:
            _add_id(listing, prop, number, country, note)

    return handle


def _text(prop: str) -> Handler:
    def handle(listing: Listing, value: str, note: str) -> None:
        put(listing, prop, clean_text(value), note)

    return handle


def _date(prop: str) -> Handler:
    def handle(listing: Listing, value: str, note: str) -> None:
        put_dates(listing, prop, value, note)

    return handle


def _country(prop: str) -> Handler:
    def handle(listing: Listing, value: str, note: str) -> None:
        value = re.sub(r"^possibly\s+", "", value.strip(), flags=re.IGNORECASE)
        put(listing, prop, value, note)

    return handle


def _birth_place(listing: Listing, value: str, note: str) -> None:
    put(listing, "birthPlace", clean_text(value), note)
    code = _country_code(value.rsplit(",", 1)[-1].strip())
    if code and "birthCountry" in listing.entity.schema.properties:
        listing.entity.add("birthCountry", code)


def _gender(listing: Listing, value: str, note: str) -> None:
    put(listing, "gender", value.strip().lower(), note)


def _phone(listing: Listing, value: str, note: str) -> None:
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 8:
        put(listing, "phone", "+" + digits, note)
    else:
        listing.entity.add("notes", note)


def _link(listing: Listing, value: str, note: str) -> None:
    name = clean_text(value)
    if name:
        listing.links.append(name)


def _weak_alias(listing: Listing, value: str, note: str) -> None:
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    name = clean_text(value)
    if name:
        listing.entity.add("weakAlias", name)


def _provision(listing: Listing, value: str, note: str) -> None:
    listing.provisions.append(note)


def _imo(listing: Listing, value: str, note: str) -> None:
    m = re.search(r"\b(\d{7})\b", value)
    if m:
        put(listing, "imoNumber", m[1], note)
    else:
        listing.entity.add("notes", note)


def _org_type(listing: Listing, value: str, note: str) -> None:
    put(listing, "sector", clean_text(value.lstrip(": ")), note)


_ID_LABELS = {
    "passportNumber": [
        "passport",
        "diplomatic passport",
        "british national overseas passport",
        "u.s.a. passport",
    ],
    "idNumber": [
        "national id no.",
        "cedula no.",
        "identification number",
        "d.n.i.",
        "personal id card",
        "national foreign id number",
        "c.u.i.",
        "c.u.i.p.",
        "c.u.r.p.",
        "c.u.r.p. #",
        "curp #",
        "residency number",
        "birth certificate number",
        "driver's license no.",
        "electoral registry no.",
        "credencial electoral",
        "i.f.e.",
        "cartilla de servicio militar nacional",
        "refugee id card",
        "tazkira national id card",
        "ssn",
        "visanumberid",
        "sre permit no.",
        "permit number",
        "id no.",
        "kenyan id no.",
        "moroccan personal id no.",
        "turkish identification number",
        "travel document number",
        "stateless person id card",
        "stateless person passport",
        "pasaporte",
        "numero de identidad",
        "citizen's card number",
        "le number",
        "immigration no.",
        "uae identification",
        "military registration number",
        "public security and immigration no.",
    ],
    "taxNumber": [
        "tax id no.",
        "nit #",
        "ruc #",
        "rif #",
        "r.f.c.",
        "r.f.c. #",
        "rfc",
        "us fein",
        "italian fiscal code",
        "cuit",
        "cuit #",
        "tax number",
        "c.u.i.t.",
        "rtn",
        "numero unico de identificacao tributaria (nuit)",
        "c.i.f.",
        "paraguayan tax identification number",
    ],
    "vatCode": ["v.a.t. number"],
    "registrationNumber": [
        "registration number",
        "registration id",
        "business registration number",
        "business registration document #",
        "company number",
        "uk company number",
        "commercial registry number",
        "c.r. no.",
        "romanian c.r.",
        "trade license no.",
        "chamber of commerce number",
        "istanbul chamber of comm. no.",
        "dubai chamber of commerce membership no.",
        "enterprise number",
        "branch unit number",
        "public registration number",
        "government gazette number",
        "folio mercantil no.",
        "matricula mercantil no",
        "central registration system number",
        "economic register number (cbls)",
        "business number",
        "license",
        "registered charity no.",
        "organization code",
        "file number",
        "chinese commercial code",
        "certificate of incorporation number",
        "registration certificate number",
        "license number",
        "afghan money service provider license number",
    ],
    "uscCode": [
        "unified social credit code (uscc)",
        "united social credit code certificate (usccc)",
    ],
    "leiCode": ["legal entity number"],
    "swiftBic": ["swift/bic"],
    "bikCode": ["bik (ru)"],
    "isinCode": ["isin"],
    "dunsCode": ["d-u-n-s number"],
    "mmsi": ["mmsi"],
    "serialNumber": [
        "aircraft construction number (also called l/n or s/n or f/n)",
        "aircraft manufacturer's serial number (msn)",
        "aircraft serial identification",
    ],
}

LABELS: dict[str, Handler] = {
    label: _id(prop) for prop, labels in _ID_LABELS.items() for label in labels
}
LABELS.update(
    {
        "dob": _date("birthDate"),
        "pob": _birth_place,
        "nationality": _country("nationality"),
        "citizen": _country("citizenship"),
        "nationality of registration": _country("jurisdiction"),
        "gender": _gender,
        "position": _text("position"),
        "email address": _text("email"),
        "email": _text("email"),
        "website": _text("website"),
        "phone number": _phone,
        "phone": _phone,
        "telephone": _phone,
        "telephone no.": _phone,
        "fax": _phone,
        "fax no.": _phone,
        "organization established date": _date("incorporationDate"),
        "organization type": _org_type,
        "target type": _text("classification"),
        "equity ticker": _text("ticker"),
        "issuer name": _text("alias"),
        "linked to": _link,
        "a.k.a.": _weak_alias,
        "f.k.a.": _weak_alias,
        "n.k.a.": _weak_alias,
        "vessel registration identification": _imo,
        "former vessel flag": _country("pastFlags"),
        "other vessel flag": _country("flag"),
        "vessel flag": _country("flag"),
        "vessel type": _text("type"),
        "other vessel type": _text("type"),
        "ethnicity": _text("ethnicity"),
        "vessel year of build": _date("buildDate"),
        "aircraft tail number": _text("registrationNumber"),
        "previous aircraft tail number": _text("registrationNumber"),
        "aircraft model": _text("model"),
        "aircraft manufacture date": _date("buildDate"),
        "aircraft mode s transponder code": _text("icaoCode"),
        "additional sanctions information": _provision,
        "secondary sanctions risk": _provision,
        "transactions prohibited for persons owned or controlled by u.s. financial institutions": (
            _provision
        ),
        "executive order 13662 directive determination": _provision,
        "executive order 13846 information": _provision,
        "executive order 14024 directive information": _provision,
        "executive order 14014 directive information": _provision,
        "executive order 14059 information": _provision,
        "caatsa section 235 information": _provision,
        "ifca determination": _provision,
        "listing date": _provision,
        "effective date": _provision,
        "purchase/sales for divestment date (cmic)": _provision,
    }
)

_WALLET = re.compile(r"^digital currency address\s*-\s*(\S+)\s*:?\s*(.*)$", re.IGNORECASE)
_LABEL_RE = re.compile(
    r"^(?:alt\.\s+)?("
    + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True))
    + r")(?:\s*\([^)]*\))?\s*(?::|\s-(?=\s))?(?:\s+(.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


def _norm_label(label: str) -> str:
    label = " ".join(label.split()).lower()
    label = re.sub(r"^alt\.\s+", "", label)
    return label.rstrip(" :-")


def apply_field(
    listing: Listing,
    label: str,
    value: str | None,
    country: str | None = None,
) -> None:
    """One ``idType``/``idNumber`` pair of the XML (the same labels as the CSV remarks)."""
    value = clean_text(value)
    if not value:
        return
    note = f"{label.strip()} {value}" + (f" ({country})" if country else "")
    key = _norm_label(label)
    m = _WALLET.match(f"{key} {value}")
    if m:
        listing.wallets.append((m[1].upper(), value))
        return
    handler = LABELS.get(key) or LABELS.get(re.sub(r"\s*\([^)]*\)\s*$", "", key))
    if handler is None:
        listing.entity.add("notes", note)
        return
    country = clean_text(country)
    handler(listing, f"{value} ({country})" if country else value, note)


def split_remarks(text: str | None) -> list[str]:
    """The ``;``-separated parts of a remarks string, without the final full stops."""
    parts = []
    for part in re.split(r"\s*;\s*", text or ""):
        part = part.strip()
        if part.startswith("(") and part.endswith(")"):
            part = part[1:-1].strip()
        part = part.removesuffix(".").strip()
        if clean_text(part):
            parts.append(part)
    return parts


def apply_remarks(listing: Listing, text: str | None) -> None:
    """Every typed part of a remarks string to properties; the rest stays in ``notes``."""
    titles = set(listing.entity.get("position", quiet=True))
    for part in split_remarks(text):
        if part in titles:
            continue
        m = _WALLET.match(re.sub(r"^alt\.\s+", "", part, flags=re.IGNORECASE))
        if m:
            if m[2]:
                listing.wallets.append((m[1].upper(), m[2].strip()))
            continue
        m = _LABEL_RE.match(part)
        if m is None:
            if _NON_LATIN.search(part):
                listing.entity.add("alias", part)
            else:
                listing.entity.add("notes", part)
            continue
        handler = LABELS[_norm_label(m[1])]
        value = m[2] or ""
        if not value.strip():
            listing.entity.add("notes", part)
            continue
        handler(listing, value, part)


# --- names, links, helper entities --------------------------------------------------------


def name_key(name: str) -> str:
    """Names as ``Linked To:`` repeats them: case, spacing and final full stops may differ."""
    return " ".join(name.upper().split()).rstrip(". ")


def finish(listings: Iterable[Listing], ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield each listed party, then its Sanction, crypto wallets and resolved links."""
    # Entity references are added pre-cleaned: FtM's entity-id check rejects the underscore
    # that source names (hence ``ctx.make_id``) contain.
    listings = list(listings)
    names: Counter[str] = Counter()
    by_name: dict[str, EntityProxy] = {}
    for listing in listings:
        for name in listing.entity.get("name"):
            key = name_key(name)
            names[key] += 1
            by_name[key] = listing.entity
    for listing in listings:
        entity = listing.entity
        ref = entity.context["ref"]
        helpers: list[EntityProxy] = []
        for target_name in listing.links:
            key = name_key(target_name)
            target = by_name.get(key) if names[key] == 1 else None
            if target is not None and target.id != entity.id:
                link = ctx.make_aux("UnknownLink", ref, target.context["ref"])
                link.add("subject", entity.id, cleaned=True)
                link.add("object", target.id, cleaned=True)
                link.add("role", "Linked To")
                helpers.append(link)
                continue
            if names[key] > 1:
                ctx.warn("Linked To name is ambiguous", f"{ref}: {target_name}")
            else:
                ctx.warn("Linked To name not listed in this file", f"{ref}: {target_name}")
            entity.add("notes", f"Linked To: {target_name}")
        for currency, address in listing.wallets:
            wallet = ctx.make_aux("CryptoWallet", ref, currency, address)
            wallet.add("publicKey", address)
            wallet.add("currencySymbol", currency)
            wallet.add("holder", entity.id, cleaned=True)
            helpers.append(wallet)
        sanction = ctx.make_aux("Sanction", ref)
        sanction.add("entity", entity.id, cleaned=True)
        sanction.add("authority", AUTHORITY)
        sanction.add("authorityId", ref)
        sanction.add("country", "us")
        sanction.add("program", listing.programs)
        sanction.add("provisions", listing.provisions)
        sanction.add("sourceUrl", entity.get("sourceUrl"), cleaned=True)
        entity.add("program", listing.programs)
        yield entity
        yield sanction
        yield from helpers
