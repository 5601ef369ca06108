"""The case commands end to end: users, watch, monitor, alerts, audit (both DBs)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from tests.cases.fixtures import WATCHED_SPECIAL, crowd, write_watched
from tests.cases.helpers import tamper


@pytest.fixture
def cli(versions, db_url, monkeypatch):
    home, _v1, _v2 = versions
    monkeypatch.setenv("EMBARGO_HOME", str(home))
    monkeypatch.setenv("EMBARGO_DATABASE_URL", db_url)
    monkeypatch.delenv("EMBARGO_FOUR_EYES", raising=False)
    monkeypatch.delenv("EMBARGO_WEBHOOK_URL", raising=False)
    runner = CliRunner()

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, (args, result.output, result.exception)
        return result

    return run


def test_review_workflow_from_the_command_line(cli, db_url, tmp_path):
    assert "→ 0001" in cli("db", "upgrade").output
    cli("users", "add", "alice", "--role", "analyst", "--password", "alice-password")
    cli("users", "add", "bob", "--role", "approver", "--password", "bob-password")
    users = json.loads(cli("users", "list", "--json").output)
    assert [(u["name"], u["role"], u["web_login"]) for u in users] == [
        ("alice", "analyst", True),
        ("bob", "approver", True),
    ]
    assert "role 'boss'" in cli("users", "add", "x", "--role", "boss", code=2).output

    path = write_watched(tmp_path / "customers.csv", crowd(20) + WATCHED_SPECIAL)
    assert "27 added" in cli("watch", "add", str(path)).output
    listed = json.loads(cli("watch", "list", "--json").output)
    assert listed["total"] == 27 and listed["records"][0]["screened_version"] is None

    report = json.loads(cli("monitor", "run", "--json").output)
    assert report["screened_full"] == 27 and report["raised"]
    again = json.loads(cli("monitor", "run", "--json").output)
    assert again["raised"] == [] and again["screened_full"] == 0

    queue = json.loads(cli("alerts", "list", "--json").output)
    assert {a["id"] for a in queue} == set(report["raised"])
    first, second = queue[-1]["id"], queue[-2]["id"]

    out = cli(
        "alerts",
        "decide",
        str(first),
        "--decision",
        "false_positive",
        "--reason",
        "born 1990",
        "--user",
        "alice",
    ).output
    assert "open → false_positive" in out
    refused = cli(
        "alerts",
        "decide",
        str(first),
        "--decision",
        "true_match",
        "--reason",
        "x",
        "--user",
        "alice",
        code=2,
    )
    assert "is false_positive" in refused.output
    cli(
        "alerts",
        "decide",
        str(second),
        "--decision",
        "true_match",
        "--reason",
        "same person",
        "--user",
        "alice",
    )
    assert (
        "needs approver" in cli("alerts", "approve", str(second), "--user", "alice", code=2).output
    )
    assert "→ true_match" in cli("alerts", "approve", str(second), "--user", "bob").output
    shown = json.loads(cli("alerts", "show", str(second), "--json").output)
    assert [d["action"] for d in shown["decisions"]] == ["decide", "approve"]
    assert shown["entity"]["id"] == shown["entity_id"]

    statuses = {
        a["id"]: a["status"]
        for a in json.loads(cli("alerts", "list", "--status", "all", "--json").output)
    }
    assert statuses[first] == "false_positive" and statuses[second] == "true_match"
    assert first not in {a["id"] for a in json.loads(cli("alerts", "list", "--json").output)}

    assert "audit chain OK" in cli("audit", "verify").output
    export = tmp_path / "audit.jsonl"
    cli("audit", "export", "--out", str(export))
    records = [json.loads(line) for line in export.read_text().splitlines()]
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
    assert {
        "user.add",
        "watch.add",
        "dataset.version",
        "alert.raise",
        "alert.decide",
        "alert.approve",
        "monitor.run",
    } <= {r["action"] for r in records}

    from embargo.cases.db import Database

    db = Database(db_url)
    tamper(db, "UPDATE decisions SET reason = 'edited' WHERE alert_id = :a", {"a": first})
    db.dispose()
    broken = cli("audit", "verify", code=1).output
    assert "BROKEN" in broken and f"on alert #{first} differs" in broken
