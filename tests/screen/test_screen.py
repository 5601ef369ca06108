"""Screening whole files against the shared dataset: the right rows flagged, in every format."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
import pytest

from embargo.screen.mapping import ColumnMap
from embargo.screen.pipeline import ScreenError, ScreenOptions, screen_file
from embargo.screen.readers import open_table
from embargo.screen.workers import ChunkScreener, WorkerConfig
from tests.screen.files import (
    EXPECTED,
    ROWS,
    matched_captions,
    read_jsonl,
    write_csv,
    write_jsonl,
    write_parquet,
    write_xlsx,
)


def _check_expected(records: list[dict]) -> None:
    assert [r["row"] for r in records] == sorted(EXPECTED)
    for record in records:
        word = EXPECTED[record["row"]]
        captions = matched_captions(record)
        if word is None:
            assert captions == [], record
        else:
            assert any(word in c for c in captions), (record["input"], captions)


WRITERS = {
    "csv-semicolon-latin1": lambda p: write_csv(
        p / "kunden.csv", ROWS, delimiter=";", encoding="latin-1"
    ),
    "tsv": lambda p: write_csv(p / "parties.tsv", ROWS, delimiter="\t"),
    "xlsx": lambda p: write_xlsx(p / "parties.xlsx", ROWS),
    "parquet": lambda p: write_parquet(p / "parties.parquet", ROWS),
    "jsonl": lambda p: write_jsonl(p / "parties.jsonl", ROWS),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_right_rows_flagged_in_every_format(kind: str, tmp_path: Path, dataset_home: Path):
    src = WRITERS[kind](tmp_path)
    out = tmp_path / "out.jsonl"
    result = screen_file(src, ScreenOptions(out=out, workers=1), home=dataset_home)
    records = read_jsonl(out)
    _check_expected(records)
    assert records[0]["id"] == "C1"
    assert records[4]["input"]["Name"] == "Jürgen Müller"
    assert result.rows == 5 and result.matched == 3 and result.errors == 0
    assert result.exit_code == 1
    assert not (tmp_path / "out.jsonl.checkpoint.json").exists()


def test_hits_are_hit_dicts_and_all_hits_adds_near_ones(tmp_path: Path, dataset_home: Path):
    src = write_csv(tmp_path / "c.csv", ROWS)
    strict, near = tmp_path / "strict.jsonl", tmp_path / "near.jsonl"
    screen_file(src, ScreenOptions(out=strict, workers=1), home=dataset_home)
    screen_file(src, ScreenOptions(out=near, workers=1, all_hits=True), home=dataset_home)
    strict_rows, near_rows = read_jsonl(strict), read_jsonl(near)
    hit = strict_rows[0]["hits"][0]
    assert set(hit) == {
        "entity_id", "caption", "schema", "score", "match", "sources", "explanation"
    }  # fmt: skip
    assert all(h["match"] for r in strict_rows for h in r["hits"])
    assert sum(len(r["hits"]) for r in near_rows) > sum(len(r["hits"]) for r in strict_rows)
    assert any(not h["match"] for r in near_rows for h in r["hits"])
    limited = tmp_path / "limited.jsonl"
    screen_file(src, ScreenOptions(out=limited, workers=1, limit=1), home=dataset_home)
    assert max(len(r["hits"]) for r in read_jsonl(limited)) == 1


def test_unscreenable_rows_go_to_the_errors_file(tmp_path: Path, dataset_home: Path):
    src = tmp_path / "mixed.csv"
    src.write_bytes(
        "id;name;country\n1;Alabuga Machinery LLC;RU\n2;;DE\n3;Jürgen Müller;DE\n".encode()
        + b"4;Bad \xff Byte;DE\n"
        + b"5;Siemens Healthineers AG;DE\n"
    )
    out = tmp_path / "out.jsonl"
    result = screen_file(src, ScreenOptions(out=out, workers=1), home=dataset_home)
    assert [r["row"] for r in read_jsonl(out)] == [1, 3, 5]
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["row"], e["input"]["id"]) for e in errors] == [(2, "2"), (4, "4")]
    assert "no name" in errors[0]["error"]
    assert "not valid utf-8" in errors[1]["error"] and "'name'" in errors[1]["error"]
    assert "\ufffd" in errors[1]["input"]["name"]
    assert result.errors == 2 and result.rows == 3 and result.matched == 1


def test_a_name_nothing_can_read_goes_to_the_errors_file(tmp_path: Path, dataset_home: Path):
    src = write_csv(
        tmp_path / "c.csv", [["1", "Hans Meier"], ["2", "ཏཱ་ལའི་བླ་མ"], ["3", "--"]], ["id", "name"]
    )
    out = tmp_path / "out.jsonl"
    result = screen_file(src, ScreenOptions(out=out, workers=1), home=dataset_home)
    assert [r["row"] for r in read_jsonl(out)] == [1]
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [e["row"] for e in errors] == [2, 3]
    assert "Tibetan script" in errors[0]["error"] and "no letters" in errors[1]["error"]
    assert result.errors == 2


def test_stdout_output_keeps_error_rows_for_the_summary(tmp_path: Path, dataset_home: Path):
    import io

    src = write_csv(tmp_path / "c.csv", [["1", "Hans Meier"], ["2", ""]], ["id", "name"])
    sink = io.BytesIO()
    result = screen_file(src, ScreenOptions(workers=1), home=dataset_home, stdout=sink)
    assert [orjson.loads(line)["row"] for line in sink.getvalue().splitlines()] == [1]
    assert result.error_samples == [(2, "no name to screen (the name columns are empty)")]
    assert result.exit_code == 0


def test_one_and_two_workers_write_the_same_file(tmp_path: Path, dataset_home: Path):
    rows = [[f"C{i}", *row[1:]] for i, row in enumerate(ROWS * 6)]
    rows += [[f"P{i}", f"Hans {s}", "individual", "DE", ""] for i, s in enumerate("ABCDEFGH")]
    src = write_csv(tmp_path / "c.csv", rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    screen_file(src, ScreenOptions(out=one, workers=1, chunk_size=7), home=dataset_home)
    screen_file(src, ScreenOptions(out=two, workers=2, chunk_size=7), home=dataset_home)
    assert one.read_bytes() == two.read_bytes()
    assert len(read_jsonl(two)) == len(rows)


class _CountingScreener:
    """The real Screener, counting the queries that reach it."""

    def __init__(self, screener):
        self.screener = screener
        self.queries: list = []

    def check_query(self, query, threshold, limit, **options):
        self.queries.append(query)
        return self.screener.check_query(query, threshold=threshold, limit=limit, **options)


def _worker_config(table, home: Path, screener) -> WorkerConfig:
    """What ``embargo screen`` hands each worker, for ``table`` on the session's dataset."""
    return WorkerConfig(
        home=home,
        version=screener.version.version,
        mapping=ColumnMap.build(table.headers),
        headers=tuple(table.headers),
        output="jsonl",
        threshold=0.75,
        limit=10,
        all_hits=False,
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


def test_repeated_rows_are_checked_once(tmp_path: Path, dataset_home: Path, screener):
    rows = [["1", "Alabuga Machinery LLC", "RU"], ["2", "Hans Meier", "DE"]] * 25
    src = write_csv(tmp_path / "c.csv", rows, ["id", "name", "country"])
    counting = _CountingScreener(screener)
    with open_table(src) as table:
        worker = ChunkScreener(_worker_config(table, dataset_home, screener), screener=counting)
        results = [worker.run(chunk) for chunk in table.chunks(20, 0)]
    assert sorted(q.names[0] for q in counting.queries) == ["Alabuga Machinery LLC", "Hans Meier"]
    assert sum(r.rows for r in results) == 50 and sum(r.matched for r in results) == 25


def test_screening_a_chunk_makes_no_reference_cycles(tmp_path: Path, dataset_home: Path, screener):
    """A worker pauses the cyclic collector while it screens a chunk: that is only safe while
    screening leaves no cycles behind, matches, misses, and rows it cannot read alike."""
    import gc

    rows = [
        ["1", "Alabuga Machinery LLC", "RU"],
        ["2", "Hans Meier", "DE"],
        ["3", "", "DE"],
        ["4", "Абдурахманов Магомед", "RU"],
        ["5", "عبد الله محمد رجب", ""],
        ["6", "SAFARASH, Ijaz", "PK"],
    ] * 5
    src = write_csv(tmp_path / "c.csv", rows, ["id", "name", "country"])
    with open_table(src) as table:
        worker = ChunkScreener(_worker_config(table, dataset_home, screener), screener=screener)
        chunks = list(table.chunks(7, 0))
        gc.collect()
        gc.disable()
        try:
            results = [worker._run(chunk) for chunk in chunks]
            left = gc.collect()
        finally:
            gc.enable()
    assert sum(r.rows for r in results) == 25 and sum(r.failed for r in results) == 5
    assert sum(r.matched for r in results) >= 10
    assert left == 0


def test_a_worker_keeps_every_listed_name_prepared(tmp_path: Path, dataset_home: Path, screener):
    """A batch run meets most listed names; a worker keeps them all (a server keeps fewer)."""
    from embargo.match.engine import SIDE_CACHE_SIZE

    src = write_csv(tmp_path / "c.csv", [["1", "Hans Meier"]], ["id", "name"])
    with open_table(src) as table:
        worker = ChunkScreener(_worker_config(table, dataset_home, screener))
    assert screener.index.n_names > SIDE_CACHE_SIZE  # the full lists: the bound matters
    assert worker.screener.matcher._sides.size == screener.index.n_names
    assert screener.matcher._sides.size == SIDE_CACHE_SIZE


def test_csv_xlsx_and_html_outputs(tmp_path: Path, dataset_home: Path):
    src = write_csv(tmp_path / "c.csv", ROWS)
    hits_csv = tmp_path / "hits.csv"
    screen_file(src, ScreenOptions(out=hits_csv, format="csv", workers=1), home=dataset_home)
    with open(hits_csv, newline="", encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    assert {line["row"] for line in lines} == {"1", "3", "4"}
    alabuga = next(line for line in lines if line["row"] == "1")
    assert alabuga["id"] == "C1" and "ALABUGA" in alabuga["caption"].upper()
    assert alabuga["lists"] and "alabuga=alabuga" in alabuga["explanation"]

    book_path = tmp_path / "hits.xlsx"
    screen_file(src, ScreenOptions(out=book_path, format="xlsx", workers=1), home=dataset_home)
    from openpyxl import load_workbook

    book = load_workbook(book_path, read_only=True)
    sheet_rows = list(book["Hits"].iter_rows(values_only=True))
    assert sheet_rows[0][:3] == ("row", "id", "screened_name")
    assert {r[0] for r in sheet_rows[1:]} == {1, 3, 4}
    assert not (tmp_path / "hits.xlsx.spool.jsonl").exists()

    report = tmp_path / "report.html"
    screen_file(src, ScreenOptions(out=report, format="html", workers=1), home=dataset_home)
    html = report.read_text(encoding="utf-8")
    assert "LIMITED LIABILITY COMPANY ALABUGA MACHINERY" in html
    assert "us_ofac_sdn" in html and "RUSSIA-EO14024" in html
    assert "Strong matches" in html and "Rows with a match</td><td>3<" in html


def test_html_report_escapes_input(tmp_path: Path, dataset_home: Path):
    name = "<script>alert(1)</script> Alabuga Machinery LLC"
    src = write_csv(tmp_path / "c.csv", [["1", name]], ["id", "name"])
    report = tmp_path / "report.html"
    screen_file(
        src, ScreenOptions(out=report, format="html", workers=1, all_hits=True), home=dataset_home
    )
    html = report.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class _StopAfter:
    """A progress sink that interrupts the run once ``rows`` rows are written, like Ctrl-C."""

    def __init__(self, rows: int):
        self.rows = rows

    def start(self, total, unit):
        pass

    def status(self, text):
        pass

    def update(self, position, rows):
        if rows >= self.rows:
            raise KeyboardInterrupt


def test_interrupted_run_resumes_to_the_same_output(tmp_path: Path, dataset_home: Path):
    rows = [[f"C{i}", *row[1:]] for i, row in enumerate(ROWS * 8)]
    src = write_csv(tmp_path / "c.csv", rows)
    straight = tmp_path / "straight.jsonl"
    screen_file(src, ScreenOptions(out=straight, workers=1, chunk_size=4), home=dataset_home)

    out = tmp_path / "resumed.jsonl"
    with pytest.raises(KeyboardInterrupt):
        screen_file(
            src,
            ScreenOptions(out=out, workers=1, chunk_size=4),
            home=dataset_home,
            progress=_StopAfter(12),
        )
    checkpoint = orjson.loads((tmp_path / "resumed.jsonl.checkpoint.json").read_bytes())
    assert checkpoint["last_row"] == 12
    assert out.stat().st_size == checkpoint["output_offset"]
    with open(out, "ab") as fh:
        fh.write(b'{"row": 13, "input": {"half-writ')  # a tail the kill left behind
    result = screen_file(
        src, ScreenOptions(out=out, workers=1, chunk_size=4, resume=True), home=dataset_home
    )
    assert result.resumed_after == 12
    assert out.read_bytes() == straight.read_bytes()
    assert result.rows == len(rows) and result.matched == 3 * 8
    assert not (tmp_path / "resumed.jsonl.checkpoint.json").exists()


def test_resume_is_refused_when_input_or_options_changed(tmp_path: Path, dataset_home: Path):
    src = write_csv(tmp_path / "c.csv", ROWS * 4)
    out = tmp_path / "out.jsonl"
    opts = ScreenOptions(out=out, workers=1, chunk_size=2)
    with pytest.raises(KeyboardInterrupt):
        screen_file(src, opts, home=dataset_home, progress=_StopAfter(4))
    with pytest.raises(ScreenError, match="options"):
        screen_file(
            src,
            ScreenOptions(out=out, workers=1, chunk_size=2, resume=True, threshold=0.9),
            home=dataset_home,
        )
    with open(src, "a", encoding="utf-8") as fh:
        fh.write("C99,Another Customer Ltd,company,DE,\n")
    with pytest.raises(ScreenError, match="input .* changed"):
        screen_file(
            src, ScreenOptions(out=out, workers=1, chunk_size=2, resume=True), home=dataset_home
        )
    fresh = screen_file(src, ScreenOptions(out=out, workers=1), home=dataset_home)
    assert fresh.rows == len(ROWS) * 4 + 1


def test_resume_is_refused_when_the_dataset_changed(tmp_path: Path, dataset_home: Path):
    src = write_csv(tmp_path / "c.csv", ROWS * 2)
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        screen_file(
            src,
            ScreenOptions(out=out, workers=1, chunk_size=2),
            home=dataset_home,
            progress=_StopAfter(2),
        )
    cp_path = tmp_path / "out.jsonl.checkpoint.json"
    checkpoint = orjson.loads(cp_path.read_bytes())
    checkpoint["dataset_version"] = "20000101T000000.000000Z"
    cp_path.write_bytes(orjson.dumps(checkpoint))
    with pytest.raises(ScreenError, match="dataset changed"):
        screen_file(
            src, ScreenOptions(out=out, workers=1, chunk_size=2, resume=True), home=dataset_home
        )


def test_interrupted_report_resumes_from_its_spool(tmp_path: Path, dataset_home: Path):
    src = write_csv(tmp_path / "c.csv", [[f"C{i}", *row[1:]] for i, row in enumerate(ROWS * 3)])
    report = tmp_path / "report.html"
    opts = ScreenOptions(out=report, format="html", workers=1, chunk_size=3)
    with pytest.raises(KeyboardInterrupt):
        screen_file(src, opts, home=dataset_home, progress=_StopAfter(6))
    assert not report.exists() and (tmp_path / "report.html.spool.jsonl").exists()
    opts.resume = True
    result = screen_file(src, opts, home=dataset_home)
    assert result.rows == 15 and result.matched == 9
    html = report.read_text(encoding="utf-8")
    assert "Rows screened</td><td>15<" in html
    assert html.count('<span class="caption">SHAGIVALEEV') == 3
    assert not (tmp_path / "report.html.spool.jsonl").exists()
