"""US BIS Denied Persons List (``dpl.txt``, tab-separated with a header line).

Each row is one denial order against one party at one address; a party denied at several
addresses has several rows. The file has no row id, so the reference is a hash of the fields
that identify the order (name, address, effective date): stable across releases, unlike a row
number. A row that repeats another exactly (the 2023 file has two) is still a record of the
list: it is kept under the same hash with an occurrence suffix, and counted as a warning.

The list does not say whether a party is a person or a company; :func:`guess_schema` decides by
the shape of the name (see there).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from embargo.sources.base import Download, EntityProxy, ParseContext, clean_text, country_code

NAME = "us_bis_dpl"
TITLE = "US BIS Denied Persons List"
PUBLISHER = "US Department of Commerce, Bureau of Industry and Security"
FILENAME = "dpl.txt"
PROGRAM = "BIS Denied Persons List"
DOWNLOADS = [Download("https://www.bis.doc.gov/dpl/dpl.txt", FILENAME)]
LIST_URL = (
    "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/"
    "denied-persons-list"
)

REQUIRED = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date")
_KEY = REQUIRED
_ADDRESS = ("Street_Address", "City", "State", "Postal_Code", "Country")

# Words that only organisations carry in their names (legal forms and business words).
_ORG_WORDS = set(
    """
    INC INCORPORATED LTD LIMITED LLC L.L.C. LLP LP CORP CORPORATION CO COMPANY COMPANIES GMBH AG
    SA S.A. SL S.L. SRL S.R.L. SAS SARL BV B.V. NV PLC PTE PVT JSC OJSC PJSC OAO OOO ZAO AO FZE
    F.Z.E. FZCO FZC FZ-LLC AB OY KFT SPA S.P.A. EST ESTABLISHMENT TRADING TRADE TRADERS GROUP
    HOLDING HOLDINGS INTERNATIONAL INTERNACIONAL INDUSTRIES INDUSTRY INDUSTRIAL ENTERPRISE
    ENTERPRISES TECHNOLOGY TECHNOLOGIES TECH SYSTEMS SYSTEM SERVICES SERVICE ELECTRONICS
    ELECTRONIC AIRLINES AIRLINE AIRWAYS AIR AVIATION AERO CARGO EXPRESS LOGISTICS SHIPPING IMPORT
    EXPORT IMPORTS EXPORTS PARTNERS ASSOCIATES COMMUNICATIONS SUPPLY SUPPLIES EQUIPMENT
    ENGINEERING LABORATORIES LABORATORY INSTITUTE UNIVERSITY CENTER CENTRE BUREAU PLANT FACTORY
    BANK FOUNDATION ZONE MICROWAVE DATA SOLUTIONS MARINE CHEMICAL CHEMICALS METALS MANUFACTURING
    PRODUCTS AEROSPACE DEFENSE DEFENCE COMMERCIAL MOTORS TRANSPORT TRANSPORTATION TELECOM WORKS
    EMPRESA COMMERCIO DEVELOPMENT SHOP STORE TOOLS DIGITAL NETWORK NETWORKS CONSULTING
    MANAGEMENT AGENCY MEDIA GLOBAL WORLDWIDE SCIENTIFIC RESEARCH INSTRUMENTS CONTRACTING
    COMPUTER COMPUTERS SOFTWARE POWER ENERGY OIL GAS PETROLEUM FREIGHT FORWARDING TOURS TRAVEL
    A.G. ANSTALT VERTRIEBS HANDEL TECHNIK RESULTS
    """.split()
)
_SUFFIXES = {"JR", "JR.", "SR", "SR.", "II", "III", "III.", "IV"}
_NAME_TOKEN = re.compile(r"[A-Z][A-Z'\-.]*\.?|[A-Z]\.")
_AKA = re.compile(r"\s*\(?\b(A/K/A|A\.K\.A\.?|AKA|D/B/A|F/K/A)\s+", re.IGNORECASE)


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one Person/Organization/LegalEntity (and its Sanction) per distinct row."""
    path = folder / FILENAME
    if not path.is_file():
        raise ctx.error(path, None, "required file is missing")
    if path.stat().st_size == 0:
        raise ctx.error(path, "line 1", "file is empty")
    latest: str | None = None
    today = date.today().isoformat()
    seen: Counter[str] = Counter()
    for line, row in _rows(path, ctx):
        name = clean_text(row.get("Name"))
        if name is None:
            ctx.warn("row without a name", f"line {line}")
            continue
        ref = row_ref(row)
        seen[ref] += 1
        if seen[ref] > 1:
            ctx.warn("duplicate row (kept, ref suffixed)", f"line {line}: {name}")
            ref = f"{ref}-{seen[ref]}"
        entity = _entity(row, name, ref, ctx)
        yield entity
        yield _sanction(row, entity, ref, ctx)
        updated = _iso(row.get("Last_Update"))
        if updated and updated > today:
            ctx.warn("Last_Update in the future (ignored)", f"line {line}: {updated}")
        elif updated and (latest is None or updated > latest):
            latest = updated
    ctx.published = latest


def _rows(path: Path, ctx: ParseContext) -> Iterator[tuple[int, dict[str, str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ctx.error(path, f"line {line}", f"not UTF-8 text: {exc.reason}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t")
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ctx.error(path, "line 1", f"missing column(s): {', '.join(missing)}")
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise ctx.error(path, f"line {reader.line_num}", f"broken CSV: {exc}") from exc


def row_ref(row: dict[str, str]) -> str:
    """A stable key for a denial: hash of name, address and effective date."""
    text = "|".join(" ".join((row.get(k) or "").upper().split()) for k in _KEY)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _iso(text: str | None) -> str | None:
    """``MM/DD/YYYY`` (US order, always) or ``YYYY-MM-DD`` to ISO; anything else is dropped."""
    text = clean_text(text)
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if m:
            return date(int(m[3]), int(m[1]), int(m[2])).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def guess_schema(name: str) -> str:
    """Person, Organization or LegalEntity from the shape of a name the list does not type.

    A business word or legal form (``INC``, ``LTD``, ``AIRLINES``, ``TRADING``…) makes an
    Organization; two to six plain name words (initials and ``JR``/``III`` allowed, no digits)
    make a Person; anything else stays LegalEntity. This is a heuristic: a company named like a
    person ("JOHN SMITH" trading as himself) comes out as Person, which the list cannot settle.
    """
    words = re.sub(r'[,()"]', " ", name.upper()).split()
    if any(w in _ORG_WORDS or w.rstrip(".") in _ORG_WORDS for w in words):
        return "Organization"
    core = [w for w in words if w not in _SUFFIXES]
    if 2 <= len(core) <= 6 and all(_NAME_TOKEN.fullmatch(w) for w in core):
        return "Person"
    return "LegalEntity"


def split_aka(name: str) -> tuple[str, list[str]]:
    """``PEARL (A.K.A. NEI-CHIEN CHU) LI`` → (``PEARL LI``, [``NEI-CHIEN CHU``]);
    ``SIBERIAN AIRLINES D/B/A S7 AIRLINES`` → (``SIBERIAN AIRLINES``, [``S7 AIRLINES``])."""
    inner = re.search(r"\((?:A/K/A|A\.K\.A\.?|AKA)\s+([^)]*)\)", name, re.IGNORECASE)
    if inner:
        rest = clean_text(name[: inner.start()] + " " + name[inner.end() :]) or name
        return rest, [inner[1].strip()]
    parts = _AKA.split(name)
    if len(parts) < 3:
        return name, []
    main = parts[0].strip()
    aliases = [p.strip(" )") for p in parts[2::2] if p.strip(" )")]
    return main, aliases


def _entity(row: dict[str, str], name: str, ref: str, ctx: ParseContext) -> EntityProxy:
    main, aliases = split_aka(name)
    entity = ctx.make(guess_schema(main), ref)
    entity.add("name", main)
    for alias in aliases:
        entity.add("alias", alias)
    parts = [clean_text(row.get(k)) for k in _ADDRESS]
    entity.add("address", ", ".join(p for p in parts if p) or None)
    entity.add("country", country_code(clean_text(row.get("Country"))))
    entity.add("program", PROGRAM)
    entity.add("createdAt", _iso(row.get("Effective_Date")))
    entity.add("modifiedAt", _iso(row.get("Last_Update")))
    entity.add("notes", clean_text(row.get("Action")))
    citation = clean_text(row.get("FR_Citation"))
    entity.add("notes", f"Federal Register: {citation}" if citation else None)
    entity.add("sourceUrl", LIST_URL)
    return entity


def _sanction(row: dict[str, str], entity: EntityProxy, ref: str, ctx: ParseContext) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", ref)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", PUBLISHER)
    sanction.add("authorityId", ref)
    sanction.add("program", PROGRAM)
    sanction.add("listingDate", _iso(row.get("Effective_Date")))
    sanction.add("startDate", _iso(row.get("Effective_Date")))
    sanction.add("endDate", _iso(row.get("Expiration_Date")))
    sanction.add("modifiedAt", _iso(row.get("Last_Update")))
    sanction.add("description", clean_text(row.get("FR_Citation")))
    sanction.add("status", clean_text(row.get("Action")))
    if clean_text(row.get("Standard_Order")):
        sanction.add("provisions", f"Standard order: {clean_text(row.get('Standard_Order'))}")
    return sanction
