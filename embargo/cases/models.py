"""The case tables. The migration scripts under ``migrations/versions`` create exactly these.

Times are stored as timezone-aware UTC timestamps; snapshots (the screened record, the hit, the
listed entity) as JSON, so an alert shows what was decided on even after the lists move on.
Audit records keep their time and data as the exact text that was hashed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLES = ("analyst", "approver", "admin")
DECISIONS = ("true_match", "false_positive", "escalate")
# open → escalated | pending_approval | true_match | false_positive; pending_approval → …
ACTIVE_STATUSES = ("open", "escalated", "pending_approval")
CLOSED_STATUSES = ("true_match", "false_positive")
STATUSES = ACTIVE_STATUSES + CLOSED_STATUSES


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on both databases (SQLite would otherwise hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Small named values: the monitored dataset version, the watch revision, the web secret."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(Text, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Watched(Base):
    """A customer or supplier under continuous monitoring."""

    __tablename__ = "watched"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_key: Mapped[str] = mapped_column(String(200), unique=True)
    caption: Mapped[str] = mapped_column(Text)
    parties: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    input: Mapped[dict[str, Any]] = mapped_column(JSON)
    record_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The dataset version this record was last screened in full against; NULL: not yet.
    screened_version: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Alert(Base):
    """One screened record against one listed entity, with what was known when it was raised."""

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint(
            "record_key", "entity_id", "record_hash", "entity_hash", name="uq_alerts_occurrence"
        ),
        Index("ix_alerts_pair", "record_key", "entity_id"),
        Index("ix_alerts_status", "status"),
        Index("ix_alerts_webhook", "webhook"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_key: Mapped[str] = mapped_column(String(200))
    entity_id: Mapped[str] = mapped_column(String(200))
    dataset_version: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(20))
    caption: Mapped[str] = mapped_column(Text)
    schema: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float)
    record_caption: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    hit: Mapped[dict[str, Any]] = mapped_column(JSON)
    entity: Mapped[dict[str, Any]] = mapped_column(JSON)
    record_hash: Mapped[str] = mapped_column(String(64))
    entity_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="open")
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Webhook delivery: NULL (none configured when raised), "pending" or "sent".
    webhook: Mapped[str | None] = mapped_column(String(10), nullable=True)
    webhook_attempts: Mapped[int] = mapped_column(Integer, default=0)


class Decision(Base):
    """An analyst's decision or an approver's answer to one; never updated, never deleted."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # decide, approve, reject
    decision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(100))
    status_before: Mapped[str] = mapped_column(String(20))
    status_after: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditRecord(Base):
    """One link of the hash chain; ``hash`` covers every other column and ``prev_hash``."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(String(200), index=True)
    data: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The chain's last link: locked by every append, and catches a deleted last record."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class WebSession(Base):
    """A logged-in browser: the cookie carries the signed id, the CSRF token stays here."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
