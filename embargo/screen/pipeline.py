"""A screening run over a whole file: read in chunks, screen on every core, write in input order.

The parent reads chunks and appends the workers' finished output in input order; at most a few
chunks are in flight, so memory does not grow with the file. Every second or so the output is
fsynced and a checkpoint records the last row fully written and the byte offset it ends at;
``resume=True`` cuts the output back to that offset and carries on after that row.

JSON Lines and CSV are written (and resumed) in place. XLSX and HTML cannot be appended to, so
the run spools JSON Lines beside the output and renders the workbook or report at the end.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from embargo.screen.checkpoint import (
    Checkpoint,
    ResumeError,
    input_fingerprint,
    settings_fingerprint,
)
from embargo.screen.mapping import SCHEMATA, ColumnMap, MappingError
from embargo.screen.readers import InputError, Table, open_table, parse_delimiter
from embargo.screen.workers import (
    ChunkResult,
    ChunkScreener,
    WorkerConfig,
    init_worker,
    screen_chunk,
)
from embargo.screen.writers import csv_header, write_xlsx

OUTPUT_FORMATS = ("jsonl", "csv", "xlsx", "html")
CHECKPOINT_SECONDS = 1.0
CHUNK_SECONDS = 0.25  # a worker's time per chunk once the rate is known
CHUNK_FIRST, CHUNK_MIN, CHUNK_MAX = 32, 16, 5000
STDERR_ERRORS_SHOWN = 20


class ScreenError(Exception):
    """The run cannot start or cannot go on; the message says why and what to do."""


class ProgressSink(Protocol):
    def start(self, total: int | None, unit: str) -> None: ...
    def update(self, position: int, rows: int) -> None: ...
    def status(self, text: str) -> None: ...


@dataclass
class ScreenOptions:
    format: str = "jsonl"
    out: Path | None = None
    errors: Path | None = None
    mapping: list[str] = field(default_factory=list)
    schema: str | None = None
    input_format: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    threshold: float | None = None
    limit: int = 10
    all_hits: bool = False
    workers: int | None = None
    chunk_size: int | None = None  # None: sized to the matcher's speed
    resume: bool = False


@dataclass
class ScreenResult:
    rows: int = 0
    matched: int = 0
    hits: int = 0
    errors: int = 0
    error_samples: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0
    dataset_version: str = ""
    out: Path | None = None
    errors_path: Path | None = None
    encoding: str | None = None
    delimiter: str | None = None
    mapping: str = ""
    resumed_after: int = 0

    @property
    def exit_code(self) -> int:
        """0 when nothing matched, 1 when any row matched (for pipelines to gate on)."""
        return 1 if self.matched else 0


class _ChunkSizer:
    """Chunk sizes that follow the rate: small at first, so the pool fills and progress shows at
    once; then about :data:`CHUNK_SECONDS` of work each, so per-chunk costs stay small."""

    def __init__(self, fixed: int | None):
        self.fixed = fixed
        self.size = fixed or CHUNK_FIRST

    def __call__(self) -> int:
        return self.size

    def observe(self, rows: int, seconds: float) -> None:
        if self.fixed or rows == 0:
            return
        wanted = rows / max(seconds, 1e-6) * CHUNK_SECONDS
        self.size = int(min(CHUNK_MAX, self.size * 4, max(CHUNK_MIN, wanted)))


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


class _NoProgress:
    def start(self, total: int | None, unit: str) -> None:
        pass

    def update(self, position: int, rows: int) -> None:
        pass

    def status(self, text: str) -> None:
        pass


def check_matching_options(opts: ScreenOptions) -> float:
    """Schema, limit, chunk size and threshold, as both engines accept them; the threshold."""
    from embargo.match.weights import THRESHOLD

    if opts.schema is not None and opts.schema not in SCHEMATA:
        raise ScreenError(f"--schema {opts.schema!r}: use one of {', '.join(SCHEMATA)}")
    if opts.limit < 1 or (opts.chunk_size is not None and opts.chunk_size < 1):
        raise ScreenError("--limit and the chunk size must be at least 1")
    threshold = THRESHOLD if opts.threshold is None else opts.threshold
    if not 0.0 <= threshold <= 1.0:
        raise ScreenError(f"--threshold {threshold}: give a value between 0 and 1")
    return threshold


def screen_file(
    input_path: Path,
    options: ScreenOptions,
    *,
    home: Path | None = None,
    progress: ProgressSink | None = None,
    stdout: IO[bytes] | None = None,
) -> ScreenResult:
    """Screen every row of ``input_path``; see the module docstring for what is written where.

    With more than one worker the workers are spawned processes, which import the calling
    script's main module: call this from under ``if __name__ == "__main__":``.
    """
    from embargo import settings
    from embargo.dataset.store import Store, StoreError

    started = time.monotonic()
    progress = progress or _NoProgress()
    opts = options
    if opts.format not in OUTPUT_FORMATS:
        raise ScreenError(f"--format {opts.format!r}: use one of {', '.join(OUTPUT_FORMATS)}")
    if opts.format in ("xlsx", "html") and opts.out is None:
        raise ScreenError(f"--format {opts.format} needs --out FILE")
    if opts.resume and opts.out is None:
        raise ScreenError("--resume needs --out FILE (output written to stdout cannot be resumed)")
    threshold = check_matching_options(opts)
    workers = opts.workers or os.cpu_count() or 1
    if workers < 1:
        raise ScreenError("--workers must be at least 1")

    try:
        delimiter = parse_delimiter(opts.delimiter) if opts.delimiter else None
        table = open_table(
            Path(input_path),
            format=opts.input_format,
            delimiter=delimiter,
            encoding=opts.encoding,
            sheet=opts.sheet,
        )
    except InputError as exc:
        raise ScreenError(str(exc)) from exc
    for path, what in ((opts.out, "--out"), (opts.errors, "--errors")):
        if path is not None and Path(path).resolve() == Path(input_path).resolve():
            raise ScreenError(f"{what} {path} is the input file; write somewhere else")
    with table:
        try:
            mapping = ColumnMap.build(table.headers, opts.mapping, source=str(input_path))
        except MappingError as exc:
            raise ScreenError(str(exc)) from exc
        home = home or settings.home()
        try:
            version = Store(home).require_current().version
        except StoreError as exc:
            raise ScreenError(str(exc)) from exc
        run = _Run(table, mapping, opts, home, version, threshold, workers, progress, stdout)
        result = run.execute()
    result.seconds = time.monotonic() - started
    return result


class _Run:
    """One run's files, counters and checkpointing."""

    def __init__(
        self,
        table: Table,
        mapping: ColumnMap,
        opts: ScreenOptions,
        home: Path,
        version: str,
        threshold: float,
        workers: int,
        progress: ProgressSink,
        stdout: IO[bytes] | None,
    ):
        self.table = table
        self.mapping = mapping
        self.opts = opts
        self.home = home
        self.version = version
        self.threshold = threshold
        self.workers = workers
        self.progress = progress
        self.stdout = stdout
        out = opts.out
        appendable = opts.format in ("jsonl", "csv")
        self.stream_path = out if out is None or appendable else _beside(out, ".spool.jsonl")
        self.checkpoint_path = None if out is None else _beside(out, ".checkpoint.json")
        self.errors_default = opts.errors is None and out is not None
        self.errors_path = opts.errors or (None if out is None else _beside(out, ".errors.jsonl"))
        self.settings = settings_fingerprint(
            {
                "format": opts.format,
                "mapping": [[k, list(v)] for k, v in mapping.columns],
                "threshold": threshold,
                "limit": opts.limit,
                "all_hits": opts.all_hits,
                "schema": opts.schema,
                "delimiter": table.delimiter,
                "encoding": table.encoding,
                "sheet": opts.sheet,
            }
        )
        self.result = ScreenResult(
            dataset_version=version,
            out=out,
            errors_path=self.errors_path,
            encoding=table.encoding,
            delimiter=table.delimiter,
            mapping=mapping.describe(),
        )
        self.checkpoint: Checkpoint | None = None
        self.stream: IO[bytes] | None = None
        self.errors_fh: IO[bytes] | None = None
        self.last_sync = 0.0
        self.sizer = _ChunkSizer(opts.chunk_size)
        self.started = False
        self.output_offset = 0  # bytes of whole chunks written (what a checkpoint may claim)
        self.errors_offset = 0

    def execute(self) -> ScreenResult:
        skip = self._open_files()
        try:
            self._screen(skip)
        except BaseException:
            self._sync()
            self._close()
            raise
        self._sync()
        self._close()
        self._finish()
        return self.result

    # --- files --------------------------------------------------------------------------------

    def _open_files(self) -> int:
        """Open (or, on resume, cut back) the output and errors files; the rows to skip."""
        if self.stream_path is None:
            self.stream = self.stdout or sys.stdout.buffer
            if self.opts.format == "csv":
                self.stream.write(csv_header())
            if self.errors_path is not None:
                self.errors_fh = open(self.errors_path, "wb")  # noqa: SIM115
            return 0
        fingerprint = input_fingerprint(self.table.path)
        cp_path = self.checkpoint_path
        assert cp_path is not None
        if self.opts.resume and cp_path.exists():
            try:
                cp = Checkpoint.load(cp_path)
                cp.check_resumable(
                    cp_path, fingerprint=fingerprint, version=self.version, settings=self.settings
                )
            except ResumeError as exc:
                raise ScreenError(f"--resume refused: {exc}") from exc
            self.stream = _open_at(self.stream_path, cp.output_offset)
            self.errors_fh = (
                _open_at(self.errors_path, cp.errors_offset) if self.errors_path else None
            )
            r = self.result
            r.rows, r.matched, r.hits, r.errors = cp.rows, cp.matched, cp.hits, cp.errors
            r.resumed_after = cp.last_row
            self.output_offset, self.errors_offset = cp.output_offset, cp.errors_offset
            self.checkpoint = cp
            return cp.last_row
        if self.opts.resume and self.stream_path.exists() and self.stream_path.stat().st_size:
            raise ScreenError(
                f"--resume refused: no checkpoint {cp_path} beside {self.stream_path} (the run "
                "finished, or was not started by embargo screen); run without --resume"
            )
        self.stream = open(self.stream_path, "wb")  # noqa: SIM115
        if self.opts.format == "csv":
            self.stream.write(csv_header())
        self.errors_fh = open(self.errors_path, "wb") if self.errors_path else None  # noqa: SIM115
        self.output_offset = self.stream.tell()
        self.checkpoint = Checkpoint(
            input=str(self.table.path),
            input_fingerprint=fingerprint,
            dataset_version=self.version,
            settings=self.settings,
            output_offset=self.output_offset,
        )
        self._save_checkpoint()
        return 0

    def _sync(self) -> None:
        """Make what was written durable, then record it in the checkpoint."""
        for fh in (self.stream, self.errors_fh):
            if fh is None or fh.closed:
                continue
            fh.flush()
            if self.checkpoint is not None:
                os.fsync(fh.fileno())
        self._save_checkpoint()
        self.last_sync = time.monotonic()

    def _save_checkpoint(self) -> None:
        cp = self.checkpoint
        if cp is None or self.checkpoint_path is None or self.stream is None or self.stream.closed:
            return
        r = self.result
        cp.output_offset = self.output_offset
        cp.errors_offset = self.errors_offset
        cp.rows, cp.matched, cp.hits, cp.errors = r.rows, r.matched, r.hits, r.errors
        cp.save(self.checkpoint_path)

    def _close(self) -> None:
        if self.stream is not None and self.stream_path is not None:
            self.stream.close()
        elif self.stream is not None:
            self.stream.flush()
        if self.errors_fh is not None:
            self.errors_fh.close()

    def _finish(self) -> None:
        """Render XLSX/HTML from the spool, then drop the spool and the checkpoint."""
        out, fmt = self.opts.out, self.opts.format
        if out is not None and fmt in ("xlsx", "html"):
            self.progress.status(f"writing {fmt.upper()}")
            summary = self._summary()
            assert self.stream_path is not None
            if fmt == "xlsx":
                write_xlsx(self.stream_path, out, summary)
            else:
                from embargo.screen.report import render_report

                render_report(self.stream_path, out, summary)
            self.stream_path.unlink()
        if self.checkpoint_path is not None:
            self.checkpoint_path.unlink(missing_ok=True)
        if (
            self.errors_default
            and self.errors_path is not None
            and self.errors_path.exists()
            and self.errors_path.stat().st_size == 0
        ):
            self.errors_path.unlink()
            self.result.errors_path = None

    def _summary(self) -> dict[str, Any]:
        r = self.result
        return {
            "input": str(self.table.path),
            "input_name": self.table.path.name,
            "dataset_version": self.version,
            "threshold": self.threshold,
            "rows": r.rows,
            "matched_rows": r.matched,
            "hits": r.hits,
            "errors": r.errors,
            "errors_file": str(r.errors_path) if r.errors else "",
            "columns": r.mapping,
            "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        }

    # --- screening ----------------------------------------------------------------------------

    def _screen(self, skip: int) -> None:
        config = WorkerConfig(
            home=self.home,
            version=self.version,
            mapping=self.mapping,
            headers=tuple(self.table.headers),
            output="csv" if self.opts.format == "csv" else "jsonl",
            threshold=self.threshold,
            limit=self.opts.limit,
            all_hits=self.opts.all_hits,
            schema=self.opts.schema,
            encoding=self.table.encoding,
            delimiter=self.table.delimiter,
        )
        self.progress.start(self.table.total, self.table.unit)
        self.progress.status("loading the index")
        chunks = self.table.chunks(self.sizer, skip)
        position = self.table.position
        if self.workers == 1:
            local = ChunkScreener(config)
            for chunk in chunks:
                self._write(local.run(chunk), position())
            return
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=get_context("spawn"),
            initializer=init_worker,
            initargs=(config,),
        )
        pending: deque[tuple[Future[ChunkResult], int]] = deque()
        in_flight = self.workers * 2 + 1
        try:
            for chunk in chunks:
                pending.append((pool.submit(screen_chunk, chunk), position()))
                while len(pending) >= in_flight:
                    self._write(*_result(pending.popleft()))
            while pending:
                self._write(*_result(pending.popleft()))
        finally:
            for future, _ in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)

    def _write(self, chunk: ChunkResult, position: int) -> None:
        """Append one chunk's output; only whole chunks count as written for the checkpoint.

        ``position`` is how far the reader had got when it read the chunk, for the progress bar.
        """
        assert self.stream is not None
        if not self.started:
            self.started = True
            self.progress.status("screening")
        r = self.result
        samples: list[tuple[int, str]] = []
        if chunk.errors and len(r.error_samples) < STDERR_ERRORS_SHOWN:
            for line in chunk.errors.splitlines()[: STDERR_ERRORS_SHOWN - len(r.error_samples)]:
                record = orjson.loads(line)
                samples.append((record["row"], record["error"]))
        self.stream.write(chunk.output)
        if chunk.errors and self.errors_fh is not None:
            self.errors_fh.write(chunk.errors)
        self.output_offset += len(chunk.output)
        if self.errors_fh is not None:
            self.errors_offset += len(chunk.errors)
        r.error_samples.extend(samples)
        r.rows += chunk.rows
        r.matched += chunk.matched
        r.hits += chunk.hits
        r.errors += chunk.failed
        self.sizer.observe(chunk.last_row - chunk.first_row + 1, chunk.seconds)
        if self.checkpoint is not None:
            self.checkpoint.last_row = chunk.last_row
            if time.monotonic() - self.last_sync >= CHECKPOINT_SECONDS:
                self._sync()
        self.progress.update(position, r.rows + r.errors)


def _result(item: tuple[Future[ChunkResult], int]) -> tuple[ChunkResult, int]:
    from concurrent.futures.process import BrokenProcessPool

    future, position = item
    try:
        return future.result(), position
    except BrokenProcessPool as exc:
        raise ScreenError(
            "a worker process died (out of memory, or the dataset could not be loaded); "
            "what was written so far is kept: rerun with --resume to continue"
        ) from exc


def _open_at(path: Path, offset: int) -> IO[bytes]:
    """``path`` opened for appending after cutting it back to ``offset`` bytes."""
    fh = open(path, "r+b") if path.exists() else open(path, "w+b")  # noqa: SIM115
    size = fh.seek(0, os.SEEK_END)
    if size < offset:
        fh.close()
        raise ScreenError(
            f"--resume refused: {path} is shorter ({size} bytes) than the checkpoint says "
            f"({offset}); run without --resume"
        )
    fh.truncate(offset)
    fh.seek(offset)
    return fh
