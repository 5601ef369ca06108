"""Bounded caches: a long-running process stops growing, and forgetting never changes answers."""

from __future__ import annotations

import pytest

from embargo.memo import BoundedMemo


def test_memo_forgets_its_oldest_quarter_when_full() -> None:
    memo: BoundedMemo[int, str] = BoundedMemo(8)
    for i in range(8):
        assert memo.put(i, str(i)) == str(i)
    memo.put(8, "8")
    assert len(memo) == 7 and 0 not in memo and 1 not in memo and memo[8] == "8"
    for i in range(100):
        memo.put(100 + i, "x")
    assert len(memo) <= 8 and memo.get(199) == "x"


def test_memo_refuses_no_room() -> None:
    with pytest.raises(ValueError):
        BoundedMemo(0)


def test_small_matcher_caches_stay_bounded_and_answer_the_same(screener, monkeypatch) -> None:
    import embargo.index as index_module
    import embargo.match.engine as engine
    from benchmarks.devset import build
    from embargo.index import Index
    from embargo.match.engine import Matcher, Query

    cases = build(screener.index, per_class=4, negatives=60, seed=3)
    queries = [Query.of(c.query, schema=c.schema) for c in cases]
    expected = [[h.to_dict() for h in screener.matcher.check(q)] for q in queries]

    for name in ("SIDE_CACHE_SIZE", "WORD_CACHE_SIZE", "SIM_CACHE_WORDS", "NAMED_CACHE_SIZE"):
        monkeypatch.setattr(engine, name, 16)
    monkeypatch.setattr(index_module, "ENTITY_CACHE_SIZE", 16)
    monkeypatch.setattr(index_module, "FORM_CACHE_SIZE", 16)
    small = Matcher(Index(screener.index.path))
    got = [[h.to_dict() for h in small.check(q)] for q in queries]
    assert got == expected
    assert len(small._sides) <= 16 and len(small._word_cache) <= 16
    assert len(small._sim_cache) <= 16 and len(small.index._entity_cache) <= 16
    assert len(small.index._form_cache) <= 16 and len(small._named_cache) <= 16
