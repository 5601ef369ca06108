"""Australia DFAT Consolidated List of UN and autonomous sanctions (regulation8_consolidated.xlsx).

DFAT writes one row per name: the primary name under reference ``7306`` and its aliases under
``7306a``, ``7306b``… (longer runs go on as ``2532e1``, ``2532e2``). The leading digits are the
party's reference; every row repeats the party's details. Cell text is hand-typed: type and
name-type labels come with stray spaces and mixed case, multi-valued cells are written
``a) X b) Y`` or ``X; alt DOB: Y``, and dates of birth appear as real dates, bare years stored as
numbers, or free text ("Approximately 1955- 1958", "Between 1965 and 1969", "12 Dec. 1970").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from embargo.sources.base import Download, EntityProxy, ParseContext, add_dates, clean_text
from embargo.sources.dates import parse_dates

NAME = "au_dfat"
TITLE = "Australia DFAT Consolidated List"
PUBLISHER = "Australian Government, Department of Foreign Affairs and Trade (DFAT)"
DOWNLOADS = [
    Download(
        "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
        "regulation8_consolidated.xlsx",
    ),
]

_FILE = "regulation8_consolidated.xlsx"
_REQUIRED = ("Reference", "Name of Individual or Entity", "Type", "Name Type")
_SCHEMAS = {"individual": "Person", "entity": "Organization"}
_REF_RE = re.compile(r"\s*(\d+)\s*([a-z]*\d*)\s*$", re.I)
# "a) X b) Y", "(a) X (b) Y", "i) X ii) Y" enumerations inside one cell.
_ENUM_RE = re.compile(r"(?:^|(?<=[\s;,.]))\(?(?:[a-h]|i{1,3}|iv|v)\)\s*")
_DOB_SPLIT_RE = re.compile(r"\s*(?:;|>>|\balt\.?\s*DOB:?|\balternative\b|\n)\s*", re.I)
_INFO_FIELDS = {
    "title": re.compile(r"\bTitle:\s*(.+?)(?:\.\s+(?=[A-Z])|$)"),
    "position": re.compile(
        r"\b(?:Designation|Last known position|Position):\s*(.+?)(?:\.\s+(?=[A-Z])|$)"
    ),
    "gender": re.compile(r"\bGender:\s*(male|female)\b", re.I),
    "imoNumber": re.compile(r"\bIMO(?: Identification)?(?: number| no\.?)?:?\s*(\d{7})\b", re.I),
}


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """One entity per base reference, with its aliases, details and a Sanction."""
    path = folder / _FILE
    if not path.is_file():
        found = sorted(folder.glob("*.xlsx"))
        if not found:
            raise ctx.error(path, None, "file missing")
        path = found[0]
    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    except CalamineError as exc:
        raise ctx.error(path, None, f"not a readable xlsx workbook: {exc}") from exc
    if not rows:
        raise ctx.error(path, "row 1", "empty sheet")
    header = [_text(c) or "" for c in rows[0]]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise ctx.error(path, "row 1", f"missing columns {missing}; found {header}")
    col = {name: i for i, name in enumerate(header) if name}

    groups: dict[str, list[dict[str, object]]] = {}
    for number, row in enumerate(rows[1:], start=2):
        record = {name: (row[i] if i < len(row) else None) for name, i in col.items()}
        raw_ref = _text(record["Reference"])
        if raw_ref is None:
            if any(_text(v) for v in row):
                ctx.warn("row without reference", f"{path.name} row {number}")
            continue
        m = _REF_RE.fullmatch(raw_ref)
        if not m:
            ctx.warn("unreadable reference", f"row {number}: {raw_ref}")
            continue
        groups.setdefault(m[1], []).append(record)

    published: date | None = None
    for ref, records in groups.items():
        entity = _entity(ctx, ref, records)
        yield entity
        yield _sanction(ctx, entity, ref, records)
        for record in records:
            control = record.get("Control Date")
            if isinstance(control, datetime):
                control = control.date()
            if isinstance(control, date) and (published is None or control > published):
                published = control
    if published:
        ctx.published = published.isoformat()


def _text(value: object) -> str | None:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return clean_text(value)


def _split(text: str | None) -> list[str]:
    """Values of an ``a) X b) Y`` cell, or the cell itself."""
    if not text:
        return []
    parts = _ENUM_RE.split(text)
    out = []
    for part in parts:
        part = clean_text(part.strip(" ;,."))
        if part:
            out.append(part)
    return out


def _name_kind(label: str | None) -> str:
    label = (label or "").strip().lower()
    if label.startswith("primary"):
        return "name"
    if label.startswith("original"):
        return "alias"
    if label.startswith(("formerly", "previously", "fka")):
        return "previousName"
    return "alias"


def _entity(ctx: ParseContext, ref: str, records: list[dict[str, object]]) -> EntityProxy:
    main = next((r for r in records if _name_kind(_text(r["Name Type"])) == "name"), None)
    if main is None:
        ctx.warn("reference without primary name", ref)
        main = records[0]
    kind = (_text(main["Type"]) or "").lower()
    schema = _SCHEMAS.get(kind)
    if schema is None:
        ctx.warn("unknown Type", f"{ref}: {kind}")
        schema = "LegalEntity"
    entity = ctx.make(schema, ref)
    entity.add("name", _text(main["Name of Individual or Entity"]))
    for record in records:
        name = _text(record["Name of Individual or Entity"])
        prop = _name_kind(_text(record["Name Type"]))
        if name and record is not main:
            entity.add("alias" if prop == "name" else prop, name)

    seen: set[tuple[str, object]] = set()
    for record in records:
        for column, value in record.items():
            if (column, value) in seen or column in ("Reference", "Name of Individual or Entity"):
                continue
            seen.add((column, value))
            _apply(entity, column, value)
    return entity


def _apply(entity: EntityProxy, column: str, value: object) -> None:
    person = entity.schema.is_a("Person")
    if column == "Date of Birth" and person:
        for date_text in _dob_values(value):
            for iso in parse_dates(date_text) or _scan_dates(date_text):
                entity.add("birthDate", iso)
        return
    text = _text(value)
    if not text:
        return
    if column == "Place of Birth" and person:
        for place in _split(text):
            entity.add("birthPlace", place)
    elif column == "Citizenship" and person:
        for part in _split(text):
            for country in re.split(r"\s*(?:,|/|\band\b)\s*", part):
                entity.add("nationality", country, quiet=True)
    elif column == "Address":
        for address in _split(text):
            entity.add("address", address)
            tail = address.rsplit(",", 1)[-1]
            entity.add("country", re.sub(r"[\d.()]", "", tail).strip(), quiet=True)
    elif column == "Additional Information":
        entity.add("notes", text)
        for prop, pattern in _INFO_FIELDS.items():
            if not entity.schema.get(prop):
                continue
            for m in pattern.finditer(text):
                for item in _split(m[1]) if prop in ("title", "position") else [m[1]]:
                    entity.add(prop, item.lower() if prop == "gender" else item, quiet=True)
    elif column == "Committees":
        entity.add("program", text)
    elif column == "Control Date":
        add_dates(entity, "modifiedAt", text)


def _dob_values(value: object) -> list[str]:
    if isinstance(value, datetime | date):
        return [value.isoformat()[:10]]
    text = _text(value)
    if not text:
        return []
    text = re.sub(r"(\d{4})\s*-\s*(\d{4})", r"\1 to \2", text)
    out = []
    for part in _ENUM_RE.split(text):
        out.extend(p for p in _DOB_SPLIT_RE.split(part) if p.strip(" ,."))
    return out


_DATE_TOKENS = (
    re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b"),
    re.compile(r"\b\d{1,2}\.?[\s-]+[A-Za-z]{3,9}\.?,?[\s-]+\d{4}\b"),
    re.compile(r"\b[A-Za-z]{3,9}\.?,?\s+\d{4}\b"),
    re.compile(r"\b\d{4}\b"),
)


def _scan_dates(text: str) -> list[str]:
    """Dates found anywhere in free text, for cells that mix dates with remarks."""
    out: list[str] = []

    def take(m: re.Match[str]) -> str:
        if m.re is _DATE_TOKENS[0]:
            token = re.sub(r"[.-]", "/", re.sub(r"\s+", "", m[0]))
        else:
            token = " ".join(re.split(r"[\s.,-]+", m[0]))
        values = parse_dates(token)
        out.extend(v for v in values if v not in out)
        return " " if values else m[0]

    for pattern in _DATE_TOKENS:
        text = pattern.sub(take, text)
    return out


def _sanction(
    ctx: ParseContext, entity: EntityProxy, ref: str, records: list[dict[str, object]]
) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", ref)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", PUBLISHER)
    sanction.add("country", "au")
    sanction.add("authorityId", ref)
    for column, prop in (
        ("Committees", "program"),
        ("Listing Information", "provisions"),
        ("Control Date", "modifiedAt"),
    ):
        for record in records:
            text = _text(record.get(column))
            if not text:
                continue
            if prop == "modifiedAt":
                add_dates(sanction, prop, text)
            else:
                sanction.add(prop, text)
    return sanction
