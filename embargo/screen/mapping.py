"""Which input column holds what, and how a row becomes the parties to screen.

Headers are recognised from the spellings in ``data/columns.json`` (English and a few other
languages), after lower-casing, removing accents and collapsing punctuation; ``--map
field=Header`` overrides or completes that. A row with a person's name and a company name
(a contact and their employer) is screened as two parties, each under its own schema.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

FIELDS = (
    "id",
    "name",
    "alias",
    "first_name",
    "middle_name",
    "last_name",
    "company",
    "country",
    "nationality",
    "birth_date",
    "id_number",
    "address",
    "type",
)
FIELD_ALIASES = {
    "ids": "id_number",
    "id_numbers": "id_number",
    "dob": "birth_date",
    "surname": "last_name",
    "given_name": "first_name",
    "aliases": "alias",
    "schema": "type",
}
SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
NAME_FIELDS = ("name", "first_name", "last_name", "company")
_SPLIT = re.compile(r"\s*[;|]\s*")


class MappingError(Exception):
    """The columns cannot be mapped; the message lists the file's headers."""


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = resources.files("embargo.screen").joinpath("data/columns.json").read_text("utf-8")
    return json.loads(text)


def normalize_header(text: str) -> str:
    """``"Date of Birth"``, ``"date_of_birth"``, ``"DATE-OF-BIRTH"`` → ``"date of birth"``."""
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    return {
        normalize_header(spelling): name
        for name, spellings in _table()["fields"].items()
        for spelling in spellings
    }


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    out = {normalize_header(s): s for s in SCHEMATA}
    for schema, values in _table()["types"].items():
        for value in values:
            out[normalize_header(value)] = schema
    return out


def schema_of_type(value: Any) -> str | None:
    """A type column's value as a schema: ``individual`` → Person, ``Firma`` → Company."""
    if value is None:
        return None
    return _schema_of_type_text(str(value))


@lru_cache(maxsize=1024)
def _schema_of_type_text(text: str) -> str | None:
    """A type column holds a handful of values, read on every row of a file."""
    return _types().get(normalize_header(text))


@dataclass(frozen=True)
class ColumnMap:
    """For each field, the header(s) of the column(s) holding it."""

    columns: tuple[tuple[str, tuple[str, ...]], ...]
    headers: tuple[str, ...]

    @classmethod
    def build(
        cls, headers: list[str], overrides: list[str] | None = None, *, source: str = "input"
    ):
        """Map ``headers`` automatically, then apply ``--map field=Header`` overrides."""
        multiple = set(_table()["multiple"])
        spellings = _spellings()
        found: dict[str, list[str]] = {}
        for header in headers:
            name = spellings.get(normalize_header(header))
            if name and (name in multiple or name not in found):
                found.setdefault(name, []).append(header)
        explicit: dict[str, list[str]] = {}
        by_lower = {h.casefold(): h for h in headers}
        for item in overrides or []:
            key, sep, header = item.partition("=")
            key = FIELD_ALIASES.get(key.strip().lower(), key.strip().lower())
            header = header.strip().strip('"')
            if not sep or not key:
                raise MappingError(f"--map takes field=Header, got {item!r}")
            if key not in FIELDS:
                raise MappingError(
                    f"--map {item!r}: unknown field {key!r}; fields: {', '.join(FIELDS)}"
                )
            if not header:
                explicit[key] = []
                continue
            real = header if header in headers else by_lower.get(header.casefold())
            if real is None:
                raise MappingError(
                    f"--map {item!r}: {source} has no column {header!r}; "
                    f"headers found: {', '.join(repr(h) for h in headers)}"
                )
            explicit.setdefault(key, []).append(real)
        found.update(explicit)
        columns = tuple(
            (k, tuple(v)) for k, v in sorted(found.items(), key=lambda kv: FIELDS.index(kv[0])) if v
        )
        mapped = cls(columns, tuple(headers))
        if not any(mapped.get(f) for f in NAME_FIELDS):
            raise MappingError(
                f"{source}: cannot tell which column holds the name to screen; headers found: "
                f"{', '.join(repr(h) for h in headers) or 'none'}. Name it with "
                f'--map name="<header>" (or first_name/last_name/company).'
            )
        return mapped

    def get(self, name: str) -> tuple[str, ...]:
        for key, headers in self.columns:
            if key == name:
                return headers
        return ()

    def describe(self) -> str:
        """``name ← 'Full Name', country ← 'Land'``: what the user should check."""
        return ", ".join(
            f"{k} ← {', '.join(repr(h) for h in headers)}" for k, headers in self.columns
        )


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """``Russia``, ``RUS``, ``Russische Föderation`` → ``ru`` (FollowTheMoney's country names)."""
    from followthemoney.types import registry

    return registry.country.clean(value)


# Birth dates repeat across a file but are many: a century of days is 36,525 values.
@lru_cache(maxsize=65_536)
def _dates(value: str) -> tuple[str, ...]:
    from embargo.sources.dates import parse_dates

    return tuple(parse_dates(value))


# A party as screened, hashable so that repeated rows are checked once:
# (names, schema, birth_dates, countries, ids, addresses)
Party = tuple[
    tuple[str, ...], str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]


class RowParser:
    """Turns an input row (header → value) into the parties it names.

    Rows repeat in customer files, so the parties of recently seen cell values are remembered.
    """

    _MEMO_SIZE = 50_000

    def __init__(self, mapping: ColumnMap, default_schema: str | None = None):
        self.default_schema = default_schema
        self.id_columns = mapping.get("id")
        groups = {
            "type": mapping.get("type"),
            "name": mapping.get("name"),
            "person": mapping.get("first_name")
            + mapping.get("middle_name")
            + mapping.get("last_name"),
            "company": mapping.get("company"),
            "alias": mapping.get("alias"),
            "country": mapping.get("country") + mapping.get("nationality"),
            "dob": mapping.get("birth_date"),
            "ids": mapping.get("id_number"),
            "address": mapping.get("address"),
        }
        self.columns: tuple[str, ...] = tuple(c for cols in groups.values() for c in cols)
        self.slices: dict[str, slice] = {}
        start = 0
        for group, cols in groups.items():
            self.slices[group] = slice(start, start + len(cols))
            start += len(cols)
        self.memo: dict[tuple[Any, ...], tuple[Party, ...]] = {}

    def record_id(self, row: dict[str, Any]) -> Any:
        """The row's own identifier (customer number), as given."""
        for col in self.id_columns:
            value = row.get(col)
            if value not in (None, ""):
                return value
        return None

    def parties(self, row: dict[str, Any]) -> tuple[Party, ...]:
        """The parties named in ``row``; empty when it names none."""
        get = row.get
        values = tuple([get(c) for c in self.columns])
        found = self.memo.get(values)
        if found is None:
            if len(self.memo) >= self._MEMO_SIZE:
                self.memo.clear()
            found = self.memo[values] = self._parties([cell_text(v) for v in values])
        return found

    def _parties(self, cells: list[str]) -> tuple[Party, ...]:
        sl = self.slices
        schema = self.default_schema
        for text in cells[sl["type"]]:
            if text:
                schema = schema_of_type(text) or schema
                break
        names = [t for t in cells[sl["name"]] if t]
        person = " ".join([t for t in cells[sl["person"]] if t])
        company = " ".join([t for t in cells[sl["company"]] if t])
        if person and person not in names:
            names.append(person)
            if schema is None and len(names) == 1:
                schema = "Person"
        if names:
            for text in cells[sl["alias"]]:
                for alias in _split(text):
                    if alias not in names:
                        names.append(alias)
        countries: dict[str, None] = {}
        for text in cells[sl["country"]]:
            for part in _split(text):
                code = country_code(part)
                if code:
                    countries[code] = None
        dobs: dict[str, None] = {}
        for text in cells[sl["dob"]]:
            if text:
                dobs.update(dict.fromkeys(_dates(text)))
        ids = tuple(p for text in cells[sl["ids"]] for p in _split(text))
        addresses = tuple(t for t in cells[sl["address"]] if t)
        country_codes = tuple(countries)
        if not names:
            if not company:
                return ()
            return (((company,), schema or "Company", (), country_codes, ids, addresses),)
        main: Party = (tuple(names), schema, tuple(dobs), country_codes, ids, addresses)
        if company and company not in names:
            return (main, ((company,), "Company", (), country_codes, (), ()))
        return (main,)


def _split(text: str) -> list[str]:
    """Several values in one cell, separated by ``;`` or ``|``."""
    if not text:
        return []
    if ";" not in text and "|" not in text:
        return [text]
    return [p for p in _SPLIT.split(text) if p]
