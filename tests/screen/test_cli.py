"""`embargo screen` as a pipeline sees it: exit codes, messages, and a run killed and resumed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from embargo.cli import app
from tests.screen.files import ROWS, read_jsonl, write_csv

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def home(dataset_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EMBARGO_HOME", str(dataset_home))
    return dataset_home


def _screen(*args: str):
    return CliRunner().invoke(app, ["screen", *args, "--workers", "1"])


def test_exit_1_when_a_row_matches(home: Path, tmp_path: Path):
    src = write_csv(tmp_path / "c.csv", ROWS)
    out = tmp_path / "out.jsonl"
    result = _screen(str(src), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert "3 matched" in result.output
    assert len(read_jsonl(out)) == len(ROWS)


def test_exit_0_when_nothing_matches_and_stdout_is_jsonl(home: Path, tmp_path: Path):
    src = write_csv(tmp_path / "c.csv", [ROWS[1], ROWS[4]])
    result = _screen(str(src), "--quiet")
    assert result.exit_code == 0, result.output
    lines = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [r["row"] for r in lines] == [1, 2]
    assert all(r["hits"] == [] for r in lines)


def test_exit_2_on_a_file_that_cannot_be_mapped(home: Path, tmp_path: Path):
    src = write_csv(tmp_path / "ledger.csv", [["1", "12.50"]], ["Konto", "Betrag"])
    result = _screen(str(src))
    assert result.exit_code == 2
    assert "'Konto'" in result.output and "'Betrag'" in result.output
    assert "--map" in result.output
    mapped = _screen(str(src), "--map", "name=Konto", "--quiet")
    assert mapped.exit_code == 0, mapped.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "no such file"),
        (["c.csv", "--format", "pdf"], "--format"),
        (["c.csv", "--resume"], "--resume needs --out"),
        (["c.csv", "--format", "html"], "needs --out"),
        (["c.csv", "--schema", "Planet"], "--schema"),
    ],
)
def test_exit_2_on_bad_use(home: Path, tmp_path: Path, args: list[str], message: str):
    write_csv(tmp_path / "c.csv", ROWS)
    args = [str(tmp_path / a) if a.endswith(".csv") else a for a in args]
    result = _screen(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_exit_2_without_a_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("EMBARGO_HOME", str(tmp_path / "empty-home"))
    src = write_csv(tmp_path / "c.csv", ROWS)
    result = _screen(str(src))
    assert result.exit_code == 2
    assert "embargo update" in result.output


def test_errors_summary_on_stderr_when_writing_to_stdout(home: Path, tmp_path: Path):
    src = write_csv(tmp_path / "c.csv", [["1", "Hans Meier"], ["2", " "]], ["id", "name"])
    result = _screen(str(src))
    assert result.exit_code == 0
    assert "row 2: no name to screen" in result.stderr


def _customers(screener, n: int, seed: int = 5) -> list[list[str]]:
    """Distinct rows, so that each one is a real query: listed names and invented ones."""
    rng = random.Random(seed)
    index = screener.index
    listed = [index.raw_name(i) for i in rng.sample(range(len(index)), n // 3)]
    first = ["Anna", "Hans", "Maria", "Peter", "Lucia", "Tomas", "Ingrid", "Paolo", "Sofia"]
    last = ["Keller", "Moreau", "Bianchi", "Jansen", "Novak", "Lindqvist", "Ortega", "Weber"]
    rows = []
    for i in range(n):
        if i % 3 == 0 and listed:
            name = listed.pop()
        else:
            name = f"{rng.choice(first)} {rng.choice(last)} {rng.choice(last)}"
        dob = f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append([f"K{i}", name, "", rng.choice(["DE", "FR", "RU", "IR"]), dob])
    return rows


def _embargo(home: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "EMBARGO_HOME": str(home)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "embargo", "screen", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kwargs,
    )


def test_killed_run_resumes_to_the_same_output(dataset_home: Path, screener, tmp_path: Path):
    src = write_csv(tmp_path / "customers.csv", _customers(screener, 900))
    args = [str(src), "--workers", "2", "--chunk-size", "20", "--quiet"]
    straight = tmp_path / "straight.jsonl"
    done = _embargo(dataset_home, *args, "--out", str(straight))
    assert done.wait(timeout=600) in (0, 1), done.stderr.read().decode()

    out = tmp_path / "killed.jsonl"
    checkpoint = tmp_path / "killed.jsonl.checkpoint.json"
    proc = _embargo(dataset_home, *args, "--out", str(out))
    deadline = time.monotonic() + 300
    last_row = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            last_row = orjson.loads(checkpoint.read_bytes())["last_row"]
        except (OSError, orjson.JSONDecodeError):
            last_row = 0
        if last_row > 0:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < last_row < 900
    assert out.stat().st_size < straight.stat().st_size

    resumed = _embargo(dataset_home, *args, "--out", str(out), "--resume")
    assert resumed.wait(timeout=600) == done.returncode, resumed.stderr.read().decode()
    assert out.read_bytes() == straight.read_bytes()
    assert not checkpoint.exists()


def test_screen_record_raises_alerts_once(tmp_path, dataset_home, monkeypatch) -> None:
    """`--record` turns matches into alerts; a second identical run raises nothing new."""
    from embargo.cases.db import Database

    monkeypatch.setenv("EMBARGO_HOME", str(dataset_home))
    monkeypatch.setenv("EMBARGO_DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    src = tmp_path / "in.csv"
    src.write_text("id,name\nA1,Qods Aviation Industries\nA2,Oxford Instruments plc\n")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    args = ["screen", str(src), "--out", str(out), "--workers", "1", "--record"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    assert "raised" in first.output
    with Database.open().read() as session:
        from embargo.cases.models import Alert

        count = session.query(Alert).count()
    assert count >= 1
    second = runner.invoke(app, args)
    assert second.exit_code == 1
    with Database.open().read() as session:
        assert session.query(Alert).count() == count


def test_screen_record_needs_jsonl_file(tmp_path, dataset_home, monkeypatch) -> None:
    monkeypatch.setenv("EMBARGO_HOME", str(dataset_home))
    src = tmp_path / "in.csv"
    src.write_text("id,name\nA1,Qods Aviation Industries\n")
    result = CliRunner().invoke(app, ["screen", str(src), "--record"])
    assert result.exit_code == 2
    assert "--record needs" in result.output
