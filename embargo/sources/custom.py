"""A user's own screening list (``embargo update --custom NAME=FILE``), as CSV or XLSX.

The file needs a header row with at least ``id`` and ``name``; optional columns are
``aliases`` and ``id_numbers`` (several values separated by ``;``), ``schema`` (Person,
Organization, Company, Vessel, Airplane or LegalEntity, the default), ``country``,
``birth_date`` and ``address``. Header names are matched without regard to case or
surrounding spaces; a CSV's separator (``,``, ``;``, tab or ``|``) is the one its header uses.
A user list is small and hand-made, so it is checked whole before any entity is returned: a
missing column, an empty name or id, an unknown schema or a repeated id is a
:class:`ParseError` naming the row, rather than a silently short list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from embargo.sources.base import Download, EntityProxy, ParseContext, add_dates, clean_text

NAME = "custom"
TITLE = "Custom screening list"
PUBLISHER = "User supplied"
DOWNLOADS: list[Download] = []

REQUIRED = ("id", "name")
OPTIONAL = ("aliases", "schema", "country", "birth_date", "id_numbers", "address")
SCHEMATA = ("LegalEntity", "Person", "Organization", "Company", "Vessel", "Airplane")
_SCHEMA_BY_LOWER = {s.lower(): s for s in SCHEMATA}
_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")


def parse_file(path: Path, name: str) -> tuple[ParseContext, Iterator[EntityProxy]]:
    """Read and check ``path`` as list ``custom:NAME``; the entities come back as an iterator."""
    ctx = ParseContext(f"custom:{name}")
    entities = _read(Path(path), ctx)
    return ctx, iter(entities)


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Every CSV/XLSX list in ``folder``, under the context's source name."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES)
    if not files:
        raise ctx.error(folder / "list.csv", None, "file missing (no CSV or XLSX list)")
    for path in files:
        yield from _read(path, ctx)


def _read(path: Path, ctx: ParseContext) -> list[EntityProxy]:
    if not path.is_file():
        raise ctx.error(path, None, "file missing")
    rows = _rows_xlsx(path, ctx) if path.suffix.lower() == ".xlsx" else _rows_csv(path, ctx)
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ctx.error(path, "row 1", "empty file (a header with id,name is needed)")
    header_number, header = rows[0]
    columns = {cell.strip().lower(): i for i, cell in enumerate(header) if cell.strip()}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        found = [cell.strip() for cell in header if cell.strip()]
        raise ctx.error(
            path, f"row {header_number}", f"missing column(s) {missing}; headers found: {found}"
        )
    unknown = [c for c in columns if c not in REQUIRED and c not in OPTIONAL]
    for column in unknown:
        ctx.warn("unknown column ignored", column)

    out: list[EntityProxy] = []
    first_row: dict[str, int] = {}
    for number, row in rows[1:]:

        def cell(column: str, row: list[str] = row) -> str | None:
            index = columns.get(column)
            return clean_text(row[index]) if index is not None and index < len(row) else None

        ref = cell("id")
        if not ref:
            raise ctx.error(path, f"row {number}", "empty id")
        label = cell("name")
        if not label:
            raise ctx.error(path, f"row {number}", f"empty name (id {ref})")
        if ref in first_row:
            raise ctx.error(path, f"row {number}", f"id {ref} repeats row {first_row[ref]}")
        first_row[ref] = number
        schema_text = cell("schema")
        schema = _SCHEMA_BY_LOWER.get((schema_text or "legalentity").lower())
        if schema is None:
            raise ctx.error(
                path,
                f"row {number}",
                f"unknown schema {schema_text!r} (use one of {', '.join(SCHEMATA)})",
            )
        entity = ctx.make(schema, ref)
        entity.add("name", label)
        for alias in (cell("aliases") or "").split(";"):
            alias = clean_text(alias)
            if alias and alias != label:
                entity.add("alias", alias)
        entity.add("country", cell("country"), quiet=True)
        entity.add("address", cell("address"), quiet=True)
        birth = cell("birth_date")
        if birth:
            if entity.schema.get("birthDate"):
                add_dates(entity, "birthDate", birth)
            else:
                ctx.warn("birth_date on a non-person ignored", f"row {number}")
        number_prop = "idNumber" if entity.schema.get("idNumber") else "registrationNumber"
        for value in (cell("id_numbers") or "").split(";"):
            entity.add(number_prop, clean_text(value))
        entity.add("program", ctx.source)
        out.append(entity)
    return out


def _rows_csv(path: Path, ctx: ParseContext) -> list[tuple[int, list[str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ctx.error(path, f"line {line}", "not UTF-8 text") from exc
    if not text.strip():
        raise ctx.error(path, "line 1", "empty file (a header with id,name is needed)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ctx.error(path, f"line {reader.line_num}", f"broken CSV: {exc}") from exc


def _delimiter(text: str) -> str:
    """The separator the header line uses most (column names hold no separators)."""
    header = text.lstrip().split("\n", 1)[0]
    return max(",;\t|", key=header.count)


def _rows_xlsx(path: Path, ctx: ParseContext) -> list[tuple[int, list[str]]]:
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise ctx.error(path, None, f"not a readable xlsx workbook: {exc}") from exc
    return [(i, [_cell(v) for v in row]) for i, row in enumerate(values, start=1)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
