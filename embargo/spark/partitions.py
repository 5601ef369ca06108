"""What runs on the executors: screening Arrow batches of numbered rows with ``screen``'s code.

Each batch arrives through ``mapInArrow`` with the input columns plus :data:`ROW` (the row's
1-based number in the input). Runs of consecutive row numbers become
:class:`~embargo.screen.readers.Chunk` objects handed to the local engine's
:class:`~embargo.screen.workers.ChunkScreener`, so the column mapping, the query built from a
row, the merging of a row's parties and the output records are the local engine's own.

Two output shapes:

- ``chunks``: one record per chunk with the finished JSON Lines (or CSV) bytes and error lines,
  for the driver to append in row order through the local writers;
- ``rows``: one record per input row (row, id, input, hits, matched, error), for Parquet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from embargo.screen.mapping import ColumnMap, cell_text

ROW = "__embargo_row"
CHUNK_FIELDS = (
    ("first_row", "int64"),
    ("last_row", "int64"),
    ("output", "binary"),
    ("errors", "binary"),
    ("rows", "int64"),
    ("matched", "int64"),
    ("hits", "int64"),
    ("failed", "int64"),
)
ROW_FIELDS = (
    ("row", "int64"),
    ("id", "string"),
    ("input", "string"),
    ("hits", "string"),
    ("matched", "bool"),
    ("error", "string"),
)


def spark_schema(fields: tuple[tuple[str, str], ...]) -> str:
    """The DDL string Spark wants for ``mapInArrow``'s output."""
    ddl = {"int64": "long", "binary": "binary", "string": "string", "bool": "boolean"}
    return ", ".join(f"`{name}` {ddl[kind]}" for name, kind in fields)


@dataclass(frozen=True)
class PartitionJob:
    """Everything the executors need for one run; pickled into the task closure."""

    run_id: str
    alias: str  # folder the index archive unpacks into
    version: str
    mapping: ColumnMap
    headers: tuple[str, ...]
    input_kind: str  # "arrow" (columns) or "lines" (JSON Lines text in column "value")
    output: str  # "jsonl", "csv" (chunk records) or "rows"
    threshold: float
    limit: int
    all_hits: bool
    schema: str | None
    chunk_rows: int
    empty_strings: bool  # CSV: Spark reads empty cells as null, Python's csv as ""


_chunkers: dict[str, Any] = {}


def _chunk_screener(job: PartitionJob) -> Any:
    """This process's ChunkScreener for ``job`` (its result cache lives as long as the run)."""
    found = _chunkers.get(job.run_id)
    if found is None:
        from embargo.screen.workers import ChunkScreener, WorkerConfig
        from embargo.spark.archive import executor_screener

        screener = executor_screener(job.alias)
        config = WorkerConfig(
            home=Path(job.alias),
            version=job.version,
            mapping=job.mapping,
            headers=job.headers,
            output="csv" if job.output == "csv" else "jsonl",
            threshold=job.threshold,
            limit=job.limit,
            all_hits=job.all_hits,
            schema=job.schema,
        )
        _chunkers.clear()
        found = _chunkers[job.run_id] = ChunkScreener(config, screener=screener)
    return found


def screen_batches(batches: Iterator[Any], job: PartitionJob) -> Iterator[Any]:
    """``mapInArrow`` function: numbered input batches in, chunk or row records out."""
    import pyarrow as pa

    chunker = _chunk_screener(job)
    fields = CHUNK_FIELDS if job.output in ("jsonl", "csv") else ROW_FIELDS
    schema = pa.schema([(name, getattr(pa, _ARROW[kind])()) for name, kind in fields])
    for batch in batches:
        if batch.num_rows == 0:
            continue
        numbers = batch.column(ROW).to_pylist()
        data = batch.select([i for i, name in enumerate(batch.schema.names) if name != ROW])
        if job.empty_strings:
            data = _nulls_as_empty(data)
        records: list[dict[str, Any]] = []
        for start, end in _runs(numbers, job.chunk_rows):
            result = chunker.run(_chunk(job, data.slice(start, end - start), numbers[start]))
            if job.output == "rows":
                records.extend(_row_records(result))
            else:
                records.append({name: getattr(result, name) for name, _ in CHUNK_FIELDS})
        if records:
            yield pa.RecordBatch.from_pylist(records, schema=schema)


_ARROW = {"int64": "int64", "binary": "binary", "string": "string", "bool": "bool_"}


def _runs(numbers: list[int], most: int) -> Iterator[tuple[int, int]]:
    """[start, end) positions of runs of consecutive row numbers, at most ``most`` long."""
    start = 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1 or i - start >= most:
            yield start, i
            start = i


def _chunk(job: PartitionJob, data: Any, first_row: int) -> Any:
    from embargo.screen.readers import Chunk

    if job.input_kind == "lines":
        lines = data.column(0).to_pylist()
        text = "".join(f"{line or ''}\n" for line in lines).encode("utf-8")
        return Chunk(first_row, "lines", text, len(lines))
    return Chunk(first_row, "arrow", [data], data.num_rows)


def _nulls_as_empty(data: Any) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = [
        pc.fill_null(col, "") if pa.types.is_string(col.type) and col.null_count else col
        for col in data.columns
    ]
    return pa.RecordBatch.from_arrays(columns, schema=data.schema)


def _row_records(result: Any) -> list[dict[str, Any]]:
    """The chunk's JSON Lines output and error lines as Parquet rows, in row order."""
    records: list[dict[str, Any]] = []
    for line in result.output.splitlines():
        record = orjson.loads(line)
        hits = record["hits"]
        records.append(
            {
                "row": record["row"],
                "id": _id_text(record.get("id")),
                "input": orjson.dumps(record["input"]).decode(),
                "hits": orjson.dumps(hits).decode(),
                "matched": any(h["match"] for h in hits),
                "error": None,
            }
        )
    for line in result.errors.splitlines():
        record = orjson.loads(line)
        records.append(
            {
                "row": record["row"],
                "id": _id_text(record.get("id")),
                "input": orjson.dumps(record.get("input", {})).decode(),
                "hits": None,
                "matched": None,
                "error": record["error"],
            }
        )
    records.sort(key=lambda r: r["row"])
    return records


def _id_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return cell_text(value)
