"""Continuous monitoring: after each list update, screen again only what could have changed.

``embargo monitor run`` (run it after ``embargo update``: ``embargo update && embargo monitor
run``) does, against the current dataset version:

1. watched records never screened, or changed since (``embargo watch add`` with new content):
   screened in full;
2. listed entities added or changed since the version the last run saw
   (:func:`embargo.dataset.diff.diff_versions`): each is screened against the watched
   population through :class:`~embargo.cases.watchindex.WatchIndex`, so the work grows with the
   number of changed entities, not with the population; the candidates it finds are checked
   with the Screener and only hits on changed entities count;
3. alerts raised for what is new (reviewed false positives stay quiet unless either side
   changed), the dataset version noted in the audit chain, and each new alert POSTed to
   ``$EMBARGO_WEBHOOK_URL``.

If the version the last run saw has been pruned from the store, every record is screened in
full once (the diff cannot be computed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from embargo import settings
from embargo.cases import audit
from embargo.cases.alerts import Finding, raise_alerts
from embargo.cases.db import Database
from embargo.cases.models import Meta, Watched
from embargo.cases.watch import watch_revision
from embargo.cases.watchindex import ReverseRetrieval, WatchIndex, database_tag
from embargo.match.engine import UnreadableName

VERSION_KEY = "monitor.version"
INDEX_DIR = "monitor/watch-index"
_PAGE = 1000

Progress = Callable[[str], None]


@dataclass
class MonitorReport:
    version: str
    previous: str | None
    full: bool = False  # every watched record screened in full
    screened_full: int = 0
    changed_entities: int = 0
    candidates: int = 0
    raised: list[int] = field(default_factory=list)
    suppressed: int = 0
    known: int = 0
    webhook_sent: int = 0
    webhook_failed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def party_query(party: dict[str, Any]):
    from embargo.match.engine import Query

    return Query(
        names=list(party.get("names", [])),
        schema=party.get("schema"),
        birth_dates=list(party.get("birth_dates", [])),
        countries=list(party.get("countries", [])),
        ids=list(party.get("ids", [])),
        addresses=list(party.get("addresses", [])),
    )


class PartyScreener:
    """Screens watched records party by party, best hit per listed entity, like batch screening.

    Identical parties (common names repeat in customer files) are checked once per run.
    """

    def __init__(self, screener: Any, threshold: float, limit: int = 10):
        self.screener = screener
        self.threshold = threshold
        self.limit = limit
        self._cache: dict[str, list[Any]] = {}

    def hits(self, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The matching hits (``match`` true) of a record, best first."""
        best: dict[str, Any] = {}
        for party in parties:
            key = audit.canonical_json(party).decode()
            found = self._cache.get(key)
            if found is None:
                if len(self._cache) > 200_000:
                    self._cache.clear()
                try:
                    found = self.screener.check_query(
                        party_query(party),
                        threshold=self.threshold,
                        limit=self.limit,
                        matches_only=True,
                    )
                except UnreadableName:  # imported before names were checked so
                    found = []
                self._cache[key] = found
            for hit in found:
                if hit.match and (
                    hit.entity_id not in best or hit.score > best[hit.entity_id].score
                ):
                    best[hit.entity_id] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.entity_id))[: self.limit]
        return [h.to_dict() for h in ranked]


def _pages(session: Session, query) -> Iterator[list[Watched]]:
    last = 0
    while True:
        rows = list(
            session.execute(query.where(Watched.id > last).order_by(Watched.id).limit(_PAGE))
            .scalars()
            .all()
        )
        if not rows:
            return
        yield rows
        last = rows[-1].id


def load_watch_index(db: Database, home: Path, progress: Progress | None = None) -> WatchIndex:
    """The saved index of watched names if it is for this population, else a fresh one."""
    folder = home / INDEX_DIR
    with db.read() as session:
        meta = {"revision": watch_revision(session), "database": database_tag(db.url)}
        if WatchIndex.fits(folder, meta):
            return WatchIndex.load(folder)
        if progress:
            progress("indexing the watched population")
        records = (
            (row.id, row.parties) for page in _pages(session, select(Watched)) for row in page
        )
        index = WatchIndex.build(records, meta)
    index.save(folder)
    return WatchIndex.load(folder)


def run_monitor(
    db: Database,
    home: Path | None = None,
    *,
    screener: Any = None,
    threshold: float | None = None,
    webhook_url: str | None = None,
    progress: Progress | None = None,
) -> MonitorReport:
    """Screen what could have changed since the last run; raise and deliver new alerts."""
    from embargo.dataset.diff import diff_versions
    from embargo.dataset.store import Store
    from embargo.match import weights as W
    from embargo.match.engine import RETRIEVAL_SLACK
    from embargo.screener import Screener

    home = home or settings.home()
    store = Store(home)
    if screener is None:
        screener = Screener(store.require_current())
    current = screener.version
    threshold = W.THRESHOLD if threshold is None else threshold
    say = progress or (lambda text: None)
    with db.read() as session:
        meta = session.get(Meta, VERSION_KEY)
        previous = meta.value if meta else None
    report = MonitorReport(version=current.version, previous=previous)
    clock = time.perf_counter()
    full = previous is not None and previous != current.version and previous not in store.versions()
    report.full = full
    parties = PartyScreener(screener, threshold)
    findings: list[Finding] = []
    screened: dict[int, str] = {}  # watched id -> record hash screened in full

    with db.read() as session:
        query = select(Watched)
        if not full:
            query = query.where(Watched.screened_version.is_(None))
        say("screening new and changed watched records")
        for page in _pages(session, query):
            for row in page:
                screened[row.id] = row.record_hash
                findings.extend(_findings(row, parties.hits(row.parties), screener))
    report.screened_full = len(screened)
    report.seconds["full"] = round(time.perf_counter() - clock, 3)

    if previous is not None and previous != current.version and not full:
        clock = time.perf_counter()
        say(f"comparing lists {previous} → {current.version}")
        diff = diff_versions(store.get(previous), current)
        changed = {item["id"] for item in diff["added"] + diff["changed"]}
        report.changed_entities = len(changed)
        report.seconds["diff"] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()
        if changed:
            watch = load_watch_index(db, home, say)
            report.seconds["watch_index"] = round(time.perf_counter() - clock, 3)
            clock = time.perf_counter()
            reverse = ReverseRetrieval(watch, screener.matcher, threshold, RETRIEVAL_SLACK)
            candidates: set[int] = set()
            for entity_id in sorted(changed):
                candidates |= reverse.candidates(entity_id)
            candidates -= screened.keys()
            report.candidates = len(candidates)
            say(f"{len(changed)} changed listed entities, {len(candidates)} watched candidates")
            ordered = sorted(candidates)
            with db.read() as session:
                for start in range(0, len(ordered), _PAGE):
                    ids = ordered[start : start + _PAGE]
                    for row in session.execute(
                        select(Watched).where(Watched.id.in_(ids))
                    ).scalars():
                        hits = [h for h in parties.hits(row.parties) if h["entity_id"] in changed]
                        findings.extend(_findings(row, hits, screener))
            report.seconds["incremental"] = round(time.perf_counter() - clock, 3)

    clock = time.perf_counter()
    with db.write() as session:
        result = raise_alerts(
            session,
            findings,
            current.version,
            "monitor",
            manifest=current.manifest,
            webhook=bool(webhook_url),
        )
        _mark_screened(session, screened, current.version)
        state = session.get(Meta, VERSION_KEY, with_for_update=True)
        if state is None:
            session.add(Meta(key=VERSION_KEY, value=current.version))
        else:
            state.value = current.version
        report.raised, report.suppressed, report.known = (
            result.raised,
            result.suppressed,
            result.known,
        )
        audit.append(
            session,
            "monitor.run",
            f"dataset:{current.version}",
            {
                "version": current.version,
                "previous": previous,
                "full": full,
                "screened_full": report.screened_full,
                "changed_entities": report.changed_entities,
                "candidates": report.candidates,
                "raised": len(result.raised),
                "suppressed": result.suppressed,
                "known": result.known,
            },
        )
    report.seconds["record"] = round(time.perf_counter() - clock, 3)
    if webhook_url:
        from embargo.cases.webhook import deliver_pending

        sent, failed = deliver_pending(db, webhook_url)
        report.webhook_sent, report.webhook_failed = sent, failed
    return report


def _findings(row: Watched, hits: Iterable[dict[str, Any]], screener: Any) -> list[Finding]:
    return [
        Finding(
            record_key=row.record_key,
            record=row.input,
            hit=hit,
            entity=screener.entity(hit["entity_id"])
            or {"id": hit["entity_id"], "schema": hit["schema"]},
            record_caption=row.caption,
        )
        for hit in hits
    ]


def _mark_screened(session: Session, screened: dict[int, str], version: str) -> None:
    """Record the full screening, unless the record changed again meanwhile."""
    ids = sorted(screened)
    for start in range(0, len(ids), _PAGE):
        page = ids[start : start + _PAGE]
        rows = session.execute(
            select(Watched.id, Watched.record_hash).where(Watched.id.in_(page))
        ).all()
        same = [wid for wid, digest in rows if screened[wid] == digest]
        if same:
            session.execute(
                update(Watched).where(Watched.id.in_(same)).values(screened_version=version)
            )


def rescreen_everything(
    db: Database, screener: Any, threshold: float | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Every watched record through the Screener: ``(record key, hit)`` for each match.

    The baseline monitoring is measured against, and what a run without a usable diff does.
    """
    from embargo.match import weights as W

    parties = PartyScreener(screener, W.THRESHOLD if threshold is None else threshold)
    out: list[tuple[str, dict[str, Any]]] = []
    with db.read() as session:
        for page in _pages(session, select(Watched)):
            for row in page:
                out.extend((row.record_key, hit) for hit in parties.hits(row.parties))
    return out
