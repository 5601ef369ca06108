"""``embargo scan FILE|URL|-``: exit 1 when a listed party is named, 0 when none, 2 on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app


def _flat(output: str) -> str:
    """The terminal wraps long messages; compare with the line breaks taken out."""
    return " ".join(output.split())


@pytest.fixture()
def run(dataset_home: Path):
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(
            app, ["scan", *args], input=stdin, env={"EMBARGO_HOME": str(dataset_home)}
        )

    return invoke


@pytest.mark.slow
def test_file_as_json(run, shared_dir: Path) -> None:
    result = run(str(shared_dir / "seed" / "news_article.txt"), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["extraction"] == "plain-text rules" and "extracted" in data["offsets"]
    kinds = {m["kind"] for m in data["mentions"]}
    assert kinds == {"entity", "jurisdiction", "place"}
    for m in data["mentions"]:
        assert data["text"][m["start"] : m["end"]] == m["text"]
        assert set(m) >= {"text", "start", "end", "kind", "score", "hits"}
    zone = next(m for m in data["mentions"] if m["kind"] == "entity" and "Alabuga" in m["text"])
    assert "us-ofac-sdn-45708" in {h["entity_id"] for h in zone["hits"]}


@pytest.mark.slow
def test_url_served_locally(run, served: str) -> None:
    result = run(served, "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["extraction"] == "trafilatura" and data["source"] == served
    assert "Related" not in data["text"] and "Privacy" not in data["text"]
    places = {m["place"]["key"] for m in data["mentions"] if m["kind"] == "place"}
    assert {"IRAMD", "RUMCX", "RUYBE"} <= places


@pytest.mark.slow
def test_stdin_without_a_listed_party_exits_0(run) -> None:
    result = run("-", stdin="Flights to Cuba resumed on Monday, the airline said.\n")
    assert result.exit_code == 0, result.output
    assert "Cuba" in result.stdout and "embargoed" in result.stdout


def test_jurisdictions_and_places_need_no_dataset(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Drones shipped from Amirabad, Iran to Makhachkala.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["scan", str(page), "--no-parties", "--json"], env={"EMBARGO_HOME": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    found = [(m["kind"], m["text"]) for m in json.loads(result.stdout)["mentions"]]
    assert found == [("place", "Amirabad"), ("jurisdiction", "Iran"), ("place", "Makhachkala")]


def test_missing_file_exits_2_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    result = CliRunner().invoke(app, ["scan", str(missing), "--no-parties"])
    assert result.exit_code == 2
    assert "nope.html" in _flat(result.output)


def test_unreachable_url_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", "http://127.0.0.1:9/article", "--no-parties"])
    assert result.exit_code == 2
    assert "127.0.0.1:9" in _flat(result.output)


def test_not_utf8_exits_2(tmp_path: Path) -> None:
    page = tmp_path / "latin1.txt"
    page.write_bytes("Caf\xe9 in Tehran".encode("latin-1"))
    result = CliRunner().invoke(app, ["scan", str(page), "--no-parties"])
    assert result.exit_code == 2
    assert "not UTF-8 text" in _flat(result.output)
