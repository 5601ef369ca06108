"""The library API: open the current dataset and check parties against it.

    >>> from embargo import Screener
    >>> screener = Screener.open()
    >>> hits = screener.check("Alabuga Machinery", schema="Company")

The CLI, the HTTP API and batch screening are thin skins over this class.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from embargo import settings
from embargo.dataset.store import DatasetVersion, Store
from embargo.index import ensure_index
from embargo.match import weights
from embargo.match.engine import Hit, Matcher, Query
from embargo.match.names import NameScore

DEFAULT_THRESHOLD = weights.THRESHOLD


class Screener:
    """A loaded dataset version with its matcher."""

    def __init__(self, version: DatasetVersion):
        self.version = version
        # The index is derived data: rebuilt beside the version's entities where stale
        # (written aside and renamed into place), never a change to what the lists said.
        self.index = ensure_index(version.path)
        self.matcher = Matcher(self.index)
        self._offsets: dict[str, tuple[str, int]] | None = None

    @classmethod
    def open(cls, home: Path | None = None, version: str | None = None) -> Screener:
        store = Store(home or settings.home())
        return cls(store.get(version) if version else store.require_current())

    def check(
        self,
        names: str | Sequence[str],
        *,
        schema: str | None = None,
        birth_dates: Iterable[str] = (),
        countries: Iterable[str] = (),
        ids: Iterable[str] = (),
        addresses: Iterable[str] = (),
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
    ) -> list[Hit]:
        """Screen one party; hits best first, ``match`` set at or above ``threshold``.

        Raises :class:`~embargo.match.engine.UnreadableName` when no name can be read into
        words to match (a script no romanisation here reads) and no identifier is given: an
        empty list would say the party is on no list when it was never screened.
        """
        query = Query.of(
            names,
            schema=None if schema in (None, "", "any", "Thing") else schema,
            birth_dates=list(birth_dates),
            countries=[c.lower() for c in countries if c],
            ids=list(ids),
            addresses=list(addresses),
        )
        return self.matcher.check(query, threshold=threshold, limit=limit)

    def check_query(
        self,
        query: Query,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        matches_only: bool = False,
    ) -> list[Hit]:
        """Screen a prepared :class:`Query`; ``matches_only`` drops hits below ``threshold``."""
        return self.matcher.check(
            query, threshold=threshold, limit=limit, matches_only=matches_only
        )

    def compare(self, a: str, b: str, schema: str | None = None) -> NameScore:
        return self.matcher.compare(a, b, schema)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """The full FtM entity as the publisher's data gave it."""
        if self._offsets is None:
            self._offsets = {}
            for source in self.version.sources:
                path = self.version.entity_file(source)
                if not path.exists():
                    continue
                with open(path, "rb") as fh:
                    offset = 0
                    for line in fh:
                        start = line.find(b'"id":"')
                        if start >= 0:
                            end = line.find(b'"', start + 6)
                            self._offsets[line[start + 6 : end].decode()] = (source, offset)
                        offset += len(line)
        found = self._offsets.get(entity_id)
        if not found:
            return None
        source, offset = found
        with open(self.version.entity_file(source), "rb") as fh:
            fh.seek(offset)
            return orjson.loads(fh.readline())


def open_for_parties(home: Path, no_parties: bool = False) -> Screener | None:
    """The current dataset for a command that screens parties (None with ``--no-parties``), or
    a StoreError saying how to get one (``embargo update``) or to skip party screening."""
    from embargo.dataset.store import StoreError

    if no_parties:
        return None
    try:
        return Screener.open(home)
    except StoreError as exc:
        raise StoreError(f"{exc}\nRun `embargo update` first, or pass --no-parties.") from exc
