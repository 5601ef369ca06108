"""Word weights and name equivalences, and name-pair comparison built on them.

The same :class:`Vocabulary` serves ``check`` (built from the loaded index) and
``compare``/``compare --pairs`` (read from the small ``words.pkl`` of the current dataset), so
a pair is scored exactly as ``check`` would score it; without a dataset every word weighs the
same.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from embargo.match import weights as W
from embargo.match.names import NameScore, compare_names
from embargo.names.prepare import PERSON, readings, schema_kind

WORDS_FILE = "words.pkl"


class Vocabulary:
    def __init__(
        self,
        df: dict[str, int] | None = None,
        n_names: int = 0,
        symbols: dict[str, frozenset[int]] | None = None,
    ):
        from embargo.index import word_weight

        self.symbols = symbols or {}
        self._weights: dict[str, float] = {}
        if df and n_names:
            self._weights = {k: word_weight(n_names, v) for k, v in df.items()}

    @classmethod
    def open(cls, home: Path | None = None) -> Vocabulary:
        """The current dataset's vocabulary under ``home``, or a uniform one if there is none."""
        from embargo.dataset.store import Store

        if home is not None:
            current = Store(home).current()
            path = current.index_path / WORDS_FILE if current else None
            if path and path.exists():
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                return cls(data["df"], data["n_names"], data["symbols"])
        return cls()

    def weight(self, key: str) -> float:
        """Rare words weigh more; a word never seen in the lists counts as rare."""
        w = self._weights.get(key)
        if w is None:
            return W.WEIGHT_DEFAULT
        return min(W.WEIGHT_MAX, max(W.WEIGHT_MIN, w))

    def compare(self, a: str, b: str, schema: str | None = None) -> NameScore:
        """The best score over every reading of each name, as the matcher tries them."""
        kind = schema_kind(schema)
        scores = [
            compare_names(fa, fb, self.weight, self.symbols, person=kind == PERSON)
            for fa in readings(a, kind, query=True)
            for fb in readings(b, kind)
        ]
        return max(scores, key=lambda s: s.score)
