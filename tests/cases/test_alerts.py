"""Alerts and decisions: raising, dedupe, false-positive suppression, four eyes (both DBs)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from embargo.cases import alerts
from embargo.cases.audit import verify
from embargo.cases.models import Alert, AuditRecord, Decision
from embargo.cases.users import UserError, set_user
from tests.cases.helpers import add_team, finding


def _raise(db, *findings, version="v1"):
    with db.write() as session:
        return alerts.raise_alerts(session, list(findings), version, "test")


def _actions(db) -> list[str]:
    with db.read() as session:
        return list(session.execute(select(AuditRecord.action).order_by(AuditRecord.seq)).scalars())


def test_a_match_becomes_one_alert_with_its_snapshot(db):
    result = _raise(db, finding())
    assert len(result.raised) == 1
    with db.read() as session:
        alert = session.get(Alert, result.raised[0])
    assert (alert.record_key, alert.entity_id, alert.dataset_version) == ("C-1", "e-1", "v1")
    assert alert.status == "open"
    assert alert.hit["score"] == 0.91 and alert.entity["properties"]["name"] == ["Ivan Petrov"]
    assert len(alert.record_hash) == 64 and len(alert.entity_hash) == 64
    assert _actions(db) == ["dataset.version", "alert.raise"]


def test_the_same_match_is_not_raised_twice(db):
    _raise(db, finding())
    again = _raise(db, finding(), finding())
    assert again.raised == [] and again.known == 2
    with db.read() as session:
        assert session.execute(select(func.count(Alert.id))).scalar_one() == 1


def test_reviewed_false_positive_stays_quiet_until_either_side_changes(db):
    add_team(db)
    first = _raise(db, finding()).raised[0]
    with db.write() as session:
        alerts.decide(session, first, "false_positive", "different birth year", "alice")
    quiet = _raise(db, finding(), version="v2")
    assert quiet.raised == [] and quiet.suppressed == 1

    listing_changed = _raise(db, finding(aliases=["Ivan Petrovich"]), version="v3")
    assert len(listing_changed.raised) == 1
    record_changed = _raise(
        db, finding(record={"id": "C-1", "name": "Ivan Petrov", "city": "Riga"})
    )
    assert len(record_changed.raised) == 1
    other_record = _raise(db, finding(record_key="C-2"))
    assert len(other_record.raised) == 1
    with db.read() as session:
        reraised = session.get(Alert, listing_changed.raised[0])
    assert reraised.previous_id == first and reraised.status == "open"


def test_four_eyes_true_match_needs_another_approver(db, monkeypatch):
    monkeypatch.delenv("EMBARGO_FOUR_EYES", raising=False)
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    with db.write() as session:
        row = alerts.decide(session, alert_id, "true_match", "same passport", "bob")
    assert row.status_after == "pending_approval"
    with pytest.raises(alerts.AlertError, match="another approver"), db.write() as session:
        alerts.approve(session, alert_id, "bob")
    with pytest.raises(UserError, match="needs approver"), db.write() as session:
        alerts.approve(session, alert_id, "alice")
    with db.write() as session:
        done = alerts.approve(session, alert_id, "carol")
    assert (done.status_before, done.status_after) == ("pending_approval", "true_match")
    with db.read() as session:
        assert session.get(Alert, alert_id).status == "true_match"
        assert [d.action for d in alerts.history(session, alert_id)] == ["decide", "approve"]
    assert _actions(db)[-2:] == ["alert.decide", "alert.approve"]


def test_four_eyes_can_be_switched_off(db, monkeypatch):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    monkeypatch.setenv("EMBARGO_FOUR_EYES", "0")
    with db.write() as session:
        row = alerts.decide(session, alert_id, "true_match", "same passport", "alice")
    assert row.status_after == "true_match"


def test_rejected_true_match_returns_to_the_queue(db):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    with db.write() as session:
        alerts.decide(
            session, alert_id, "true_match", "looks like him", "alice", require_approval=True
        )
    with pytest.raises(alerts.AlertError, match="needs a reason"), db.write() as session:
        alerts.approve(session, alert_id, "bob", reject=True)
    with db.write() as session:
        alerts.approve(session, alert_id, "bob", "birth year differs", reject=True)
    with db.write() as session:
        row = alerts.decide(session, alert_id, "false_positive", "birth year differs", "erin")
    assert (row.status_before, row.status_after) == ("open", "false_positive")


def test_escalated_alert_stays_active_and_can_be_decided(db):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    with db.write() as session:
        alerts.decide(session, alert_id, "escalate", "need the customer's passport", "alice")
    with db.read() as session:
        assert [a.id for a in alerts.list_alerts(session, "active")] == [alert_id]
        assert alerts.list_alerts(session, "open") == []
    with db.write() as session:
        assert alerts.decide(session, alert_id, "false_positive", "passport differs", "bob")


@pytest.mark.parametrize(
    "decision, reason, user, error",
    [
        ("maybe", "x", "alice", "decision 'maybe'"),
        ("false_positive", "   ", "alice", "needs a reason"),
        ("false_positive", "x", "mallory", "no user 'mallory'"),
    ],
)
def test_bad_decisions_are_refused_and_nothing_is_written(db, decision, reason, user, error):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    before = _actions(db)
    with pytest.raises((alerts.AlertError, UserError), match=error), db.write() as session:
        alerts.decide(session, alert_id, decision, reason, user)
    assert _actions(db) == before
    with db.read() as session:
        assert session.get(Alert, alert_id).status == "open"


def test_closed_alerts_and_disabled_users_cannot_decide(db):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    with db.write() as session:
        alerts.decide(session, alert_id, "false_positive", "other person", "alice")
    with pytest.raises(alerts.AlertError, match="is false_positive"), db.write() as session:
        alerts.decide(session, alert_id, "true_match", "changed my mind", "erin")
    with db.write() as session:
        set_user(session, "erin", active=False)
    other = _raise(db, finding(record_key="C-9")).raised[0]
    with pytest.raises(UserError, match="disabled"), db.write() as session:
        alerts.decide(session, other, "false_positive", "x", "erin")
    with pytest.raises(alerts.AlertError, match="no alert #999"), db.write() as session:
        alerts.decide(session, 999, "false_positive", "x", "alice")


def test_decision_and_audit_record_share_one_transaction(db):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    with pytest.raises(RuntimeError), db.write() as session:
        alerts.decide(session, alert_id, "false_positive", "other person", "alice")
        raise RuntimeError("crash before commit")
    with db.read() as session:
        assert session.execute(select(func.count(Decision.id))).scalar_one() == 0
        assert "alert.decide" not in _actions(db)
        assert session.get(Alert, alert_id).status == "open"


def test_concurrent_decisions_on_one_alert_record_exactly_one(db):
    add_team(db)
    alert_id = _raise(db, finding()).raised[0]
    outcomes: list[str] = []

    def decide(user: str) -> None:
        try:
            with db.write() as session:
                alerts.decide(session, alert_id, "false_positive", f"by {user}", user)
            outcomes.append("ok")
        except alerts.AlertError:
            outcomes.append("refused")

    threads = [threading.Thread(target=decide, args=(u,)) for u in ("alice", "erin", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused", "refused"]
    with db.read() as session:
        assert session.execute(select(func.count(Decision.id))).scalar_one() == 1
        assert verify(session).ok


def test_list_filters_and_search(db):
    add_team(db)
    ids = [
        _raise(db, finding("C-1", "e-1", "Ivan Petrov")).raised[0],
        _raise(db, finding("C-2", "e-2", "Olga Smirnova")).raised[0],
        _raise(db, finding("K-77", "e-3", "Orion Shipping")).raised[0],
    ]
    with db.write() as session:
        alerts.decide(session, ids[1], "false_positive", "other person", "alice")
    with db.read() as session:
        assert [a.id for a in alerts.list_alerts(session)] == [ids[2], ids[0]]
        assert [a.id for a in alerts.list_alerts(session, "false_positive")] == [ids[1]]
        assert len(alerts.list_alerts(session, None)) == 3
        assert [a.id for a in alerts.list_alerts(session, None, "smirnova")] == [ids[1]]
        assert [a.id for a in alerts.list_alerts(session, None, "k-77")] == [ids[2]]
        assert [a.id for a in alerts.list_alerts(session, None, "orion e-3")] == [ids[2]]
        assert alerts.list_alerts(session, None, "nobody") == []
        with pytest.raises(alerts.AlertError, match="status 'closed'"):
            alerts.list_alerts(session, "closed")


def test_dataset_version_is_audited_once_per_version(db):
    _raise(db, finding("C-1"), version="v1")
    _raise(db, finding("C-2"), version="v1")
    _raise(db, finding("C-3"), version="v2")
    with db.read() as session:
        rows = session.execute(
            select(AuditRecord.subject).where(AuditRecord.action == "dataset.version")
        ).scalars()
        assert list(rows) == ["dataset:v1", "dataset:v2"]
