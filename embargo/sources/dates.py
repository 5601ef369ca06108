"""Publisher date strings to ISO dates (full, year-month or year).

Lists write dates as ``01 Jan 1970``, ``1970``, ``circa 1970``, ``1970 to 1972``,
``Between 1965 and 1969``, ``12/31/1970``, ``1970-01-31``, ``31.01.1970``. FollowTheMoney only
keeps ISO prefixes, so every form a publisher uses is turned into one or more of those; a range
becomes one value per year (screening compares years, and a listed range must admit each).
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january", "janvier", "enero"),
            ("feb", "february", "fevrier", "février", "febrero"),
            ("mar", "march", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "junio"),
            ("jul", "july", "juillet", "julio"),
            ("aug", "august", "aout", "août", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "decembre", "décembre", "diciembre"),
        ],
        start=1,
    )
    for m in names
}

_MAX_RANGE_YEARS = 30


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1800 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def _one(text: str) -> str | None:
    text = text.strip().strip(".,;")
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m:
        return _iso(int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return _iso(int(m[1]))
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if "/" in text and a <= 12 and b > 12:
            return _iso(year, a, b)  # US order, unambiguous
        return _iso(year, b, a)  # day first, the common list order
    m = re.fullmatch(r"(\d{1,2})[./](\d{4})", text)
    if m:
        return _iso(int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})\s*[- ]?\s*([A-Za-zéû]+)\.?\s*[- ]?\s*(\d{4})", text)
    if m and m[2].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    m = re.fullmatch(r"([A-Za-zéû]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if m and m[1].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    m = re.fullmatch(r"([A-Za-zéû]+)\.?\s*[- ]?\s*(\d{4})", text)
    if m and m[1].lower() in _MONTHS:
        return _iso(int(m[2]), _MONTHS[m[1].lower()])
    return None


def parse_dates(text: str | None) -> list[str]:
    """All ISO dates a publisher's date text stands for; empty if none can be read."""
    if not text:
        return []
    raw = " ".join(str(text).split())
    low = raw.lower()
    low = re.sub(r"\b(circa|ca\.|approx(?:imately)?\.?|about|c\.)\s*", "", low)
    m = re.fullmatch(r"(?:between\s+|from\s+)?(\d{4})\s*(?:to|and|-|–|/)\s*(\d{4})", low)
    if m:
        start, end = int(m[1]), int(m[2])
        if start <= end and end - start <= _MAX_RANGE_YEARS:
            return [y for y in (_iso(year) for year in range(start, end + 1)) if y]
    parts = re.split(r"\s*(?:;|\bor\b)\s*", low)
    out: list[str] = []
    for part in parts:
        m = re.fullmatch(r"(?:between\s+)?(.+?)\s+(?:to|and)\s+(.+)", part)
        pieces = [m[1], m[2]] if m else [part]
        for piece in pieces:
            value = _one(piece)
            if value and value not in out:
                out.append(value)
    return out
