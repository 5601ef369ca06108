"""The audit chain: append-only, hash-chained, and every tampering named (both DBs)."""

from __future__ import annotations

import hashlib
import json
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from embargo.cases import alerts, audit
from embargo.cases.audit import iter_records, verify
from tests.cases.helpers import add_team, finding, tamper


def _activity(db) -> list[int]:
    """Users, three alerts, a false positive and an approved true match."""
    add_team(db)
    with db.write() as session:
        ids = alerts.raise_alerts(
            session,
            [finding("C-1", "e-1"), finding("C-2", "e-2"), finding("C-3", "e-3")],
            "v1",
            "t",
        ).raised
    with db.write() as session:
        alerts.decide(session, ids[0], "false_positive", "other person", "alice")
    with db.write() as session:
        alerts.decide(
            session, ids[1], "true_match", "same passport", "alice", require_approval=True
        )
    with db.write() as session:
        alerts.approve(session, ids[1], "bob")
    return ids


def _problems(db) -> list[str]:
    with db.read() as session:
        return verify(session).problems


def _seq_of(db, action: str, subject: str) -> int:
    with db.read() as session:
        return session.execute(
            text("SELECT seq FROM audit_log WHERE action = :a AND subject = :s"),
            {"a": action, "s": subject},
        ).scalar_one()


def test_activity_leaves_a_valid_chain(db):
    _activity(db)
    with db.read() as session:
        result = verify(session)
    assert result.ok, result.problems
    # 5 users, dataset version, 3 alerts, decide, decide, approve
    assert result.records == 12


@pytest.mark.parametrize("table", ["audit_log", "decisions"])
@pytest.mark.parametrize("statement", ["UPDATE {} SET reason = 'x'", "DELETE FROM {}"])
def test_append_only_tables_refuse_changes(db, table, statement):
    _activity(db)
    sql = statement.format(table)
    if table == "audit_log":
        sql = sql.replace("reason", "actor")
    with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
        session.execute(text(sql))
    assert _problems(db) == []


def test_an_edited_audit_record_is_named(db):
    ids = _activity(db)
    seq = _seq_of(db, "alert.decide", f"alert:{ids[0]}")
    tamper(db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = :s", {"s": seq})
    problems = _problems(db)
    assert any(p.startswith(f"audit record #{seq} ") and "edited" in p for p in problems), problems


def test_a_re_hashed_edit_breaks_the_next_link(db):
    ids = _activity(db)
    seq = _seq_of(db, "alert.decide", f"alert:{ids[0]}")
    with db.read() as session:
        rec = next(r for r in iter_records(session) if r.seq == seq)
        fields = {**audit._fields(rec), "actor": "mallory"}
        forged = audit.record_hash(fields, rec.prev_hash)
    tamper(
        db,
        "UPDATE audit_log SET actor = 'mallory', hash = :h WHERE seq = :s",
        {"h": forged, "s": seq},
    )
    problems = _problems(db)
    assert any(f"#{seq + 1}" in p and "previous-hash" in p for p in problems), problems


def test_a_deleted_record_is_named(db):
    ids = _activity(db)
    seq = _seq_of(db, "alert.raise", f"alert:{ids[2]}")
    tamper(db, "DELETE FROM audit_log WHERE seq = :s", {"s": seq})
    problems = _problems(db)
    assert any(f"audit record #{seq} missing (deleted)" in p for p in problems), problems
    assert any(f"alert #{ids[2]}: no alert.raise audit record" in p for p in problems), problems


def test_a_deleted_last_record_is_noticed(db):
    _activity(db)
    tamper(db, "DELETE FROM audit_log WHERE seq = 12")
    problems = _problems(db)
    assert any("ends at #11 but its head records #12" in p for p in problems), problems


def test_edited_decision_and_status_are_named(db):
    ids = _activity(db)
    tamper(db, "UPDATE decisions SET reason = 'nothing to see' WHERE alert_id = :a", {"a": ids[0]})
    tamper(db, "UPDATE alerts SET status = 'false_positive' WHERE id = :a", {"a": ids[2]})
    problems = _problems(db)
    assert any(
        f"on alert #{ids[0]} differs" in p and p.endswith("in reason (edited)") for p in problems
    ), problems
    assert any(
        f"alert #{ids[2]}: status 'false_positive'" in p and "left it 'open'" in p for p in problems
    ), problems


def test_an_edited_alert_snapshot_key_is_named(db):
    ids = _activity(db)
    tamper(db, "UPDATE alerts SET entity_id = 'e-other' WHERE id = :a", {"a": ids[2]})
    assert any(f"alert #{ids[2]} differs" in p and "entity_id" in p for p in _problems(db))


def test_export_can_be_checked_without_embargo(db):
    _activity(db)
    with db.read() as session:
        lines = [json.dumps(audit.export_record(r)) for r in iter_records(session)]
    prev = "0" * 64
    for line in lines:
        rec = json.loads(line)
        fields = {k: rec[k] for k in ("seq", "at", "actor", "action", "subject", "data")}
        canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert rec["prev_hash"] == prev
        assert hashlib.sha256(canonical.encode() + prev.encode()).hexdigest() == rec["hash"]
        prev = rec["hash"]
    assert len(lines) == 12


def test_concurrent_writers_extend_one_chain(db):
    errors: list[Exception] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                with db.write() as session:
                    audit.append(session, "test.event", f"writer:{n}", {"i": i})
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.read() as session:
        result = verify(session)
        seqs = [r.seq for r in iter_records(session)]
    assert result.ok, result.problems
    assert seqs == list(range(1, 61))
