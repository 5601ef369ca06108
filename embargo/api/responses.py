"""Screening hits in yente's response shapes, with embargo's explanation and feature scores."""

from __future__ import annotations

from collections import Counter
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from typing import Any

import orjson

from embargo.api.links import entity_response
from embargo.api.query import mapping
from embargo.match import weights
from embargo.match.engine import Hit
from embargo.screener import Screener

COUNTRY_PROPS = tuple(mapping()["countries"])
DOCS_URL = "/algorithms"  # this server's own description of the matcher


def _load(name: str) -> dict[str, Any]:
    return orjson.loads(resources.files("embargo.api").joinpath(f"data/{name}").read_bytes())


@cache
def matcher_table() -> dict[str, Any]:
    return _load("matcher.json")


@cache
def group_table() -> dict[str, Any]:
    return {k: v for k, v in _load("groups.json").items() if not k.startswith("_")}


def _weight(ref: str | float | None) -> float:
    """A number, or the name of a constant in ``embargo.match.weights`` (``-NAME`` negates)."""
    if ref is None:
        return 0.0
    if isinstance(ref, int | float):
        return float(ref)
    sign = -1.0 if ref.startswith("-") else 1.0
    return sign * float(getattr(weights, ref.lstrip("-")))


def feature_docs() -> dict[str, dict[str, Any]]:
    """yente's ``matcher`` block: each feature with its description and coefficient."""
    return {
        name: {
            "description": doc["description"],
            "coefficient": _weight(doc["coefficient"]),
            "url": DOCS_URL,
        }
        for name, doc in matcher_table()["features"].items()
    }


def algorithm_names() -> list[str]:
    table = matcher_table()
    return [*table["algorithms"], *table["aliases"]]


def features(explanation: dict[str, Any]) -> dict[str, float]:
    """Named feature scores of one hit, read from its explanation."""
    out: dict[str, float] = {}
    name = explanation.get("name")
    if name:
        out["name"] = round(float(name.get("score", 0.0)), 4)
    results = matcher_table()["fact_results"]
    for fact in explanation.get("facts", []):
        kind = fact.get("fact")
        table = results.get(kind, {})
        out[kind] = round(_weight(table.get(fact.get("result"))), 4)
    return out


def resolve_lists(dataset: str, available: list[str]) -> list[str] | None:
    """The list names a path's ``{dataset}`` stands for: one list, or a group; None if unknown."""
    if dataset in available:
        return [dataset]
    group = group_table().get(dataset)
    if group is None:
        return None
    return [n for n in available if any(fnmatchcase(n, p) for p in group["lists"])]


def hit_lists(hit: Hit) -> set[str]:
    return {s["list"] for s in hit.sources}


def scored_result(screener: Screener, hit: Hit) -> dict[str, Any]:
    data = screener.entity(hit.entity_id) or {
        "id": hit.entity_id,
        "schema": hit.schema,
        "properties": {},
        "datasets": sorted(hit_lists(hit)),
        "target": True,
    }
    out = entity_response(data, hit.caption)
    if not out["datasets"]:
        out["datasets"] = sorted(hit_lists(hit))
    out["score"] = round(hit.score, 4)
    out["features"] = features(hit.explanation)
    out["match"] = hit.match
    out["explanation"] = {**hit.explanation, "sources": hit.sources}
    return out


def facets(results: list[dict[str, Any]], titles: dict[str, str]) -> dict[str, Any]:
    """Counts by list and by country over the results, as yente's search facets."""
    by_list: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    for result in results:
        by_list.update(set(result["datasets"]))
        props = result["properties"]
        by_country.update(
            {c for p in COUNTRY_PROPS for c in props.get(p, []) if isinstance(c, str)}
        )
    return {
        "datasets": {
            "label": "Data sources",
            "values": [
                {"name": n, "label": titles.get(n) or n, "count": c}
                for n, c in by_list.most_common()
            ],
        },
        "countries": {
            "label": "Countries",
            "values": [
                {"name": n, "label": n.upper(), "count": c} for n, c in by_country.most_common()
            ],
        },
    }
