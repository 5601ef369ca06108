"""US OFAC Specially Designated Nationals (SDN) list, from OFAC's legacy CSV set.

The legacy set is four headerless CSV files joined on ``ent_num``: ``sdn.csv`` (one row per
listed party), ``alt.csv`` (a.k.a./f.k.a./n.k.a. names), ``add.csv`` (addresses) and
``sdn_comments.csv`` (the tail of remarks too long for ``sdn.csv``). ``-0-`` marks an empty
field and each file ends with the DOS end-of-file byte 0x1A, so a file without it was cut short.
If ``SDN.XML`` is there instead of ``sdn.csv`` it is read with the shared OFAC XML reader.

The Consolidated (non-SDN) list ships the same CSV layout, so :func:`parse_csv_set` serves both.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from embargo.sources.base import Download, EntityProxy, ParseContext, ParseError, clean_text
from embargo.sources.ofac_remarks import (
    Listing,
    apply_remarks,
    finish,
    make_listing,
    put,
    split_person_name,
)
from embargo.sources.ofac_xml import parse_xml

NAME = "us_ofac_sdn"
TITLE = "US OFAC Specially Designated Nationals and Blocked Persons (SDN)"
PUBLISHER = "US Treasury OFAC"

_EXPORTS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
DOWNLOADS = [
    Download(_EXPORTS + "SDN.CSV", "sdn.csv"),
    Download(_EXPORTS + "ALT.CSV", "alt.csv"),
    Download(_EXPORTS + "ADD.CSV", "add.csv"),
    Download(_EXPORTS + "SDN_COMMENTS.CSV", "sdn_comments.csv"),
]

_EOF = "\x1a"
_REMARKS_CUT = 1000
_VESSEL_COLUMNS = (
    (5, "callSign"),
    (6, "type"),
    (7, "tonnage"),
    (8, "grossRegisteredTonnage"),
    (9, "flag"),
)
_ALT_PROPS = {"aka": "alias", "nka": "alias", "fka": "previousName"}


@dataclass(frozen=True)
class CsvSet:
    """The four file names of one OFAC legacy CSV set."""

    primary: str
    alt: str
    add: str
    comments: str


SDN_FILES = CsvSet("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")


def find_file(folder: Path, name: str) -> Path | None:
    """``name`` in ``folder`` in any letter case: OFAC serves ``SDN.CSV``, we store ``sdn.csv``."""
    exact = folder / name
    if exact.is_file():
        return exact
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.lower() == name.lower() and path.is_file():
                return path
    return None


def read_rows(
    path: Path, ctx: ParseContext, width: int, *, allow_empty: bool = False
) -> Iterator[tuple[str, list[str]]]:
    """Rows of a headerless OFAC CSV with their position; any row of the wrong width is fatal."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ctx.error(path, f"line {line}", f"undecodable bytes: {exc.reason}") from exc
    body = text.rstrip(" \t\r\n")
    if body.endswith(_EOF):
        body = body[:-1]
    elif body:
        ctx.warn("file lacks the OFAC end-of-file byte (may be cut short)", path.name)
    if not body.strip():
        if allow_empty:
            return
        raise ctx.error(path, None, "empty file")
    reader = csv.reader(io.StringIO(body, newline=""))
    count = 0
    try:
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue
            count += 1
            pos = f"row {count} (line {reader.line_num})"
            if len(row) != width:
                raise ctx.error(path, pos, f"{len(row)} columns, expected {width}")
            if not row[0].strip().isdigit():
                raise ctx.error(path, pos, f"ent_num {row[0]!r} is not a number")
            row[0] = row[0].strip()
            yield pos, row
    except csv.Error as exc:
        raise ctx.error(path, f"line {reader.line_num}", f"unreadable CSV: {exc}") from exc


def programs(text: str) -> list[str]:
    """``SDGT] [IRGC`` (brackets as the CSV leaves them) → ``["SDGT", "IRGC"]``."""
    return [p for p in (clean_text(x.strip(" []")) for x in re.split(r"\]\s*\[", text)) if p]


def _require(folder: Path, name: str, ctx: ParseContext) -> Path:
    path = find_file(folder, name)
    if path is None:
        raise ParseError(ctx.source, name, None, f"missing required file in {folder}")
    return path


def _primary(listing: Listing, row: list[str], remarks: str) -> None:
    entity = listing.entity
    if entity.schema.name == "Person":
        split_person_name(entity, clean_text(row[1]) or "")
    listing.programs.extend(programs(row[3]))
    put(listing, "position", clean_text(row[4]))
    for index, prop in _VESSEL_COLUMNS:
        put(listing, prop, clean_text(row[index]))
    owner = clean_text(row[10])
    if owner:
        entity.add("notes", f"Vessel owner: {owner}")
    apply_remarks(listing, remarks)


def _remarks(head: str, tails: list[str], ref: str, files: CsvSet, ctx: ParseContext) -> str:
    """The remarks with their continuation. ``sdn.csv`` cuts remarks at 1,000 characters, so
    a tail for remarks that were not cut comes from another release and would garble them."""
    head = head if clean_text(head) else ""
    if tails and len(head) < _REMARKS_CUT and head.rstrip().endswith("."):
        ctx.warn(f"{files.comments}: continuation of remarks that are complete", ref)
        return head
    return head + "".join(tails)


def parse_csv_set(folder: Path, ctx: ParseContext, files: CsvSet) -> Iterator[EntityProxy]:
    """Join one legacy CSV set into listed parties; rows naming an unknown entry are skipped."""
    primary = _require(folder, files.primary, ctx)
    alt = _require(folder, files.alt, ctx)
    add = _require(folder, files.add, ctx)
    tails: dict[str, list[str]] = defaultdict(list)
    comments = find_file(folder, files.comments)
    if comments is None:
        ctx.warn("remarks continuation file missing", files.comments)
    else:
        for _pos, row in read_rows(comments, ctx, 2, allow_empty=True):
            tails[row[0]].append(row[1])

    listings: dict[str, Listing] = {}
    for pos, row in read_rows(primary, ctx, 12):
        ref, name = row[0], clean_text(row[1])
        if not name:
            raise ctx.error(primary, pos, f"ent_num {ref} has no name")
        if ref in listings:
            ctx.warn(f"duplicate ent_num in {files.primary}", ref)
            continue
        listing = make_listing(ctx, ref, row[2], name)
        _primary(listing, row, _remarks(row[11], tails.pop(ref, []), ref, files, ctx))
        listings[ref] = listing
    for ref in tails:
        ctx.warn(f"{files.comments}: remarks of an ent_num not in {files.primary}", ref)

    for _pos, row in read_rows(alt, ctx, 5):
        aliased = listings.get(row[0])
        if aliased is None:
            ctx.warn(f"{files.alt}: alias of an ent_num not in {files.primary}", row[0])
            continue
        alias = clean_text(row[3])
        if not alias:
            continue
        alt_type = (clean_text(row[2]) or "aka").lower().replace(".", "")
        weak = "weak" in (clean_text(row[4]) or "").lower()
        aliased.entity.add("weakAlias" if weak else _ALT_PROPS.get(alt_type, "alias"), alias)

    for _pos, row in read_rows(add, ctx, 6):
        located = listings.get(row[0])
        if located is None:
            ctx.warn(f"{files.add}: address of an ent_num not in {files.primary}", row[0])
            continue
        street, place, country = (clean_text(v) for v in row[2:5])
        local = [p for p in (street, place) if p]
        if local:
            put(located, "address", ", ".join([*local, country] if country else local))
        put(located, "country", country)
        note = clean_text(row[5])
        if note:
            located.entity.add("notes", note)

    yield from finish(listings.values(), ctx)


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """The SDN list from the legacy CSV set, or from ``SDN.XML`` when only that is present."""
    if find_file(folder, SDN_FILES.primary) is None:
        xml = find_file(folder, "SDN.XML")
        if xml is not None:
            yield from parse_xml(xml, ctx)
            return
    yield from parse_csv_set(folder, ctx, SDN_FILES)
