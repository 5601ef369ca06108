"""Alerts and decisions: raising them, suppressing reviewed false positives, the four eyes.

An alert is one screened record (its key and a hash of its input) against one listed entity
(its id and a hash of its FtM data) in one dataset version, with the hit as it was scored. The
same record and entity with the same two hashes is never raised twice: a reviewed false positive
stays quiet, and comes back only when the customer's data or the listing changes.

Every change here is made in the caller's transaction together with its audit record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from embargo.cases import audit
from embargo.cases.config import require_approval as _require_approval
from embargo.cases.models import (
    ACTIVE_STATUSES,
    DECISIONS,
    STATUSES,
    Alert,
    AuditHead,
    Decision,
    Meta,
    utcnow,
)
from embargo.cases.users import APPROVERS, DECIDERS, acting_user

DATASET_KEY = "audit.dataset_version"
_DECIDABLE = ("open", "escalated")
_AFTER = {"false_positive": "false_positive", "escalate": "escalated", "true_match": "true_match"}


class AlertError(Exception):
    """An alert cannot be changed as asked; the message says why."""


def input_fingerprint(record: dict[str, Any]) -> str:
    """Hash of a screened record's input: any edit of the customer's row changes it."""
    return hashlib.sha256(audit.canonical_json(record)).hexdigest()


def entity_fingerprint(entity: dict[str, Any]) -> str:
    """Hash of a listed entity's FtM data (schema and properties, as the dataset diff sees it)."""
    body = {"schema": entity.get("schema"), "properties": entity.get("properties", {})}
    return hashlib.sha256(audit.canonical_json(body)).hexdigest()


@dataclass
class Finding:
    """A match to record: which record, which listed entity, and the hit that links them."""

    record_key: str
    record: dict[str, Any]
    hit: dict[str, Any]
    entity: dict[str, Any]
    record_caption: str = ""


@dataclass
class RaiseResult:
    raised: list[int] = field(default_factory=list)
    suppressed: int = 0  # reviewed false positives, unchanged on both sides
    known: int = 0  # already alerted, unchanged


def note_dataset_version(
    session: Session, version: str, manifest: dict[str, Any] | None = None
) -> bool:
    """Audit a list-version change the first time alerts are raised against ``version``."""
    meta = session.get(Meta, DATASET_KEY, with_for_update=True)
    if meta is not None and meta.value == version:
        return False
    sources = {
        name: {k: s.get(k) for k in ("entities", "published", "status") if k in s}
        for name, s in ((manifest or {}).get("sources") or {}).items()
    }
    audit.append(
        session,
        "dataset.version",
        f"dataset:{version}",
        {"version": version, "previous": meta.value if meta else None, "sources": sources},
    )
    if meta is None:
        session.add(Meta(key=DATASET_KEY, value=version))
    else:
        meta.value = version
    return True


def raise_alerts(
    session: Session,
    findings: Iterable[Finding],
    dataset_version: str,
    origin: str,
    *,
    manifest: dict[str, Any] | None = None,
    webhook: bool = False,
) -> RaiseResult:
    """Open an alert for each new finding; skip the reviewed and the already known."""
    # Hold the chain head from the start: concurrent raisers then see each other's alerts.
    session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    note_dataset_version(session, dataset_version, manifest)
    result = RaiseResult()
    for finding in findings:
        r_hash = input_fingerprint(finding.record)
        e_hash = entity_fingerprint(finding.entity)
        entity_id = finding.hit["entity_id"]
        same = session.execute(
            select(Alert.status).where(
                Alert.record_key == finding.record_key,
                Alert.entity_id == entity_id,
                Alert.record_hash == r_hash,
                Alert.entity_hash == e_hash,
            )
        ).scalar_one_or_none()
        if same is not None:
            if same == "false_positive":
                result.suppressed += 1
            else:
                result.known += 1
            continue
        previous = session.execute(
            select(func.max(Alert.id)).where(
                Alert.record_key == finding.record_key, Alert.entity_id == entity_id
            )
        ).scalar_one()
        alert = Alert(
            record_key=finding.record_key,
            entity_id=entity_id,
            dataset_version=dataset_version,
            origin=origin,
            caption=finding.hit.get("caption") or entity_id,
            schema=finding.hit.get("schema") or finding.entity.get("schema") or "",
            score=round(float(finding.hit.get("score", 0.0)), 4),
            record_caption=finding.record_caption or finding.record_key,
            record=finding.record,
            hit=finding.hit,
            entity=finding.entity,
            record_hash=r_hash,
            entity_hash=e_hash,
            status="open",
            previous_id=previous,
            webhook="pending" if webhook else None,
            webhook_attempts=0,
        )
        session.add(alert)
        session.flush()
        audit.append(session, "alert.raise", f"alert:{alert.id}", audit.alert_data(alert))
        result.raised.append(alert.id)
    return result


def _locked_alert(session: Session, alert_id: int) -> Alert:
    alert = session.execute(
        select(Alert).where(Alert.id == alert_id).with_for_update()
    ).scalar_one_or_none()
    if alert is None:
        raise AlertError(f"no alert #{alert_id}")
    return alert


def _record(
    session: Session,
    alert: Alert,
    *,
    action: str,
    decision: str | None,
    reason: str,
    user_id: int,
    user_name: str,
    status_after: str,
) -> Decision:
    row = Decision(
        alert_id=alert.id,
        action=action,
        decision=decision,
        reason=reason,
        user_id=user_id,
        user_name=user_name,
        status_before=alert.status,
        status_after=status_after,
        at=utcnow(),
    )
    session.add(row)
    alert.status = status_after
    alert.updated_at = row.at
    session.flush()
    audit.append(
        session, f"alert.{action}", f"alert:{alert.id}", audit.decision_data(row), actor=user_name
    )
    return row


def decide(
    session: Session,
    alert_id: int,
    decision: str,
    reason: str,
    user: str,
    *,
    require_approval: bool | None = None,
) -> Decision:
    """An analyst's decision; a true match waits for an approver when four eyes are on."""
    if decision not in DECISIONS:
        raise AlertError(f"decision {decision!r}: use one of {', '.join(DECISIONS)}")
    reason = (reason or "").strip()
    if not reason:
        raise AlertError("a decision needs a reason")
    actor = acting_user(session, user, DECIDERS)
    alert = _locked_alert(session, alert_id)
    if alert.status not in _DECIDABLE:
        raise AlertError(f"alert #{alert_id} is {alert.status}; only open or escalated alerts")
    four_eyes = _require_approval() if require_approval is None else require_approval
    after = _AFTER[decision]
    if decision == "true_match" and four_eyes:
        after = "pending_approval"
    return _record(
        session,
        alert,
        action="decide",
        decision=decision,
        reason=reason,
        user_id=actor.id,
        user_name=actor.name,
        status_after=after,
    )


def approve(
    session: Session, alert_id: int, user: str, reason: str = "", *, reject: bool = False
) -> Decision:
    """A second user (role approver) confirms a true match, or sends it back to the queue."""
    actor = acting_user(session, user, APPROVERS)
    alert = _locked_alert(session, alert_id)
    if alert.status != "pending_approval":
        raise AlertError(f"alert #{alert_id} is {alert.status}, not pending approval")
    proposer = session.execute(
        select(Decision.user_id)
        .where(Decision.alert_id == alert_id, Decision.action == "decide")
        .order_by(Decision.id.desc())
        .limit(1)
    ).scalar_one()
    if proposer == actor.id:
        raise AlertError(
            f"alert #{alert_id}: {user} proposed this true match; another approver must approve"
        )
    reason = (reason or "").strip()
    if reject and not reason:
        raise AlertError("a rejection needs a reason")
    return _record(
        session,
        alert,
        action="reject" if reject else "approve",
        decision=None if reject else "true_match",
        reason=reason or "approved",
        user_id=actor.id,
        user_name=actor.name,
        status_after="open" if reject else "true_match",
    )


def list_alerts(
    session: Session,
    status: str | None = "active",
    query: str | None = None,
    *,
    limit: int = 200,
    offset: int = 0,
) -> list[Alert]:
    """Alerts newest first; ``status`` is one status, ``active`` (needs work) or None (all)."""
    stmt = select(Alert)
    if status == "active":
        stmt = stmt.where(Alert.status.in_(ACTIVE_STATUSES))
    elif status:
        if status not in STATUSES:
            raise AlertError(f"status {status!r}: use active or one of {', '.join(STATUSES)}")
        stmt = stmt.where(Alert.status == status)
    if query and query.strip():
        terms = [t for t in query.strip().split() if t]
        stmt = stmt.where(
            and_(
                *[
                    or_(
                        Alert.record_key.ilike(f"%{t}%"),
                        Alert.record_caption.ilike(f"%{t}%"),
                        Alert.caption.ilike(f"%{t}%"),
                        Alert.entity_id.ilike(f"%{t}%"),
                        cast(Alert.id, String) == t.lstrip("#"),
                    )
                    for t in terms
                ]
            )
        )
    stmt = stmt.order_by(Alert.id.desc()).limit(limit).offset(offset)
    return list(session.execute(stmt).scalars())


def get_alert(session: Session, alert_id: int) -> Alert:
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise AlertError(f"no alert #{alert_id}")
    return alert


def history(session: Session, alert_id: int) -> list[Decision]:
    return list(
        session.execute(
            select(Decision).where(Decision.alert_id == alert_id).order_by(Decision.id)
        ).scalars()
    )


def summary(alert: Alert) -> dict[str, Any]:
    """An alert as listed by the CLI and sent to webhooks (no bulky snapshots)."""
    return {
        "id": alert.id,
        "status": alert.status,
        "record_key": alert.record_key,
        "record": alert.record_caption,
        "entity_id": alert.entity_id,
        "caption": alert.caption,
        "schema": alert.schema,
        "score": alert.score,
        "sources": alert.hit.get("sources", []),
        "dataset_version": alert.dataset_version,
        "origin": alert.origin,
        "previous_id": alert.previous_id,
        "created_at": alert.created_at.isoformat(),
        "updated_at": alert.updated_at.isoformat(),
    }
