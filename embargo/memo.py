"""A memo table with a size bound, for the matcher's and the index's per-process caches.

A long-running server sees new names all day: every cache it keeps must stop growing. When
full, the table forgets its oldest quarter (insertion order), so refilling costs one batch of
deletions rather than a bookkeeping step on every hit, and lookups stay plain ``dict.get``.
"""

from __future__ import annotations

from itertools import islice
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """``dict`` whose :meth:`put` keeps at most ``size`` entries."""

    def __init__(self, size: int):
        super().__init__()
        if size < 1:
            raise ValueError("a memo table holds at least one entry")
        self.size = size

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` under ``key`` (forgetting the oldest quarter if full); return it."""
        if len(self) >= self.size:
            for old in list(islice(iter(self), max(1, self.size // 4))):
                self.pop(old, None)  # another thread may have dropped it already
        self[key] = value
        return value
