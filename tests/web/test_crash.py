"""SIGKILL of a real `embargo web` during decisions: each decision is whole or absent.

A decision and its audit record are one transaction. These tests kill the server while
decisions are in flight, restart it, and check every alert: decision and audit record both
present (and the status moved) or both absent (and the status unchanged); then the audit chain
verifies, and stops verifying once a row is edited behind its back.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import func, select

from embargo.cases.alerts import raise_alerts
from embargo.cases.db import Database
from embargo.cases.models import Alert, AuditRecord, Decision
from tests.cases import postgres
from tests.cases.helpers import add_team, finding, tamper
from tests.web.server import ROOT, WebProcess


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return postgres.create_database(request.getfixturevalue("pg_server"))


def _seed(url: str, n: int) -> list[int]:
    db = Database.open(url)
    add_team(db)
    with db.write() as session:
        ids = raise_alerts(
            session, [finding(f"C-{i}", f"e-{i}") for i in range(n)], "v1", "screen"
        ).raised
    db.dispose()
    return ids


def _states(url: str) -> dict[int, tuple[int, int, str]]:
    """Per alert: (decisions, audit alert.decide records, status)."""
    db = Database(url)
    with db.read() as session:
        decisions = dict(
            session.execute(
                select(Decision.alert_id, func.count()).group_by(Decision.alert_id)
            ).all()
        )
        audited: dict[int, int] = {}
        for subject in session.execute(
            select(AuditRecord.subject).where(AuditRecord.action == "alert.decide")
        ).scalars():
            alert_id = int(subject.split(":")[1])
            audited[alert_id] = audited.get(alert_id, 0) + 1
        status = dict(session.execute(select(Alert.id, Alert.status)).all())
    db.dispose()
    return {a: (decisions.get(a, 0), audited.get(a, 0), s) for a, s in status.items()}


def _verify(home: Path, url: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "EMBARGO_HOME": str(home),
        "EMBARGO_DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "embargo", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _decide(client: httpx.Client, csrf: str, alert_id: int) -> None:
    try:
        client.post(
            f"/alerts/{alert_id}/decide",
            data={"decision": "false_positive", "reason": f"checked #{alert_id}", "csrf": csrf},
        )
    except httpx.HTTPError:
        pass  # the server died under this request


def _assert_whole_or_absent(states: dict[int, tuple[int, int, str]]) -> tuple[int, int]:
    done = absent = 0
    for alert_id, (decisions, audited, status) in states.items():
        if decisions == 0:
            assert (audited, status) == (0, "open"), (alert_id, states[alert_id])
            absent += 1
        else:
            assert (decisions, audited, status) == (1, 1, "false_positive"), (alert_id, status)
            done += 1
    return done, absent


def test_sigkill_during_a_burst_of_decisions(crash_url, dataset_home, tmp_path):
    ids = _seed(crash_url, 40)
    server = WebProcess(dataset_home, crash_url, tmp_path / "web.log").start()
    try:
        client, csrf = server.login("alice", "alice-password")
        first_done = threading.Event()

        def one(alert_id: int) -> None:
            _decide(client, csrf, alert_id)
            first_done.set()

        threads = [threading.Thread(target=one, args=(a,)) for a in ids]
        for t in threads:
            t.start()
        first_done.wait(30)
        time.sleep(0.02)
        server.kill()
        for t in threads:
            t.join(30)
    finally:
        server.kill()
    restarted = WebProcess(dataset_home, crash_url, tmp_path / "web2.log").start()
    try:
        done, _absent = _assert_whole_or_absent(_states(crash_url))
        assert done >= 1
        client, csrf = restarted.login("bob", "bob-password")
        assert client.get("/").status_code == 200
    finally:
        restarted.stop()
    result = _verify(dataset_home, crash_url)
    assert result.returncode == 0 and "audit chain OK" in result.stdout, result.stdout


def _hold_sqlite_write_lock(url: str) -> sqlite3.Connection:
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=60)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _hold_pg_chain_lock(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url)
    conn.execute("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")
    return conn


def _pg_decision_written_and_waiting(url: str) -> bool:
    """The server's transaction has inserted its decision and waits for the chain lock."""
    with psycopg.connect(url, autocommit=True) as conn:
        waiting = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query ILIKE '%audit_head%'"
        ).fetchone()[0]
        inserted = conn.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'decisions' AND l.mode = 'RowExclusiveLock' AND l.granted"
        ).fetchone()[0]
    return waiting >= 1 and inserted >= 1


def test_sigkill_with_a_decision_in_flight_records_nothing_then_tampering_is_found(
    crash_url, dataset_home, tmp_path
):
    ids = _seed(crash_url, 3)
    target = ids[0]
    server = WebProcess(dataset_home, crash_url, tmp_path / "web.log").start()
    client, csrf = server.login("alice", "alice-password")
    postgresql = crash_url.startswith("postgresql")
    lock = _hold_pg_chain_lock(crash_url) if postgresql else _hold_sqlite_write_lock(crash_url)
    request = threading.Thread(target=_decide, args=(client, csrf, target))
    try:
        request.start()
        if postgresql:
            deadline = time.monotonic() + 20
            while not _pg_decision_written_and_waiting(crash_url):
                assert time.monotonic() < deadline, "the decision never reached the chain lock"
                time.sleep(0.05)
        else:
            time.sleep(1.0)  # the request waits for the database write lock
        assert request.is_alive()
        server.kill()
    finally:
        server.kill()
        lock.rollback()
        lock.close()
    request.join(30)
    time.sleep(0.5)  # let PostgreSQL notice its client is gone and roll back

    restarted = WebProcess(dataset_home, crash_url, tmp_path / "web2.log").start()
    try:
        assert _states(crash_url)[target] == (0, 0, "open")
        assert _verify(dataset_home, crash_url).returncode == 0
        client, csrf = restarted.login("alice", "alice-password")
        _decide(client, csrf, target)
        assert _states(crash_url)[target] == (1, 1, "false_positive")
    finally:
        restarted.stop()
    assert _verify(dataset_home, crash_url).returncode == 0

    db = Database(crash_url)
    tamper(db, "UPDATE audit_log SET actor = 'mallory' WHERE action = 'alert.decide'")
    db.dispose()
    broken = _verify(dataset_home, crash_url)
    assert broken.returncode == 1
    assert "alert.decide alert:" in broken.stdout and "edited" in broken.stdout, broken.stdout
