"""Japan METI End User List (外国ユーザーリスト), one xlsx per revision.

METI lists foreign companies and organisations of weapons-of-mass-destruction or
conventional-weapons concern. Each revision is a new file whose name carries its date
(``20250929_4.xlsx``), linked from https://www.meti.go.jp/policy/anpo/law05.html; the address
below is the revision of 2025-09-29 and must be updated when METI publishes the next one.
Columns: No., country (Japanese and English on two lines), name (sometimes with the name in
Chinese characters in full-width brackets on a second line), aliases (one per line, each
bulleted with ``・``), type of WMD concern and conventional-weapons concern.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from embargo.sources.base import Download, EntityProxy, ParseContext, clean_text

NAME = "jp_meti_end_user_list"
TITLE = "Japan METI End User List"
PUBLISHER = "Japan Ministry of Economy, Trade and Industry (METI)"
DOWNLOADS = [
    Download(
        "https://www.meti.go.jp/policy/anpo/law_document/tutatsu/t07sonota/eul/20250929_4.xlsx",
        "20250929_4.xlsx",
    ),
]
PROGRAM = "METI End User List"

# Header cells hold Japanese and English titles on two lines; match on the English words.
_COLUMNS = {
    "number": ("no.",),
    "country": ("country or region",),
    "name": ("company or organization",),
    "aliases": ("also known as",),
    "wmd": ("type of wmd",),
    "conventional": ("conventional weapons",),
}
_REQUIRED = ("number", "country", "name")
_WMD = {"B": "biological", "C": "chemical", "M": "missile", "N": "nuclear"}


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """One Organization per listed number, with a Sanction naming the concern types."""
    files = sorted(folder.glob("*.xlsx"))
    if not files:
        raise ctx.error(
            folder / DOWNLOADS[0].filename, None, "file missing (no End User List xlsx)"
        )
    path = files[-1]
    m = re.match(r"(\d{4})(\d{2})(\d{2})", path.name)
    if m:
        ctx.published = f"{m[1]}-{m[2]}-{m[3]}"
    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    except CalamineError as exc:
        raise ctx.error(path, None, f"not a readable xlsx workbook: {exc}") from exc
    header_index, col = _find_header(path, rows, ctx)
    seen: set[str] = set()
    for row_number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):

        def cell(key: str, row: list[object] = row) -> str:
            index = col.get(key)
            if index is None or index >= len(row):
                return ""
            value = row[index]
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return "" if value is None else str(value)

        number = clean_text(cell("number"))
        name_cell = cell("name")
        if not number and not clean_text(name_cell):
            continue
        if not number or not clean_text(name_cell):
            ctx.warn("row without number or name", f"{path.name} row {row_number}")
            continue
        if number in seen:
            ctx.warn("duplicate number", f"{path.name} row {row_number}: {number}")
            continue
        seen.add(number)
        entity = ctx.make("Organization", number)
        names = _names(name_cell)
        entity.add("name", names[0])
        entity.add("alias", names[1:])
        for line in cell("aliases").splitlines():
            alias = _clean_name(line.lstrip(" \u3000・･"))
            if alias and re.fullmatch(r"\([^()]+\)", alias):
                alias = alias[1:-1].strip()
            if alias and alias not in entity.get("name"):
                entity.add("alias", alias)
        for line in cell("country").splitlines():
            entity.add("country", clean_text(line), quiet=True)
        concerns = _concerns(cell("wmd"), cell("conventional"))
        if concerns:
            entity.add("notes", "Concern: " + ", ".join(concerns))
        entity.add("program", PROGRAM)
        yield entity
        sanction = ctx.make_aux("Sanction", number)
        sanction.add("entity", entity.id, cleaned=True)
        sanction.add("authority", PUBLISHER)
        sanction.add("country", "jp")
        sanction.add("authorityId", number)
        sanction.add("program", PROGRAM)
        sanction.add("reason", ", ".join(concerns) if concerns else None)
        yield sanction


def _find_header(
    path: Path, rows: list[list[object]], ctx: ParseContext
) -> tuple[int, dict[str, int]]:
    if not rows:
        raise ctx.error(path, "row 1", "empty sheet")
    for index, row in enumerate(rows[:10]):
        texts = [" ".join(str(c).lower().split()) for c in row]
        col: dict[str, int] = {}
        for key, needles in _COLUMNS.items():
            for i, text in enumerate(texts):
                if any(n in text for n in needles) and key not in col:
                    col[key] = i
        if all(k in col for k in _REQUIRED):
            return index, col
    found = [str(c) for c in rows[0]]
    raise ctx.error(
        path, "row 1", f"no header with columns No., Country or Region, Company; found {found}"
    )


def _clean_name(text: str) -> str | None:
    """NFKC folds the full-width letters and spaces METI sometimes types into names."""
    return clean_text(unicodedata.normalize("NFKC", text))


def _names(cell: str) -> list[str]:
    """The name, then any bracketed name in another script (``Name\\n（中文名）``)."""
    text = unicodedata.normalize("NFKC", cell)
    extra: list[str] = []
    m = re.search(r"\s*\(([^()]*[\u3040-\u30ff\u3400-\u9fff][^()]*)\)\s*$", text)
    if m:
        extra.append(m[1])
        text = text[: m.start()]
    elif "\n" in text.strip():
        first, rest = text.strip().split("\n", 1)
        bracket = re.fullmatch(r"\s*\((.+)\)\s*", rest)
        if bracket:
            extra.append(bracket[1])
            text = first
    names = [clean_text(text)] + [clean_text(e) for e in extra]
    return [n for n in names if n]


def _concerns(wmd: str, conventional: str) -> list[str]:
    out: list[str] = []
    codes = unicodedata.normalize("NFKC", wmd).splitlines()[-1:] if wmd.strip() else []
    for code in re.findall(r"[BCMN]", "".join(codes).upper()):
        out.append(_WMD[code])
    if clean_text(conventional):
        out.append("conventional weapons")
    return out
