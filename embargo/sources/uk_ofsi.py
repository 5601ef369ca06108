"""UK HM Treasury OFSI Consolidated List of Financial Sanctions Targets (ConList).

OFSI publishes one row per name of a listed party: every alias, spelling variant and
original-script name of a "Group ID" is its own row, and each row repeats the party's other
details (one row per address or date of birth when there are several). Rows are therefore
grouped by Group ID, and the union of their values becomes one entity. Multi-valued cells are
written ``(1) X (2) Y``; the free-text "Other Information" cell carries tagged fields such as
``(Gender):Male`` or ``(IMO number):7408873``.

Both editions OFSI served are read: ``ConList.csv`` (the download) and ``ConList.xlsx`` (same
columns). Each starts with a ``Last Updated, dd/mm/yyyy`` row above the real header. OFSI
closed this list on 2026-01-28 in favour of the FCDO UK Sanctions List.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from embargo.sources.base import (
    Download,
    EntityProxy,
    ParseContext,
    clean_text,
)
from embargo.sources.dates import parse_dates

NAME = "uk_ofsi_conlist"
TITLE = "UK OFSI Consolidated List of Financial Sanctions Targets"
PUBLISHER = "HM Treasury, Office of Financial Sanctions Implementation (OFSI)"
DOWNLOADS = [
    Download(
        "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        "ConList.csv",
    ),
]

_SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_REQUIRED = ("Name 6", "Group Type", "Alias Type", "Group ID")
_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
_NAME_KEY_COLUMNS = (
    *_NAME_COLUMNS,
    "Alias Type",
    "Alias Quality",
    "Name Non-Latin Script",
    "Title",
)
_ADDRESS_COLUMNS = (
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
)
# Tagged fields in "Other Information"; anything else stays only in notes.
_INFO_TAGS = (
    "UK Sanctions List Ref",
    "UK Statement of Reasons",
    "UN Ref",
    "Gender",
    "Phone number",
    "Tel",
    "Fax",
    "Email address",
    "Website",
    "Type of entity",
    "Parent company",
    "Subsidiaries",
    "Business Reg No",
    "IMO number",
    "Flag of ship",
    "Previous flags",
    "Type of ship",
    "Tonnage of ship",
    "Length of ship",
    "Year built",
    "Current owners",
)
_INFO_RE = re.compile(r"\((" + "|".join(re.escape(t) for t in _INFO_TAGS) + r")\):")
_ENUM_RE = re.compile(r"\(\d{1,2}\)\s*")
_LIST_REF_RE = re.compile(r"[A-Za-z]{2,4}\.?\d{2,5}(?:\.\d+)?")
_OFSI_ID_RE = re.compile(r"Listed as asset of ([^(]+?)\s*,?\s*\(OFSI ID:\s*(\d+)")


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Listed parties (one per Group ID) and their Sanction and link entities."""
    path = _find_file(folder, ctx)
    rows = _read_rows(path, ctx)
    header_index, columns = _find_header(path, rows, ctx)
    for cell_index, cell in enumerate(rows[0] if rows else []):
        if cell.strip().lower() == "last updated" and cell_index + 1 < len(rows[0]):
            published = _uk_date(rows[0][cell_index + 1])
            if published:
                ctx.published = published
    groups: dict[str, list[dict[str, str]]] = {}
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(cell.strip() for cell in row):
            continue
        record = {name: (row[i] if i < len(row) else "") for name, i in columns.items()}
        group_id = clean_text(record.get("Group ID"))
        if not group_id:
            ctx.warn("row without Group ID", f"{path.name} row {offset}")
            continue
        groups.setdefault(group_id, []).append(record)

    for group_id, records in groups.items():
        group_type = (clean_text(records[0].get("Group Type")) or "").lower()
        schema = _SCHEMAS.get(group_type)
        if schema is None:
            ctx.warn("unknown Group Type", f"{group_id}: {group_type}")
            schema = "LegalEntity"
        entity = ctx.make(schema, group_id)
        _apply_names(entity, records, ctx)
        info = _apply_details(entity, records)
        yield entity
        yield _sanction(ctx, entity, group_id, records, info)
        for owner_name, owner_id in _OFSI_ID_RE.findall(" ".join(info.get("_all", []))):
            if owner_id not in groups:
                ctx.warn("asset owner not on list", f"{group_id} -> {owner_id}")
                continue
            link = ctx.make_aux("UnknownLink", owner_id, group_id)
            link.add("subject", ctx.make_id(owner_id), cleaned=True)
            link.add("object", entity.id, cleaned=True)
            link.add("role", "Listed as asset of " + owner_name.strip())
            yield link


def _find_file(folder: Path, ctx: ParseContext) -> Path:
    for name in ("ConList.csv", "ConList.xlsx"):
        if (folder / name).is_file():
            return folder / name
    for pattern in ("*.csv", "*.xlsx"):
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    raise ctx.error(folder / "ConList.csv", None, "file missing (expected ConList.csv or .xlsx)")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_rows(path: Path, ctx: ParseContext) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        try:
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            return [[_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
        except CalamineError as exc:
            raise ctx.error(path, None, f"not a readable xlsx workbook: {exc}") from exc
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [row for row in csv.reader(handle)]
    except UnicodeDecodeError as exc:
        raise ctx.error(path, f"byte {exc.start}", "not UTF-8 text") from exc
    except csv.Error as exc:
        raise ctx.error(path, None, f"broken CSV: {exc}") from exc


def _find_header(
    path: Path, rows: list[list[str]], ctx: ParseContext
) -> tuple[int, dict[str, int]]:
    if not rows:
        raise ctx.error(path, "row 1", "empty file")
    for index, row in enumerate(rows[:10]):
        names = [cell.strip() for cell in row]
        if "Group ID" in names or "Name 6" in names:
            missing = [c for c in _REQUIRED if c not in names]
            if missing:
                raise ctx.error(
                    path, f"row {index + 1}", f"missing columns {missing}; found {names}"
                )
            return index, {name: i for i, name in enumerate(names) if name}
    raise ctx.error(path, "row 1", f"no header row with columns {list(_REQUIRED)}")


def _split_enum(text: str | None) -> list[str | None]:
    """``(1) X (2) Y`` as ``[X, Y]``; a lone value as ``[value]``; ``-`` items as ``None``."""
    text = clean_text(text)
    if not text:
        return []
    parts = _ENUM_RE.split(text) if _ENUM_RE.match(text) else [text]
    return [clean_text(p.strip().rstrip(".,;").strip()) for p in parts if p.strip()]


def _uk_date(text: str | None) -> str | None:
    """OFSI writes ``dd/mm/yyyy`` with ``00`` for unknown day or month."""
    text = clean_text(text)
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        day, month, year = int(m[1]), int(m[2]), m[3]
        if month == 0:
            return year
        if day == 0:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{day:02d}"
    m = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if m:
        return m[2] if int(m[1]) == 0 else f"{m[2]}-{int(m[1]):02d}"
    return text


def _full_name(record: dict[str, str]) -> str | None:
    return clean_text(" ".join(record.get(c, "") for c in _NAME_COLUMNS))


def _apply_names(entity: EntityProxy, records: list[dict[str, str]], ctx: ParseContext) -> None:
    primary = [r for r in records if (clean_text(r.get("Alias Type")) or "") == "Primary name"]
    main = primary[0] if primary else records[0]
    if not primary:
        ctx.warn("group without primary name row", entity.context["ref"])
    entity.add("name", _full_name(main))
    if entity.schema.is_a("Person"):
        entity.add("firstName", clean_text(main.get("Name 1")))
        middle = " ".join(main.get(c, "") for c in ("Name 2", "Name 3", "Name 4", "Name 5"))
        entity.add("middleName", clean_text(middle))
        entity.add("lastName", clean_text(main.get("Name 6")))
    seen: set[tuple[str, ...]] = set()
    for record in records:
        key = tuple(record.get(c, "") for c in _NAME_KEY_COLUMNS)
        if key in seen:
            continue
        seen.add(key)
        full = _full_name(record)
        alias_type = (clean_text(record.get("Alias Type")) or "").lower()
        low = (clean_text(record.get("Alias Quality")) or "").lower().startswith("low")
        if full and full not in entity.get("name"):
            if alias_type == "fka":
                entity.add("previousName", full)
            elif low:
                entity.add("weakAlias", full)
            else:
                if alias_type not in ("aka", "primary name", "primary name variation"):
                    ctx.warn("unknown Alias Type", alias_type)
                entity.add("alias", full)
        entity.add("alias", clean_text(record.get("Name Non-Latin Script")))
        if entity.schema.is_a("Person"):
            entity.add("title", clean_text(record.get("Title")))


def _parse_info(text: str) -> dict[str, list[str]]:
    """Tagged fields of "Other Information", each tag's values in order."""
    out: dict[str, list[str]] = {}
    pieces = _INFO_RE.split(text)
    for tag, value in zip(pieces[1::2], pieces[2::2], strict=False):
        value = clean_text(value)
        if value:
            out.setdefault(tag, []).append(value.rstrip(". "))
    return out


def _distinct(records: list[dict[str, str]], column: str) -> list[str]:
    """The column's values across a group's rows, once each (rows repeat most cells)."""
    out: dict[str, None] = {}
    for record in records:
        value = record.get(column)
        if value and value.strip():
            out[value] = None
    return list(out)


@lru_cache(maxsize=4096)
def _iso_dates(text: str) -> tuple[str, ...]:
    return tuple(parse_dates(_uk_date(text)))


def _add_dates(entity: EntityProxy, prop: str, text: str) -> None:
    for value in _iso_dates(text):
        entity.add(prop, value, cleaned=True)


def _apply_details(entity: EntityProxy, records: list[dict[str, str]]) -> dict[str, list[str]]:
    person = entity.schema.is_a("Person")
    if person:
        for text in _distinct(records, "DOB"):
            for value in _split_enum(text):
                _add_dates(entity, "birthDate", value or "")
        births = {(r.get("Town of Birth", ""), r.get("Country of Birth", "")) for r in records}
        for town_text, country_text in sorted(births):
            towns, countries = _split_enum(town_text), _split_enum(country_text)
            for town, country in zip_longest(towns, countries):
                entity.add("birthPlace", clean_text(", ".join(p for p in (town, country) if p)))
                entity.add("birthCountry", country, quiet=True)
        for column, prop in (
            ("Nationality", "nationality"),
            ("Passport Number", "passportNumber"),
            ("Position", "position"),
        ):
            for text in _distinct(records, column):
                for value in _split_enum(text):
                    entity.add(prop, value, quiet=True)
    if entity.schema.is_a("LegalEntity"):
        for text in _distinct(records, "National Identification Number"):
            for value in _split_enum(text):
                entity.add("idNumber", value)
    addresses = {tuple(r.get(c, "").strip() for c in _ADDRESS_COLUMNS) for r in records}
    for parts in sorted(addresses):
        entity.add("address", clean_text(", ".join(p for p in parts if p)), quiet=True)
    for text in _distinct(records, "Country"):
        entity.add("country", clean_text(text), quiet=True)
    for text in _distinct(records, "Regime"):
        entity.add("program", clean_text(text))
    for text in _distinct(records, "Listed On"):
        _add_dates(entity, "createdAt", text)
    for text in _distinct(records, "Last Updated"):
        _add_dates(entity, "modifiedAt", text)
    for label, column in (
        ("Passport details", "Passport Details"),
        ("National identification details", "National Identification Details"),
    ):
        for text in _distinct(records, column):
            detail = clean_text(text)
            if detail:
                entity.add("notes", f"{label}: {detail}", quiet=True)
    info: dict[str, list[str]] = {"_all": []}
    for text in _distinct(records, "Other Information"):
        other = clean_text(text)
        if not other:
            continue
        info["_all"].append(other)
        entity.add("notes", other)
        for tag, values in _parse_info(other).items():
            known = info.setdefault(tag, [])
            known.extend(v for v in values if v not in known)
    _apply_info(entity, info)
    return info


def _apply_info(entity: EntityProxy, info: dict[str, list[str]]) -> None:
    def values(tag: str) -> list[str]:
        return [v for text in info.get(tag, []) for v in _split_enum(text) if v]

    for value in values("Gender"):
        entity.add("gender", value.lower(), quiet=True)
    for tag in ("Phone number", "Tel"):
        for value in values(tag):
            entity.add("phone", value, quiet=True)
    for value in values("Email address"):
        for email in re.split(r"[\s,;]+", value):
            entity.add("email", email, quiet=True)
    for value in values("Website"):
        entity.add("website", value, quiet=True)
    for value in values("Type of entity"):
        entity.add("legalForm", value, quiet=True)
    for value in values("Business Reg No"):
        m = re.match(r"(OGRN|INN|KPP|TIN)\s*[:\-]?\s*(.+)", value, re.I)
        if m and m[1].upper() == "OGRN":
            entity.add("ogrnCode", m[2], quiet=True)
        elif m and m[1].upper() == "INN":
            entity.add("innCode", m[2], quiet=True)
        else:
            entity.add("registrationNumber", value, quiet=True)
    for value in values("IMO number"):
        entity.add("imoNumber", value, quiet=True)
    for value in values("Flag of ship"):
        entity.add("flag", value, quiet=True)
    for value in values("Previous flags"):
        entity.add("pastFlags", value, quiet=True)
    for value in values("Type of ship"):
        entity.add("type", value, quiet=True)
    for value in values("Tonnage of ship"):
        entity.add("tonnage", value, quiet=True)
    if entity.schema.get("buildDate"):
        for value in values("Year built"):
            _add_dates(entity, "buildDate", value)


def _sanction(
    ctx: ParseContext,
    entity: EntityProxy,
    group_id: str,
    records: list[dict[str, str]],
    info: dict[str, list[str]],
) -> EntityProxy:
    sanction = ctx.make_aux("Sanction", group_id)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", PUBLISHER)
    sanction.add("country", "gb")
    sanction.add("authorityId", group_id)
    for tag, prop in (("UK Sanctions List Ref", "authorityId"), ("UN Ref", "unscId")):
        for text in info.get(tag, []):
            m = _LIST_REF_RE.match(text)  # the reference, without the remarks after it
            sanction.add(prop, m[0] if m else text)
    for reason in info.get("UK Statement of Reasons", []):
        sanction.add("reason", reason)
    for text in _distinct(records, "Regime"):
        sanction.add("program", clean_text(text))
    for column, prop in (
        ("Listed On", "listingDate"),
        ("UK Sanctions List Date Designated", "startDate"),
        ("Last Updated", "modifiedAt"),
    ):
        for text in _distinct(records, column):
            _add_dates(sanction, prop, text)
    return sanction
