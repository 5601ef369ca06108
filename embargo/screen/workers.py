"""The work done on each chunk, in a worker process that opened the Screener once.

A worker turns a chunk of raw rows into finished output bytes (JSON Lines or CSV lines) and
error records, so the parent only reads and writes. Identical queries are checked once: within
a chunk by construction, and across chunks through a small cache bounded in bytes (customer
files repeat names a lot).
"""

from __future__ import annotations

import csv
import io
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from embargo.screen.mapping import ColumnMap, Party, RowParser
from embargo.screen.readers import Chunk
from embargo.screen.writers import hit_csv_row

_UNDECODABLE = re.compile("[\udc80-\udcff]")
_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs, sent once when it starts."""

    home: Path
    version: str
    mapping: ColumnMap
    headers: tuple[str, ...]
    output: str  # "jsonl" or "csv"
    threshold: float
    limit: int
    all_hits: bool
    schema: str | None = None
    encoding: str | None = None


@dataclass
class ChunkResult:
    """A chunk's finished output, ready to append in input order."""

    first_row: int
    last_row: int
    output: bytes
    errors: bytes
    rows: int  # rows screened
    matched: int  # rows with at least one match
    hits: int
    failed: int  # rows that went to the errors file
    error_rows: list[int]


class ChunkScreener:
    """Screens chunks against one open dataset version."""

    def __init__(self, config: WorkerConfig, screener: Any = None):
        if screener is None:
            from embargo.screener import Screener

            screener = Screener.open(config.home, version=config.version)
        self.config = config
        self.screener = screener
        self.parser = RowParser(config.mapping, config.schema)
        self.headers = config.headers
        self.cache: OrderedDict[tuple[Party, ...], tuple[bytes, list[dict], bool]] = OrderedDict()
        self.cache_bytes = 0

    def run(self, chunk: Chunk) -> ChunkResult:
        records = self._records(chunk)
        parsed: list[tuple[int, dict[str, Any], tuple[Party, ...] | str]] = []
        wanted: dict[tuple[Party, ...], None] = {}
        for number, record in records:
            if isinstance(record, str):
                parsed.append((number, {}, record))
                continue
            row, problem = record
            if problem:
                parsed.append((number, row, problem))
                continue
            try:
                parties = self.parser.parties(row)
            except Exception as exc:  # a cell the parser cannot read must not stop the run
                parsed.append((number, row, f"cannot read this row: {exc}"))
                continue
            if not parties:
                parsed.append((number, row, "no name to screen (the name columns are empty)"))
                continue
            parsed.append((number, row, parties))
            wanted[parties] = None
        results = {key: self._screen(key) for key in wanted}
        return self._write(chunk, parsed, results)

    def _records(self, chunk: Chunk) -> list[tuple[int, tuple[dict[str, Any], str | None] | str]]:
        """(row number, (input, problem) or error) for each non-blank row of the chunk."""
        out: list[tuple[int, Any]] = []
        headers = self.headers
        width = len(headers)
        if chunk.kind == "arrow":
            for i, row in enumerate(chunk.rows.to_pylist()):
                if all(v is None or v == "" for v in row.values()):
                    continue
                out.append((chunk.first_row + i, (row, None)))
            return out
        if chunk.kind == "lines":
            for i, line in enumerate(chunk.rows):
                number = chunk.first_row + i
                if not line.strip():
                    continue
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    out.append((number, f"not valid JSON (or not UTF-8): {exc}"))
                    continue
                if not isinstance(row, dict):
                    out.append((number, "not a JSON object"))
                    continue
                out.append((number, (row, None)))
            return out
        for i, cells in enumerate(chunk.rows):
            number = chunk.first_row + i
            if i in chunk.bad:
                out.append((number, chunk.bad[i]))
                continue
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            row = dict(zip(headers, cells))
            if len(cells) > width:
                for j in range(width, len(cells)):
                    row[f"column {j + 1}"] = cells[j]
            problem = None
            if chunk.kind == "cells" and self.config.encoding:
                for key, value in row.items():
                    if isinstance(value, str) and _UNDECODABLE.search(value):
                        problem = (
                            f"column {key!r}: bytes that are not valid {self.config.encoding} "
                            "(give the file's encoding with --encoding)"
                        )
                        break
            out.append((number, (row, problem)))
        return out

    def _screen(self, key: tuple[Party, ...]) -> tuple[bytes, list[dict], bool] | str:
        cached = self.cache.get(key)
        if cached is not None:
            self.cache.move_to_end(key)
            return cached
        try:
            hits = self._check(key)
        except Exception as exc:  # one query failing must not lose the rest of the file
            return f"screening failed: {type(exc).__name__}: {exc}"
        data = orjson.dumps(hits)
        value = (data, hits, any(h["match"] for h in hits))
        self.cache[key] = value
        self.cache_bytes += len(key[0][0][0]) * 4 + len(data) * 3 + 200
        while self.cache_bytes > _CACHE_BYTES and self.cache:
            old_key, (old_data, _, _) = self.cache.popitem(last=False)
            self.cache_bytes -= len(old_key[0][0][0]) * 4 + len(old_data) * 3 + 200
        return value

    def _check(self, parties: tuple[Party, ...]) -> list[dict[str, Any]]:
        from embargo.match.engine import Query

        cfg = self.config
        best: dict[str, Any] = {}
        for names, schema, dobs, countries, ids, addresses in parties:
            query = Query(
                names=list(names),
                schema=schema,
                birth_dates=list(dobs),
                countries=list(countries),
                ids=list(ids),
                addresses=list(addresses),
            )
            for hit in self.screener.check_query(query, threshold=cfg.threshold, limit=cfg.limit):
                if not cfg.all_hits and not hit.match:
                    continue
                seen = best.get(hit.entity_id)
                if seen is None or hit.score > seen.score:
                    best[hit.entity_id] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.entity_id))[: cfg.limit]
        return [h.to_dict() for h in ranked]

    def _write(
        self,
        chunk: Chunk,
        parsed: list[tuple[int, dict[str, Any], Any]],
        results: dict[tuple[Party, ...], Any],
    ) -> ChunkResult:
        out: list[bytes] = []
        errors: list[bytes] = []
        error_rows: list[int] = []
        matched = hits_total = rows = 0
        record_id = self.parser.record_id if self.parser.id_columns else None
        csv_buffer = io.StringIO() if self.config.output == "csv" else None
        csv_writer = csv.writer(csv_buffer, lineterminator="\n") if csv_buffer is not None else None
        for number, row, outcome in parsed:
            result = results.get(outcome) if isinstance(outcome, tuple) else outcome
            if isinstance(result, str):
                errors.append(_error_line(number, row, result, record_id))
                error_rows.append(number)
                continue
            data, hits, is_match = result
            rid = record_id(row) if record_id else None
            if csv_writer is not None:
                for hit in hits:
                    csv_writer.writerow(hit_csv_row(number, rid, hit))
            else:
                record: dict[str, Any] = {"row": number}
                if record_id:
                    record["id"] = rid
                record["input"] = row
                record["hits"] = orjson.Fragment(data)
                try:
                    out.append(orjson.dumps(record, default=str) + b"\n")
                except TypeError as exc:
                    errors.append(_error_line(number, row, f"cannot write this row: {exc}", None))
                    error_rows.append(number)
                    continue
            rows += 1
            hits_total += len(hits)
            matched += is_match
        output = b"".join(out) if csv_buffer is None else csv_buffer.getvalue().encode("utf-8")
        return ChunkResult(
            first_row=chunk.first_row,
            last_row=chunk.first_row + chunk.count - 1,
            output=output,
            errors=b"".join(errors),
            rows=rows,
            matched=matched,
            hits=hits_total,
            failed=len(error_rows),
            error_rows=error_rows,
        )


def _clean(value: Any) -> Any:
    """A cell safe to write as JSON: undecodable bytes shown as U+FFFD."""
    if isinstance(value, str) and _UNDECODABLE.search(value):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value


def _error_line(number: int, row: dict[str, Any], message: str, record_id: Any) -> bytes:
    record: dict[str, Any] = {"row": number}
    if record_id and row:
        record["id"] = _clean(record_id(row))
    record["error"] = message
    record["input"] = {_clean(k): _clean(v) for k, v in row.items()}
    return orjson.dumps(record, default=str) + b"\n"


_worker: ChunkScreener | None = None


def init_worker(config: WorkerConfig) -> None:
    """Process pool initializer: open the dataset version once for this process."""
    global _worker
    _worker = ChunkScreener(config)


def screen_chunk(chunk: Chunk) -> ChunkResult:
    """Process pool task: screen one chunk with this process's Screener."""
    assert _worker is not None, "init_worker was not run in this process"
    return _worker.run(chunk)
