"""The watched population: customers and suppliers screened again whenever the lists change.

``embargo watch add FILE`` reads a CSV/TSV, XLSX, Parquet or JSON Lines file with batch
screening's readers and column mapping (:mod:`embargo.screen`), so the same headers are
understood; an id column is required, since the id is what alerts and suppressions hang on. A
file is added whole or not at all: any unreadable row stops it with the row named.

Adding a record that is already watched with the same content changes nothing; with changed
content it is screened again in full by the next ``embargo monitor run``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from embargo.cases import audit
from embargo.cases.alerts import input_fingerprint
from embargo.cases.models import Meta, Watched, utcnow

REVISION_KEY = "watch.revision"
_MAX_ERRORS = 20


class WatchError(Exception):
    """The file cannot be added; the message names the file, row and field."""


@dataclass
class WatchRecord:
    """One row of a watch file, ready to store."""

    record_key: str
    caption: str
    parties: list[dict[str, Any]]
    input: dict[str, Any]
    row: int

    @property
    def record_hash(self) -> str:
        return input_fingerprint(self.input)


@dataclass
class WatchResult:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    revision: str = ""


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def _rows(table: Any) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(row number, row, problem) for each non-blank data row, whatever the file format."""
    from embargo.screen.readers import parse_csv_block

    headers = table.headers
    for chunk in table.chunks(5000):
        first = chunk.first_row
        if chunk.kind == "arrow":
            for i, row in enumerate(chunk.rows.to_pylist()):
                yield first + i, row, None
        elif chunk.kind == "lines":
            for i, line in enumerate(chunk.rows.splitlines()):
                if not line.strip():
                    continue
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    yield first + i, None, f"not valid JSON: {exc}"
                    continue
                if isinstance(row, dict):
                    yield first + i, row, None
                else:
                    yield first + i, None, "not a JSON object"
        else:
            if chunk.kind == "csv":
                cells_list, bad = parse_csv_block(chunk.rows, table.delimiter or ",")
            else:
                cells_list, bad = chunk.rows, chunk.bad
            for i, cells in enumerate(cells_list):
                if i in bad:
                    yield first + i, None, bad[i]
                    continue
                if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                    continue
                yield first + i, dict(zip(headers, cells)), None


def read_watch_file(
    path: Path,
    *,
    maps: list[str] | None = None,
    schema: str | None = None,
    format: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> list[WatchRecord]:
    """Every row of ``path`` as a watch record, or a :class:`WatchError` listing the bad rows."""
    from embargo.screen.mapping import ColumnMap, MappingError, RowParser
    from embargo.screen.readers import InputError, open_table

    path = Path(path)
    try:
        table = open_table(path, format=format, delimiter=delimiter, encoding=encoding, sheet=sheet)
    except InputError as exc:
        raise WatchError(str(exc)) from exc
    with table:
        try:
            mapping = ColumnMap.build(table.headers, maps, source=str(path))
        except MappingError as exc:
            raise WatchError(str(exc)) from exc
        if not mapping.get("id"):
            raise WatchError(
                f"{path}: no id column (customer number) found; headers: "
                f"{', '.join(repr(h) for h in table.headers)}. Name it with --map id=<header>"
            )
        parser = RowParser(mapping, schema)
        id_header = mapping.get("id")[0]
        records: list[WatchRecord] = []
        errors: list[str] = []
        seen: dict[str, int] = {}
        for number, row, problem in _rows(table):
            where = f"{path} row {number}"
            if problem is None and row is not None:
                key = parser.record_id(row)
                if key in (None, ""):
                    problem = f"column {id_header!r}: empty id"
                else:
                    key = str(key).strip()
                    if key in seen:
                        problem = f"column {id_header!r}: id {key!r} already on row {seen[key]}"
                    else:
                        parties = parser.parties(row)
                        if not parties:
                            problem = "no name to screen (the name columns are empty)"
                        else:
                            problem = _unreadable(parties)
            if problem is not None:
                errors.append(f"{where}: {problem}")
                if len(errors) >= _MAX_ERRORS:
                    errors.append("… (stopped after 20 errors)")
                    break
                continue
            seen[key] = number
            records.append(
                WatchRecord(
                    record_key=key,
                    caption=" / ".join(parties[0][0]),
                    parties=[_party_dict(p) for p in parties],
                    input=_jsonable(row),
                    row=number,
                )
            )
    if errors:
        raise WatchError("nothing added; fix these rows:\n" + "\n".join(errors))
    return records


def _unreadable(parties: list[tuple]) -> str | None:
    """Why a party of the row could never be screened: no name of it reads into words to
    match (a script nothing here reads, or only marks) and it has no identifier."""
    from embargo.names.prepare import schema_kind, unreadable

    for names, schema, _dobs, _countries, ids, _addresses in parties:
        why = None if ids else unreadable(names, schema_kind(schema))
        if why is not None:
            return why
    return None


def _party_dict(party: tuple) -> dict[str, Any]:
    names, schema, dobs, countries, ids, addresses = party
    return {
        "names": list(names),
        "schema": schema,
        "birth_dates": list(dobs),
        "countries": list(countries),
        "ids": list(ids),
        "addresses": list(addresses),
    }


def watch_revision(session: Session) -> str:
    """A random token renewed whenever the watched population changes (keys the monitor's index).

    Random rather than a counter, so a re-created database never matches an index saved for
    the one before it.
    """
    meta = session.get(Meta, REVISION_KEY)
    return meta.value if meta else ""


def add_watched(
    session: Session, records: list[WatchRecord], source: str, actor: str = "cli"
) -> WatchResult:
    """Insert new records, update changed ones (to be screened again), keep the rest."""
    result = WatchResult()
    existing: dict[str, Watched] = {}
    keys = [r.record_key for r in records]
    for start in range(0, len(keys), 500):
        batch = keys[start : start + 500]
        for row in session.execute(select(Watched).where(Watched.record_key.in_(batch))).scalars():
            existing[row.record_key] = row
    now = utcnow()
    new: list[dict[str, Any]] = []
    for rec in records:
        digest = rec.record_hash
        row = existing.get(rec.record_key)
        if row is None:
            new.append(
                {
                    "record_key": rec.record_key,
                    "caption": rec.caption,
                    "parties": rec.parties,
                    "input": rec.input,
                    "record_hash": digest,
                    "source": source,
                    "added_at": now,
                    "updated_at": now,
                    "screened_version": None,
                }
            )
            result.added += 1
        elif row.record_hash != digest:
            row.caption, row.parties, row.input = rec.caption, rec.parties, rec.input
            row.record_hash, row.source, row.updated_at = digest, source, now
            row.screened_version = None
            result.changed += 1
        else:
            result.unchanged += 1
    for start in range(0, len(new), 2000):
        session.execute(insert(Watched), new[start : start + 2000])
    meta = session.get(Meta, REVISION_KEY, with_for_update=True)
    result.revision = meta.value if meta else ""
    if result.added or result.changed:
        result.revision = uuid.uuid4().hex
        if meta is None:
            session.add(Meta(key=REVISION_KEY, value=result.revision))
        else:
            meta.value = result.revision
        audit.append(
            session,
            "watch.add",
            f"watch:{source}",
            {
                "source": source,
                "added": result.added,
                "changed": result.changed,
                "unchanged": result.unchanged,
                "revision": result.revision,
            },
            actor=actor,
        )
    session.flush()
    return result


def count_watched(session: Session) -> int:
    return session.execute(select(func.count(Watched.id))).scalar_one()


def list_watched(session: Session, limit: int = 100, offset: int = 0) -> list[Watched]:
    return list(
        session.execute(
            select(Watched).order_by(Watched.record_key).limit(limit).offset(offset)
        ).scalars()
    )
