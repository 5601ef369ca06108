"""US trade.gov Consolidated Screening List (``consolidated.csv``).

The CSL merges eleven US export-control and sanctions lists (Treasury SDN and non-SDN lists,
Commerce Entity List, Unverified List, Military End User and Denied Persons lists, State
ITAR-debarred and nonproliferation lists) into one CSV, one row per party per list. ``_id`` is
the OFAC entity number for Treasury rows and a content hash for the others; the same OFAC number
recurs on each Treasury list a party is on, so the reference is ``<list code>-<_id>`` and each
party keeps the list it came from (``list_name``). A row repeating the list and ``_id`` of an
earlier one (the 2022 file has one) is kept under a suffixed reference, so that every row of the
file is one record.

Multi-valued cells are ``;``-separated. The ``ids`` cell lists identifiers as comma-separated
parts around a type label; trade.gov has written them in two orders over the years (2022:
``country, expires, issued, number, type``; 2023 on: ``type, number, country, issued, expires``),
so the order is detected per file.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from followthemoney.types import registry

from embargo.sources.base import (
    Download,
    EntityProxy,
    ParseContext,
    add_dates,
    clean_text,
    country_code,
)
from embargo.sources.dates import parse_dates

NAME = "us_trade_csl"
TITLE = "US Consolidated Screening List (trade.gov)"
PUBLISHER = "US International Trade Administration (trade.gov)"
FILENAME = "consolidated.csv"
DOWNLOADS = [
    Download(
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        FILENAME,
    ),
]

REQUIRED = ("_id", "source", "name")
_SCHEMAS = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "": "LegalEntity",
}
_LIST_CODE = re.compile(r"\(([^)]+)\)")
_LINKED = re.compile(r"\(Linked To: ([^()]*(?:\([^()]*\)[^()]*)*)\)")
_COUNTRY_PART = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class _Rule:
    """How one ``ids`` type label is read: ``kind`` is id/text/date/country/special."""

    pattern: re.Pattern[str]
    kind: str
    prop: str


def _rule(pattern: str, kind: str, prop: str = "notes") -> _Rule:
    return _Rule(re.compile(pattern, re.IGNORECASE), kind, prop)


# First match wins: specific labels before the broad "ID"/"registration" catch-alls.
_RULES = [
    _rule(r"gender", "gender", "gender"),
    _rule(r"website", "id", "website"),
    _rule(r"email address", "id", "email"),
    _rule(r"phone number", "id", "phone"),
    _rule(r"digital currency address - (\w+)", "crypto", "cryptoWallets"),
    _rule(r"vessel registration identification", "id", "imoNumber"),
    _rule(r"mmsi", "id", "mmsi"),
    _rule(r"other vessel call sign", "id", "callSign"),
    _rule(r"(former|other) vessel flag", "country", "pastFlags"),
    _rule(r"other vessel type", "text", "type"),
    _rule(r"aircraft model", "text", "model"),
    _rule(r"aircraft manufacture date", "date", "buildDate"),
    _rule(r"aircraft (manufacturer's serial|construction number|serial).*", "id", "serialNumber"),
    _rule(r"(previous )?aircraft tail number", "id", "registrationNumber"),
    _rule(r"aircraft (operator|mode s transponder code)", "text"),
    _rule(r"swift/bic", "id", "swiftBic"),
    _rule(r"legal entity number|le number", "id", "leiCode"),
    _rule(r"d-u-n-s number", "id", "dunsCode"),
    _rule(r"isin", "id", "isinCode"),
    _rule(r"equity ticker|micex code", "id", "ticker"),
    _rule(r"bik \(ru\)", "id", "bikCode"),
    _rule(r"organization established date", "date", "incorporationDate"),
    _rule(r"organization type:?", "text", "sector"),
    _rule(r"target type", "text", "classification"),
    _rule(r"issuer name", "text", "alias"),
    _rule(r"nationality of registration|registration country", "country", "country"),
    _rule(r"nationality country", "country", "nationality"),
    _rule(r"electoral registry no\.?", "id", "idNumber"),
    _rule(
        r".*(tax|fiscal|v\.a\.t\.|fein|r\.f\.c\.|rfc|nit #|ruc #|rif #|c\.u\.i\.t\.|c\.i\.f\.|"
        r"nuit|rtn|rsin).*",
        "id",
        "taxNumber",
    ),
    _rule(
        r".*(registration|registry|company number|gazette|trade license|matricula|"
        r"folio mercantil|c\.r\.|chamber of comm|charity|enterprise number|incorporation|"
        r"business number|social credit|uscc|branch unit|file number).*",
        "id",
        "registrationNumber",
    ),
    _rule(r".*passport.*", "id", "passportNumber"),
    _rule(r"ssn", "id", "socialSecurityNumber"),
    _rule(r".*licen[cs]e.*", "id", "licenseNumber"),
    _rule(
        r".*(\bid\b|identi|cedula|d\.n\.i\.|c\.u\.r\.p\.|credencial|i\.f\.e\.|card|c\.u\.i\.|"
        r"c\.u\.i\.p\.|birth certificate|residen|immigration|cartilla|travel document|"
        r"seafarer|n\.i\.e\.|cnp|visanumberid|permit|serial no|numero de identidad).*",
        "id",
        "idNumber",
    ),
    _rule(
        r".*(sanction|directive|executive order|caatsa|secondary|ifca|peesa|listing date|"
        r"effective date|purchase/sales|transactions prohibited|un/locode|"
        r"chinese commercial code).*",
        "text",
    ),
]
# Fallbacks when a schema lacks the property a label maps to.
_FALLBACK = {
    "isinCode": "registrationNumber",
    "ticker": "notes",
    "bikCode": "registrationNumber",
    "imoNumber": "registrationNumber",
    "serialNumber": "registrationNumber",
    "socialSecurityNumber": "idNumber",
    "passportNumber": "idNumber",
    "callSign": "notes",
    "pastFlags": "notes",
    "model": "notes",
    "buildDate": "notes",
    "type": "notes",
    "gender": "notes",
    "incorporationDate": "notes",
    "sector": "notes",
    "classification": "notes",
}
# Properties only Company has among organisations: an "Entity" row carrying them is a Company.
_COMPANY_ONLY = {"isinCode", "ticker", "bikCode"}


@dataclass
class _Party:
    """A listed row's entity, its helper entities, and the names its remarks link it to."""

    entity: EntityProxy
    aux: list[EntityProxy]
    links: list[str]


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one entity (and its Sanction, wallets, links) per list row."""
    path = _pick_file(folder, ctx)
    header, rows = _read(path, ctx)
    col = {name: i for i, name in enumerate(header)}
    ids_at = col.get("ids", len(header))
    forward = _ids_forward([r[ids_at] for _, r in rows if ids_at < len(r)])
    parties: list[_Party] = []
    refs: Counter[str] = Counter()
    by_name: dict[tuple[str, str], EntityProxy] = {}
    latest: str | None = None
    today = date.today().isoformat()
    for line, values in rows:
        row = {name: values[i] for name, i in col.items() if i < len(values)}
        party = _party(row, line, forward, refs, ctx)
        if party is None:
            continue
        parties.append(party)
        list_name = party.entity.context["list"]
        for name in party.entity.get("name"):
            by_name.setdefault((list_name, name.upper()), party.entity)
        started = clean_text(row.get("start_date"))
        if started and started <= today and (latest is None or started > latest):
            latest = started
    for party in parties:
        yield party.entity
        yield from party.aux
        yield from _links(party, by_name, ctx)
    if latest:
        dates = parse_dates(latest)
        ctx.published = dates[0] if dates else None


def _pick_file(folder: Path, ctx: ParseContext) -> Path:
    """``consolidated.csv``, else its ``.gz``, else the one CSV(.gz) the folder holds."""
    for name in (FILENAME, FILENAME + ".gz"):
        if (folder / name).is_file():
            return folder / name
    candidates = sorted(folder.glob("*.csv")) or sorted(folder.glob("*.csv.gz"))
    if len(candidates) == 1:
        return candidates[0]
    raise ctx.error(folder / FILENAME, None, "required file is missing (consolidated.csv[.gz])")


def _read(path: Path, ctx: ParseContext) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers; repeated header lines skipped."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise ctx.error(path, None, f"not a readable gzip file: {exc}") from exc
    if not raw.strip():
        raise ctx.error(path, "line 1", "file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ctx.error(path, f"line {line}", f"not UTF-8 text: {exc.reason}") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ctx.error(path, "line 1", f"missing column(s): {', '.join(missing)}")
        rows: list[tuple[int, list[str]]] = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if [v.strip() for v in values] == header:
                ctx.warn("repeated header line (skipped)", f"{path.name} line {reader.line_num}")
                continue
            if len(values) != len(header):
                ctx.warn("row with a wrong number of fields (kept)", f"line {reader.line_num}")
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise ctx.error(path, f"line {reader.line_num}", f"broken CSV: {exc}") from exc
    return header, rows


def _split(text: str | None) -> list[str]:
    return [v for v in (clean_text(p) for p in (text or "").split(";")) if v]


def _list_code(source: str) -> str:
    """``Entity List (EL) - Bureau of Industry and Security`` → ``EL``."""
    m = _LIST_CODE.search(source)
    return m[1].replace(" List", "") if m else source


def _party(
    row: dict[str, str], line: int, forward: bool, refs: Counter[str], ctx: ParseContext
) -> _Party | None:
    source, row_id, name = (clean_text(row.get(k)) for k in ("source", "_id", "name"))
    if not source or not row_id or not name:
        ctx.warn("row without source, _id or name (skipped)", f"line {line}")
        return None
    ref = f"{_list_code(source)}-{row_id}"
    refs[ref] += 1
    if refs[ref] > 1:
        # Every row is a record of the list; a repeat keeps its own, suffixed, reference.
        ctx.warn("repeated list and _id (kept, ref suffixed)", f"line {line}: {ref}")
        ref = f"{ref}-{refs[ref]}"
    kind = (clean_text(row.get("type")) or "").lower()
    schema = _SCHEMAS.get(kind)
    if schema is None:
        ctx.warn("unknown type (kept as LegalEntity)", f"line {line}: {kind}")
        schema = "LegalEntity"
    props: list[tuple[str, str]] = [("name", name)]
    for alias in _split(row.get("alt_names")):
        props.append(("alias", re.sub(r"^and\s+", "", alias)))
    props += _ids(row.get("ids"), forward, ctx, line)
    if schema == "Organization" and any(p in _COMPANY_ONLY for p, _ in props):
        schema = "Company"
    entity = ctx.make(schema, ref, list_name=source)
    if schema == "Person" and name.count(", ") == 1:
        last, first = name.split(", ")
        props += [("lastName", last), ("firstName", first)]
    wallets: dict[str, EntityProxy] = {}
    for prop, value in props:
        if prop != "cryptoWallets":
            _put(entity, prop, value)
            continue
        # One address may be listed once per currency (an ETH address also holding USDT).
        currency, address = value.split(" ", 1)
        wallet = wallets.setdefault(address, _wallet(entity, address, ctx))
        wallet.add("currency", currency)
    _details(entity, row, source)
    aux = [*wallets.values(), _sanction(entity, row, source, row_id, ctx)]
    links = [
        name
        for found in _LINKED.findall(row.get("remarks") or "")
        for name in (clean_text(n) for n in re.split(r";\s*Linked To:\s*", found))
        if name
    ]
    return _Party(entity, aux, links)


def _details(entity: EntityProxy, row: dict[str, str], source: str) -> None:
    entity.add("program", source)
    for program in _split(row.get("programs")):
        entity.add("program", program)
    for address in _split(row.get("addresses")):
        country = country_code(address.rsplit(",", 1)[-1].strip())
        entity.add("country", country)
        if not (country and "," not in address):  # a bare country is no address
            _put(entity, "address", address)
    title = clean_text(row.get("title"))
    for part in _split(title):
        _put(entity, "position" if entity.schema.is_a("Person") else "notes", part)
    for key, prop in (
        ("dates_of_birth", "birthDate"),
        ("places_of_birth", "birthPlace"),
        ("nationalities", "nationality"),
        ("citizenships", "citizenship"),
    ):
        for value in _split(row.get(key)):
            if entity.schema.get(prop) is None:
                continue
            if prop == "birthDate":
                add_dates(entity, prop, value)
            else:
                entity.add(prop, value)
    add_dates(entity, "createdAt", clean_text(row.get("start_date")))
    if entity.schema.is_a("Vessel"):
        entity.add("callSign", clean_text(row.get("call_sign")))
        entity.add("type", clean_text(row.get("vessel_type")))
        entity.add("tonnage", clean_text(row.get("gross_tonnage")))
        entity.add("grossRegisteredTonnage", clean_text(row.get("gross_registered_tonnage")))
        entity.add("flag", clean_text(row.get("vessel_flag")))
    owner = clean_text(row.get("vessel_owner"))
    entity.add("notes", f"Vessel owner: {owner}" if owner else None)
    entity.add("notes", clean_text(row.get("remarks")))
    notice = clean_text(row.get("federal_register_notice"))
    entity.add("notes", f"Federal Register: {notice}" if notice else None)
    for key in ("source_list_url", "source_information_url"):
        entity.add("sourceUrl", _url(row.get(key)), cleaned=True)


@lru_cache(maxsize=256)
def _url(text: str | None) -> str | None:
    """Cleaned once per distinct URL: a handful of list URLs recur on every row."""
    return registry.url.clean(clean_text(text))


def _put(entity: EntityProxy, prop: str, value: str) -> None:
    """Add ``value`` as ``prop``, or under its fallback when the schema lacks ``prop``."""
    while entity.schema.get(prop) is None:
        fallback = _FALLBACK.get(prop, "notes")
        if fallback == "notes" and prop != "notes":
            value = f"{prop}: {value}"
        prop = fallback
    if prop in ("buildDate", "incorporationDate", "birthDate"):
        add_dates(entity, prop, value)
    else:
        entity.add(prop, value)


def _ids_forward(cells: list[str]) -> bool:
    """True when this file writes ids type-first (the current trade.gov order)."""
    first = last = 0
    for cell in cells:
        for entry in cell.split(";"):
            bits = [b.strip() for b in entry.split(",")]
            if len(bits) < 2:
                continue
            first += bits[0] in ("Gender", "Passport", "Website", "Tax ID No.")
            last += bits[-1] in ("Gender", "Passport", "Website", "Tax ID No.")
    return first >= last


def _match(label: str) -> _Rule | None:
    for rule in _RULES:
        if rule.pattern.fullmatch(label):
            return rule
    return None


def _ids(cell: str | None, forward: bool, ctx: ParseContext, line: int) -> list[tuple[str, str]]:
    """Properties from one ``ids`` cell."""
    out: list[tuple[str, str]] = []
    for entry in (cell or "").split(";"):
        bits = [b for b in (clean_text(x) for x in entry.split(",")) if b]
        if len(bits) < 2:
            continue
        label, rest = (bits[0], bits[1:]) if forward else (bits[-1], bits[:-1])
        rule = _match(label)
        if rule is None:
            ctx.warn("unknown ids type (kept in notes)", f"line {line}: {', '.join(bits)}")
            out.append(("notes", ", ".join(bits)))
            continue
        if rule.kind in ("id", "country", "date", "gender", "crypto"):
            value, country = _id_value(rest, forward)
        else:
            value, country = ", ".join(rest), None
        if rule.kind == "gender":
            out.append(("gender", value.lower()))
        elif rule.kind == "crypto":
            m = rule.pattern.fullmatch(label)
            out.append(("cryptoWallets", f"{m[1] if m else ''} {value}"))
        elif rule.prop == "notes":
            out.append(("notes", f"{label} {value}"))
        else:
            out.append((rule.prop, value))
            out += _russian_codes(rule.prop, label, value, country)
    return out


def _id_value(rest: list[str], forward: bool) -> tuple[str, str | None]:
    """The number (next to the label) and the issuing country (a two-letter code)."""
    if forward:
        number, others = rest[0], rest[1:]
    else:
        number, others = rest[-1], rest[:-1]
    country = next((o for o in others if _COUNTRY_PART.fullmatch(o)), None)
    return number, country


def _russian_codes(prop: str, label: str, value: str, country: str | None) -> list[tuple[str, str]]:
    """Russian INN/OGRN/OKPO are matched on their own FtM properties too."""
    if country != "RU":
        return []
    digits = re.sub(r"\D", "", value)
    if prop == "taxNumber" and len(digits) in (10, 12):
        return [("innCode", digits)]
    if prop == "registrationNumber" and "gazette" in label.lower():
        return [("okpoCode", digits)]
    if prop == "registrationNumber" and len(digits) in (13, 15):
        return [("ogrnCode", digits)]
    return []


def _wallet(entity: EntityProxy, address: str, ctx: ParseContext) -> EntityProxy:
    wallet = ctx.make_aux("CryptoWallet", entity.context["ref"], address)
    wallet.add("publicKey", address)
    wallet.add("holder", entity.id, cleaned=True)
    return wallet


def _sanction(
    entity: EntityProxy, row: dict[str, str], source: str, row_id: str, ctx: ParseContext
) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", entity.context["ref"])
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", source.split(" - ", 1)[-1])
    sanction.add("authorityId", clean_text(row.get("entity_number")) or row_id)
    sanction.add("program", source)
    for program in _split(row.get("programs")):
        sanction.add("program", program)
    add_dates(sanction, "listingDate", clean_text(row.get("start_date")))
    add_dates(sanction, "startDate", clean_text(row.get("start_date")))
    add_dates(sanction, "endDate", clean_text(row.get("end_date")))
    sanction.add("description", clean_text(row.get("federal_register_notice")))
    for key, label in (
        ("license_requirement", "License requirement"),
        ("license_policy", "License policy"),
        ("standard_order", "Standard order"),
    ):
        value = clean_text(row.get(key))
        sanction.add("provisions", f"{label}: {value}" if value else None)
    sanction.add("sourceUrl", _url(row.get("source_list_url")), cleaned=True)
    return sanction


def _links(
    party: _Party, by_name: dict[tuple[str, str], EntityProxy], ctx: ParseContext
) -> Iterator[EntityProxy]:
    """``(Linked To: NAME)`` remarks as UnknownLinks, when NAME is a party on the same list."""
    entity = party.entity
    for target in dict.fromkeys(party.links):
        other = by_name.get((entity.context["list"], target.upper()))
        if other is None:
            ctx.warn("Linked To: no party of that name on the same list", target)
            continue
        if other is entity:
            continue
        link = ctx.make_aux("UnknownLink", entity.context["ref"], other.context["ref"])
        link.add("subject", entity.id, cleaned=True)
        link.add("object", other.id, cleaned=True)
        link.add("role", "Linked To")
        yield link
