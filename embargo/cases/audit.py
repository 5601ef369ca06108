"""The audit chain: append-only records, each sealed with the hash of the one before.

A record's ``hash`` is ``sha256(canonical_json(fields) + prev_hash)`` where ``fields`` are
``seq, at, actor, action, subject, data`` and canonical JSON has sorted keys and no spaces, so an
auditor can re-check an export with a few lines of any language. Appending locks the chain head
row, so concurrent writers (two web workers, a monitor run) extend one line, never fork it; the
head also remembers the last record, so deleting it is noticed too.

:func:`verify` re-computes the chain and then compares the decisions and alerts with the audit
records that announced them, naming every record that was edited, deleted or never audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from embargo.cases.models import Alert, AuditHead, AuditRecord, Decision

GENESIS = "0" * 64
SYSTEM = "system"
_BATCH = 2000


def canonical_json(value: Any) -> bytes:
    """The one byte string a JSON value hashes as: sorted keys, no whitespace, UTF-8."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def record_hash(fields: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical_json(fields) + prev_hash.encode("ascii")).hexdigest()


def _fields(rec: AuditRecord) -> dict[str, Any]:
    return {
        "seq": rec.seq,
        "at": rec.at,
        "actor": rec.actor,
        "action": rec.action,
        "subject": rec.subject,
        "data": orjson.loads(rec.data),
    }


def append(
    session: Session, action: str, subject: str, data: dict[str, Any], actor: str = SYSTEM
) -> AuditRecord:
    """Add one record in the caller's transaction: it commits or rolls back with the change."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    seq = head.seq + 1
    at = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    text = canonical_json(data).decode()
    fields = {"seq": seq, "at": at, "actor": actor, "action": action, "subject": subject}
    digest = record_hash({**fields, "data": orjson.loads(text)}, head.hash)
    rec = AuditRecord(**fields, data=text, prev_hash=head.hash, hash=digest)
    session.add(rec)
    head.seq, head.hash = seq, digest
    session.flush()
    return rec


def iter_records(session: Session) -> Iterator[AuditRecord]:
    """Every audit record in chain order, read in batches."""
    last = 0
    while True:
        batch = (
            session.execute(
                select(AuditRecord)
                .where(AuditRecord.seq > last)
                .order_by(AuditRecord.seq)
                .limit(_BATCH)
            )
            .scalars()
            .all()
        )
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
        session.expunge_all()


def export_record(rec: AuditRecord) -> dict[str, Any]:
    """A record as exported for auditors (``data`` parsed; ``hash`` as stored)."""
    return {**_fields(rec), "prev_hash": rec.prev_hash, "hash": rec.hash}


@dataclass
class Verification:
    records: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> Verification:
    """Re-compute the chain and cross-check the decisions and alerts against it."""
    result = Verification()
    problems = result.problems
    expected_prev, expected_seq = GENESIS, 1
    decided: dict[int, dict[str, Any]] = {}
    raised: dict[int, dict[str, Any]] = {}
    for rec in iter_records(session):
        result.records += 1
        label = f"audit record #{rec.seq} ({rec.action} {rec.subject} at {rec.at})"
        if rec.seq != expected_seq:
            missing = (
                f"#{expected_seq}"
                if rec.seq == expected_seq + 1
                else f"#{expected_seq}–#{rec.seq - 1}"
            )
            problems.append(f"audit record {missing} missing (deleted): the chain jumps to {label}")
        elif rec.prev_hash != expected_prev:
            problems.append(
                f"{label}: its previous-hash does not match record #{rec.seq - 1} "
                "(that record was changed, or this one re-linked)"
            )
        try:
            fields = _fields(rec)
        except orjson.JSONDecodeError:
            problems.append(f"{label}: data is not valid JSON (edited)")
            fields = None
        if fields is not None and record_hash(fields, rec.prev_hash) != rec.hash:
            problems.append(f"{label}: content does not match its hash (edited)")
        if fields is not None:
            data = fields["data"]
            if rec.action in ("alert.decide", "alert.approve", "alert.reject"):
                decided[int(data.get("decision_id", 0))] = {**data, "_label": label}
            elif rec.action == "alert.raise":
                raised[int(data.get("alert_id", 0))] = {**data, "_label": label}
        expected_prev, expected_seq = rec.hash, rec.seq + 1
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one_or_none()
    if head is None:
        problems.append("audit head row missing (deleted)")
    elif head.seq != expected_seq - 1 or head.hash != expected_prev:
        problems.append(
            f"audit chain ends at #{expected_seq - 1} but its head records #{head.seq}: "
            f"the last record(s) #{expected_seq}–#{head.seq} were deleted or changed"
        )
    last_status = _check_decisions(session, decided, problems)
    _check_alerts(session, raised, last_status, problems)
    return result


def decision_data(d: Decision) -> dict[str, Any]:
    """The fields of a decision its audit record carries (and :func:`verify` compares)."""
    return {
        "decision_id": d.id,
        "alert_id": d.alert_id,
        "action": d.action,
        "decision": d.decision,
        "reason": d.reason,
        "user": d.user_name,
        "status_before": d.status_before,
        "status_after": d.status_after,
    }


_AUDITED_ALERT_COLUMNS = (
    Alert.id,
    Alert.status,
    Alert.record_key,
    Alert.entity_id,
    Alert.dataset_version,
    Alert.origin,
    Alert.score,
    Alert.record_hash,
    Alert.entity_hash,
)


def alert_data(a: Any) -> dict[str, Any]:
    """The fields of an alert (or a row of them) its ``alert.raise`` record carries."""
    return {
        "alert_id": a.id,
        "record_key": a.record_key,
        "entity_id": a.entity_id,
        "dataset_version": a.dataset_version,
        "origin": a.origin,
        "score": a.score,
        "record_hash": a.record_hash,
        "entity_hash": a.entity_hash,
    }


def _check_decisions(
    session: Session, audited: dict[int, dict[str, Any]], problems: list[str]
) -> dict[int, str]:
    """Each decision against its audit record; returns the status each alert was left in."""
    last_status: dict[int, str] = {}
    seen: set[int] = set()
    for d in session.execute(select(Decision).order_by(Decision.id)).scalars():
        seen.add(d.id)
        last_status[d.alert_id] = d.status_after
        record = audited.get(d.id)
        if record is None:
            problems.append(f"decision #{d.id} on alert #{d.alert_id}: no audit record")
            continue
        label, diff = _edited(record, decision_data(d))
        if diff:
            problems.append(
                f"decision #{d.id} on alert #{d.alert_id} differs from {label} in "
                f"{', '.join(diff)} (edited)"
            )
    _missing("decision", audited, seen, problems)
    return last_status


def _edited(record: dict[str, Any], stored: dict[str, Any]) -> tuple[str, list[str]]:
    """The audit record's label, and the fields on which the stored row now disagrees."""
    label = record.pop("_label")
    return label, sorted(k for k in stored if record.get(k) != stored[k])


def _missing(
    what: str, audited: dict[int, dict[str, Any]], seen: set[int], problems: list[str]
) -> None:
    """Rows the audit log announced that are no longer in the database (deleted)."""
    for row_id, record in audited.items():
        if row_id not in seen:
            problems.append(f"{what} #{row_id} announced by {record['_label']} is missing")


def _check_alerts(
    session: Session,
    audited: dict[int, dict[str, Any]],
    last_status: dict[int, str],
    problems: list[str],
) -> None:
    seen: set[int] = set()
    # Only the audited columns: the snapshots are large and not needed here.
    for a in session.execute(select(*_AUDITED_ALERT_COLUMNS).order_by(Alert.id)):
        seen.add(a.id)
        status = last_status.get(a.id, "open")
        if a.status != status:
            problems.append(
                f"alert #{a.id}: status {a.status!r} but its decisions left it {status!r} (edited)"
            )
        record = audited.get(a.id)
        if record is None:
            problems.append(f"alert #{a.id}: no alert.raise audit record")
            continue
        label, diff = _edited(record, alert_data(a))
        if diff:
            problems.append(f"alert #{a.id} differs from {label} in {', '.join(diff)} (edited)")
    _missing("alert", audited, seen, problems)
