"""Check a query against the index: retrieve candidates, score each, explain, rank.

Retrieval only narrows; it never decides. A listed name is scored when its retrieved words
could carry a score at the threshold (see :func:`_bound`), so retrieval cannot drop a name the
scorer would call a match through word evidence. Identifier hits always reach the scorer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from embargo.index import UNIQUE_ID_PROPS, EntityRecord, Index, merged_keys, normalize_id
from embargo.index import retrieval_keys as _retrieval_keys
from embargo.match import weights as W
from embargo.match.facts import score_facts
from embargo.match.names import NameScore, Side, compare_names, compare_sides
from embargo.names.prepare import ORG, NameForm, prepare, schema_kind

SCHEMA_GROUPS = {
    "Person": {"Person", "LegalEntity"},
    "Organization": {"Organization", "Company", "LegalEntity", "PublicBody"},
    "Company": {"Organization", "Company", "LegalEntity", "PublicBody"},
    "LegalEntity": {"Person", "Organization", "Company", "LegalEntity", "PublicBody"},
    "Vessel": {"Vessel"},
    "Airplane": {"Airplane"},
}
MAX_CANDIDATES = 400


@dataclass
class Query:
    """What is known of the party being screened."""

    names: Sequence[str]
    schema: str | None = None  # Person, Organization, Company, Vessel, Airplane; None = any
    birth_dates: Sequence[str] = ()
    countries: Sequence[str] = ()
    ids: Sequence[str] = ()
    addresses: Sequence[str] = ()

    @classmethod
    def of(cls, name: str | Sequence[str], **kwargs: Any) -> Query:
        names = [name] if isinstance(name, str) else list(name)
        return cls(names=names, **kwargs)


@dataclass
class Hit:
    entity_id: str
    caption: str
    schema: str
    score: float
    match: bool
    sources: list[dict[str, Any]]
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "score": round(self.score, 4),
            "match": self.match,
            "sources": self.sources,
            "explanation": self.explanation,
        }


class Matcher:
    """The scoring engine over one loaded index."""

    def __init__(self, index: Index):
        self.index = index
        self._weights = index.weight_table()
        self._sides: dict[int, Side] = {}
        self._sim_cache: dict = {}

    def _side(self, name_idx: int) -> Side:
        side = self._sides.get(name_idx)
        if side is None:
            side = Side.of(self.index.names[name_idx], self.weight)
            self._sides[name_idx] = side
        return side

    def weight(self, key: str) -> float:
        w = self._weights.get(key)
        if w is None:
            return W.WEIGHT_DEFAULT
        return min(W.WEIGHT_MAX, max(W.WEIGHT_MIN, w))

    def compare(self, a: str, b: str, schema: str | None = None) -> NameScore:
        """Two names, no list involved: for threshold validation on labelled pairs."""
        kind = schema_kind(schema)
        return compare_names(prepare(a, kind), prepare(b, kind), self.weight, self.index.symbols)

    def check(self, query: Query, *, threshold: float = W.THRESHOLD, limit: int = 10) -> list[Hit]:
        """Hits for ``query``, best first; ``match`` marks those at or above ``threshold``."""
        allowed = SCHEMA_GROUPS.get(query.schema or "", None)
        kind = schema_kind(query.schema)
        forms = [f for f in (prepare(n, kind) for n in query.names if n and n.strip()) if f.tokens]
        candidates: dict[int, set[int]] = defaultdict(set)  # entity -> names
        for form in forms:
            for name_idx in self._retrieve(form, threshold):
                candidates[self.index.name_entity[name_idx]].add(name_idx)
        id_hits: dict[int, list[str]] = defaultdict(list)
        for raw in query.ids:
            value = normalize_id(raw)
            if len(value) < 4:
                continue
            for neg in self.index.postings.get("i:" + value, ()):
                id_hits[-1 - neg].append(value)
                candidates.setdefault(-1 - neg, set())
        sides = [Side.of(f, self.weight) for f in forms]
        hits = []
        for ent_idx, name_idxs in candidates.items():
            record = self.index.entities[ent_idx]
            if allowed is not None and record.schema not in allowed:
                continue
            hit = self._score(query, sides, record, name_idxs, id_hits.get(ent_idx, []), threshold)
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        return hits[:limit]

    def _retrieve(self, form: NameForm, threshold: float) -> list[int]:
        postings = self.index.postings
        weights = [self.weight(k) if len(t) > 1 else 0.0 for t, k in zip(form.tokens, form.keys)]
        total = sum(weights) or 1.0
        mass: dict[int, float] = defaultdict(float)
        for word_keys, w in zip(_retrieval_keys(form, self.index.symbols), weights):
            found: set[int] = set()
            for k in word_keys:
                found.update(postings.get(k, ()))
            for idx in found:
                mass[idx] += w
        for i, k in merged_keys(form):
            for idx in postings.get(k, ()):
                mass[idx] += weights[i] + weights[i + 1]
        if not mass:
            return []
        floor = _bound(threshold) * total
        ranked = sorted((m, i) for i, m in mass.items() if m >= floor)
        return [i for _, i in ranked[-MAX_CANDIDATES:]]

    def _score(
        self,
        query: Query,
        forms: list[Side],
        record: EntityRecord,
        name_idxs: set[int],
        id_values: list[str],
        threshold: float,
    ) -> Hit | None:
        best: NameScore | None = None
        best_value = 0.0
        best_weak = False
        fullest: NameScore | None = None
        if len(self._sim_cache) > 1_000_000:
            self._sim_cache.clear()
        for name_idx in name_idxs:
            listed = self._side(name_idx)
            weak = bool(self.index.name_weak[name_idx])
            for form in forms:
                result = compare_sides(form, listed, self.index.symbols, self._sim_cache)
                value = result.score * (W.WEAK_ALIAS_FACTOR if weak else 1.0)
                if best is None or value > best_value:
                    best, best_value, best_weak = result, value, weak
                if not weak and (
                    fullest is None
                    or len(listed.form.tokens) > len(fullest.pairs) + len(fullest.unmatched_listed)
                ):
                    fullest = result
        name_score = 0.0
        explanation: dict[str, Any] = {}
        if best is not None:
            name_score = best_value
            explanation["name"] = best.explain()
            if best_weak:
                explanation["name"]["weak_alias"] = True
            if best.unmatched_query and fullest is not None and fullest is not best:
                # The query has words the matching alias lacks; if the party's fuller name
                # answers those words with different ones (another given name), that counts.
                if fullest.unmatched_query and fullest.unmatched_listed:
                    capped = fullest.score + W.ALIAS_CONFLICT_MARGIN
                    if capped < name_score:
                        name_score = capped
                        explanation["name"]["fuller_name_conflict"] = fullest.explain()
        score, facts = score_facts(name_score, query, record, id_values)
        explanation["facts"] = facts
        if score <= 0.0 or (best is None and not id_values):
            return None
        return Hit(
            entity_id=record.id,
            caption=record.caption,
            schema=record.schema,
            score=min(1.0, score),
            match=score >= threshold,
            sources=record.sources,
            explanation=explanation,
        )


def _bound(threshold: float) -> float:
    """Least share of query word weight retrieved for a name to be able to reach ``threshold``.

    score ≤ COVER_QUERY·cover_q + COVER_LISTED, so cover_q ≥ (threshold − COVER_LISTED) /
    COVER_QUERY; a secondary-fact bonus of up to DOB_EXACT is allowed for.
    """
    need = (threshold - W.COVER_LISTED - W.DOB_EXACT - W.FORM_AGREE) / W.COVER_QUERY
    return max(0.0, need * 0.8)


__all__ = ["Hit", "Matcher", "Query", "ORG", "UNIQUE_ID_PROPS"]
