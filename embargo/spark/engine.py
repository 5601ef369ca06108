"""Batch screening on Spark: the driver side of ``embargo screen --engine spark``.

:func:`screen_with_spark` takes the same :class:`~embargo.screen.pipeline.ScreenOptions` as
the local engine and returns the same :class:`~embargo.screen.pipeline.ScreenResult`:

1. the input (CSV/TSV, Parquet or JSON Lines; a file or a folder of part files; local, HDFS,
   S3…) is read by Spark; headers, delimiter and encoding are detected by the local engine's
   reader on a sample of the first file, so columns map the same way;
2. rows are numbered in input order (a count per input partition, then offsets), as the local
   engine numbers them, and spread over at least two partitions per core;
3. one dataset version is packed once (``$EMBARGO_HOME/spark/``) and shipped with
   ``addArchive`` (or was shipped with ``spark-submit --archives``); executors screen Arrow
   batches with the local engine's chunk screener (:mod:`embargo.spark.partitions`);
4. ``--format parquet`` writes one Parquet row per input row from the executors; the local
   formats (``jsonl``, ``csv``, ``xlsx``, ``html``) are collected in row order and written on
   the driver through the local writers, byte for byte what the local engine writes.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from embargo.screen.mapping import ColumnMap, MappingError
from embargo.screen.pipeline import (
    OUTPUT_FORMATS,
    ScreenError,
    ScreenOptions,
    ScreenResult,
    check_matching_options,
)
from embargo.screen.readers import InputError, Table, open_table, parse_delimiter
from embargo.spark.archive import ARCHIVE_SUFFIX, archive_name, default_alias, pack_index, probe
from embargo.spark.partitions import (
    CHUNK_FIELDS,
    ROW,
    ROW_FIELDS,
    PartitionJob,
    screen_batches,
    spark_schema,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SPARK_FORMATS = (*OUTPUT_FORMATS, "parquet")
_JOB_OUTPUT = {"csv": "csv", "parquet": "rows"}  # xlsx and html are rendered from JSON Lines
CHUNK_ROWS = 500  # rows per call into the chunk screener (its result cache spans chunks)
ROWS_PER_PARTITION = 50_000  # about a minute of work per task at ~1,000 rows/s per core
SAMPLE_BYTES = 256 * 1024
STDERR_ERRORS_SHOWN = 20
_SUFFIX_FORMAT = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
# Python codec names (as the local reader detects them) → Java charset names for Spark.
_JAVA_CHARSETS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32": "UTF-32",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
    "latin-1": "ISO-8859-1",
    "iso8859-1": "ISO-8859-1",
    "iso8859-2": "ISO-8859-2",
    "iso8859-15": "ISO-8859-15",
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "cp1252": "windows-1252",
    "cp1253": "windows-1253",
    "cp1254": "windows-1254",
    "cp1256": "windows-1256",
    "koi8-r": "KOI8-R",
    "shift_jis": "Shift_JIS",
    "cp932": "windows-31j",
    "euc_jp": "EUC-JP",
    "gb2312": "GB2312",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
}


def screen_with_spark(
    input_path: str | Path,
    options: ScreenOptions,
    *,
    spark: SparkSession | None = None,
    master: str | None = None,
    home: Path | None = None,
    index_archive: str | None = None,
    index_alias: str | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
    multiline: bool = True,
    quiet: bool = False,
    stdout: IO[bytes] | None = None,
) -> ScreenResult:
    """Screen every row of ``input_path`` on Spark; options and result as the local engine's.

    ``spark``: a session to use (else one is created on ``master``, default: what
    ``spark-submit`` says, or ``local[*]``, and stopped at the end). ``index_archive``: an
    archive from ``python -m embargo.spark pack`` (any Hadoop path) to ship instead of packing
    the current version under ``home``; ``index_alias``: the archive was shipped already with
    ``spark-submit --archives FILE#ALIAS``. ``partitions``: screening tasks (default: at
    least four per core). ``multiline``: CSV cells may hold line breaks (each CSV file is then
    read by one task before rows are spread); turn off for a large file without them.
    ``quiet``: no Spark progress bar (for a session created here).
    """
    started = time.monotonic()
    fmt, threshold = _check_options(options)
    source = str(input_path)
    out = None if options.out is None else str(options.out)
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ScreenError(
            "the Spark engine needs pyspark: pip install 'embargo[spark]' (and Java 17)"
        ) from exc
    own_session = spark is None and _active_session() is None
    session = spark or _session(master, quiet=quiet)
    try:
        from py4j.protocol import Py4JJavaError
        from pyspark.errors import PySparkException

        try:
            frame, table = _read(session, source, options, multiline)
            try:
                mapping = ColumnMap.build(table.headers, options.mapping, source=source)
            except MappingError as exc:
                raise ScreenError(str(exc)) from exc
            alias, version = _ship_index(session, home, index_archive, index_alias)
            numbered = _number_rows(session, frame, partitions)
            job = PartitionJob(
                run_id=uuid.uuid4().hex,
                alias=alias,
                version=version,
                mapping=mapping,
                headers=tuple(table.headers),
                input_kind="lines" if table.format == "jsonl" else "arrow",
                output=_JOB_OUTPUT.get(fmt, "jsonl"),
                threshold=threshold,
                limit=options.limit,
                all_hits=options.all_hits,
                schema=options.schema,
                chunk_rows=options.chunk_size or CHUNK_ROWS,
                empty_strings=table.format in ("csv", "tsv"),
            )
            result = ScreenResult(
                dataset_version=version,
                out=None if out is None or fmt == "parquet" else Path(out),
                encoding=table.encoding,
                delimiter=table.delimiter,
                mapping=mapping.describe(),
            )
            if fmt == "parquet":
                assert out is not None
                _write_parquet(session, numbered, job, out, overwrite, result)
            else:
                local = replace(options, out=result.out)
                _write_local(numbered, job, local, fmt, source, threshold, result, stdout)
        except (Py4JJavaError, PySparkException) as exc:
            raise ScreenError(f"Spark failed: {_spark_message(exc)}") from exc
    finally:
        if own_session:
            session.stop()
    result.seconds = time.monotonic() - started
    return result


# --- options and session ----------------------------------------------------------------------


def _check_options(opts: ScreenOptions) -> tuple[str, float]:
    """The output format and threshold, after the checks the local engine makes."""

    fmt = (opts.format or "jsonl").lower()
    if fmt not in SPARK_FORMATS:
        raise ScreenError(f"--format {fmt!r}: use one of {', '.join(SPARK_FORMATS)}")
    if fmt in ("xlsx", "html", "parquet") and opts.out is None:
        raise ScreenError(f"--format {fmt} needs --out (a file, or a folder for parquet)")
    if opts.resume:
        raise ScreenError("--resume is not supported with the Spark engine (Spark retries tasks)")
    threshold = check_matching_options(opts)
    return fmt, threshold


def _active_session() -> SparkSession | None:
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def _session(master: str | None, *, quiet: bool) -> SparkSession:
    """A session on ``master``; local workers run this interpreter, which has embargo."""
    from pyspark.sql import SparkSession

    # Under spark-submit (which sets PYSPARK_GATEWAY_PORT) the cluster's Python is configured.
    local = master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ
    if local and "PYSPARK_PYTHON" not in os.environ:
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName("embargo screen")
    if master:
        builder = builder.master(master)
    if quiet:
        builder = builder.config("spark.ui.showConsoleProgress", "false").config(
            "spark.log.level", "ERROR"
        )
    try:
        return builder.getOrCreate()
    except Exception as exc:  # no Java, a bad master URL…: say so instead of a JVM trace
        raise ScreenError(
            f"cannot start Spark (master {master or 'default'}): {_spark_message(exc)}; "
            "Spark 4 needs Java 17 or 21 (`java -version`; apt-get install "
            "openjdk-17-jre-headless)"
        ) from exc


def _spark_message(exc: BaseException) -> str:
    """The first useful line of a Spark/Python worker failure, not the JVM stack."""
    text = str(exc)
    for marker in ("IndexArchiveError: ", "ScreenError: ", "MappingError: "):
        if marker in text:
            return text.split(marker, 1)[1].splitlines()[0]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0][:500] if lines else type(exc).__name__


# --- input ----------------------------------------------------------------------------------


def _read(
    spark: SparkSession, source: str, opts: ScreenOptions, multiline: bool
) -> tuple[DataFrame, Table]:
    """The input as a DataFrame, and the local reader's view of its first file."""
    first, sample = _first_file(spark, source)
    fmt = opts.input_format or _SUFFIX_FORMAT.get(Path(first).suffix.lower()) or _sniff(sample)
    if fmt == "xlsx":
        raise ScreenError(
            f"{source}: XLSX is not read by Spark; save it as CSV or Parquet, or screen it "
            "with the local engine"
        )
    if fmt == "parquet":
        frame = spark.read.parquet(source)
        return frame, Table(Path(first), "parquet", list(frame.columns))
    table = _detect(first, sample, fmt, opts)
    if fmt == "jsonl":
        return spark.read.text(source), table
    encoding = table.encoding or "utf-8"
    charset = _JAVA_CHARSETS.get(encoding.lower().replace("_", "-"), encoding)
    frame = (
        spark.read.option("header", "true")
        .option("sep", table.delimiter or ",")
        .option("quote", '"')
        .option("escape", '"')
        .option("encoding", charset)
        .option("multiLine", "true" if multiline or not _ascii_compatible(encoding) else "false")
        .option("mode", "PERMISSIVE")
        .csv(source)
    )
    if len(frame.columns) != len(table.headers):
        raise ScreenError(
            f"{source}: Spark reads {len(frame.columns)} columns, the local reader "
            f"{len(table.headers)} ({', '.join(repr(h) for h in table.headers)}); give "
            "--delimiter and --encoding"
        )
    return frame.toDF(*table.headers), table


def _ascii_compatible(encoding: str) -> bool:
    return not encoding.lower().startswith(("utf-16", "utf-32"))


def _sniff(sample: bytes) -> str:
    if sample.startswith(b"PAR1"):
        return "parquet"
    if sample.startswith(b"PK\x03\x04"):
        return "xlsx"
    if sample.lstrip().startswith(b"{"):
        return "jsonl"
    return "csv"


def _detect(first: str, sample: bytes, fmt: str, opts: ScreenOptions) -> Table:
    """Headers, delimiter and encoding as the local reader finds them in ``sample``."""
    local = Path(first)
    with tempfile.TemporaryDirectory(prefix="embargo-spark-") as tmp:
        if not local.is_file():
            local = Path(tmp) / f"sample{Path(first).suffix or '.' + fmt}"
            local.write_bytes(sample)
        try:
            delimiter = parse_delimiter(opts.delimiter) if opts.delimiter else None
            with open_table(local, format=fmt, delimiter=delimiter, encoding=opts.encoding) as t:
                return Table(Path(first), t.format, t.headers, t.encoding, t.delimiter)
        except InputError as exc:
            raise ScreenError(str(exc).replace(str(local), first)) from exc


def _first_file(spark: SparkSession, source: str) -> tuple[str, bytes]:
    """The first data file under ``source`` (itself if a file) and its first bytes.

    Read through Hadoop's FileSystem, so ``hdfs://``, ``s3a://``, ``abfss://``… work as Spark
    is configured for them.
    """
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(source)
    from py4j.protocol import Py4JJavaError

    try:
        fs = path.getFileSystem(conf)
        status = fs.getFileStatus(path)
        if status.isDirectory():
            files = sorted(
                (s.getPath() for s in fs.listStatus(path) if s.isFile()),
                key=lambda p: p.getName(),
            )
            files = [p for p in files if not p.getName().startswith(("_", "."))]
            if not files:
                raise ScreenError(f"{source}: an empty folder (no data files in it)")
            path = files[0]
        stream = fs.open(path)
        try:
            sample = bytes(stream.readNBytes(SAMPLE_BYTES))
        finally:
            stream.close()
    except Py4JJavaError as exc:
        if "FileNotFoundException" in str(exc.java_exception):
            raise ScreenError(f"{source}: no such file or folder") from exc
        raise ScreenError(f"{source}: cannot read: {_spark_message(exc)}") from exc
    uri = path.toUri()
    return (uri.getPath() if uri.getScheme() in (None, "file") else path.toString()), sample


# --- index ----------------------------------------------------------------------------------

_shipped: dict[tuple[str, str], str] = {}  # (Spark application id, archive) -> its alias


def _ship_index(
    spark: SparkSession, home: Path | None, archive: str | None, alias: str | None
) -> tuple[str, str]:
    """Ship the index archive once per Spark application; (alias, dataset version)."""
    sc = spark.sparkContext
    if alias is None:
        if archive is None:
            version = _current_version(home)
            folder = Path(home or _home()) / "spark"
            target = folder / archive_name(version.version)
            if not target.exists():
                pack_index(version, folder)
            _prune(folder, version.version, home)
            archive, alias = str(target), default_alias(version.version)
        else:
            name = archive.rstrip("/").rsplit("/", 1)[-1]
            alias = name[: -len(ARCHIVE_SUFFIX)] if name.endswith(ARCHIVE_SUFFIX) else name
            alias = alias.replace("-", "_").replace(".", "_")
        app = sc.applicationId
        shipped = _shipped.get((app, archive))
        if shipped is None:
            taken = {a for (other, _), a in _shipped.items() if other == app}
            if alias in taken:  # another archive of the same name: unpack it elsewhere
                alias = f"{alias}_{len(taken)}"
            sc.addArchive(f"{archive}#{alias}")
            _shipped[(app, archive)] = alias
        else:
            alias = shipped
    try:
        seen = sc.parallelize([alias], 1).map(probe).first()
    except Exception as exc:
        raise ScreenError(f"executors cannot open the index: {_spark_message(exc)}") from exc
    return alias, seen


def _home() -> Path:
    from embargo import settings

    return settings.home()


def _current_version(home: Path | None) -> Any:
    from embargo.dataset.store import Store, StoreError

    try:
        return Store(home or _home()).require_current()
    except StoreError as exc:
        raise ScreenError(str(exc)) from exc


def _prune(folder: Path, keep: str, home: Path | None) -> None:
    """Drop archives of versions the store no longer keeps."""
    from embargo.dataset.store import Store

    wanted = {archive_name(v) for v in Store(home or _home()).versions()} | {archive_name(keep)}
    for path in folder.glob("embargo-index-*"):
        if path.name not in wanted:
            path.unlink(missing_ok=True)


# --- numbering ------------------------------------------------------------------------------


def _number_rows(spark: SparkSession, frame: DataFrame, partitions: int | None) -> DataFrame:
    """``frame`` with :data:`ROW` = its 1-based position in the input.

    Rows are counted per input partition first (partitions follow the input's order), then
    numbered from each partition's offset; too few partitions are split by row ranges.
    """
    from pyspark.sql import functions as F

    pid = F.spark_partition_id()
    counts = dict(frame.groupBy(pid.alias("p")).count().collect())
    total = sum(counts.values())
    offsets: list[int] = []
    running = 0
    for p in range(max(counts, default=-1) + 1):
        offsets.append(running)
        running += counts.get(p, 0)
    if not offsets:
        return frame.withColumn(ROW, F.lit(0).cast("long"))
    within = F.monotonically_increasing_id().bitwiseAND((1 << 33) - 1)
    offset = F.element_at(F.array(*[F.lit(o).cast("long") for o in offsets]), pid + 1)
    numbered = frame.withColumn(ROW, offset + within + 1)
    cores = spark.sparkContext.defaultParallelism
    wanted = partitions or max(4 * cores, math.ceil(total / ROWS_PER_PARTITION))
    wanted = max(1, min(wanted, total))
    have = frame.rdd.getNumPartitions()
    if partitions is not None or have < wanted:
        numbered = numbered.repartitionByRange(wanted, ROW).sortWithinPartitions(ROW)
    return numbered


# --- output ---------------------------------------------------------------------------------


def _write_parquet(
    spark: SparkSession,
    numbered: DataFrame,
    job: PartitionJob,
    out: str,
    overwrite: bool,
    result: ScreenResult,
) -> None:
    """One Parquet row per input row, written by the executors; counts read back."""
    from pyspark.sql import functions as F

    screened = numbered.mapInArrow(partial(screen_batches, job=job), spark_schema(ROW_FIELDS))
    from pyspark.errors import AnalysisException

    try:
        screened.write.mode("overwrite" if overwrite else "errorifexists").parquet(out)
    except AnalysisException as exc:
        if "PATH_ALREADY_EXISTS" not in str(exc):
            raise
        raise ScreenError(f"{out} already exists; add --overwrite to replace it") from exc
    written = spark.read.parquet(out)
    stats = written.agg(
        F.count(F.when(F.col("error").isNull(), 1)).alias("rows"),
        F.count(F.when(F.col("matched"), 1)).alias("matched"),
        F.coalesce(F.sum(F.json_array_length("hits")), F.lit(0)).alias("hits"),
        F.count("error").alias("errors"),
    ).first()
    result.rows, result.matched, result.hits, result.errors = (
        stats["rows"],
        stats["matched"],
        stats["hits"],
        stats["errors"],
    )
    if result.errors:
        sample = (
            written.where(F.col("error").isNotNull())
            .orderBy("row")
            .select("row", "error")
            .limit(STDERR_ERRORS_SHOWN)
            .collect()
        )
        result.error_samples = [(r["row"], r["error"]) for r in sample]
    result.out = Path(out) if "://" not in out else None


def _write_local(
    numbered: DataFrame,
    job: PartitionJob,
    opts: ScreenOptions,
    fmt: str,
    source: str,
    threshold: float,
    result: ScreenResult,
    stdout: IO[bytes] | None,
) -> None:
    """Collect the chunks in row order and write them as the local engine does."""
    from pyspark import StorageLevel

    from embargo.screen.writers import csv_header, write_xlsx

    screened = numbered.mapInArrow(partial(screen_batches, job=job), spark_schema(CHUNK_FIELDS))
    screened = screened.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        screened.count()  # screen every partition in parallel; then stream them in order
        out = opts.out
        spool = out is not None and fmt in ("xlsx", "html")
        stream_path = None if out is None else (_beside(out, ".spool.jsonl") if spool else out)
        errors_default = opts.errors is None and out is not None
        errors_path = opts.errors or (None if out is None else _beside(out, ".errors.jsonl"))
        result.errors_path = errors_path
        stream = open(stream_path, "wb") if stream_path else (stdout or sys.stdout.buffer)  # noqa: SIM115
        errors_fh = open(errors_path, "wb") if errors_path else None  # noqa: SIM115
        try:
            if fmt == "csv":
                stream.write(csv_header())
            _append_chunks(screened.toLocalIterator(prefetchPartitions=True), stream, errors_fh,
                           result)  # fmt: skip
        finally:
            if stream_path:
                stream.close()
            else:
                stream.flush()
            if errors_fh is not None:
                errors_fh.close()
    finally:
        screened.unpersist()
    if spool:
        assert out is not None and stream_path is not None
        summary = _summary(source, result, threshold)
        if fmt == "xlsx":
            write_xlsx(stream_path, out, summary)
        else:
            from embargo.screen.report import render_report

            render_report(stream_path, out, summary)
        stream_path.unlink()
    if errors_default and errors_path is not None and errors_path.stat().st_size == 0:
        errors_path.unlink()
        result.errors_path = None


def _append_chunks(
    chunks: Iterator[Any], stream: IO[bytes], errors_fh: IO[bytes] | None, result: ScreenResult
) -> None:
    """Append chunk records, checking that they come in unbroken row order."""
    import orjson

    expected = 1
    for chunk in chunks:
        if chunk["first_row"] != expected:
            raise ScreenError(
                f"internal error: Spark returned rows {chunk['first_row']}+ where row "
                f"{expected} was due; the output is incomplete"
            )
        expected = chunk["last_row"] + 1
        stream.write(chunk["output"])
        errors = bytes(chunk["errors"])
        if errors:
            if errors_fh is not None:
                errors_fh.write(errors)
            for line in errors.splitlines():
                if len(result.error_samples) >= STDERR_ERRORS_SHOWN:
                    break
                record = orjson.loads(line)
                result.error_samples.append((record["row"], record["error"]))
        result.rows += chunk["rows"]
        result.matched += chunk["matched"]
        result.hits += chunk["hits"]
        result.errors += chunk["failed"]


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _summary(source: str, result: ScreenResult, threshold: float) -> dict[str, Any]:
    """What the XLSX Summary sheet and the HTML report show, as the local engine gives it."""
    return {
        "input": source,
        "input_name": source.rstrip("/").rsplit("/", 1)[-1],
        "dataset_version": result.dataset_version,
        "threshold": threshold,
        "rows": result.rows,
        "matched_rows": result.matched,
        "hits": result.hits,
        "errors": result.errors,
        "errors_file": str(result.errors_path) if result.errors else "",
        "columns": result.mapping,
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
