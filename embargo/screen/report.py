"""The HTML report a compliance officer opens: counts, then hits grouped by severity.

Rendered from the run's JSON Lines spool in one streaming pass; each severity band keeps at
most ``max_hits_per_band`` hits (the JSON Lines/CSV output has them all), so the report of a
million-row file stays a page a browser can open.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from embargo.screen.writers import explanation_text, iter_spool, lists_text, name_text


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    text = resources.files("embargo.screen").joinpath("data/report.json").read_text("utf-8")
    return json.loads(text)


def severity(hit: dict[str, Any]) -> str:
    """The first band in ``data/report.json`` whose conditions ``hit`` meets."""
    for band in _config()["severity"]:
        if bool(hit["match"]) == band["match"] and hit["score"] >= band["min_score"]:
            return band["name"]
    return _config()["severity"][-1]["name"]


def render_report(spool: Path, out: Path, summary: dict[str, Any]) -> None:
    """Write the HTML report of the run spooled in ``spool`` to ``out`` (atomically)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    config = _config()
    cap = config["max_hits_per_band"]
    bands = [{**band, "hits": [], "count": 0} for band in config["severity"]]
    by_name = {band["name"]: band for band in bands}
    for record in iter_spool(spool):
        for hit in record["hits"]:
            band = by_name[severity(hit)]
            band["count"] += 1
            if len(band["hits"]) < cap:
                band["hits"].append(
                    {
                        "row": record["row"],
                        "id": record.get("id"),
                        "screened": name_text(hit),
                        "caption": hit["caption"],
                        "schema": hit["schema"],
                        "entity_id": hit["entity_id"],
                        "score": hit["score"],
                        "match": hit["match"],
                        "sources": hit.get("sources", []),
                        "lists": lists_text(hit),
                        "why": explanation_text(hit),
                        "name": hit.get("explanation", {}).get("name") or {},
                        "facts": hit.get("explanation", {}).get("facts", []),
                    }
                )
    for band in bands:
        band["hits"].sort(key=lambda h: (-h["score"], h["row"]))
    env = Environment(
        loader=PackageLoader("embargo.screen", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for piece in template.generate(summary=summary, bands=bands, cap=cap):
            fh.write(piece)
    tmp.replace(out)
