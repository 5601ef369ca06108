"""``embargo screen INPUT``: the CLI skin over :func:`embargo.screen.pipeline.screen_file`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

# Options `embargo screen` shares with `embargo spark-screen` (embargo/spark/command.py).
SchemaOption = Annotated[
    str | None, typer.Option(help="Schema of rows without a type column: Person, Company, Vessel…")
]
DelimiterOption = Annotated[
    str | None, typer.Option(help="CSV delimiter (default: detected); 'tab' for TSV.")
]
EncodingOption = Annotated[str | None, typer.Option(help="Text encoding (default: detected).")]
ThresholdOption = Annotated[float | None, typer.Option(help="Match threshold in [0,1].")]
LimitOption = Annotated[int, typer.Option(help="Most hits kept per row.")]
AllHitsOption = Annotated[
    bool, typer.Option("--all-hits", help="Keep near hits below the threshold too.")
]


def screen(
    input: Annotated[Path, typer.Argument(help="CSV/TSV, XLSX, Parquet or JSON Lines file.")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (default), csv, xlsx or html (a report).")
    ] = "jsonl",
    out: Annotated[
        Path | None, typer.Option(help="Write here instead of stdout (needed for xlsx/html).")
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(help="Rows that could not be screened (default: OUT.errors.jsonl)."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help='Name a column: field="Header" (fields: id, name, alias, first_name, '
            "middle_name, last_name, company, country, nationality, birth_date, id_number, "
            "address, type).",
        ),
    ] = None,
    schema: SchemaOption = None,
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).")] = None,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help="csv, tsv, xlsx, parquet or jsonl (default: by name)."),
    ] = None,
    threshold: ThresholdOption = None,
    limit: LimitOption = 10,
    all_hits: AllHitsOption = False,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: one per core).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into the same --out.")
    ] = False,
    chunk_size: Annotated[int | None, typer.Option("--chunk-size", hidden=True)] = None,
    engine: Annotated[
        str, typer.Option(help="local (default) or spark (see docs/spark.md).")
    ] = "local",
    master: Annotated[
        str | None, typer.Option(help="Spark master with --engine spark (default local[*]).")
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Raise an alert for every match in the cases database (needs --format jsonl "
            "--out FILE); reviewed false positives are not raised again.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Screen every row of a file. Exit code 0: no match, 1: some row matched, 2: error."""
    from rich.console import Console

    from embargo.screen.pipeline import ScreenError, ScreenOptions, screen_file

    console = Console(stderr=True)
    if record and (fmt.lower() != "jsonl" or out is None):
        _error(console, "--record needs --format jsonl and --out FILE")
    options = ScreenOptions(
        format=fmt.lower(),
        out=out,
        errors=errors,
        mapping=list(map_ or []),
        schema=schema,
        input_format=input_format,
        delimiter=delimiter,
        encoding=encoding,
        sheet=sheet,
        threshold=threshold,
        limit=limit,
        all_hits=all_hits,
        workers=workers,
        chunk_size=chunk_size,
        resume=resume,
    )
    if engine not in ("local", "spark"):
        _error(console, f"--engine {engine!r}: use local or spark")
    bar = None if quiet or not console.is_terminal else _RichProgress(console)
    try:
        if engine == "spark":
            from embargo.spark.engine import screen_with_spark

            result = screen_with_spark(input, options, master=master, quiet=quiet)
        elif bar is not None:
            with bar.progress:
                result = screen_file(input, options, progress=bar)
        else:
            result = screen_file(input, options)
    except ScreenError as exc:
        _error(console, str(exc))
    except KeyboardInterrupt:
        hint = f"; continue with --resume --out {out}" if out else ""
        _error(console, f"interrupted{hint}")
    except Exception as exc:  # a crash must not exit 1, which means "a row matched"
        import traceback

        traceback.print_exc()
        _error(console, f"unexpected {type(exc).__name__}: {exc}")
    if out is None:
        sys.stdout.flush()
    if not quiet:
        _print_summary(console, result)
    if record and out is not None:
        _record(console, out, quiet)
    raise typer.Exit(result.exit_code)


def _record(console: Any, out: Path, quiet: bool) -> None:
    """Alerts for the run's matches, raised against the dataset version that screened them."""
    import orjson

    from embargo import settings
    from embargo.cases.db import Database
    from embargo.cases.record import record_screen_rows
    from embargo.screener import Screener

    screener = Screener.open(settings.home())
    with open(out, "rb") as fh:
        rows = [orjson.loads(line) for line in fh if line.strip()]
    with Database.open().write() as session:
        raised = record_screen_rows(session, rows, screener)
    if not quiet:
        console.print(
            f"alerts: {len(raised.raised)} raised, {raised.suppressed} suppressed as reviewed "
            f"false positives, {raised.known} already open",
            highlight=False,
            markup=False,
        )


def _error(console: Any, message: str) -> None:
    from rich.markup import escape

    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _print_summary(console: Any, result: Any) -> None:
    from rich.markup import escape

    details = [f"columns: {result.mapping}"]
    if result.encoding:
        details.append(f"encoding {result.encoding}, delimiter {result.delimiter!r}")
    console.print("; ".join(details), highlight=False, markup=False)
    where = f" → {result.out}" if result.out else ""
    resumed = f" (resumed after row {result.resumed_after})" if result.resumed_after else ""
    console.print(
        f"screened {result.rows} rows in {result.seconds:.1f}s{resumed}: "
        f"{result.matched} matched, {result.errors} could not be screened{where}",
        highlight=False,
        markup=False,
    )
    if result.errors:
        if result.errors_path:
            console.print(f"  rows not screened: {result.errors_path}", markup=False)
        else:
            for row, message in result.error_samples:
                console.print(f"  row {row}: {escape(message)}", highlight=False)
            if result.errors > len(result.error_samples):
                console.print(f"  … and {result.errors - len(result.error_samples)} more")


class _RichProgress:
    """A progress bar with rows, rate and ETA on the terminal's stderr."""

    def __init__(self, console: Any):
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]} rows · {task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("screening", total=None, rows=0, rate="")
        self.first: tuple[float, int] | None = None

    def start(self, total: int | None, unit: str) -> None:
        self.progress.update(self.task, total=total)

    def status(self, text: str) -> None:
        self.progress.update(self.task, description=text)

    def update(self, position: int, rows: int) -> None:
        import time

        now = time.monotonic()
        if self.first is None:
            self.first = (now, rows)
        start, base = self.first
        rate = (rows - base) / (now - start) if now > start else 0.0
        self.progress.update(
            self.task, completed=position, rows=f"{rows:,}", rate=f"{rate:,.0f} rows/s"
        )
