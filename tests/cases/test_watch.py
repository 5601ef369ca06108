"""Registering the watched population from customer files."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from embargo.cases.models import Watched
from embargo.cases.watch import WatchError, add_watched, read_watch_file, watch_revision
from tests.cases.fixtures import write_watched


def test_csv_rows_become_parties_with_the_screen_column_mapping(tmp_path):
    path = write_watched(
        tmp_path / "customers.csv",
        [
            ["C-1", "Viktor Zolotaryov", "Russia", "individual", ""],
            ["C-2", "BQS Holding", "LV", "company", "LV40003999999"],
        ],
    )
    records = read_watch_file(path)
    assert [r.record_key for r in records] == ["C-1", "C-2"]
    assert records[0].parties[0]["schema"] == "Person"
    assert records[0].parties[0]["countries"] == ["ru"]
    assert records[1].parties[0]["ids"] == ["LV40003999999"]
    assert records[0].input["name"] == "Viktor Zolotaryov"


def test_jsonl_with_mapped_id_column(tmp_path):
    path = tmp_path / "suppliers.jsonl"
    path.write_text(
        "\n".join(json.dumps(r) for r in [{"Lieferantennr": 7, "Name": "Orion Marine"}]) + "\n"
    )
    records = read_watch_file(path, maps=["id=Lieferantennr"])
    assert records[0].record_key == "7" and records[0].caption == "Orion Marine"


def test_a_file_without_ids_is_refused_naming_the_headers(tmp_path):
    path = tmp_path / "nokey.csv"
    path.write_text("name,country\nAcme,de\n")
    with pytest.raises(WatchError, match=r"no id column .*'name', 'country'.*--map id="):
        read_watch_file(path)


def test_bad_rows_are_all_named_and_nothing_is_added(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,name\nA,Acme\n,Nameless Id\nA,Duplicate\nB,\nC,ཏཱ་ལའི་བླ་མ\n", "utf-8")
    with pytest.raises(WatchError) as info:
        read_watch_file(path)
    message = str(info.value)
    assert "bad.csv row 2: column 'id': empty id" in message
    assert "bad.csv row 3: column 'id': id 'A' already on row 1" in message
    assert "bad.csv row 4: no name to screen" in message
    assert "bad.csv row 5: cannot screen 'ཏཱ་ལའི་བླ་མ': it is written in Tibetan script" in message


def test_readding_keeps_unchanged_and_rescreens_changed(db, tmp_path):
    rows = [["C-1", "Acme Trading", "de", "company", ""], ["C-2", "Jane Roe", "fr", "person", ""]]
    with db.write() as session:
        first = add_watched(session, read_watch_file(write_watched(tmp_path / "a.csv", rows)), "a")
    assert (first.added, first.changed, first.unchanged) == (2, 0, 0)
    with db.write() as session:
        for row in session.execute(select(Watched)).scalars():
            row.screened_version = "v1"
    rows[1][1] = "Jane Roe-Smith"
    with db.write() as session:
        second = add_watched(session, read_watch_file(write_watched(tmp_path / "b.csv", rows)), "b")
    assert (second.added, second.changed, second.unchanged) == (0, 1, 1)
    assert second.revision != first.revision
    with db.read() as session:
        state = {
            w.record_key: w.screened_version for w in session.execute(select(Watched)).scalars()
        }
        assert watch_revision(session) == second.revision
    assert state == {"C-1": "v1", "C-2": None}
    with db.write() as session:
        third = add_watched(session, read_watch_file(write_watched(tmp_path / "c.csv", rows)), "c")
    assert (third.added, third.changed, third.revision) == (0, 0, second.revision)
