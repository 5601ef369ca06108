"""Check a query against the index: retrieve candidates, score each, explain, rank.

Retrieval only narrows; it never decides. A listed name is scored when its retrieved words
could carry a score at the threshold (see :meth:`Matcher._retrieve`), so retrieval does not
drop a name the scorer would call a match through word evidence. Identifier hits always reach
the scorer.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from embargo import collector
from embargo.index import (
    CARRIED,
    PREFIX_LEN,
    SCHEMA_CODES,
    Index,
    carried_consonants_key,
    joined_key,
    merged_keys,
    normalize_id,
    pack_form,
    phrase_symbols,
    transcribed_key,
    word_keys,
)
from embargo.match import weights as W
from embargo.match.compare import Vocabulary
from embargo.match.facts import score_facts
from embargo.match.names import (
    INTERDENTAL,
    OPENING_AW,
    TRANSLATED,
    NameScore,
    Side,
    adjective_stem,
    compare_sides,
    interdental_as_th,
    opening_vowel,
)
from embargo.memo import BoundedMemo
from embargo.names import han, phonetic
from embargo.names.kana import KATAKANA, read_back
from embargo.names.org_words import form_meanings
from embargo.names.prepare import (
    ANY,
    PERSON,
    NameForm,
    is_legal_word,
    readings,
    schema_kind,
    unreadable,
)
from embargo.names.script import has_abjad_letters, scripts_of

SCHEMA_GROUPS = {
    "Person": {"Person", "LegalEntity"},
    "Organization": {"Organization", "Company", "LegalEntity", "PublicBody"},
    "Company": {"Organization", "Company", "LegalEntity", "PublicBody"},
    "LegalEntity": {"Person", "Organization", "Company", "LegalEntity", "PublicBody"},
    "Vessel": {"Vessel"},
    "Airplane": {"Airplane"},
}
MAX_CANDIDATES = 200
NAMED_KEEP = 20  # parties kept per query names (by name score) for the fact stage
NAMED_CACHE_SIZE = 2_000  # distinct query names remembered with their near hits
# Distinct query names remembered for matches-only checks: entries hold only the parties that
# can still match, almost always none, so far more of them fit in the same memory.
MATCHED_CACHE_SIZE = 200_000
SIM_CACHE_WORDS = 5_000  # query words whose similarities to listed words are remembered
# A batch run meets the same given names, surnames and trade words all through a file: its
# word similarities are worth about 90 MB per worker (a twentieth of the matcher's time).
BATCH_SIM_CACHE_WORDS = 30_000
WORD_CACHE_SIZE = 10_000  # query words whose postings are remembered
SIDE_CACHE_SIZE = 60_000  # listed names kept prepared for comparison


class UnreadableName(ValueError):
    """No name of a query can be read into words to match, and it has no identifier: an
    empty result would say the party is on no list when it was never screened."""


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
        self.vocabulary = Vocabulary(index.df, index.n_names, index.symbols)
        self.weight = self.vocabulary.weight
        self._sides: BoundedMemo[int, Side] = BoundedMemo(SIDE_CACHE_SIZE)
        self._sim_cache: BoundedMemo[tuple, dict] = BoundedMemo(SIM_CACHE_WORDS)
        self._meanings: frozenset[int] | None = None  # read from the index on first use
        self._named_cache: OrderedDict[tuple, list[_Named]] = OrderedDict()
        self._matched_cache: OrderedDict[tuple, list[_Named]] = OrderedDict()
        # The same results by prepared readings (see ``_spelt_key``), bounded alike.
        self._spelt_named: OrderedDict[tuple, list[_Named]] = OrderedDict()
        self._spelt_matched: OrderedDict[tuple, list[_Named]] = OrderedDict()
        # Per query word: the listed names it is found in, and how alike it can be there.
        self._word_cache: BoundedMemo[tuple[str | bool, ...], tuple[np.ndarray, np.ndarray]] = (
            BoundedMemo(WORD_CACHE_SIZE)
        )
        self._local = threading.local()
        self._schema_masks = {
            schema: np.asarray([code in group for code in SCHEMA_CODES], dtype=bool)
            for schema, group in SCHEMA_GROUPS.items()
        }

    def size_for_batch(self) -> None:
        """Keep every listed name prepared once met: a batch run meets most of them.

        A server keeps the default bound, so that its memory levels off within minutes; a
        screening run of a large file gains about a fifth of its time for about 80 MB. The
        word-similarity memo grows to ``BATCH_SIM_CACHE_WORDS`` for the same reason.
        """
        self._sides.size = max(SIDE_CACHE_SIZE, self.index.n_names)
        self._sim_cache.size = max(SIM_CACHE_WORDS, BATCH_SIM_CACHE_WORDS)

    def _side(self, name_idx: int) -> Side:
        side = self._sides.get(name_idx)
        if side is None:
            side = self._sides.put(name_idx, Side.of(self.index.form(name_idx), self.weight))
        return side

    def compare(self, a: str, b: str, schema: str | None = None) -> NameScore:
        """Two names, no list involved: for threshold validation on labelled pairs."""
        return self.vocabulary.compare(a, b, schema)

    def check(
        self,
        query: Query,
        *,
        threshold: float = W.THRESHOLD,
        limit: int = 10,
        matches_only: bool = False,
    ) -> list[Hit]:
        """Hits for ``query``, best first; ``match`` marks those at or above ``threshold``.

        Names are scored once per (names, schema) and kept in a bounded cache: customer files
        repeat names with other birth dates and countries, which only the cheap fact stage
        below has to see again. ``matches_only`` (batch screening) returns just the matches, and
        skips the fact stage for parties whose name score cannot reach the threshold even with
        every fact the query gives agreeing. The cyclic collector is held off meanwhile
        (:mod:`embargo.collector`).
        """
        with collector.paused():
            return self._check(query, threshold, limit, matches_only)

    def _check(self, query: Query, threshold: float, limit: int, matches_only: bool) -> list[Hit]:
        allowed = SCHEMA_GROUPS.get(query.schema or "", None)
        # A party whose name score is below ``reach`` cannot match whatever facts agree.
        # Identifier hits need their party's name result for the explanation, however weak.
        reach = threshold - (_fact_bonus(query) if not query.ids else MAX_FACT_BONUS)
        name_floor = reach if matches_only and not query.ids else 0.0
        try:
            named = self._name_stage(tuple(query.names), query.schema, reach, name_floor)
        except UnreadableName:
            if not query.ids:
                raise
            named = []  # its identifiers are still looked up
        id_hits: dict[int, list[str]] = defaultdict(list)
        values = [v for v in (normalize_id(raw) for raw in query.ids) if len(v) >= 4]
        for value, found in zip(values, self.index.lookup(["i:" + v for v in values])):
            for neg in found.tolist():
                id_hits[-1 - neg].append(value)
        scored: list[tuple[float, str, int, _Named | None, dict[str, Any]]] = []
        seen: set[int] = set()
        floor = threshold - _fact_bonus(query) if matches_only else 0.0
        for item in named:
            seen.add(item.entity)
            if item.score < floor and item.entity not in id_hits:
                continue
            record = self.index.entity(item.entity)
            score, facts = score_facts(item.score, query, record, id_hits.get(item.entity, []))
            if score > 0.0 and (score >= threshold or not matches_only):
                scored.append((score, record.id, item.entity, item, {"facts": facts}))
        for ent_idx, id_values in id_hits.items():
            if ent_idx in seen:
                continue
            record = self.index.entity(ent_idx)
            if allowed is not None and record.schema not in allowed:
                continue
            # Its names were too unlike the query's to be retrieved; the explanation still
            # says how the best of them compares.
            item = self._party_names(ent_idx, query)
            name_score = item.score if item is not None else 0.0
            score, facts = score_facts(name_score, query, record, id_values)
            if score > 0.0 and (score >= threshold or not matches_only):
                scored.append((score, record.id, ent_idx, item, {"facts": facts}))
        scored.sort(key=lambda x: (-x[0], x[1]))
        hits = []
        for score, _eid, ent_idx, item, explanation in scored[:limit]:
            record = self.index.entity(ent_idx)
            if item is not None:
                explanation = {"name": item.explain(), **explanation}
            hits.append(
                Hit(
                    entity_id=record.id,
                    caption=record.caption,
                    schema=record.schema,
                    score=min(1.0, score),
                    match=score >= threshold,
                    sources=record.sources,
                    explanation=explanation,
                )
            )
        return hits

    def _party_names(self, ent_idx: int, query: Query) -> _Named | None:
        """One party's best name against the query's names, all of its names scored."""
        kind = schema_kind(query.schema)
        forms = _query_forms(query.names, kind)
        if not forms:
            return None
        entities = self.index.name_entity
        start, end = np.searchsorted(entities, [ent_idx, ent_idx + 1]).tolist()
        sides = [Side.of(f, self.weight, query=True) for f in forms]
        return self._best_name(ent_idx, sides, dict.fromkeys(range(start, end), 0.0), {}, kind)

    def _name_stage(
        self, names: tuple[str, ...], schema: str | None, reach: float, floor: float = 0.0
    ) -> list[_Named]:
        """The parties best named like ``names`` (at most ``NAMED_KEEP``), none under ``floor``.

        ``reach`` is the lowest name score that can still become a match once the query's
        facts are counted. Retrieval scores every name whose estimate comes within the
        legal-form bonus and ``RETRIEVAL_MARGIN`` of it; the batch and the single check ask
        with the same ``reach``, so they find the same matches.
        """
        key: tuple = (names, schema, reach, floor)
        cache, by_spelling, size = (
            (self._matched_cache, self._spelt_matched, MATCHED_CACHE_SIZE)
            if floor > 0.0
            else (self._named_cache, self._spelt_named, NAMED_CACHE_SIZE)
        )
        cached = cache.get(key)
        if cached is not None:
            cache.move_to_end(key)
            return cached
        kind = schema_kind(schema)
        forms = _query_forms(names, kind)
        if not forms and (why := unreadable(names, kind)) is not None:
            raise UnreadableName(why)
        # A name written another way that prepares alike (JOHN SMITH, John Smith) scores
        # alike: it is looked up by its prepared readings and script too.
        spelt = _spelt_key(names, forms, schema, reach, floor)
        same = by_spelling.get(spelt) if spelt is not None else None
        if same is not None:
            by_spelling.move_to_end(spelt)
            named = [item.asked_as(names[0]) for item in same]
            _remember(cache, size, key, named)
            return named
        name_entity = self.index.name_entity
        mask = self._schema_masks.get(schema or "")
        cutoff = reach - W.FORM_AGREE - RETRIEVAL_MARGIN

        def gather(joined: bool) -> dict[int, dict[int, float]]:
            found: dict[int, dict[int, float]] = defaultdict(dict)
            for form in forms:
                for name_idx, estimate in self._retrieve(
                    form, cutoff, mask, kind != PERSON, joined=joined
                ):
                    names_of = found[int(name_entity[name_idx])]
                    names_of[name_idx] = max(estimate, names_of.get(name_idx, 0.0))
            return found

        sides = [Side.of(f, self.weight, query=True) for f in forms]
        # The same listed name recurs across lists (SDN, CSL, UK, EU, Japan…): score it once.
        memo: dict[tuple[int, str, bool], NameScore] = {}
        best: dict[int, _Named] = {}

        def score(candidates: dict[int, dict[int, float]]) -> None:
            for ent_idx, name_idxs in candidates.items():
                item = self._best_name(ent_idx, sides, name_idxs, memo, kind, floor)
                if item is not None and (ent_idx not in best or item.score > best[ent_idx].score):
                    best[ent_idx] = item

        candidates = gather(joined=False)
        score(candidates)
        unsure = _vowels_unsure(forms)
        abjad = unsure and has_abjad_letters(forms[0].raw)
        if unsure and not any(
            item.score >= reach and not (abjad and item.best.unmatched_query)
            for item in best.values()
        ):
            # Nothing found matches the whole name: a name whose script does not write the
            # lists' vowels is looked up by its consonants too (an abjad's words written apart
            # where the lists run them together, زارع پور, Zarepour; حسن زاده, Hassanzadeh,
            # where a match leaves a word over; katakana's words, ショゴレフ Shchegolev), and
            # the names this finds that were not scored yet are scored.
            fresh = _with_unscored(candidates, gather(joined=True))
            score(fresh)
            candidates.update(fresh)
        if names and not names[0].isascii() and "Latin" not in scripts_of(names[0]):
            # A name in a script no list writes it in meets one list's spelling of a party; the
            # same party on other lists, spelt otherwise (Mohammadnazar AZIMI; AZIMI, Mohammad
            # Nazar), is found through that spelling, read as the lists write.
            near = self._pivoted(best, candidates, reach, mask, kind != PERSON)
            score(_with_unscored(candidates, near))
        named = [item for item in best.values() if item.score > 0.0]
        named.sort(key=lambda x: -x.score)
        named = [item for item in named[:NAMED_KEEP] if item.score >= floor]
        _remember(cache, size, key, named)
        if spelt is not None:
            _remember(by_spelling, size, spelt, named)
        return named

    def _pivoted(
        self,
        best: dict[int, _Named],
        candidates: dict[int, dict[int, float]],
        reach: float,
        mask: np.ndarray | None,
        org: bool,
    ) -> dict[int, dict[int, float]]:
        """Names near the Latin names the best few matches met, not yet scored, by party,
        estimated at the score of the match. (A name in the query's own script was found by
        the query's words, and so were the names near it.)"""
        matched = sorted(
            (
                item
                for item in best.values()
                if item.score >= reach and scripts_of(item.best.listed_name) == {"Latin"}
            ),
            key=lambda x: -x.score,
        )[:PIVOTS]
        raw_name = self.index.raw_name
        name_entity = self.index.name_entity
        found: dict[int, dict[int, float]] = defaultdict(dict)
        for item in matched:
            listed = item.best.listed_name
            met = next((i for i in candidates.get(item.entity, ()) if raw_name(i) == listed), None)
            if met is None:
                continue
            near = self._retrieve(self.index.form(met), PIVOT_MIN, mask, org)
            near.sort(key=lambda kv: -kv[1])
            for name_idx, _ in near[:PIVOT_NAMES]:
                ent_idx = int(name_entity[name_idx])
                if name_idx not in candidates.get(ent_idx, ()):
                    # Matches come best first: a name two of them lead to keeps the first's.
                    found[ent_idx].setdefault(name_idx, item.score)
        return found

    def _retrieve(
        self,
        form: NameForm,
        cutoff: float,
        schema_mask: np.ndarray | None = None,
        org: bool = False,
        joined: bool = False,
    ) -> list[tuple[int, float]]:
        """Names worth scoring: those whose retrieval estimate reaches ``cutoff``.

        A name's estimate is the coverage score with every retrieved word matched as closely
        as the keys it was found under allow (:func:`key_credit`; leftover legal-form words as
        its form's) and nothing in conflict, on both sides (the listed side's total word
        weight is stored per name), capped for one-word listed names as the scorer caps them —
        an upper bound up to the words each side weighs differently, which
        ``RETRIEVAL_MARGIN`` absorbs.
        ``schema_mask`` (by schema code) keeps only names of parties the query's schema can be.
        ``org``: the query may be an organisation's name, whose Slavic adjectives may name a
        place (see :meth:`_place_postings`). ``joined``: an abjad name's adjacent words are
        also looked up run together by their consonants, not only before Allah, and each
        word as two of a listed name's run together (:func:`~embargo.index.joined_keys`); a
        katakana name's words by the consonants katakana keeps
        (:func:`~embargo.index.carried_consonants_keys`).
        """
        weights = [self.weight(k) if len(t) > 1 else 0.0 for t, k in zip(form.tokens, form.keys)]
        total = sum(weights) or 1.0
        # Words left over from a legal form written in part may count as explained by a listed
        # name's form (see ``compare_sides``): on the query's side, every name with a form may
        # have them.
        # So may words that say what some form is (federal, unitary: ``form_meanings``),
        # which the scorer excuses where the listed name has that form.
        meaning = self._meaning_symbols()
        symbols = self.index.symbols
        legal = sum(
            w
            for t, k, w in zip(form.tokens, form.keys, weights)
            if w > 0 and (is_legal_word(t) or not meaning.isdisjoint(symbols.get(k, ())))
        )
        parts: list[np.ndarray] = []
        part_w: list[np.ndarray | float] = []
        last = len(form.tokens) - 1
        katakana = KATAKANA.search(form.raw) is not None
        abjad = not katakana and has_abjad_letters(form.raw)
        transcribed = not katakana and not abjad and han.is_transcribed(form.raw)
        for i, (tok, key, skel, w) in enumerate(
            zip(form.tokens, form.keys, form.skeletons, weights)
        ):
            if w > 0:
                if abjad:
                    found, credit = self._abjad_postings(tok, key, skel, org and i < last)
                else:
                    found, credit = self._word_postings(tok, key, skel)
                if katakana:
                    found, credit = self._carried_postings(tok, found, credit)
                elif (
                    org
                    and not (abjad and _K.search(tok))
                    and (stem := adjective_stem(key)) is not None
                ):
                    found, credit = self._place_postings(stem, found, credit)
                if transcribed:
                    found, credit = self._transcribed_postings(tok, found, credit)
                if joined and abjad:
                    found, credit = self._posted(joined_key(tok), W.SIM_ABJAD, found, credit)
                if joined and katakana:
                    found, credit = self._posted(
                        carried_consonants_key(tok), W.SIM_KANA, found, credit
                    )
                if i == last and self._maybe_truncated(form, key):
                    (more,) = self.index.lookup(["p:" + key[:PREFIX_LEN]])
                    if len(more):
                        # A prefix is credited fully, so its postings go first.
                        found, credit = _first_credited(
                            [more, found], np.concatenate([np.ones(len(more)), credit])
                        )
                if len(found):
                    parts.append(found)
                    part_w.append(credit * w)
        merged = [(i, k, 1.0) for i, k in merged_keys(form)]
        if abjad:
            # A name ending in Allah written apart in an abjad lacks the vowels of the one
            # word the lists write (نصر الله nsr allah, Nasrallah): it is also looked up by
            # that word's consonants. Other words run together are not: their consonants
            # alone would bring in hundreds of names (ali khamnei, Rahman).
            tokens = form.tokens
            merged += [
                (i, "s:" + phonetic.skeleton(tokens[i] + tokens[i + 1]), W.SIM_ABJAD)
                for i in range(len(tokens) - 1)
                if (joined or tokens[i + 1] == "allah") and weights[i]
            ]
        found_merged = self.index.lookup([k for _, k, _ in merged])
        credits: list[np.ndarray | float] = [credit for _, _, credit in merged]
        phrases = phrase_symbols(form, symbols)
        for (i, _), more in zip(phrases, self.index.lookup([f"y:{sym}" for _, sym in phrases])):
            # Two words run together and found by the phrase they mean too are one part, each
            # name in it once at its best credit: counted twice, the pair would outweigh the
            # rest of the query, and every name with the phrase would reach the cap.
            if len(more):
                spelt = found_merged[i]
                found_merged[i], credits[i] = _with_more(
                    spelt,
                    np.full(len(spelt), credits[i]),
                    more,
                    np.full(len(more), W.SIM_EQUIVALENT),
                )
        for (i, _, _), arr, credit in zip(merged, found_merged, credits):
            if len(arr):
                parts.append(arr)
                part_w.append((weights[i] + weights[i + 1]) * credit)
        if not parts:
            return []
        # Word masses summed per name in one dense array (each posting holds a name once),
        # in the order a bincount over the postings would add them; then reset for the next.
        mass_of = self._mass_buffer()
        for names, credited in zip(parts, part_w):
            mass_of[names] += credited
        ids = np.concatenate(parts) if len(parts) > 1 else parts[0]
        mass = mass_of[ids]
        mass_of[ids] = 0.0
        # Only names whose query side alone can carry the estimate past ``cutoff`` are
        # weighed further: the listed side adds at most COVER_LISTED.
        low = (cutoff - W.COVER_LISTED) / W.COVER_QUERY * total - legal
        if low > 0.0:
            some = mass >= low - 1e-9
            ids, mass = ids[some], mass[some]
        mass_q = mass + legal * self.index.name_has_form[ids] if legal else mass
        cover_q = np.minimum(1.0, mass_q / total)
        estimate = W.COVER_QUERY * cover_q + W.COVER_LISTED * np.minimum(
            1.0, mass / self.index.name_total[ids]
        )
        if len(form.tokens) > 1:
            # A one-word listed name explains itself fully, so its score is at most the share
            # of the query it explains (see ``compare_sides``).
            one = self.index.name_words[ids] == 1
            if one.any():
                estimate[one] = np.minimum(estimate[one], cover_q[one])
        keep = estimate >= cutoff
        if schema_mask is not None:
            keep &= schema_mask[self.index.name_schema[ids]]
        if not keep.any():
            return []
        uniq, first = np.unique(ids[keep], return_index=True)
        estimate = estimate[keep][first]
        if len(uniq) > MAX_CANDIDATES:
            top = np.argpartition(-estimate, MAX_CANDIDATES)[:MAX_CANDIDATES]
            uniq, estimate = uniq[top], estimate[top]
        return list(zip(uniq.tolist(), estimate.tolist()))

    def _meaning_symbols(self) -> frozenset[int]:
        """The symbols of every word that says what some legal form is (``form_meanings``)."""
        if self._meanings is None:
            self._meanings = frozenset().union(*form_meanings(self.index.symbols).values())
        return self._meanings

    def _carried_postings(
        self, token: str, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A word read from katakana's postings, with the listed words katakana writes alike
        (posted under their :func:`~embargo.index.carried_keys`) credited as the scorer
        credits them (``SIM_KANA``)."""
        return self._posted(CARRIED + read_back(token), W.SIM_KANA, found, credit)

    def _abjad_postings(
        self, token: str, key: str, skeleton: str, governs: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """A word read from an abjad's postings with those of its other readings, remembered
        per word: its k as a hard c (:meth:`_hard_c_postings`), its opening aw as a vowel
        (:meth:`_opening_vowel_postings`), its z, d or dh as th (ظ and ذ: كاظم, Kathim), and
        where it ``governs`` the next word of an organisation's name, a closing a as at.
        Merging them costs more than looking them up, and Arabic names repeat words
        (Mohammad, Abd)."""
        cache_key = (token, key, skeleton, "readings", governs)
        found = self._word_cache.get(cache_key)
        if found is None:
            postings, credit = self._word_postings(token, key, skeleton, abjad=True)
            if _K.search(token):
                postings, credit = self._hard_c_postings(token, postings, credit)
            if OPENING_AW.match(token):
                postings, credit = self._opening_vowel_postings(token, postings, credit)
            if INTERDENTAL.search(token):
                postings, credit = self._also_read_as(interdental_as_th(token), postings, credit)
            if governs and len(token) >= 3 and token[-1] == "a":
                # A ta marbuta, read a, is said at before the word it governs, and the lists
                # write it so (نصرة الإسلام, Nusrat al-Islam): the scorer's ``_ta_marbuta``.
                postings, credit = self._also_read_as(token + "t", postings, credit)
            found = self._word_cache.put(cache_key, (postings, credit))
        return found

    def _hard_c_postings(
        self, token: str, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A word read from Arabic or Hebrew script, which have no c, with its k also as the
        hard c a listed Latin word may write (ניקולס nikols, Nicolas): the scorer compares
        them so (see ``_hard_c`` in :mod:`embargo.match.names`)."""
        return self._also_read_as(_K.sub("c", token), found, credit)

    def _transcribed_postings(
        self, token: str, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A word of a foreign name read from Han, with the listed words whose consonants read
        back alike (posted under their :func:`~embargo.index.transcribed_key`), credited as
        the scorer credits them at most (``SIM_KANA``)."""
        return self._posted(transcribed_key(token), W.SIM_KANA, found, credit)

    def _posted(
        self, posting: str | None, sim: float, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A word's postings with the names posted under ``posting`` (none for None), those
        credited ``sim``."""
        if posting is None:
            return found, credit
        (more,) = self.index.lookup([posting])
        return _with_more(found, credit, more, np.full(len(more), sim))

    def _opening_vowel_postings(
        self, token: str, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """An abjad word opening on aw with it also read as the vowel a foreign name's o is
        written so (أوليغ, Oleg): the scorer compares them so (``OPENING_AW`` in
        :mod:`embargo.match.names`)."""
        return self._also_read_as(opening_vowel(token), found, credit)

    def _also_read_as(
        self, read: str, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """An abjad word's postings with those of another reading of it, as credited for an
        abjad word (see :meth:`_word_postings`)."""
        more, more_credit = self._word_postings(
            read, phonetic.key(read), phonetic.skeleton(read), abjad=True
        )
        return _with_more(found, credit, more, more_credit)

    def _place_postings(
        self, stem: str, found: np.ndarray, credit: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """An organisation's Slavic adjective in -sk- with the place it may name, written as
        a noun (Казанский, Kazan; Новосибирский, Novosibirsk; Балтийский, Baltic): the scorer
        meets them between organisations (see ``names._place_adjective``)."""
        places = np.concatenate(self.index.lookup([f"k:{stem}", f"k:{stem}sk", f"d:{stem}"]))
        return _with_more(found, credit, places, np.full(len(places), W.SIM_EQUIVALENT))

    def _mass_buffer(self) -> np.ndarray:
        """This thread's zeroed per-name accumulator (a server checks on several threads)."""
        buffer = getattr(self._local, "mass", None)
        if buffer is None:
            buffer = self._local.mass = np.zeros(self.index.n_names, dtype=np.float64)
        return buffer

    def _maybe_truncated(self, form: NameForm, key: str) -> bool:
        """A last word no list knows may be a longer one cut off by a column width."""
        return (
            len(key) >= PREFIX_LEN
            and len(form.tokens) + len(form.forms) + len(form.minor) >= 2
            and key not in self.index.df
        )

    def _word_postings(
        self, token: str, key: str, skeleton: str, abjad: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every listed name one query word can be found in, with the most alike it can be
        there, remembered per word.

        A name found only under a word's skeleton or one-letter deletions cannot hold the word
        itself: its best pair is at most as alike as that evidence allows (see
        :func:`key_credit`), and retrieval counts the word for no more. Query words repeat far
        more than whole names (given names, surnames, trade words), so hashing a word's dozen
        keys and merging their postings is done once per word.
        """
        cache_key = (token, key, skeleton, abjad)
        found = self._word_cache.get(cache_key)
        if found is None:
            keys = sorted(
                word_keys(
                    token, key, skeleton, self.index.symbols, unknown=key not in self.index.df
                )
            )
            hits = [
                (key_credit(k, token, key, abjad), a)
                for k, a in zip(keys, self.index.lookup(keys))
                if len(a)
            ]
            if not hits:
                found = (_EMPTY, _NO_CREDIT)
            elif len(hits) == 1:
                found = (hits[0][1], np.full(len(hits[0][1]), hits[0][0]))
            else:
                hits.sort(key=lambda hit: -hit[0])
                found = _first_credited(
                    [a for _, a in hits], np.repeat([c for c, _ in hits], [len(a) for _, a in hits])
                )
            self._word_cache.put(cache_key, found)
        return found

    def _best_name(
        self,
        ent_idx: int,
        forms: list[Side],
        name_idxs: dict[int, float],
        memo: dict[tuple[int, str, bool], NameScore],
        kind: str,
        floor: float = 0.0,
    ) -> _Named | None:
        """The party's best-scoring name against the query's names, with its caveats.

        Names are tried in order of their retrieval estimate; once the best so far explains
        the whole query and beats the next estimate, the party's other names cannot win.
        ``kind`` is the query's (:func:`schema_kind`); a query of any kind is a person's name
        when it meets a person.
        """
        person = kind == PERSON or (
            kind == ANY and self.index.name_schema[next(iter(name_idxs))] == _PERSON_CODE
        )
        best: NameScore | None = None
        best_value = 0.0
        best_weak = False
        tried: list[tuple[int, int, NameScore]] = []  # the party's strong names, as scored
        for name_idx, estimate in sorted(name_idxs.items(), key=lambda kv: -kv[1]):
            if (
                best is not None
                and not best.unmatched_query
                and best_value >= estimate + W.ESTIMATE_MARGIN
            ):
                break
            listed = self._side(name_idx)
            weak = bool(self.index.name_weak[name_idx])
            packed = self.index.packed_form(name_idx)
            for n, form in enumerate(forms):
                result = memo.get((n, packed, person))
                if result is None:
                    result = compare_sides(
                        form, listed, self.index.symbols, self._sim_cache, floor, person
                    )
                    memo[(n, packed, person)] = result
                value = result.score * (W.WEAK_ALIAS_FACTOR if weak else 1.0)
                if best is None or value > best_value:
                    best, best_value, best_weak = result, value, weak
                if not weak:
                    tried.append((name_idx, n, result))
        if best is None:
            return None
        item = _Named(ent_idx, best_value, best, best_weak)
        # (Under ``floor`` the party is dropped anyway, and the cap only lowers a score.)
        fullest = None
        # The query's words the matching alias lacks, but for legal-form words, which say
        # what kind of party it is, not which (worked out only for a party that can match:
        # most parties scored are under ``floor``).
        extra: set[str] = set()
        if best.unmatched_query and best_value >= floor:
            extra = {t for t in best.unmatched_query if not is_legal_word(t)}
        if extra:
            fullest = self._fullest(tried, best, forms, person)
        if fullest is not None and fullest is not best:
            # If the party's fuller name answers those words with different ones (another
            # given name), that counts. A fuller name that meets them but misses others the
            # alias met answers nothing (Wei Kevin Zhang against Kevin Zhang, whose fuller
            # name Zhao Wei Zhang has the Wei).
            if (
                fullest.unmatched_query
                and fullest.unmatched_listed
                and not extra.isdisjoint(fullest.unmatched_query)
            ):
                capped = fullest.score + W.ALIAS_CONFLICT_MARGIN
                if capped < item.score:
                    item.score = capped
                    item.fuller = fullest
        return item

    def _fullest(
        self,
        tried: list[tuple[int, int, NameScore]],
        best: NameScore,
        forms: list[Side],
        person: bool,
    ) -> NameScore | None:
        """The party's fullest strong name written in the query's script, as scored.

        A rendering in another script (katakana, say) often has more words than the original,
        and romanised back it agrees with the query on less: it is another reading of the name,
        not its fuller form. So is an organisation's name met only through translated words
        (Federalnoe Kazennoe Predpriyatie … Porokhovoi Zavod, the Federal State Enterprise …
        Gunpowder Plant in Russian): that one answers for nothing. One left unaligned under
        the floor is aligned now: its score caps the party's.
        """
        script = scripts_of(best.query_name)
        fullest: tuple[int, int, NameScore] | None = None
        size = 0
        for name_idx, n, result in tried:
            words = len(self._side(name_idx).form.tokens)
            if words > size and scripts_of(self.index.raw_name(name_idx)) == script:
                fullest, size = (name_idx, n, result), words
        if fullest is None:
            return None
        name_idx, n, result = fullest
        if result.method == "unaligned":
            result = compare_sides(
                forms[n], self._side(name_idx), self.index.symbols, self._sim_cache, person=person
            )
        if any(p.how in TRANSLATED for p in result.pairs):
            return None
        return result


def _remember(cache: OrderedDict[tuple, list[_Named]], size: int, key: tuple, named) -> None:
    cache[key] = named
    if len(cache) > size:
        cache.popitem(last=False)


def _spelt_key(
    names: tuple[str, ...], forms: list[NameForm], schema: str | None, reach: float, floor: float
) -> tuple | None:
    """What a lone query name's name stage depends on but its raw spelling: its prepared
    readings and its scripts (a lone name meets a look-alike in its own script only)."""
    if len(names) != 1 or not forms:
        return None
    packed = "\x1e".join(pack_form(f) for f in forms)
    return (packed, tuple(sorted(scripts_of(names[0]))), schema, reach, floor)


def _query_forms(names: Sequence[str], kind: str) -> list[NameForm]:
    """Every reading of every non-blank query name that has words to match."""
    return [f for n in names if n and n.strip() for f in readings(n, kind, query=True) if f.tokens]


_PERSON_CODE = SCHEMA_CODES.index("Person")
_EMPTY = np.zeros(0, dtype=np.int32)
_NO_CREDIT = np.zeros(0, dtype=np.float64)


def key_credit(posting_key: str, token: str, key: str, abjad: bool = False) -> float:
    """The most alike a query word can be to a listed word found under ``posting_key``.

    The same key or a shared given-name family can mean the same word; a one-letter
    deletion means at least one edit (or equal consonants), a skeleton equal consonants,
    voiced or not (or two edits in a long word). These are upper bounds of
    :func:`~embargo.match.names._unit_similarity` for the evidence each key stands for.
    ``abjad``: the query word was read from an abjad, whose consonants and long vowels all
    in a romanisation count for more (``SIM_ABJAD``). A spelt query word meeting an abjad
    listed word so is credited as a skeleton; the retrieval margin absorbs the difference.
    """
    kind = posting_key[:2]
    if kind == "k:":
        return 1.0
    if kind == "y:":
        return W.SIM_EQUIVALENT
    longest = max(len(token), len(key))
    least = W.SIM_ABJAD if abjad else W.SIM_SKELETON
    if kind == "d:":
        return max(least, 1.0 - 1.0 / (longest + 1))
    return max(least, 1.0 - 2.0 / (longest + 2))


# A k of a word read from Arabic or Hebrew script, which may stand for a hard c.
_K = re.compile("k(?!h)")


def _with_unscored(
    candidates: dict[int, dict[int, float]], found: dict[int, dict[int, float]]
) -> dict[int, dict[int, float]]:
    """Each party ``found`` has a name not among its ``candidates`` (party -> name ->
    estimate), with all its names, each at its best estimate: what is left to score."""
    fresh: dict[int, dict[int, float]] = {}
    for ent_idx, names_of in found.items():
        known = candidates.get(ent_idx, {})
        if names_of.keys() <= known.keys():
            continue
        fresh[ent_idx] = merged = dict(known)
        for name_idx, estimate in names_of.items():
            merged[name_idx] = max(estimate, merged.get(name_idx, 0.0))
    return fresh


def _with_more(
    found: np.ndarray, credit: np.ndarray, more: np.ndarray, more_credit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A word's postings with more found another way, each name once at its best credit."""
    if not len(more):
        return found, credit
    names = np.concatenate([found, more])
    credits = np.concatenate([credit, more_credit])
    order = np.argsort(-credits, kind="stable")
    return _first_credited([names[order]], credits[order])


def _vowels_unsure(forms: Sequence[NameForm]) -> bool:
    """Whether the query is written in katakana or an abjad, whose vowels are not the lists'
    (its readings share its raw text)."""
    return bool(forms) and (
        KATAKANA.search(forms[0].raw) is not None or has_abjad_letters(forms[0].raw)
    )


def _first_credited(
    postings: list[np.ndarray], credit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Postings merged: each name once, with the credit (``credit`` runs along the postings
    in order) of the first posting that holds it. Callers put the most credited first, so a
    name keeps the best credit any of them gives it."""
    names, first = np.unique(np.concatenate(postings), return_index=True)
    return names, credit[first]


@dataclass(slots=True)
class _Named:
    """One party's name-stage result: cached per query names, explained only when shown."""

    entity: int
    score: float
    best: NameScore
    weak: bool
    fuller: NameScore | None = None

    def asked_as(self, raw: str) -> _Named:
        """This result for the same name written ``raw`` (another case, say)."""
        return _Named(
            self.entity,
            self.score,
            replace(self.best, query_name=raw),
            self.weak,
            replace(self.fuller, query_name=raw) if self.fuller is not None else None,
        )

    def explain(self) -> dict[str, Any]:
        out = self.best.explain()
        if self.weak:
            out["weak_alias"] = True
        if self.fuller is not None:
            out["fuller_name_conflict"] = self.fuller.explain()
        return out


# How far a retrieval estimate may fall under the score it stands for: room for words weighed
# differently on the two sides and for word pairs retrieval cannot see (prefixes, merges of
# three words).
RETRIEVAL_MARGIN = 0.12
# A query in a script no list writes it in: the Latin names its best PIVOTS matches met are
# looked up in turn, and the names whose estimate against one reaches PIVOT_MIN (one that may
# name the same party: Olga Alexandrovna MAKEEVA, MAKEEVA, Olga) are scored.
PIVOTS = 3
PIVOT_MIN = W.THRESHOLD
PIVOT_NAMES = 20  # the most alike of them: an organisation of common words is near hundreds
# The most secondary facts can add to a name score.
MAX_FACT_BONUS = W.DOB_EXACT + W.COUNTRY_AGREE
# How far under the threshold a retrieval estimate may be and still be scored, whatever the
# query's facts: the largest bonus facts and legal forms can add, plus the margin.
RETRIEVAL_SLACK = MAX_FACT_BONUS + W.FORM_AGREE + RETRIEVAL_MARGIN


def _fact_bonus(query: Query) -> float:
    """The most this query's birth dates and countries can add to a party's name score."""
    return (W.DOB_EXACT if query.birth_dates else 0.0) + (
        W.COUNTRY_AGREE if query.countries else 0.0
    )


__all__ = ["Hit", "Matcher", "Query", "RETRIEVAL_SLACK", "UnreadableName"]
