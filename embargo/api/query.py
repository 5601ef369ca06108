"""From a yente query entity to a screening :class:`Query`, following ``data/query_mapping.json``.

The example goes through FollowTheMoney like yente's does (unknown properties are ignored,
countries and dates cleaned, name parts combined into a name) so that the ``query`` echoed back
is the one yente would echo; then its properties are read into the matcher's fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import orjson
from followthemoney import model
from followthemoney.helpers import combine_names
from followthemoney.types import registry

from embargo.api.config import ApiConfig
from embargo.api.models import EntityExample
from embargo.match.engine import Query
from embargo.sources.dates import parse_dates

SCALARS = (str, int, float)


class QueryError(ValueError):
    """A query entity cannot be screened; the message names the query and the field."""


@cache
def mapping() -> dict[str, Any]:
    return orjson.loads(
        resources.files("embargo.api").joinpath("data/query_mapping.json").read_bytes()
    )


@dataclass
class ParsedQuery:
    key: str
    query: Query
    echo: dict[str, Any]  # the cleaned entity, as yente echoes it in ``responses[key].query``


def _values(key: str, prop: str, raw: str | list[Any], config: ApiConfig) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw
    if len(items) > config.max_names:
        raise QueryError(
            f"query {key!r}: property {prop!r} has {len(items)} values (limit {config.max_names})"
        )
    out = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, SCALARS):
            raise QueryError(
                f"query {key!r}: property {prop!r}: values must be strings, got "
                f"{type(item).__name__} {orjson.dumps(item, default=str).decode()[:60]}"
            )
        text = str(item).strip()
        if len(text) > config.max_value_chars:
            raise QueryError(
                f"query {key!r}: property {prop!r}: a value of {len(text)} characters "
                f"(limit {config.max_value_chars})"
            )
        if text:
            out.append(text)
    return out


def parse_example(key: str, example: EntityExample, config: ApiConfig) -> ParsedQuery:
    """Check and clean one query entity; raise :class:`QueryError` with a clear message."""
    table = mapping()
    schema = model.get(example.schema_)
    if schema is None:
        raise QueryError(
            f"query {key!r}: unknown schema {example.schema_!r}; use one of "
            f"{', '.join(table['schemas'])}"
        )
    if schema.name not in table["schemas"]:
        raise QueryError(
            f"query {key!r}: schema {schema.name!r} cannot be screened; use one of "
            f"{', '.join(table['schemas'])}"
        )
    entity = model.make_entity(schema)
    entity.id = example.id
    for prop_name, raw in example.properties.items():
        prop = schema.get(prop_name)
        if prop is None:
            continue  # as yente: an unknown property is ignored, not an error
        values = _values(key, prop_name, raw, config)
        if prop.type == registry.date:
            for value in values:
                dates = parse_dates(value)
                entity.add(prop, dates or value, cleaned=bool(dates), fuzzy=True, quiet=True)
        else:
            entity.add(prop, values, cleaned=False, fuzzy=True, quiet=True)
    combine_names(entity)
    countries = set(entity.get_type_values(registry.country))
    for prop, value in list(entity.itervalues()):
        hint = prop.type.country_hint(value)
        if hint is not None and hint not in countries and schema.get("country"):
            entity.add("country", hint, cleaned=True)
            countries.add(hint)

    def gather(field: str) -> list[str]:
        found: list[str] = []
        for name in table[field]:
            if schema.get(name) is not None:
                found.extend(v for v in entity.get(name, quiet=True) if v not in found)
        return found

    names = gather("names")
    parts = [v for name in table["name_parts"] for v in entity.get(name, quiet=True)]
    if parts:
        joined = " ".join(parts)
        if joined not in names:
            names.append(joined)
    ids = gather("ids")
    if not names and not ids:
        raise QueryError(
            f"query {key!r}: nothing to match on; give a name ({', '.join(table['names'][:3])}, "
            f"firstName/lastName…) or an identifier ({', '.join(table['ids'][:4])}…)"
        )
    if sum(len(n) for n in names) > config.max_name_chars:
        raise QueryError(
            f"query {key!r}: names of {sum(len(n) for n in names)} characters in all "
            f"(limit {config.max_name_chars})"
        )
    query = Query(
        names=names,
        schema=table["schemas"][schema.name],
        birth_dates=gather("birth_dates"),
        countries=[c.lower() for c in gather("countries")],
        ids=ids,
        addresses=gather("addresses"),
    )
    echo = {"id": example.id, "schema": schema.name, "properties": entity.to_dict()["properties"]}
    return ParsedQuery(key=key, query=query, echo=echo)
