"""``embargo spark-screen`` and ``python -m embargo.spark screen|pack``: CLI skins over the engine.

Paths are strings, not ``Path``: ``s3a://bucket/key`` and ``hdfs:///data`` must reach Spark as
written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from embargo.screen.command import (
    AllHitsOption,
    DelimiterOption,
    EncodingOption,
    LimitOption,
    SchemaOption,
    ThresholdOption,
)


def spark_screen(
    input: Annotated[
        str, typer.Argument(help="CSV/TSV, Parquet or JSON Lines: a file or folder, local or URI.")
    ],
    out: Annotated[
        str | None,
        typer.Option(help="Output (a folder for parquet; a local file for the other formats)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="parquet (default: written by the executors), or jsonl, csv, xlsx, html "
            "(collected in row order and written here, as `embargo screen` writes them).",
        ),
    ] = "parquet",
    errors: Annotated[
        Path | None,
        typer.Option(help="Rows not screened, for the local formats (default: OUT.errors.jsonl)."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help='Name a column: field="Header", as for `embargo screen`.'),
    ] = None,
    schema: SchemaOption = None,
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help="csv, tsv, parquet or jsonl (default: by name)."),
    ] = None,
    threshold: ThresholdOption = None,
    limit: LimitOption = 10,
    all_hits: AllHitsOption = False,
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[4] (default: spark-submit's, else local[*])."),
    ] = None,
    index_archive: Annotated[
        str | None,
        typer.Option(help="Ship this archive from `python -m embargo.spark pack` (any path/URI)."),
    ] = None,
    index_alias: Annotated[
        str | None,
        typer.Option(help="The archive was shipped with spark-submit --archives FILE#ALIAS."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(help="Screening tasks (default: 4 per core, ≤50,000 rows each).")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing parquet output folder.")
    ] = False,
    multiline: Annotated[
        bool,
        typer.Option(
            "--multiline/--no-multiline",
            help="CSV cells may contain line breaks (default). --no-multiline lets Spark split "
            "one big CSV file across tasks while reading it.",
        ),
    ] = True,
    chunk_size: Annotated[int | None, typer.Option("--chunk-size", hidden=True)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Screen every row of a file on Spark. Exit code 0: no match, 1: some row matched, 2: error."""
    from rich.console import Console
    from rich.markup import escape

    from embargo.screen.pipeline import ScreenError, ScreenOptions
    from embargo.spark.engine import screen_with_spark

    console = Console(stderr=True)
    fmt = fmt.lower()
    options = ScreenOptions(
        format=fmt,
        out=None if out is None else (Path(out) if fmt != "parquet" else out),  # type: ignore[arg-type]
        errors=errors,
        mapping=list(map_ or []),
        schema=schema,
        input_format=input_format,
        delimiter=delimiter,
        encoding=encoding,
        threshold=threshold,
        limit=limit,
        all_hits=all_hits,
        chunk_size=chunk_size,
    )
    try:
        result = screen_with_spark(
            input,
            options,
            master=master,
            index_archive=index_archive,
            index_alias=index_alias,
            partitions=partitions,
            overwrite=overwrite,
            multiline=multiline,
            quiet=quiet,
        )
    except ScreenError as exc:
        console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if not quiet:
        where = f" → {out}" if out else ""
        console.print(
            f"screened {result.rows} rows in {result.seconds:.1f}s on Spark: {result.matched} "
            f"matched, {result.errors} could not be screened{where}",
            highlight=False,
            markup=False,
        )
        for row, message in result.error_samples:
            console.print(f"  row {row}: {escape(message)}", highlight=False)
    raise typer.Exit(result.exit_code)


def pack(
    dest: Annotated[Path, typer.Argument(help="Folder to write the .tar.gz archive in.")],
    home: Annotated[
        Path | None, typer.Option(help="EMBARGO_HOME holding the dataset (default: the usual).")
    ] = None,
    version: Annotated[
        str | None, typer.Option(help="Dataset version (default: the current one).")
    ] = None,
) -> None:
    """Pack a dataset version's index for `spark-submit --archives FILE#ALIAS`."""
    from embargo import settings
    from embargo.dataset.store import Store, StoreError
    from embargo.spark.archive import default_alias, pack_index

    store = Store(home or settings.home())
    try:
        chosen = store.get(version) if version else store.require_current()
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    path = pack_index(chosen, dest)
    typer.echo(str(path))
    typer.echo(
        f"ship it with: spark-submit --archives {path}#{default_alias(chosen.version)} … "
        f"--index-alias {default_alias(chosen.version)}",
        err=True,
    )
