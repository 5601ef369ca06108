"""OpenSanctions (or any) FollowTheMoney entity files: one JSON entity per line.

OpenSanctions' consolidated export (``entities.ftm.json``, licensed: CC BY-NC 4.0, commercial
use needs an OpenSanctions licence) is already FollowTheMoney, so entities are taken over as
they are. Every entity keeps its OpenSanctions id as ``ref`` and as the suffix of its id, so
references between entities (a Sanction's ``entity``, an Ownership's ``owner``…) are rewritten
without a lookup and the file can be streamed: a multi-gigabyte export never sits in memory.
Parties (Person, Organization, Company, LegalEntity, Vessel, Airplane, or anything flagged
``"target": true``) become listed entities; Sanction, Ownership, Address and the like are
helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
from followthemoney import model
from followthemoney.types import registry

from embargo.sources.base import Download, EntityProxy, ParseContext

NAME = "opensanctions_ftm"
TITLE = "OpenSanctions consolidated sanctions data (FollowTheMoney)"
PUBLISHER = "OpenSanctions"
DOWNLOADS = [
    Download(
        "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
        "entities.ftm.json",
    ),
]

_PARTY_SCHEMATA = {"LegalEntity", "Person", "Organization", "Company", "Vessel", "Airplane"}
_PATTERNS = ("*.json", "*.jsonl", "*.ftm")


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """Every entity of every JSON-lines file in ``folder``, ids rewritten into this source."""
    files = sorted({p for pattern in _PATTERNS for p in folder.glob(pattern)})
    if not files:
        raise ctx.error(folder / "entities.ftm.json", None, "file missing")
    seen: set[str] = set()
    for path in files:
        yield from _parse_file(ctx, path, seen)


def _parse_file(ctx: ParseContext, path: Path, seen: set[str]) -> Iterator[EntityProxy]:
    count = 0
    with path.open("rb") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ctx.error(path, f"line {line_number}", f"not JSON: {exc}") from exc
            if not isinstance(data, dict) or "id" not in data or "schema" not in data:
                raise ctx.error(
                    path, f"line {line_number}", "not a FollowTheMoney entity (no id/schema)"
                )
            count += 1
            entity = _entity(ctx, data, path, line_number)
            if entity is None:
                continue
            if entity.id in seen:
                ctx.warn("entity repeated", f"{path.name} line {line_number}: {data['id']}")
                continue
            seen.add(entity.id)
            yield entity
    if count == 0:
        raise ctx.error(path, "line 1", "empty file")


def _entity(
    ctx: ParseContext, data: dict[str, object], path: Path, line_number: int
) -> EntityProxy | None:
    schema = model.get(str(data["schema"]))
    if schema is None:
        ctx.warn("unknown schema", f"{path.name} line {line_number}: {data['schema']}")
        return None
    ref = str(data["id"])
    if data.get("target") is True or schema.name in _PARTY_SCHEMATA:
        entity = ctx.make(schema.name, ref)
    else:
        entity = ctx.make_aux(schema.name, ref)
        entity.id = ctx.make_id(ref)
        entity.context["ref"] = ref
    properties = data.get("properties")
    if not isinstance(properties, dict):
        properties = {}
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            ctx.warn("property not in schema", f"{schema.name}.{name}")
            continue
        if not isinstance(values, list):
            values = [values]
        for value in values:
            if isinstance(value, dict):  # nested entity (rare in exports): keep its id
                value = value.get("id")
            if value is None:
                continue
            if prop.type == registry.entity:
                entity.add(prop, ctx.make_id(str(value)), cleaned=True)
            else:
                entity.add(prop, str(value), cleaned=True)
    last_change = data.get("last_change")
    if isinstance(last_change, str) and len(last_change) >= 10:
        day = last_change[:10]
        if ctx.published is None or day > ctx.published:
            ctx.published = day
    return entity
