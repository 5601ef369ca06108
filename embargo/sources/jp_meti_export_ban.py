"""Japan's export-ban lists for Russia, Belarus and third countries (METI-administered PDFs).

Japan bans exports to entities designated by Ministry of Foreign Affairs notices; METI
publishes the consolidated lists as PDFs only, linked from
https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/russia.html :
``list_russia_tokutei.pdf`` (Russian entities), ``list_belarus_tokutei.pdf`` and
``list_daisangoku_tokutei.pdf`` (entities in other countries), plus an additions annex per
revision (``20250912list_russia_tokutei.pdf``…) whose entries repeat numbers of the main lists.

Each entry is a number, the Japanese name (aliases in ``（別称、A、B及びC）``), the English name
(``…, a.k.a., the following two aliases:`` then ``-alias`` lines, or in newer entries an
``別称：`` block with Japanese then English aliases separated by ``;``) and ``所在地：`` addresses.
Text comes out of the PDFs with lines wrapped anywhere, so an entry starts only at a line whose
number follows the previous entry's and which contains Japanese text. Entries are keyed by
(list, number): an additions annex entry merges into the main list's entry of that number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from embargo.sources.base import Download, EntityProxy, ParseContext, clean_text

NAME = "jp_meti_russia_export_ban"
TITLE = "Japan export ban lists: Russia, Belarus and third-country entities"
PUBLISHER = "Japan Ministry of Economy, Trade and Industry (METI)"
_BASE = "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/"
DOWNLOADS = [
    Download(_BASE + "list_russia_tokutei.pdf", "list_russia_tokutei.pdf"),
    Download(_BASE + "list_belarus_tokutei.pdf", "list_belarus_tokutei.pdf"),
    Download(_BASE + "list_daisangoku_tokutei.pdf", "list_daisangoku_tokutei.pdf"),
    # additions annexes of the latest revision; their entries are also in the main lists
    Download(_BASE + "20250912list_russia_tokutei.pdf", "20250912list_russia_tokutei.pdf", False),
    Download(
        _BASE + "20250912list_daisangoku_tokutei.pdf",
        "20250912list_daisangoku_tokutei.pdf",
        False,
    ),
]


@dataclass(frozen=True)
class _List:
    key: str
    main_file: str
    program: str
    country: str | None


_LISTS = (
    _List("russia", "list_russia_tokutei.pdf", "Japan export ban: Russian entities", "ru"),
    _List("belarus", "list_belarus_tokutei.pdf", "Japan export ban: Belarusian entities", "by"),
    _List(
        "third_countries",
        "list_daisangoku_tokutei.pdf",
        "Japan export ban: entities outside Russia and Belarus",
        None,
    ),
)
_FILE_KEYS = {"russia": "russia", "belarus": "belarus", "daisangoku": "third_countries"}

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_ADDRESS_LABEL = re.compile(r"\s*所\s*在\s*地\s*:\s*")
_ALIAS_LABEL = re.compile(r"\s*別\s*称\s*:\s*")
_ALIAS_OPEN = re.compile(r"\s*\(\s*別称")
_ENTRY = re.compile(r"\s*(\d{1,4})\s*(\S.*)")
_BULLET = re.compile(r"\s*[-—–‐−]\s*")
_AKA = re.compile(r",?\s*\ba\.?k\.?a\b\.?,?\s*|,\s*(?=(?:the\s+)?following\s+[\w-]+\s+alias)", re.I)
_FOLLOWING = re.compile(r"^\s*(?:the\s+)?following\s+[\w-]+\s+alias(?:es)?\s*:?\s*", re.I)
_ABBREVIATION_END = re.compile(r"(?:\b(?:Co|Ltd|Inc|Corp|Pte|Bhd|Pvt|Jr|St|No)|\b\w\.\w)\.$")


@dataclass
class _Entry:
    number: int
    lines: list[str] = field(default_factory=list)


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """One Organization per (list, number), merged across the main lists and additions."""
    files = sorted(folder.glob("*.pdf"), key=lambda p: (p.name[:1].isdigit(), p.name))
    present = {p.name for p in files}
    for spec in _LISTS:
        if spec.main_file not in present:
            raise ctx.error(folder / spec.main_file, None, "file missing")
    entities: dict[str, EntityProxy] = {}
    specs = {spec.key: spec for spec in _LISTS}
    for path in files:
        key = next((v for k, v in _FILE_KEYS.items() if k in path.name.lower()), None)
        if key is None:
            ctx.warn("unknown PDF in folder", path.name)
            continue
        spec = specs[key]
        lines = _read_lines(path, ctx)
        updated = _last_updated(lines)
        if updated and (ctx.published is None or updated > ctx.published):
            ctx.published = updated
        entries = _entries(lines, ctx, path)
        if not entries:
            raise ctx.error(path, "page 1", "no numbered entries found")
        for entry in entries:
            entity = _entity(ctx, spec, entry, path)
            ref = entity.context["ref"]
            if ref in entities:
                known = entities[ref]
                if set(entity.get("name")) != set(known.get("name")):
                    ctx.warn("additions entry differs from main list", f"{path.name} {ref}")
                context = dict(known.context)
                known.merge(entity)
                known.context = context  # merge() would turn each context value into a list
            else:
                entities[ref] = entity
    for ref, entity in entities.items():
        spec = specs[entity.context["list"]]
        yield entity
        sanction = ctx.make_aux("Sanction", ref)
        sanction.add("entity", entity.id, cleaned=True)
        sanction.add("authority", PUBLISHER)
        sanction.add("country", "jp")
        sanction.add("authorityId", ref)
        sanction.add("program", spec.program)
        yield sanction


def _read_lines(path: Path, ctx: ParseContext) -> list[str]:
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ctx.error(path, None, f"not a readable PDF: {exc}") from exc
    if not pages:
        raise ctx.error(path, None, "PDF has no pages")
    return [
        unicodedata.normalize("NFKC", line).rstrip() for text in pages for line in text.split("\n")
    ]


def _last_updated(lines: list[str]) -> str | None:
    for line in lines[:12]:
        m = re.search(r"最終更新日\s*:\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line)
        if m:
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    return None


def _entries(lines: list[str], ctx: ParseContext, path: Path) -> list[_Entry]:
    """Blocks of lines per entry; a new entry needs the next number and Japanese text.

    A numbered Japanese line out of sequence is kept inside the current entry but counted,
    so a gap in the publisher's numbering shows up as a warning instead of passing unseen.
    """
    entries: list[_Entry] = []
    for line in lines:
        m = _ENTRY.fullmatch(line)
        if m and _JAPANESE.search(m[2]):
            number = int(m[1])
            if not entries or number == entries[-1].number + 1:
                entries.append(_Entry(number, [m[2]]))
                continue
            ctx.warn("entry number out of sequence", f"{path.name}: {line[:60]}")
        if entries and line.strip():
            entries[-1].lines.append(line.strip())
    return entries


def _join(parts: list[str]) -> str:
    """Join wrapped lines: Japanese and Chinese wrap mid-word, Latin text at spaces."""
    out = ""
    for part in parts:
        part = part.strip()
        hyphenated = len(out) > 1 and out[-1] == "-" and out[-2].isalpha()
        if out and part and not (hyphenated or _CJK.match(out[-1]) or _CJK.match(part[0])):
            out += " "
        out += part
    return out


def _strip_end(name: str) -> str:
    name = re.sub(r"(?:;\s*(?:and)?|\s+and)\s*$", "", name.strip()).strip(" ,;")
    if name.endswith(".") and not _ABBREVIATION_END.search(name):
        name = name[:-1]
    return name.strip()


def _entity(ctx: ParseContext, spec: _List, entry: _Entry, path: Path) -> EntityProxy:
    lines = entry.lines
    index = 1
    japanese = [lines[0]]
    while index < len(lines):
        line = lines[index]
        open_parens = "".join(japanese).count("(") > "".join(japanese).count(")")
        if _ADDRESS_LABEL.match(line) or _ALIAS_LABEL.match(line):
            break
        if not open_parens and not _CJK.match(line.lstrip()) and not _ALIAS_OPEN.match(line):
            break
        japanese.append(line)
        index += 1
    ja_name, ja_aliases = _japanese_names(_join(japanese))

    english: list[str] = []
    bullets: list[str] = []
    block: list[str] = []
    addresses: list[str] = []
    section = "english"
    for line in lines[index:]:
        if _ADDRESS_LABEL.match(line):
            section = "address"
            line = _ADDRESS_LABEL.sub("", line, count=1)
        elif section != "address" and _ALIAS_LABEL.match(line):
            section = "block"
            line = _ALIAS_LABEL.sub("", line, count=1)
        elif section in ("english", "bullets") and _BULLET.match(line):
            section = "bullets"
            bullets.append(_BULLET.sub("", line, count=1))
            continue
        if not line:
            continue
        if section == "english":
            english.append(line)
        elif section == "bullets":
            bullets[-1] = _join([bullets[-1], line])
        elif section == "block":
            block.append(line)
        else:
            addresses.append(line)

    entity = ctx.make("Organization", f"{spec.key}-{entry.number}", list_name=spec.key)
    en_name, en_aliases = _english_names(_join(english))
    if en_name:
        entity.add("name", en_name)
    if ja_name:
        entity.add("alias" if en_name else "name", ja_name)
    if not en_name:
        ctx.warn("entry without English name", f"{path.name} No. {entry.number}")
    for alias in [*ja_aliases, *en_aliases, *(_strip_end(b) for b in bullets), *_block(block)]:
        if alias and alias not in entity.get("name"):
            entity.add("alias", alias)
    for address in _addresses(addresses):
        entity.add("address", address)
        tail = re.sub(r"[\d.]", "", address.rsplit(",", 1)[-1]).strip()
        entity.add("country", tail, quiet=True)
    if spec.country and not entity.get("country"):
        entity.add("country", spec.country)
    entity.add("program", spec.program)
    return entity


def _japanese_names(text: str) -> tuple[str | None, list[str]]:
    aliases: list[str] = []
    m = re.search(r"\(\s*別称\s*[、,:]\s*(.*)\)", text)
    if m:
        for alias in re.split(r"\s*(?:、|及び)\s*", m[1]):
            alias = clean_text(alias)
            if alias:
                aliases.append(alias)
        text = text[: m.start()] + text[m.end() :]
    while m := re.search(r"\s*\(([^()]+)\)\s*$", text):
        # a Chinese name or Latin abbreviation in brackets after the Japanese one
        if not re.search(r"[^\s()]", text[: m.start()]):
            break
        aliases.insert(0, m[1].strip())
        text = text[: m.start()]
    return clean_text(text), aliases


def _english_names(text: str) -> tuple[str | None, list[str]]:
    text = clean_text(text) or ""
    parts = _AKA.split(text, maxsplit=1)
    aliases: list[str] = []
    m = re.search(r"\s*\(([^()]*[\u3400-\u9fff][^()]*)\)\s*\.?$", parts[0])
    if m:  # Chinese names in brackets after the English one
        aliases.extend(a for a in (clean_text(x) for x in m[1].split("、")) if a)
        parts[0] = parts[0][: m.start()]
    name = _strip_end(parts[0]) or None
    if len(parts) > 1:
        rest = _FOLLOWING.sub("", parts[1])
        for alias in re.split(r"\s*;\s*(?:and\s+)?", rest):
            alias = _strip_end(alias)
            if alias:
                aliases.append(alias)
    return name, aliases


def _block(lines: list[str]) -> list[str]:
    """Names of a ``別称：`` block: Japanese lines, then English lines, each ``;``-separated."""
    japanese = [line for line in lines if _JAPANESE.search(re.sub(r"\([^)]*\)", "", line))]
    latin = [line for line in lines if line not in japanese]
    out: list[str] = []
    for text in (_join(japanese), _join(latin)):
        for name in text.split(";"):
            name = _strip_end(clean_text(name) or "")
            if name:
                out.append(name)
    return out


def _addresses(lines: list[str]) -> list[str]:
    text = clean_text(_join(lines)) or ""
    out = []
    for part in re.split(r"\s*;\s*(?:and\s+)?", text):
        part = _strip_end(part)
        if part:
            out.append(part)
    return out
