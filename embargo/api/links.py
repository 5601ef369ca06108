"""Linked entities: the Sanctions, links and relations that point at a listed party.

The publishers' files give a Sanction or an UnknownLink its own entity that *refers to* the
party; to show them with the party, the API needs the reverse direction, built once per dataset
version by scanning its entity files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson
from followthemoney import model
from followthemoney.types import registry

from embargo.dataset.store import DatasetVersion

MAX_ADJACENT = 500  # linked entities nested into one response, at most


@cache
def entity_props(schema: str) -> dict[str, str]:
    """Entity-typed properties of ``schema`` -> the name of their reverse property."""
    found = model.get(schema)
    if found is None:
        return {}
    return {
        name: (prop.reverse.name if prop.reverse is not None else name)
        for name, prop in found.properties.items()
        if prop.type == registry.entity
    }


def build_reverse_index(version: DatasetVersion) -> dict[str, list[tuple[str, str]]]:
    """Referenced id -> [(reverse property, referring entity id)] over the whole version."""
    reverse: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source in version.sources:
        path = version.entity_file(source)
        if not path.exists():
            continue
        with open(path, "rb") as fh:
            for line in fh:
                data = orjson.loads(line)
                props = entity_props(data.get("schema", ""))
                if not props:
                    continue
                for name, values in data.get("properties", {}).items():
                    rev = props.get(name)
                    if rev is None:
                        continue
                    for value in values:
                        reverse[value].append((rev, data["id"]))
    return dict(reverse)


def entity_response(data: dict[str, Any], caption: str | None = None) -> dict[str, Any]:
    """An FtM entity dict in yente's EntityResponse shape."""
    props = data.get("properties", {})
    return {
        "id": data["id"],
        "caption": caption or _caption(data),
        "schema": data.get("schema", "Thing"),
        "properties": {k: list(v) for k, v in props.items()},
        "datasets": list(data.get("datasets", [])),
        "referents": list(data.get("referents", [])),
        "target": bool(data.get("target", False)),
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
    }


def _caption(data: dict[str, Any]) -> str:
    schema = model.get(data.get("schema", "")) or model.get("Thing")
    props = data.get("properties", {})
    for name in schema.caption:
        if props.get(name):
            return str(props[name][0])
    return schema.label


def nested_entity(
    root: dict[str, Any],
    fetch: Callable[[str], dict[str, Any] | None],
    reverse: dict[str, list[tuple[str, str]]],
    caption: str | None = None,
) -> dict[str, Any]:
    """``root`` with the entities that refer to it (and their other ends) nested in place.

    Like yente: a Sanction on the party appears under ``sanctions``, an UnknownLink under
    ``unknownLinkTo``/``unknownLinkFrom`` with the other party expanded inside it; references
    back to the root are left out, and nesting stops there.
    """
    out = entity_response(root, caption)
    for name in entity_props(root.get("schema", "")):
        values = out["properties"].get(name)
        if not values:
            continue
        out["properties"][name] = [
            entity_response(found) if (found := fetch(v)) is not None else v for v in values
        ]
    for rev, adj_id in reverse.get(root["id"], [])[:MAX_ADJACENT]:
        adj = fetch(adj_id)
        if adj is None:
            continue
        nested = entity_response(adj)
        props = entity_props(adj.get("schema", ""))
        for name, values in list(nested["properties"].items()):
            if name not in props:
                continue
            expanded: list[Any] = []
            for value in values:
                if value == root["id"]:
                    continue
                other = fetch(value)
                expanded.append(entity_response(other) if other is not None else value)
            if expanded:
                nested["properties"][name] = expanded
            else:
                del nested["properties"][name]
        out["properties"].setdefault(rev, []).append(nested)
    return out
