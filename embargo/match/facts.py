"""Secondary facts that move a name score: birth dates, countries, identifiers.

Each is a small function returning ``(delta, fact)``; :func:`score_facts` applies them in order
and keeps every fact for the explanation, agreeing or conflicting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from embargo.match import weights as W

if TYPE_CHECKING:
    from embargo.index import EntityRecord
    from embargo.match.engine import Query

Fact = dict[str, Any]


def birth_date_fact(query_dates: list[str], listed: tuple[str, ...]) -> tuple[float, Fact | None]:
    """Same date helps, same year helps less, no overlapping year clears a name-only hit."""
    if not query_dates or not listed:
        return 0.0, None
    for q in query_dates:
        for d in listed:
            if len(q) >= 10 and len(d) >= 10 and q[:10] == d[:10]:
                return W.DOB_EXACT, {
                    "fact": "birth_date",
                    "result": "same date",
                    "query": q,
                    "listed": d,
                }
    q_years = {q[:4] for q in query_dates}
    l_years = {d[:4] for d in listed}
    common = q_years & l_years
    if common:
        return W.DOB_YEAR, {
            "fact": "birth_date",
            "result": "same year",
            "query": sorted(q_years),
            "listed": sorted(l_years),
        }
    near = any(
        abs(int(a) - int(b)) <= 1 for a in q_years for b in l_years if a.isdigit() and b.isdigit()
    )
    if near:
        return 0.0, {
            "fact": "birth_date",
            "result": "year off by one",
            "query": sorted(q_years),
            "listed": sorted(l_years),
        }
    return -W.DOB_CONFLICT, {
        "fact": "birth_date",
        "result": "different year",
        "query": sorted(q_years),
        "listed": sorted(l_years),
    }


def country_fact(query_countries: list[str], listed: tuple[str, ...]) -> tuple[float, Fact | None]:
    if not query_countries or not listed:
        return 0.0, None
    q = {c.lower() for c in query_countries}
    if q & set(listed):
        return W.COUNTRY_AGREE, {
            "fact": "country",
            "result": "same",
            "query": sorted(q),
            "listed": list(listed),
        }
    return -W.COUNTRY_CONFLICT, {
        "fact": "country",
        "result": "different",
        "query": sorted(q),
        "listed": list(listed),
    }


def identifier_fact(
    query_ids: list[str], record: EntityRecord, matched: list[str]
) -> tuple[float | None, Fact | None]:
    """The same unique number is a match on its own; a different IMO/LEI/… clears."""
    if matched:
        props = sorted({p for p, v in record.ids if v in matched})
        return W.ID_MATCH_SCORE, {
            "fact": "identifier",
            "result": "same",
            "values": matched,
            "properties": props,
        }
    if not query_ids:
        return None, None
    from embargo.index import UNIQUE_ID_PROPS, normalize_id

    listed_unique = {v for p, v in record.ids if p in UNIQUE_ID_PROPS}
    queried = {normalize_id(v) for v in query_ids}
    if listed_unique and queried and _same_shape(queried, listed_unique):
        return -W.ID_CONFLICT, {
            "fact": "identifier",
            "result": "different",
            "query": sorted(queried),
            "listed": sorted(listed_unique),
        }
    return None, None


def _same_shape(a: set[str], b: set[str]) -> bool:
    """Numbers of the same kind (an IMO against an IMO), judged by length and digits."""
    shapes = {(len(v), v.isdigit()) for v in b}
    return any((len(v), v.isdigit()) in shapes for v in a)


def score_facts(
    name_score: float, query: Query, record: EntityRecord, id_values: list[str]
) -> tuple[float, list[Fact]]:
    facts: list[Fact] = []
    score = name_score
    id_delta, id_fact = identifier_fact(list(query.ids), record, id_values)
    if id_fact:
        facts.append(id_fact)
    for delta, fact in (
        birth_date_fact(list(query.birth_dates), record.birth_dates),
        country_fact(list(query.countries), record.countries),
    ):
        if fact:
            facts.append(fact)
            score += delta
    if id_delta is not None:
        score = max(score, id_delta) if id_delta > 0 else score + id_delta
    return max(0.0, min(1.0, score)), facts
