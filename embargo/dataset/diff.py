"""What changed between two dataset versions: the basis for re-screening.

Entities are compared by id and by a hash of their content, so a changed alias, address or
programme shows as ``changed`` and only those parties need screening again.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from embargo.dataset.store import DatasetVersion


def _fingerprints(version: DatasetVersion) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for data in version.iter_entities():
        if not data.get("target"):
            continue
        body = orjson.dumps(
            {"schema": data["schema"], "properties": data.get("properties", {})},
            option=orjson.OPT_SORT_KEYS,
        )
        caption = (data.get("properties", {}).get("name") or [""])[0]
        out[data["id"]] = (hashlib.sha1(body).hexdigest(), caption, data["schema"])
    return out


def diff_versions(old: DatasetVersion, new: DatasetVersion) -> dict[str, Any]:
    """``{"old", "new", "added": [...], "removed": [...], "changed": [...]}`` of listed parties."""
    before = _fingerprints(old)
    after = _fingerprints(new)

    def item(eid: str, fp: tuple[str, str, str]) -> dict[str, str]:
        return {"id": eid, "caption": fp[1], "schema": fp[2]}

    return {
        "old": old.version,
        "new": new.version,
        "added": [item(e, after[e]) for e in sorted(after.keys() - before.keys())],
        "removed": [item(e, before[e]) for e in sorted(before.keys() - after.keys())],
        "changed": [
            item(e, after[e])
            for e in sorted(after.keys() & before.keys())
            if after[e][0] != before[e][0]
        ],
    }
