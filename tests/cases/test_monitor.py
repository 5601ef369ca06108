"""Continuous monitoring on a dataset in two versions (both DBs)."""

from __future__ import annotations

from sqlalchemy import select

from embargo.cases import alerts
from embargo.cases.models import Alert, Meta
from embargo.cases.monitor import VERSION_KEY, rescreen_everything, run_monitor
from embargo.cases.watch import add_watched, read_watch_file
from embargo.dataset.diff import diff_versions
from tests.cases.fixtures import WATCHED_SPECIAL, crowd, write_watched
from tests.cases.helpers import add_team

S1, S2, S3, S4, S5 = (f"custom-sanctioned-S{i}" for i in range(1, 6))


def _watch(db, path, rows) -> None:
    with db.write() as session:
        add_watched(session, read_watch_file(write_watched(path, rows)), path.name)


def _pairs(db, ids) -> dict[tuple[str, str], int]:
    with db.read() as session:
        rows = session.execute(select(Alert).where(Alert.id.in_(ids))).scalars()
        return {(a.record_key, a.entity_id): a.id for a in rows}


def test_after_an_update_only_changed_listings_are_screened_and_nothing_is_missed(
    db, versions, screeners, tmp_path
):
    home, v1, v2 = versions
    s1, s2 = screeners
    rows = crowd(300) + WATCHED_SPECIAL
    _watch(db, tmp_path / "customers.csv", rows)

    first = run_monitor(db, home, screener=s1)
    assert first.screened_full == len(rows) and first.changed_entities == 0
    found = _pairs(db, first.raised)
    assert {("W-ZOLO", S1), ("W-ORION", S2), ("W-KEST", S3)} <= found.keys()
    assert not any(e in (S4, S5) for _, e in found)

    quiet = run_monitor(db, home, screener=s1)
    assert (quiet.screened_full, quiet.raised) == (0, [])

    second = run_monitor(db, home, screener=s2)
    diff = diff_versions(v1, v2)
    changed = {item["id"] for item in diff["added"] + diff["changed"]}
    assert changed == {S2, S4, S5}
    assert second.screened_full == 0 and second.changed_entities == 3
    assert 0 < second.candidates < len(rows) // 4
    new = set(_pairs(db, second.raised))
    everything = {(k, h["entity_id"]) for k, h in rescreen_everything(db, s2)}
    assert new == {(k, e) for k, e in everything if e in changed}
    assert {("W-BALT", S4), ("W-BALTID", S4), ("W-MARAT", S5), ("W-ORION", S2)} <= new
    with db.read() as session:
        assert session.get(Meta, VERSION_KEY).value == v2.version


def test_reviewed_false_positives_return_only_when_record_or_listing_changes(
    db, versions, screeners, tmp_path
):
    home, _v1, _v2 = versions
    s1, s2 = screeners
    add_team(db)
    rows = [list(r) for r in crowd(30) + WATCHED_SPECIAL]
    _watch(db, tmp_path / "customers.csv", rows)
    first = _pairs(db, run_monitor(db, home, screener=s1).raised)
    with db.write() as session:
        for pair in (("W-KEST", S3), ("W-ORION", S2), ("W-ZOLO", S1)):
            alerts.decide(session, first[pair], "false_positive", "other party", "alice")

    second = _pairs(db, run_monitor(db, home, screener=s2).raised)
    assert ("W-ORION", S2) in second  # the listing changed
    assert ("W-KEST", S3) not in second and ("W-ZOLO", S1) not in second

    kest = next(r for r in rows if r[0] == "W-KEST")
    kest[2] = "tr"  # the customer's record changes
    _watch(db, tmp_path / "customers-2.csv", rows)
    third = run_monitor(db, home, screener=s2)
    assert third.screened_full == 1
    assert set(_pairs(db, third.raised)) == {("W-KEST", S3)}
    with db.read() as session:
        assert session.get(Alert, third.raised[0]).previous_id == first[("W-KEST", S3)]

    with db.write() as session:  # the version last seen was pruned: screen all, raise nothing new
        session.get(Meta, VERSION_KEY).value = "20000101T000000.000000Z"
    full = run_monitor(db, home, screener=s2)
    assert full.full and full.screened_full == len(rows)
    assert full.raised == [] and full.suppressed == 1 and full.known > 0
