"""Reading a customer or supplier file in chunks of rows, whatever its format.

The parent process only reads; decoding rows into columns happens in the workers, so that
reading a file of a million rows costs little more than reading its bytes. Each chunk carries
its rows in the cheapest form the format allows: lists of cells (CSV, XLSX), raw lines
(JSON Lines) or an Arrow record batch (Parquet).

Text files are decoded with ``surrogateescape``: a byte that is not valid in the file's encoding
becomes a marker the worker finds, so one bad row goes to the errors file instead of stopping
the run.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMATS = ("csv", "tsv", "xlsx", "parquet", "jsonl")
_SUFFIX_FORMAT = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
_SAMPLE_BYTES = 256 * 1024
_FIELD_LIMIT = 16 * 1024 * 1024
_ARROW_BATCH = 1024
_JSONL_HEADER_LINES = 1000
_CP1252_UNDEFINED = bytes.maketrans(b"\x81\x8d\x8f\x90\x9d", b"?????")
UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes the encoding could not decode
_LATIN_RANGE = re.compile(r"(Basic Latin|Latin|Control character|General Punctuation|Currency)")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """The file cannot be read at all (as opposed to one bad row, which is reported and skipped)."""


@dataclass
class Chunk:
    """Consecutive data rows: ``first_row`` is the 1-based number of the first one.

    ``kind`` says what ``rows`` holds: ``csv`` (the records' text), ``cells`` (lists of
    values, XLSX), ``lines`` (JSON Lines as one bytes block) or ``arrow`` (pyarrow
    RecordBatches). ``bad`` maps a position in the chunk to why the reader could not read that
    row. Blank rows are numbered but not screened.
    """

    first_row: int
    kind: str
    rows: Any
    count: int
    bad: dict[int, str] = field(default_factory=dict)


@dataclass
class Table:
    """An opened input: its headers and a way to read its rows in chunks."""

    path: Path
    format: str
    headers: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    total: int | None = None  # in `unit`s, for the progress bar
    unit: str = "bytes"
    _iter: Any = None
    _position: Any = None
    _close: Any = None

    def chunks(self, size: int | Callable[[], int], skip: int = 0) -> Iterator[Chunk]:
        """Chunks of ``size`` rows (asked again before each chunk), after data row ``skip``."""
        return self._iter(size if callable(size) else lambda: size, skip)

    def position(self) -> int:
        """How far reading has got, in ``unit``s."""
        return self._position()

    def close(self) -> None:
        if self._close:
            self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_table(
    path: Path,
    *,
    format: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Table:
    """Open ``path``, detecting its format, encoding and delimiter unless given."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = format or _detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"{path}: unknown input format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in ("csv", "tsv"):
        if delimiter is None and fmt == "tsv":
            delimiter = "\t"
        return _open_csv(path, fmt, delimiter, encoding)
    if fmt == "xlsx":
        return _open_xlsx(path, sheet)
    if fmt == "parquet":
        return _open_parquet(path)
    return _open_jsonl(path)


def _detect_format(path: Path) -> str:
    fmt = _SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt:
        return fmt
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    return "csv"


def parse_delimiter(value: str) -> str:
    """``--delimiter`` as given: a single character, or tab/comma/semicolon/pipe by name."""
    value = _DELIMITER_NAMES.get(value.lower(), value)
    if len(value) != 1:
        raise InputError(f"--delimiter {value!r}: give one character, or tab/comma/semicolon/pipe")
    return value


def detect_encoding(sample: bytes) -> str:
    """The encoding of a text sample: BOM, else UTF-8 if valid, else a legacy code page.

    Among legacy code pages Windows-1252 is taken unless the text reads as another script
    (Cyrillic in cp1251, Greek, Arabic…): it is what spreadsheet programs write in Western
    Europe and the Americas, a superset of Latin-1's printable characters, and detectors cannot
    tell the Latin code pages apart on a few accented names. Others: ``--encoding``.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(sample, final=False)
    if text.isascii():
        return "utf-8"
    bad = len(UNDECODABLE.findall(text))
    valid = sum(1 for ch in text if ord(ch) > 127) - bad
    if valid > bad:
        return "utf-8"  # UTF-8 with a few stray bytes: those rows are reported, not the file
    if sample.count(b"\x00") > len(sample) // 4:
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        return "utf-16-be" if even > odd else "utf-16-le"
    from charset_normalizer import from_bytes

    # The five bytes Windows-1252 leaves undefined would rule it out for a whole file because
    # of one stray byte; judge without them (such a row is then reported as undecodable).
    best = from_bytes(sample.translate(_CP1252_UNDEFINED)).best()
    if best is None or all(_LATIN_RANGE.match(a) for a in best.alphabets):
        return "cp1252"
    return best.encoding


def _detect_delimiter(text: str) -> str:
    """The candidate that splits the sample's lines into the most consistent field count."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    if len(lines) > 1:
        lines = lines[:-1]  # the sample may end mid-line
    sample = "\n".join(lines)
    best, best_score = ",", (-1.0, 0)
    for delim in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if r]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        agree = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = (agree, counts[0])
        if score > best_score:
            best, best_score = delim, score
    return best


def _unique_headers(raw: list[Any]) -> list[str]:
    headers: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(raw):
        name = "" if cell is None else str(cell).strip()
        if not name:
            name = f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers.append(name)
    return headers


def _blank(row: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def parse_csv_block(block: str, delimiter: str) -> tuple[list[list[str]], dict[int, str]]:
    """The records of a chunk's text, exactly as the reader counted them, and the unreadable."""
    csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(block, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    bad: dict[int, str] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows, bad
        except csv.Error as exc:
            bad[len(rows)] = f"cannot parse this CSV record: {exc}"
            row = []
        rows.append(row)


def _open_csv(path: Path, fmt: str, delimiter: str | None, encoding: str | None) -> Table:
    raw = open(path, "rb")  # noqa: SIM115 - closed by Table.close
    sample = raw.read(_SAMPLE_BYTES)
    raw.seek(0)
    if encoding is None:
        encoding = detect_encoding(sample)
    else:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raw.close()
            raise InputError(f"--encoding {encoding!r}: unknown encoding") from exc
    text = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
    if delimiter is None:
        delimiter = _detect_delimiter(sample.decode(encoding, errors="replace"))
    csv.field_size_limit(_FIELD_LIMIT)
    lines: list[str] = []

    def feed() -> Iterator[str]:
        for line in text:
            lines.append(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    try:
        header_row = next((r for r in reader if not _blank(r)), None)
    except (csv.Error, UnicodeError) as exc:
        raw.close()
        raise InputError(f"{path}: cannot read the header row: {exc}") from exc
    if header_row is None:
        raw.close()
        raise InputError(f"{path}: empty file (a header row naming the columns is needed)")
    headers = _unique_headers(header_row)
    lines.clear()

    def chunks(size: Callable[[], int], skip: int) -> Iterator[Chunk]:
        # Records are found here (a quoted field may span lines) but sent as their text:
        # the worker parses them again, which costs less than shipping lists of strings.
        number = count = 0
        first = skip + 1
        limit = size()
        while True:
            try:
                next(reader)
            except StopIteration:
                break
            except csv.Error:
                pass  # the worker meets the same error on the same lines and reports the row
            number += 1
            if number <= skip:
                lines.clear()
                continue
            count += 1
            if count >= limit:
                yield Chunk(first, "csv", "".join(lines), count)
                lines.clear()
                first += count
                count = 0
                limit = size()
        if count:
            yield Chunk(first, "csv", "".join(lines), count)

    return Table(
        path,
        "tsv" if delimiter == "\t" else "csv",
        headers,
        encoding=encoding,
        delimiter=delimiter,
        total=path.stat().st_size,
        unit="bytes",
        _iter=chunks,
        _position=raw.tell,
        _close=text.close,
    )


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        if sheet is not None:
            if sheet not in book.sheet_names:
                raise InputError(
                    f"{path}: no sheet {sheet!r}; sheets: {', '.join(book.sheet_names)}"
                )
            data = book.get_sheet_by_name(sheet)
        else:
            data = book.get_sheet_by_index(0)
        rows = data.iter_rows()
    except CalamineError as exc:
        raise InputError(f"{path}: cannot read as XLSX: {exc}") from exc
    header_row = next((r for r in rows if not _blank(r)), None)
    if header_row is None:
        raise InputError(f"{path}: empty sheet (a header row naming the columns is needed)")
    headers = _unique_headers(header_row)
    state = {"done": 0}

    def chunks(size: Callable[[], int], skip: int) -> Iterator[Chunk]:
        batch: list[list[Any]] = []
        first = skip + 1
        limit = size()
        for number, row in enumerate(rows, start=1):
            state["done"] = number
            if number <= skip:
                continue
            batch.append(row)
            if len(batch) >= limit:
                yield Chunk(first, "cells", batch, len(batch))
                first += len(batch)
                batch = []
                limit = size()
        if batch:
            yield Chunk(first, "cells", batch, len(batch))

    return Table(
        path,
        "xlsx",
        headers,
        total=max(0, data.height - 1),
        unit="rows",
        _iter=chunks,
        _position=lambda: state["done"],
        _close=book.close,
    )


def _open_parquet(path: Path) -> Table:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(f"{path}: reading Parquet needs pyarrow (pip install pyarrow)") from exc

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: cannot read as Parquet: {exc}") from exc
    headers = list(pf.schema_arrow.names)
    state = {"done": 0}

    def chunks(size: Callable[[], int], skip: int) -> Iterator[Chunk]:
        start = 1  # row number of the next batch's first row
        first = skip + 1
        pending: list[Any] = []
        count = 0
        limit = size()
        for batch in pf.iter_batches(batch_size=_ARROW_BATCH):
            n = batch.num_rows
            state["done"] = start - 1 + n
            if start + n - 1 <= skip:
                start += n
                continue
            if start <= skip:
                batch = batch.slice(skip - start + 1)
            start += n
            while batch.num_rows:
                take = batch.slice(0, limit - count)
                pending.append(take)
                count += take.num_rows
                batch = batch.slice(take.num_rows)
                if count >= limit:
                    yield Chunk(first, "arrow", pending, count)
                    first += count
                    pending, count = [], 0
                    limit = size()
        if pending:
            yield Chunk(first, "arrow", pending, count)

    return Table(
        path,
        "parquet",
        headers,
        total=pf.metadata.num_rows,
        unit="rows",
        _iter=chunks,
        _position=lambda: state["done"],
        _close=pf.close,
    )


def _open_jsonl(path: Path) -> Table:
    import orjson

    raw = open(path, "rb")  # noqa: SIM115 - closed by Table.close
    headers: dict[str, None] = {}
    start = raw.read(64).lstrip()
    raw.seek(0)
    if start.startswith(b"["):
        raw.close()
        raise InputError(f"{path}: a JSON array, not JSON Lines (one object per line)")
    for i, line in enumerate(raw):
        if i >= _JSONL_HEADER_LINES:
            break
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(record, dict):
            headers.update(dict.fromkeys(record))
    raw.seek(0)
    if not headers:
        raw.close()
        raise InputError(f"{path}: no JSON object found in the first {_JSONL_HEADER_LINES} lines")

    def chunks(size: Callable[[], int], skip: int) -> Iterator[Chunk]:
        lines: list[bytes] = []
        first = skip + 1
        limit = size()
        for number, line in enumerate(raw, start=1):
            if number <= skip:
                continue
            lines.append(line)
            if len(lines) >= limit:
                yield Chunk(first, "lines", b"".join(lines), len(lines))
                first += len(lines)
                lines = []
                limit = size()
        if lines:
            yield Chunk(first, "lines", b"".join(lines), len(lines))

    return Table(
        path,
        "jsonl",
        list(headers),
        total=path.stat().st_size,
        unit="bytes",
        _iter=chunks,
        _position=raw.tell,
        _close=raw.close,
    )
