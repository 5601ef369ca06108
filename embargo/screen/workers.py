"""The work done on each chunk, in a worker process that opened the Screener once.

A worker turns a chunk of raw rows into finished output bytes (JSON Lines or CSV lines) and
error records, so the parent only reads and writes. Identical queries are checked once: within
a chunk by construction, and across chunks through a small cache bounded in bytes (customer
files repeat names a lot).
"""

from __future__ import annotations

import csv
import gc
import io
import signal
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from embargo import collector
from embargo.screen.mapping import ColumnMap, Party, RowParser
from embargo.screen.readers import UNDECODABLE, Chunk, parse_csv_block
from embargo.screen.writers import hit_csv_row

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
    delimiter: str | None = None


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
    seconds: float = 0.0  # the worker's time on this chunk, to size the next ones


class ChunkScreener:
    """Screens chunks against one open dataset version."""

    def __init__(self, config: WorkerConfig, screener: Any = None):
        if screener is None:
            from embargo.screener import Screener

            screener = Screener.open(config.home, version=config.version)
            screener.matcher.size_for_batch()
        self.config = config
        self.screener = screener
        self.parser = RowParser(config.mapping, config.schema)
        self.headers = config.headers
        self.cache: OrderedDict[tuple[Party, ...], tuple[bytes, list[dict], bool]] = OrderedDict()
        self.cache_bytes = 0

    def run(self, chunk: Chunk) -> ChunkResult:
        """Screen every row of ``chunk``; each distinct query once."""
        started = time.perf_counter()
        # Screening makes no reference cycles (a test holds this), so the cyclic collector
        # finds nothing while a chunk runs and only costs time: it is paused for the whole
        # chunk, reading and writing rows included, not only for each check.
        with collector.paused():
            result = self._run(chunk)
        # What survived a chunk is the dataset and the caches: long-lived and free of cycles.
        # Frozen, the cyclic collector stops rescanning it, which otherwise costs a third of
        # the matcher's time once the caches are full.
        gc.freeze()
        result.seconds = time.perf_counter() - started
        return result

    def _run(self, chunk: Chunk) -> ChunkResult:
        parties_of = self.parser.parties
        keys: dict[tuple[Party, ...], int] = {}
        plan: list[tuple[int, dict[str, Any], int | str]] = []
        for number, row, problem in self._rows(chunk):
            if problem is None:
                try:
                    parties = parties_of(row)
                except Exception as exc:  # a cell the parser cannot read must not stop the run
                    problem = f"cannot read this row: {exc}"
                else:
                    if parties:
                        index = keys.get(parties)
                        if index is None:
                            index = keys[parties] = len(keys)
                        plan.append((number, row, index))
                        continue
                    problem = "no name to screen (the name columns are empty)"
            plan.append((number, row, problem))
        results = [self._screen(key) for key in keys]
        return self._write(chunk, plan, results)

    def _rows(self, chunk: Chunk) -> list[tuple[int, dict[str, Any], str | None]]:
        """(row number, input, problem or None) for each non-blank row of the chunk."""
        out: list[tuple[int, dict[str, Any], str | None]] = []
        append = out.append
        first = chunk.first_row
        if chunk.kind == "arrow":
            i = 0
            for batch in chunk.rows:
                for row in batch.to_pylist():
                    if any(v is not None and v != "" for v in row.values()):
                        append((first + i, row, None))
                    i += 1
            return out
        if chunk.kind == "lines":
            lines = chunk.rows.split(b"\n")
            if lines and not lines[-1]:
                lines.pop()
            for i, line in enumerate(lines):
                if not line.strip():
                    continue
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    append((first + i, {}, f"not valid JSON (or not UTF-8): {exc}"))
                    continue
                if isinstance(row, dict):
                    append((first + i, row, None))
                else:
                    append((first + i, {}, "not a JSON object"))
            return out
        headers = self.headers
        width = len(headers)
        if chunk.kind == "csv":
            rows, bad = parse_csv_block(chunk.rows, self.config.delimiter or ",")
            if len(rows) != chunk.count:
                raise RuntimeError(
                    f"rows {first}+: read {chunk.count} CSV records, parsed {len(rows)}"
                )
            for i, cells in enumerate(rows):
                if bad and i in bad:
                    append((first + i, {}, bad[i]))
                    continue
                joined = "\x1f".join(cells)
                if not joined.strip("\x1f \t\r\n"):
                    continue
                row = dict(zip(headers, cells))
                if len(cells) > width:
                    for j in range(width, len(cells)):
                        row[f"column {j + 1}"] = cells[j]
                problem = None
                if not joined.isascii() and UNDECODABLE.search(joined):
                    column = next(k for k, v in row.items() if UNDECODABLE.search(v))
                    problem = (
                        f"column {column!r}: bytes that are not valid {self.config.encoding} "
                        "(give the file's encoding with --encoding)"
                    )
                append((first + i, row, problem))
            return out
        for i, cells in enumerate(chunk.rows):
            if i in chunk.bad:
                append((first + i, {}, chunk.bad[i]))
                continue
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            row = dict(zip(headers, cells))
            if len(cells) > width:
                for j in range(width, len(cells)):
                    row[f"column {j + 1}"] = cells[j]
            append((first + i, row, None))
        return out

    def _screen(self, key: tuple[Party, ...]) -> tuple[bytes, list[dict], bool] | str:
        cached = self.cache.get(key)
        if cached is not None:
            self.cache.move_to_end(key)
            return cached
        from embargo.match.engine import UnreadableName

        try:
            hits = self._check(key)
        except UnreadableName as exc:
            return str(exc)
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
            for hit in self.screener.check_query(
                query, threshold=cfg.threshold, limit=cfg.limit, matches_only=not cfg.all_hits
            ):
                seen = best.get(hit.entity_id)
                if seen is None or hit.score > seen.score:
                    best[hit.entity_id] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.entity_id))[: cfg.limit]
        return [h.to_dict() for h in ranked]

    def _write(
        self,
        chunk: Chunk,
        plan: list[tuple[int, dict[str, Any], int | str]],
        results: list[tuple[bytes, list[dict], bool] | str],
    ) -> ChunkResult:
        out: list[bytes] = []
        errors: list[bytes] = []
        matched = hits_total = rows = 0
        id_cols = self.parser.id_columns
        id_col = id_cols[0] if len(id_cols) == 1 else None
        record_id = self.parser.record_id if id_cols else None
        csv_buffer = io.StringIO() if self.config.output == "csv" else None
        csv_writer = csv.writer(csv_buffer, lineterminator="\n") if csv_buffer is not None else None
        prepared = [
            r if isinstance(r, str) else (orjson.Fragment(r[0]), r[1], r[2], len(r[1]))
            for r in results
        ]
        dumps = orjson.dumps
        option = orjson.OPT_APPEND_NEWLINE
        for number, row, outcome in plan:
            result = prepared[outcome] if outcome.__class__ is int else outcome
            if result.__class__ is str:
                errors.append(_error_line(number, row, result, record_id))
                continue
            fragment, hits, is_match, n_hits = result
            if id_col is not None:
                rid = row.get(id_col)
            else:
                rid = record_id(row) if record_id else None
            if csv_writer is not None:
                for hit in hits:
                    csv_writer.writerow(hit_csv_row(number, rid, hit))
            else:
                if id_cols:
                    record = {"row": number, "id": rid, "input": row, "hits": fragment}
                else:
                    record = {"row": number, "input": row, "hits": fragment}
                try:
                    out.append(dumps(record, default=str, option=option))
                except TypeError as exc:
                    errors.append(_error_line(number, row, f"cannot write this row: {exc}", None))
                    continue
            rows += 1
            hits_total += n_hits
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
            failed=len(errors),
        )


def _clean(value: Any) -> Any:
    """A cell safe to write as JSON: undecodable bytes shown as U+FFFD."""
    if isinstance(value, str) and UNDECODABLE.search(value):
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
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = ChunkScreener(config)


def screen_chunk(chunk: Chunk) -> ChunkResult:
    """Process pool task: screen one chunk with this process's Screener."""
    assert _worker is not None, "init_worker was not run in this process"
    return _worker.run(chunk)
