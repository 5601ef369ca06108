"""Cases schema: users, watched records, alerts, decisions, audit chain, web sessions.

The audit log and the decisions are append-only: a trigger refuses UPDATE and DELETE on both
(and TRUNCATE on PostgreSQL), so only someone who drops the trigger first can alter them —
which ``embargo audit verify`` then finds.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64
APPEND_ONLY = ("audit_log", "decisions")


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
    )
    op.create_table(
        "watched",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_key", sa.String(200), nullable=False, unique=True),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("parties", sa.JSON, nullable=False),
        sa.Column("input", sa.JSON, nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        _ts("added_at"),
        _ts("updated_at"),
        sa.Column("screened_version", sa.String(64), nullable=True),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_key", sa.String(200), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("dataset_version", sa.String(64), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("record_caption", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("hit", sa.JSON, nullable=False),
        sa.Column("entity", sa.JSON, nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.Column("webhook", sa.String(10), nullable=True),
        sa.Column("webhook_attempts", sa.Integer, nullable=False),
        sa.UniqueConstraint(
            "record_key", "entity_id", "record_hash", "entity_hash", name="uq_alerts_occurrence"
        ),
    )
    op.create_index("ix_alerts_pair", "alerts", ["record_key", "entity_id"])
    op.create_index("ix_alerts_status", "alerts", ["status"])
    op.create_index("ix_alerts_webhook", "alerts", ["webhook"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("decision", sa.String(20), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("status_before", sa.String(20), nullable=False),
        sa.Column("status_after", sa.String(20), nullable=False),
        _ts("at"),
    )
    op.create_index("ix_decisions_alert_id", "decisions", ["alert_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(
        sa.table("audit_head", sa.column("id"), sa.column("seq"), sa.column("hash")),
        [{"id": 1, "seq": 0, "hash": GENESIS}],
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("last_seen"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    _append_only_triggers()


def _append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION embargo_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION embargo_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION embargo_append_only()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in (
        "web_sessions",
        "audit_head",
        "audit_log",
        "decisions",
        "alerts",
        "watched",
        "users",
        "meta",
    ):
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS embargo_append_only()")
