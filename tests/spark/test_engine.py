"""The Spark engine in local[2] mode gives exactly the local engine's results on the same input."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from embargo.screen.pipeline import ScreenError, ScreenOptions, screen_file
from embargo.spark.engine import screen_with_spark


def _records(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def _results(records: list[dict]) -> list[tuple]:
    """What must agree: row, id, input, and every hit's entity, score and match flag."""
    return [
        (
            r["row"],
            r.get("id"),
            r["input"],
            [(h["entity_id"], h["score"], h["match"]) for h in r["hits"]],
        )
        for r in records
    ]


def test_jsonl_output_is_the_local_engines_line_for_line(
    spark, customers, local_jsonl, index_archive, tmp_path: Path
):
    src, exact = customers
    out = tmp_path / "spark.jsonl"
    result = screen_with_spark(
        src,
        ScreenOptions(format="jsonl", out=out),
        spark=spark,
        index_archive=str(index_archive),
        partitions=3,
    )
    local = _records(local_jsonl)
    remote = _records(out)
    assert _results(remote) == _results(local)
    assert out.read_bytes() == local_jsonl.read_bytes()
    errors = out.with_name(out.name + ".errors.jsonl")
    local_errors = local_jsonl.with_name(local_jsonl.name + ".errors.jsonl")
    assert errors.read_bytes() == local_errors.read_bytes()
    assert [orjson.loads(e)["row"] for e in errors.read_bytes().splitlines()] == [10]
    assert result.rows == len(local) == 319 and result.errors == 1
    assert result.matched == sum(any(h["match"] for h in r["hits"]) for r in local)
    by_row = {r["row"]: r for r in remote}
    found = [
        row
        for row, entity_id in exact.items()
        if any(h["entity_id"] == entity_id and h["match"] for h in by_row[row]["hits"])
    ]
    assert len(found) >= 0.9 * len(exact), "exactly typed listed names must match their party"
    assert result.matched >= 60


def test_parquet_output_has_the_same_fields_and_hits(
    spark, customers, local_jsonl, index_archive, tmp_path: Path
):
    import pyarrow.parquet as pq

    out = tmp_path / "screened.parquet"
    result = screen_with_spark(
        customers[0],
        ScreenOptions(format="parquet", out=str(out)),  # type: ignore[arg-type]
        spark=spark,
        index_archive=str(index_archive),
    )
    table = pq.read_table(out).sort_by("row")
    assert table.schema.names == ["row", "id", "input", "hits", "matched", "error"]
    rows = table.to_pylist()
    screened = [r for r in rows if r["error"] is None]
    as_local = [
        {"row": r["row"], "id": r["id"], "input": orjson.loads(r["input"]),
         "hits": orjson.loads(r["hits"])}
        for r in screened
    ]  # fmt: skip
    assert _results(as_local) == _results(_records(local_jsonl))
    assert all(r["matched"] == any(h["match"] for h in orjson.loads(r["hits"])) for r in screened)
    failed = [r for r in rows if r["error"] is not None]
    assert [(r["row"], r["hits"]) for r in failed] == [(10, None)]
    assert "no name to screen" in failed[0]["error"]
    assert (result.rows, result.errors) == (319, 1)
    assert result.matched == sum(r["matched"] for r in screened)
    assert result.hits == sum(len(h["hits"]) for h in as_local)
    with pytest.raises(ScreenError, match="already exists"):
        screen_with_spark(
            customers[0],
            ScreenOptions(format="parquet", out=str(out)),  # type: ignore[arg-type]
            spark=spark,
            index_archive=str(index_archive),
        )


def test_parquet_input_split_over_partitions_keeps_row_numbers(
    spark, customers, dataset_home: Path, index_archive, tmp_path: Path
):
    """Several input partitions: rows are numbered from per-partition offsets, as read locally."""
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    with open(customers[0], newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    src = tmp_path / "customers.parquet"
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    pq.write_table(pa.table(columns), src, row_group_size=40)
    local_out = tmp_path / "local.jsonl"
    screen_file(src, ScreenOptions(out=local_out, workers=1), home=dataset_home)
    out = tmp_path / "spark.jsonl"
    previous = spark.conf.get("spark.sql.files.maxPartitionBytes")
    spark.conf.set("spark.sql.files.maxPartitionBytes", "2048")
    try:
        assert spark.read.parquet(str(src)).rdd.getNumPartitions() > 2
        screen_with_spark(
            src, ScreenOptions(out=out), spark=spark, index_archive=str(index_archive)
        )
    finally:
        spark.conf.set("spark.sql.files.maxPartitionBytes", previous)
    assert out.read_bytes() == local_out.read_bytes()


def test_jsonl_input_matches_local(
    spark, customers, dataset_home: Path, index_archive, tmp_path: Path
):
    import csv

    src = tmp_path / "customers.jsonl"
    with open(customers[0], newline="", encoding="utf-8") as fh, open(src, "wb") as dst:
        for i, row in enumerate(csv.DictReader(fh)):
            if i % 50 == 7:
                dst.write(b"\n")  # blank lines are numbered and skipped by both engines
            dst.write(orjson.dumps({k: v for k, v in row.items() if v}) + b"\n")
    local_out = tmp_path / "local.csv"
    screen_file(src, ScreenOptions(format="csv", out=local_out, workers=1), home=dataset_home)
    out = tmp_path / "spark.csv"
    screen_with_spark(
        src,
        ScreenOptions(format="csv", out=out),
        spark=spark,
        index_archive=str(index_archive),
        partitions=2,
    )
    assert out.read_text("utf-8").count("\n") > 60
    assert out.read_bytes() == local_out.read_bytes()


def test_cli_spark_screen_packs_the_current_version(
    spark, customers, local_jsonl, dataset_home: Path, tmp_path: Path, monkeypatch
):
    """`embargo spark-screen` with no archive packs EMBARGO_HOME's current version once."""
    from embargo.cli import app

    home = tmp_path / "home"
    (home / "datasets").mkdir(parents=True)
    version = (dataset_home / "current").resolve()
    (home / "datasets" / version.name).symlink_to(version)
    (home / "current").symlink_to(home / "datasets" / version.name)
    monkeypatch.setenv("EMBARGO_HOME", str(home))
    out = tmp_path / "out.jsonl"
    args = ["spark-screen", str(customers[0]), "--format", "jsonl", "--out", str(out), "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # some row matched
    assert out.read_bytes() == local_jsonl.read_bytes()
    archives = list((home / "spark").glob("embargo-index-*.tar.gz"))
    assert [a.name for a in archives] == [f"embargo-index-{version.name}.tar.gz"]


def test_screen_engine_spark_matches_local_line_for_line(
    spark, customers, local_jsonl, dataset_home: Path, tmp_path: Path, monkeypatch
):
    """`embargo screen --engine spark` takes local screen's options and writes its bytes."""
    from embargo.cli import app

    monkeypatch.setenv("EMBARGO_HOME", str(dataset_home))
    out = tmp_path / "engine.jsonl"
    args = ["screen", str(customers[0]), "--engine", "spark", "--format", "jsonl",
            "--out", str(out), "-q"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert out.read_bytes() == local_jsonl.read_bytes()


def test_clear_errors(spark, customers, index_archive, tmp_path: Path):
    from embargo.cli import app

    def run(src, **kw):
        options = ScreenOptions(**{"format": "jsonl", "out": tmp_path / "o.jsonl", **kw})
        return screen_with_spark(src, options, spark=spark, index_archive=str(index_archive))

    with pytest.raises(ScreenError, match="no such file"):
        run(tmp_path / "missing.csv")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("Konto,Betrag\n1,12.50\n", encoding="utf-8")
    with pytest.raises(ScreenError, match="'Konto', 'Betrag'"):
        run(ledger)
    with pytest.raises(ScreenError, match="--resume"):
        run(customers[0], resume=True)
    with pytest.raises(ScreenError, match="--format parquet needs --out"):
        run(customers[0], format="parquet", out=None)
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"PK\x03\x04")
    with pytest.raises(ScreenError, match="XLSX"):
        run(book)
    bad = CliRunner().invoke(app, ["spark-screen", str(ledger), "--out", str(tmp_path / "p")])
    assert bad.exit_code == 2
    assert "Konto" in bad.output


def test_cli_writes_jsonl_to_stdout_without_out(spark, index_archive, tmp_path: Path):
    from embargo.cli import app

    src = tmp_path / "three.csv"
    rows = ["Name;Land", "Alabuga Machinery;Russland", "Siemens Healthineers AG;DE", "Qods;"]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ["spark-screen", str(src), "--format", "jsonl", "-q", "--index-archive",
            str(index_archive)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    records = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [r["row"] for r in records] == [1, 2, 3]
    assert records[0]["input"] == {"Name": "Alabuga Machinery", "Land": "Russland"}
    assert any(h["match"] for h in records[0]["hits"])
    assert not any(h["match"] for h in records[1]["hits"])
