"""Small customer files in every input format, written by the tests into tmp_path."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson

HEADERS = ["Customer ID", "Name", "Type", "Country", "Date of Birth"]
ROWS = [
    ["C1", "Alabuga Machinery LLC", "company", "Russia", ""],
    ["C2", "Siemens Healthineers AG", "company", "Germany", ""],
    ["C3", "Qods Aviation Industries", "company", "Iran", ""],
    ["C4", "Shagivaleev Timur", "individual", "RU", ""],
    ["C5", "Jürgen Müller", "individual", "Deutschland", "1961-02-01"],
]
# What each row must give: the row number → a word of the listed caption, or None for no match.
EXPECTED = {1: "ALABUGA", 2: None, 3: "QODS", 4: "SHAGIVALEEV", 5: None}


def write_csv(
    path: Path,
    rows: list[list[str]],
    headers: list[str] = HEADERS,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_parquet(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {h: [row[i] for row in rows] for i, h in enumerate(headers)}
    pq.write_table(pa.table(columns), path, row_group_size=2)
    return path


def write_jsonl(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    with open(path, "wb") as fh:
        for row in rows:
            fh.write(orjson.dumps(dict(zip(headers, row))) + b"\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def matched_captions(record: dict) -> list[str]:
    return [h["caption"].upper() for h in record["hits"] if h["match"]]
