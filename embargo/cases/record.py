"""Turning screening results into alerts: batch output rows and single checks.

Batch screening (``embargo screen``) writes rows ``{"row", "id", "input", "hits"}``; every hit
with ``match`` true becomes a :class:`~embargo.cases.alerts.Finding` keyed by the row's id (or,
for files without an id column, by a hash of its input, so the same row in the next file is the
same record).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from embargo.cases.alerts import Finding, RaiseResult, input_fingerprint, raise_alerts


def record_key(row: dict[str, Any]) -> str:
    """The screened record's key: its id as given, else ``input:`` and a hash of its input."""
    rid = row.get("id")
    if rid not in (None, ""):
        return str(rid)
    return "input:" + input_fingerprint(row.get("input") or {})[:20]


def record_caption(row: dict[str, Any]) -> str:
    """A readable name for the record: the first hit's query name, else the key."""
    for hit in row.get("hits") or []:
        name = (hit.get("explanation") or {}).get("name") or {}
        if name.get("query_name"):
            return str(name["query_name"])
    return record_key(row)


def findings_from_rows(rows: Iterable[dict[str, Any]], entity: Any) -> list[Finding]:
    """The matches in screening output rows; ``entity(id)`` gives a listed entity's FtM data."""
    out: list[Finding] = []
    for row in rows:
        if "error" in row:
            continue
        for hit in row.get("hits") or []:
            if not hit.get("match"):
                continue
            data = entity(hit["entity_id"]) or {"id": hit["entity_id"], "schema": hit.get("schema")}
            out.append(
                Finding(
                    record_key=record_key(row),
                    record=row.get("input") or {},
                    hit=hit,
                    entity=data,
                    record_caption=record_caption(row),
                )
            )
    return out


def record_screen_rows(
    session: Session, rows: Iterable[dict[str, Any]], screener: Any, origin: str = "screen"
) -> RaiseResult:
    """Raise alerts for the matches in batch screening output, against ``screener``'s version.

    Call inside ``Database.write()``: the alerts and their audit records commit together.
    """
    findings = findings_from_rows(rows, screener.entity)
    return raise_alerts(
        session,
        findings,
        screener.version.version,
        origin,
        manifest=screener.version.manifest,
    )
