"""Building findings and tampering with the database, for the case tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from embargo.cases.alerts import Finding
from embargo.cases.db import Database
from embargo.cases.users import add_user


def finding(
    record_key: str = "C-1",
    entity_id: str = "e-1",
    name: str = "Ivan Petrov",
    *,
    aliases: list[str] | None = None,
    record: dict[str, Any] | None = None,
    score: float = 0.91,
) -> Finding:
    """A match of a screened record on a listed person, as screening would report it."""
    props: dict[str, list[str]] = {"name": [name]}
    if aliases:
        props["alias"] = aliases
    return Finding(
        record_key=record_key,
        record=record or {"id": record_key, "name": name},
        hit={
            "entity_id": entity_id,
            "caption": name,
            "schema": "Person",
            "score": score,
            "match": True,
            "sources": [{"list": "test_list", "ref": entity_id, "programs": ["TEST"]}],
            "explanation": {
                "name": {
                    "query_name": name,
                    "listed_name": name,
                    "score": score,
                    "method": "tokens",
                    "aligned": [],
                    "unmatched_query": [],
                    "unmatched_listed": [],
                },
                "facts": [],
            },
        },
        entity={"id": entity_id, "schema": "Person", "properties": props},
        record_caption=name,
    )


def add_team(db: Database) -> None:
    """analyst alice, analyst erin, approvers bob and carol, admin root."""
    with db.write() as session:
        add_user(session, "alice", "analyst", "alice-password")
        add_user(session, "erin", "analyst")
        add_user(session, "bob", "approver", "bob-password")
        add_user(session, "carol", "approver")
        add_user(session, "root", "admin")


def tamper(db: Database, sql: str, params: dict[str, Any] | None = None) -> None:
    """Run raw SQL as an attacker with database access would: append-only triggers dropped."""
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            for table in ("audit_log", "decisions"):
                for event in ("update", "delete"):
                    conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{event}"))
        else:
            for table in ("audit_log", "decisions"):
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        conn.execute(text(sql), params or {})
