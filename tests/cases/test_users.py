"""Users, roles and passwords (both DBs)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from embargo.cases.models import AuditRecord
from embargo.cases.users import UserError, add_user, check_password, get_user, set_user


def test_passwords_are_stored_as_argon2_hashes(db):
    with db.write() as session:
        add_user(session, "alice", "analyst", "correct horse")
    with db.read() as session:
        alice = get_user(session, "alice")
    assert alice.password_hash.startswith("$argon2id$")
    assert "correct horse" not in alice.password_hash
    assert check_password(alice, "correct horse")
    assert not check_password(alice, "correct horsE")


def test_user_without_password_cannot_log_in(db):
    with db.write() as session:
        add_user(session, "cli-only", "analyst")
    with db.read() as session:
        assert not check_password(get_user(session, "cli-only"), "")


@pytest.mark.parametrize(
    "name, role, password, error",
    [
        ("x", "boss", None, "role 'boss'"),
        ("", "analyst", None, "1 to 100 characters"),
        ("x", "analyst", "short", "too short"),
    ],
)
def test_bad_users_are_refused(db, name, role, password, error):
    with pytest.raises(UserError, match=error), db.write() as session:
        add_user(session, name, role, password)


def test_changes_are_audited_and_disabling_blocks_login(db):
    with db.write() as session:
        add_user(session, "alice", "analyst", "correct horse")
    with pytest.raises(UserError, match="exists already"), db.write() as session:
        add_user(session, "alice", "approver")
    with db.write() as session:
        set_user(session, "alice", role="approver", active=False)
    with db.read() as session:
        alice = get_user(session, "alice")
        trail = [
            (r.action, r.data)
            for r in session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars()
        ]
    assert alice.role == "approver" and not alice.active
    assert not check_password(alice, "correct horse")
    assert trail[0][0] == "user.add" and '"role":"analyst"' in trail[0][1]
    assert trail[1] == ("user.update", '{"active":false,"name":"alice","role":"approver"}')
    assert "correct horse" not in str(trail)
