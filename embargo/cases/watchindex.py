"""An index of the watched population's names, for screening listed entities *against* it.

After a list update only the new and changed listed entities can raise new alerts, so the
monitor asks the reverse question: which watched records could match this listed entity? This
index answers it the way the matcher's own retrieval would from the other side. Watched names
are indexed under the same word keys the dataset index uses (:func:`embargo.index.retrieval_keys`
and :func:`~embargo.index.merged_keys`; identifiers under ``i:``), and each posting remembers
which word of the watched name it came from, so the matcher's coverage estimate (which words of
the query a listed name explains) can be computed for the pair and candidates pruned exactly as
:meth:`embargo.match.engine.Matcher._retrieve` prunes them. Given-name equivalences come from
the dataset being screened: a listed word's equivalence class is expanded to the keys in it.

Candidates are then screened for real with the Screener, so the index only narrows.

The index depends on the watched records and on name normalisation only, not on the lists: it
is built when the population changes and kept under ``$EMBARGO_HOME/monitor/``, memory-mapped.
"""

from __future__ import annotations

import hashlib
import shutil
from array import array
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from embargo.index import (
    CARRIED,
    article_keys,
    carried_keys,
    key_hash,
    merged_keys,
    normalize_id,
    retrieval_keys,
)
from embargo.names.kana import KATAKANA, read_back
from embargo.names.prepare import is_legal_word, readings, schema_kind

FORMAT = 11  # 11: a foreign name in Hangul also read as a Russian one (asked for only)
_SEP = "\x1f"
_POS_BITS = 6
_ID_POS = 63  # postings of identifiers
_MERGED = 32  # positions 32+i: the pair of words i, i+1 run together
_MAX_WORDS = 31


def _normalization() -> int:
    import embargo.names as names

    return int(getattr(names, "NORMALIZATION", 0))


def _name_data() -> str:
    """The word lists' digest (:func:`embargo.names.data_digest`): a watch index built with
    other lists is rebuilt, as for another normalisation."""
    from embargo.names import data_digest

    return data_digest()


class WatchIndex:
    """Postings from word keys to (watched name, word position), and each name's words."""

    def __init__(
        self,
        keys: np.ndarray,
        offsets: np.ndarray,
        data: np.ndarray,
        name_record: np.ndarray,
        name_words: list[str],
        meta: dict[str, Any],
    ):
        self.keys, self.offsets, self.data = keys, offsets, data
        self.name_record = name_record
        self.name_words = name_words
        self.meta = meta

    @classmethod
    def build(
        cls, records: Iterable[tuple[int, list[dict[str, Any]]]], meta: dict[str, Any]
    ) -> WatchIndex:
        """Index ``(watched id, parties)`` pairs (parties as :mod:`embargo.cases.watch` stores)."""
        key_ids: dict[str, int] = {}
        post_key = array("q")
        post_val = array("q")
        name_record = array("q")
        name_words: list[str] = []
        for watched_id, parties in records:
            for party in parties:
                kind = schema_kind(party.get("schema"))
                ids = [v for v in (normalize_id(x) for x in party.get("ids", [])) if len(v) >= 4]
                # Watched names are queries: read with the article run in too, as checked.
                names = party.get("names", [])
                for form in (f for raw in names for f in readings(raw, kind, query=True)):
                    if not form.tokens:
                        continue
                    name_idx = len(name_words)
                    name_record.append(watched_id)
                    name_words.append(" ".join(form.tokens) + _SEP + " ".join(form.keys))
                    base = name_idx << _POS_BITS
                    for pos, word_keys in enumerate(retrieval_keys(form)[:_MAX_WORDS]):
                        for k in word_keys:
                            post_key.append(key_ids.setdefault(k, len(key_ids)))
                            post_val.append(base | pos)
                    for i, k in merged_keys(form)[: _MAX_WORDS - 1]:
                        post_key.append(key_ids.setdefault(k, len(key_ids)))
                        post_val.append(base | (_MERGED + i))
                    if KATAKANA.search(form.raw):
                        # As a check looks a katakana word up: as katakana carries it.
                        for pos, tok in enumerate(form.tokens[:_MAX_WORDS]):
                            k = CARRIED + read_back(tok)
                            post_key.append(key_ids.setdefault(k, len(key_ids)))
                            post_val.append(base | pos)
                    for value in ids:
                        post_key.append(key_ids.setdefault("i:" + value, len(key_ids)))
                        post_val.append(base | _ID_POS)
        hashes = np.fromiter((key_hash(k) for k in key_ids), dtype=np.uint64, count=len(key_ids))
        entry_hash = (
            hashes[np.frombuffer(post_key, dtype=np.int64)] if len(post_key) else hashes[:0]
        )
        values = np.frombuffer(post_val, dtype=np.int64) if len(post_val) else np.zeros(0, np.int64)
        order = np.lexsort((values, entry_hash))
        entry_hash, values = entry_hash[order], values[order]
        unique, starts = np.unique(entry_hash, return_index=True)
        offsets = np.append(starts, len(entry_hash)).astype(np.int64)
        return cls(
            unique,
            offsets,
            values,
            np.frombuffer(name_record, dtype=np.int64).copy()
            if len(name_record)
            else np.zeros(0, np.int64),
            name_words,
            {
                **meta,
                "format": FORMAT,
                "normalization": _normalization(),
                "name_data": _name_data(),
                "names": len(name_words),
            },
        )

    def save(self, folder: Path) -> None:
        """Write beside, then swap in: a crash leaves the old index or none, never half."""
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        np.save(tmp / "keys.npy", self.keys)
        np.save(tmp / "offsets.npy", self.offsets)
        np.save(tmp / "data.npy", self.data)
        np.save(tmp / "name_record.npy", self.name_record)
        (tmp / "names.json").write_bytes(orjson.dumps(self.name_words))
        (tmp / "meta.json").write_bytes(orjson.dumps(self.meta))
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path) -> WatchIndex:
        load = lambda name: np.load(folder / f"{name}.npy", mmap_mode="r")  # noqa: E731
        return cls(
            load("keys"),
            load("offsets"),
            load("data"),
            load("name_record"),
            orjson.loads((folder / "names.json").read_bytes()),
            orjson.loads((folder / "meta.json").read_bytes()),
        )

    @staticmethod
    def fits(folder: Path, meta: dict[str, Any]) -> bool:
        """Whether the index saved in ``folder`` was built for ``meta`` with today's rules."""
        try:
            saved = orjson.loads((folder / "meta.json").read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return False
        return (
            saved.get("format") == FORMAT
            and saved.get("normalization") == _normalization()
            and saved.get("name_data") == _name_data()
            and all(saved.get(k) == v for k, v in meta.items())
        )

    def lookup(self, keys: Iterable[str]) -> np.ndarray:
        """All postings under ``keys``, concatenated."""
        keys = list(keys)
        if not keys or not len(self.keys):
            return np.zeros(0, dtype=np.int64)
        hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
        pos = np.searchsorted(self.keys, hashes)
        parts = []
        n = len(self.keys)
        for h, p in zip(hashes, pos):
            if p < n and self.keys[p] == h:
                parts.append(self.data[self.offsets[p] : self.offsets[p + 1]])
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


class ReverseRetrieval:
    """Which watched records a listed entity could match, in one dataset version's terms."""

    def __init__(self, watch: WatchIndex, matcher: Any, threshold: float, slack: float):
        self.watch = watch
        self.matcher = matcher
        self.index = matcher.index
        self.floor = threshold - slack
        by_sym: dict[int, set[str]] = defaultdict(set)
        for k, syms in self.index.symbols.items():
            for s in syms:
                by_sym[s].add(k)
        self._by_sym = by_sym
        self._words: dict[int, tuple[list[float], float, float]] = {}

    def _weights(self, name_idx: int) -> tuple[list[float], float, float]:
        """A watched name's word weights, their total, and the weight of its leftover
        legal-form words (which a listed name's form may explain, as in ``Matcher._retrieve``)."""
        found = self._words.get(name_idx)
        if found is None:
            tokens, keys = self.watch.name_words[name_idx].split(_SEP)
            words = tokens.split(" ")
            weights = [
                self.matcher.weight(k) if len(t) > 1 else 0.0
                for t, k in zip(words, keys.split(" "))
            ]
            legal = sum(w for t, w in zip(words, weights) if w > 0 and is_legal_word(t))
            found = self._words[name_idx] = (weights, sum(weights) or 1.0, legal)
        return found

    def candidates(self, entity_id: str) -> set[int]:
        """Watched record ids whose names (or identifiers) could reach the threshold."""
        from embargo.match import weights as W

        ent_idx = self.index.entity_index(entity_id)
        if ent_idx is None:
            return set()
        out: set[int] = set()
        record = self.index.entity(ent_idx)
        kind = schema_kind(record.schema)
        ids = self.watch.lookup("i:" + v for _prop, v in record.ids)
        out.update(int(r) for r in self.watch.name_record[ids >> _POS_BITS])
        symbols = self.index.symbols
        for name_idx in np.flatnonzero(np.asarray(self.index.name_entity) == ent_idx).tolist():
            form = self.index.form(name_idx)
            listed_total = float(self.index.name_total[name_idx])
            has_form = bool(self.index.name_has_form[name_idx])
            keys: set[str] = set()
            for word_keys in retrieval_keys(form, listed=True):
                keys |= word_keys
            keys.update(k for _, k in merged_keys(form))
            # As the index posts it: under its words with the article run in (al-Harbi, alharbi).
            keys |= article_keys(form, self.index.raw_name(name_idx), kind)
            keys |= carried_keys(form)
            for tok, k in zip(form.tokens, form.keys):
                if len(tok) > 1:
                    for s in symbols.get(k, ()):
                        keys.update("k:" + other for other in self._by_sym[s])
            entries = np.unique(self.watch.lookup(keys))
            if not len(entries):
                continue
            matched: dict[int, set[int]] = defaultdict(set)
            for entry in entries.tolist():
                pos = entry & ((1 << _POS_BITS) - 1)
                if pos != _ID_POS:
                    matched[entry >> _POS_BITS].add(pos)
            for watched_name, positions in matched.items():
                weights, total, legal = self._weights(watched_name)
                mass = 0.0
                for pos in positions:
                    if pos < _MERGED:
                        mass += weights[pos] if pos < len(weights) else 0.0
                    else:
                        i = pos - _MERGED
                        mass += sum(weights[i : i + 2])
                mass_q = mass + legal if has_form else mass
                estimate = W.COVER_QUERY * min(1.0, mass_q / total) + W.COVER_LISTED * min(
                    1.0, mass / listed_total
                )
                if estimate >= self.floor:
                    out.add(int(self.watch.name_record[watched_name]))
        return out


def database_tag(url: str) -> str:
    """Which database a saved index belongs to (several may share one home folder)."""
    return hashlib.sha256(url.encode()).hexdigest()[:16]
