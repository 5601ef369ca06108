"""Country and territory names and codes → FollowTheMoney country codes, fast to load.

The table (``data/derived/countries.csv``) is rigour's territory data — the data FollowTheMoney's
country type reads — already latinised by ``python -m embargo.shipment.derive``, because building
it from rigour at run time takes seconds per process. ``Dubai`` → ``ae``, ``Россия`` → ``ru``,
``Sevastopol`` → ``ua-cri``.
"""

from __future__ import annotations

import csv
from functools import cache

from embargo.names import latinize
from embargo.shipment.rules import DERIVED

TABLE = DERIVED / "countries.csv"


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    with open(TABLE, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            (codes if row["kind"] == "code" else names)[row["name"]] = row["code"]
    return codes, names


def country_code(text: str) -> str | None:
    """A code (``DE``, ``DEU``, ``UA-CRI``) or a name in any script; None when unknown."""
    text = text.strip()
    if not text:
        return None
    codes, names = _table()
    found = codes.get(text.lower())
    if found:
        return found
    return names.get(latinize(text))


def name_code(latinized: str) -> str | None:
    """Only names, for phrases read out of free text (where ``de`` or ``in`` are not codes)."""
    return _table()[1].get(latinized)
