"""Batch screening output (`embargo screen`) recorded as alerts."""

from __future__ import annotations

import json

from embargo.cases import alerts
from embargo.cases.record import record_screen_rows
from embargo.screen.pipeline import ScreenOptions, screen_file
from tests.cases.fixtures import WATCHED_SPECIAL, write_watched
from tests.cases.helpers import add_team


def _screen(home, path, out):
    screen_file(path, ScreenOptions(out=out, workers=1), home=home)
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_screen_rows_become_alerts_once(db, versions, screeners, tmp_path):
    home, _v1, v2 = versions
    _s1, s2 = screeners
    add_team(db)
    rows = _screen(home, write_watched(tmp_path / "in.csv", WATCHED_SPECIAL), tmp_path / "o.jsonl")
    matches = {(r["id"], h["entity_id"]) for r in rows for h in r["hits"] if h["match"]}
    assert ("W-MARAT", "custom-sanctioned-S5") in matches

    with db.write() as session:
        first = record_screen_rows(session, rows, s2)
    assert len(first.raised) == len(matches)
    with db.read() as session:
        raised = alerts.list_alerts(session)
    assert {(a.record_key, a.entity_id) for a in raised} == matches
    assert {a.origin for a in raised} == {"screen"} and {a.dataset_version for a in raised} == {
        v2.version
    }
    marat = next(a for a in raised if a.record_key == "W-MARAT")
    assert marat.record["name"] == "Marat Gareev"
    assert marat.entity["properties"]["name"] == ["Marat Gareyev"]

    with db.write() as session:
        alerts.decide(session, marat.id, "false_positive", "born 1990", "alice")
    with db.write() as session:
        again = record_screen_rows(session, rows, s2)
    assert again.raised == [] and again.suppressed == 1 and again.known == len(matches) - 1


def test_rows_without_an_id_are_keyed_by_their_content(db, versions, screeners, tmp_path):
    home, _v1, _v2 = versions
    _s1, s2 = screeners
    path = tmp_path / "noid.csv"
    path.write_text("name,country\nMarat Gareev,ru\n")
    rows = _screen(home, path, tmp_path / "o.jsonl")
    with db.write() as session:
        result = record_screen_rows(session, rows, s2)
    with db.read() as session:
        (alert,) = alerts.list_alerts(session)
    assert result.raised == [alert.id]
    assert alert.record_key.startswith("input:") and alert.record_caption == "Marat Gareev"
