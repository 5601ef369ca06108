"""Japan Ministry of Finance list of parties subject to asset freezes (資産凍結等の措置).

MOF publishes one workbook (``shisantouketsu<yyyymmdd>.xlsx``) with one sheet per programme:
an index sheet, then sheets named ``"29.ロシア連邦(個人)"`` and so on. Each sheet has a title and
notes above its own header row (found by its ``告示番号``, notice number, and ``英語表記``,
English name, cells), and its own set of columns. Rows carry the Japanese and English names,
aliases in both scripts (``(a)…(b)…`` enumerations, ``;`` or ``、`` lists, ``(別称、…)`` and
``(a.k.a. …)`` wrappers), dates in Japanese (``1963年頃``) or ISO form, and addresses.
Removed entries keep their number with a ``削除`` (deleted) date and no name; rows with no
number continue the remarks of the row above. An entry's reference is ``<sheet number>-<notice
number>``, e.g. ``28-329`` (Alabuga SEZ, on the Russian entities sheet).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from embargo.sources.base import Download, EntityProxy, ParseContext, clean_text
from embargo.sources.dates import parse_dates

NAME = "jp_mof_asset_freeze"
TITLE = "Japan MOF Asset Freeze List"
PUBLISHER = "Japan Ministry of Finance (MOF)"
DOWNLOADS = [
    # MOF links the current workbook from
    # https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/list.html
    # and renames it with each revision (shisantouketsu<date>.xlsx).
    Download(
        "https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/"
        "economic_sanctions/shisantouketsu20260305.xlsx",
        "shisantouketsu20260305.xlsx",
    ),
]

_NULLS = {"不明", "なし", "無し", "該当なし", "ー", "－", "―", "-"}
_JP_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_ENUM = re.compile(r"\(\s*[a-z]{1,2}\s*\)")
_MARKER = re.compile(r"(\b[af]\.?k\.?a\b\.?\s*[,:]?|別称|旧称|別名\d*)\s*[、,:]?\s*")
_SHEET_NUMBER = re.compile(r"\s*(\d+)\s*[.．]\s*(.*)")


@dataclass
class _Columns:
    """Where each kind of value sits in one sheet's header."""

    number: int
    names_en: int | None = None
    names_ja: int | None = None
    by_prop: dict[str, list[int]] = field(default_factory=dict)


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Listed parties of every programme sheet, each with a Sanction naming the programme."""
    files = sorted(folder.glob("*.xlsx"))
    if not files:
        raise ctx.error(folder / DOWNLOADS[0].filename, None, "file missing (no MOF xlsx)")
    path = files[-1]
    m = re.search(r"(20\d{2})(\d{2})(\d{2})", path.name)
    if m:
        ctx.published = f"{m[1]}-{m[2]}-{m[3]}"
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
    except CalamineError as exc:
        raise ctx.error(path, None, f"not a readable xlsx workbook: {exc}") from exc
    found_any = False
    for sheet_name, rows in sheets:
        sheet = _SHEET_NUMBER.fullmatch(sheet_name)
        header = _find_header(rows)
        if header is None:
            if sheet and "解除" not in sheet_name:  # 【解除】: a programme that was lifted
                ctx.warn("programme sheet without header row", sheet_name)
            continue
        if sheet is None:
            ctx.warn("programme sheet without number", sheet_name)
            continue
        found_any = True
        header_index, columns = header
        yield from _parse_sheet(ctx, path, sheet[1], sheet[2].strip(), rows, header_index, columns)
    if not found_any:
        raise ctx.error(path, None, "no sheet with a 告示番号 / 英語表記 header row")


def _find_header(rows: list[list[object]]) -> tuple[int, _Columns] | None:
    for index, row in enumerate(rows[:10]):
        titles = [" ".join(str(c).split()) for c in row]
        if "告示番号" not in titles or "英語表記" not in titles:
            continue
        columns = _Columns(number=titles.index("告示番号"))
        for i, title in enumerate(titles):
            if title == "英語表記":
                columns.names_en = i
            elif title == "日本語表記":
                columns.names_ja = i
            else:
                prop = _column_prop(title)
                if prop:
                    columns.by_prop.setdefault(prop, []).append(i)
        return index, columns
    return None


# What a column holds, by a word of its Japanese title (titles vary from sheet to sheet);
# the first rule that matches wins, so the narrower titles come first.
_COLUMN_RULES = (
    ("告示日付", "_notice"),
    ("確定に十分でない", "weakAlias"),
    ("以前", "previousName"),
    ("過去", "previousName"),
    ("別", "alias"),
    ("旧称", "previousName"),
    ("称号", "title"),
    ("役職", "position"),
    ("肩書", "position"),
    ("生年月日", "birthDate"),
    ("出生地", "birthPlace"),
    ("国籍", "nationality"),
    ("旅券", "passportNumber"),
    ("ID番号", "idNumber"),
    ("身分", "idNumber"),
    ("住所", "address"),
    ("所在地", "address"),
    ("国連参照番号", "_unsc"),
    ("国連制裁", "_listed"),
    ("リスト掲載日", "_listed"),
    ("その他", "notes"),
    ("詳細", "notes"),
    ("根拠", "notes"),
    ("電話", "phone"),
)


def _column_prop(title: str) -> str | None:
    for needle, prop in _COLUMN_RULES:
        if needle in title:
            return prop
    return None


def _parse_sheet(
    ctx: ParseContext,
    path: Path,
    sheet_no: str,
    program: str,
    rows: list[list[object]],
    header_index: int,
    columns: _Columns,
) -> Iterator[EntityProxy]:
    title = clean_text(rows[0][0]) if rows and rows[0] else None
    default_schema = _sheet_schema(program, title or "")
    entities: list[tuple[EntityProxy, EntityProxy]] = []
    seen: set[str] = set()
    for row_number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):

        def cell(index: int | None, row: list[object] = row) -> object:
            return row[index] if index is not None and index < len(row) else None

        number = _number(cell(columns.number))
        en = _lines(cell(columns.names_en))
        ja = _text(cell(columns.names_ja))
        if number is None:
            extra = [_text(cell(i)) for i in columns.by_prop.get("notes", [])]
            if entities and any(extra):
                for note in extra:
                    entities[-1][0].add("notes", note)
            elif en or ja:
                ctx.warn(
                    "named row without notice number", f"{path.name} {program} row {row_number}"
                )
            continue
        if not en and not ja:
            continue  # a removed entry: its number stays with a 削除 date
        ref = f"{sheet_no}-{number}"
        if ref in seen:
            ctx.warn("duplicate notice number", f"{path.name} {program} row {row_number}: {number}")
            continue
        seen.add(ref)
        values = {prop: [cell(i) for i in idx] for prop, idx in columns.by_prop.items()}
        schema = default_schema or _row_schema(values)
        entity = ctx.make(schema, ref)
        _add_names(entity, en, ja)
        sanction = _apply(ctx, entity, values, program, ref)
        entities.append((entity, sanction))
    for entity, sanction in entities:
        yield entity
        yield sanction


def _sheet_schema(program: str, title: str) -> str | None:
    """Person or Organization when the sheet says so; ``None`` when it mixes both."""
    if "個人" in program:
        return "Person"
    if "団体" in program or "銀行" in program:
        return "Organization"
    if re.search(r"個人[）)]\s*$", title):
        return "Person"
    if re.search(r"団体[）)]\s*$", title):
        return "Organization"
    return None


def _row_schema(values: dict[str, list[object]]) -> str:
    """A mixed sheet's row is a person if it gives a birth date, title or nationality."""
    for prop in ("birthDate", "title", "nationality", "passportNumber"):
        if any(_text(v) for v in values.get(prop, [])):
            return "Person"
    return "LegalEntity"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(unicodedata.normalize("NFKC", str(value)))
    if text is None or text in _NULLS:
        return None
    return text


def _lines(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, datetime | date):
        return [value.isoformat()[:10]]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    out = []
    for line in text.splitlines():
        line = clean_text(line)
        if line and line not in _NULLS:
            out.append(line)
    return out


def _number(value: object) -> str | None:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = unicodedata.normalize("NFKC", str(value or ""))
    m = re.search(r"\d+", text)
    return m[0] if m else None


def _add_names(entity: EntityProxy, en: list[str], ja: str | None) -> None:
    names: list[str] = []
    for line in en:
        m = re.search(r"\(?\s*original script\s*:\s*([^()]*)\)?\s*$", line, re.I)
        if m:
            script = clean_text(m[1])
            if script and script not in _NULLS:
                entity.add("alias", script)
            line = line[: m.start()]
        for part in re.split(r"、", line):
            part = clean_text(part)
            if part:
                names.append(part)
    if not names and ja:
        names.append(ja)
    elif ja:
        entity.add("alias", ja)
    if names:
        entity.add("name", names[0])
        entity.add("alias", names[1:])


def _split_names(value: object, kind: str, person: bool) -> list[tuple[str, str]]:
    """(property, name) pairs from an alias cell in any of the layouts MOF uses."""
    out: list[tuple[str, str]] = []
    japanese_count = 0
    for line in _lines(value):
        line = _unwrap(line)
        current = kind
        pieces = _MARKER.split(line)
        # pieces alternates text, marker, text… ; a marker sets the kind of what follows
        for i, piece in enumerate(pieces):
            if i % 2 == 1:
                marker = piece.lower()
                if marker.startswith("f") or marker.startswith("旧称"):
                    current = "previousName"
                elif kind != "weakAlias":
                    current = "alias"
                continue
            names = _split_piece(piece, person, japanese_count)
            if _JP_CHARS.search(piece) and not _ENUM.search(piece):
                japanese_count = len(names)
            out.extend((current, name) for name in names)
    return out


def _unwrap(text: str) -> str:
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if depth < 0:
            return False
    return depth == 0


def _split_piece(text: str, person: bool, japanese_count: int) -> list[str]:
    """Names in one stretch of an alias cell.

    Latin commas are ambiguous ("SINWAR, Yahya" is one name, "Tactical Missile Corporation,
    JSC Avangard" too), so a Latin line is split on commas only when the Japanese line above it
    listed as many names, or, for people, when every part has at least two words.
    """
    text = _unwrap(text.strip(" ,;、"))
    if not text:
        return []
    if _ENUM.search(text):
        parts = _ENUM.split(text)
    else:
        parts = re.split(r"\s*[;、]\s*", text)
    out: list[str] = []
    for part in parts:
        part = part.strip(" ,;、.")
        if not part:
            continue
        if not _JP_CHARS.search(part) and "," in part:
            commas = [p.strip() for p in part.split(",")]
            matches_japanese = len(parts) == 1 and len(commas) == japanese_count
            if matches_japanese or (person and all(len(p.split()) >= 2 for p in commas)):
                out.extend(_peel(p) for p in commas)
                continue
        out.extend(_peel_all(part))
    return [n for n in (_clean_name(o) for o in out) if n]


def _peel_all(text: str) -> list[str]:
    """``日本語名(Latin name)`` gives both names; a Japanese gloss in brackets is dropped."""
    text = _unwrap(text)
    extras: list[str] = []
    while True:
        m = re.search(r"\(([^()]*)\)\s*$", text)
        if not m or not _JP_CHARS.search(text[: m.start()]):
            break
        inner = m[1].strip()
        # a Latin reading is a name; a bare acronym gloss ("(SEZ)") is too generic to match on
        if not _JP_CHARS.search(inner) and (" " in inner or len(inner) >= 4):
            extras.insert(0, inner)
        text = text[: m.start()].strip()
    return [text, *extras]


def _peel(text: str) -> str:
    return _peel_all(text)[0]


def _clean_name(text: str) -> str | None:
    text = clean_text(text.strip(" ,;、.「」“”\"'"))
    if not text or text in _NULLS or re.search(r"旅券|番号|生まれ", text):
        return None
    return text


def _apply(
    ctx: ParseContext, entity: EntityProxy, values: dict[str, list[object]], program: str, ref: str
) -> EntityProxy:
    person = entity.schema.is_a("Person")
    for prop in ("alias", "previousName", "weakAlias"):
        for value in values.get(prop, []):
            for kind, name in _split_names(value, prop, person):
                if name not in entity.get("name"):
                    entity.add(kind, name)
    for prop in ("title", "position", "birthPlace", "nationality"):
        if not person and prop != "position":
            continue
        for value in values.get(prop, []):
            for line in _lines(value):
                for item in _ENUM.split(line) if _ENUM.search(line) else [line]:
                    item = clean_text(item.strip(" ,、;"))
                    if item and item not in _NULLS:
                        entity.add(prop, item, quiet=True)
    if person:
        for value in values.get("birthDate", []):
            for iso in _jp_dates(value):
                entity.add("birthDate", iso)
        for value in values.get("passportNumber", []):
            for token in _identifiers(value):
                entity.add("passportNumber", token)
    for value in values.get("idNumber", []):
        for token in _identifiers(value):
            entity.add("idNumber", token)
    for value in values.get("address", []):
        lines = _lines(value)
        for address in _addresses(lines):
            entity.add("address", address)
            entity.add("country", address.rsplit(",", 1)[-1].strip(" ."), quiet=True)
        if not entity.get("country") and len(lines) <= 3:
            for line in lines:
                entity.add("country", line, quiet=True)
    for value in values.get("phone", []):
        for line in _lines(value):
            for phone in re.split(r"\s*[,/、]\s*", line):
                entity.add("phone", phone, quiet=True)
    for value in values.get("notes", []):
        entity.add("notes", _text(value))
    entity.add("program", program)

    sanction = ctx.make_aux("Sanction", ref)
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("authority", PUBLISHER)
    sanction.add("country", "jp")
    sanction.add("authorityId", ref)
    sanction.add("program", program)
    notices = [d for v in values.get("_notice", []) for d in _jp_dates(v)]
    if notices:
        entity.add("createdAt", min(notices))
        entity.add("modifiedAt", max(notices))
        sanction.add("startDate", min(notices))
        sanction.add("modifiedAt", max(notices))
    for value in values.get("_listed", []):
        listed = _jp_dates(value)
        if listed:
            sanction.add("listingDate", listed[0])
    for value in values.get("_unsc", []):
        sanction.add("unscId", _text(value))
    return sanction


def _addresses(lines: list[str]) -> list[str]:
    """Separate addresses: one per enumerated item or ``;``, else the lines joined."""
    text = " ".join(lines)
    if _ENUM.search(text):
        parts = _ENUM.split(text)
    elif ";" in text:
        parts = text.split(";")
    else:
        parts = [text]
    parts = [re.sub(r"^and\s+", "", p.strip(" ,、;")) for p in parts]
    return [p for p in (clean_text(p) for p in parts) if p and p not in _NULLS]


_ID_TOKEN = re.compile(r"(?<![\w/-])[A-Z]{0,3}[-/]?\d[\dA-Z/-]{4,}(?![\w/-])")
_DATE_LIKE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")


def _identifiers(value: object) -> list[str]:
    """Document numbers inside MOF's prose ("旅券番号：D014433、2013年2月21日発行")."""
    out: list[str] = []
    for line in _lines(value):
        for token in _ID_TOKEN.findall(line):
            if not _DATE_LIKE.fullmatch(token) and token not in out:
                out.append(token)
    return out


_JP_DATE_FORMS = (
    (re.compile(r"(\d{4})\s*年?\s*(?:-|~|から)\s*(\d{4})\s*年?(?:まで)?"), r" \1 to \2 "),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), r" \1-\2-\3 "),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月"), r" \1-\2 "),
    (re.compile(r"(\d{4})\s*年"), r" \1 "),
    (re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"), r" \1-\2-\3 "),
)
_DATE_TOKENS = re.compile(
    r"\d{4} to \d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{4}-\d{1,2}|\d{1,2} [A-Za-z]{3,9}\.? \d{4}|\d{4}"
)


def _jp_dates(value: object) -> list[str]:
    """ISO dates in a Japanese or mixed date cell (``(a)1955年-1958年頃 (b)1960年``)."""
    if isinstance(value, datetime | date):
        return [value.isoformat()[:10]]
    text = " ".join(_lines(value))
    for pattern, repl in _JP_DATE_FORMS:
        text = pattern.sub(repl, text)
    out: list[str] = []
    for token in _DATE_TOKENS.findall(text):
        if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", token):
            token = "-".join(p.zfill(2) for p in token.split("-"))
        for iso in parse_dates(token):
            if iso not in out:
                out.append(iso)
    return out
