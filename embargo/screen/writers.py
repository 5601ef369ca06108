"""Output formats of a screening run, besides the JSON Lines every run writes or spools.

CSV lines are written by the workers (one line per hit); XLSX and the HTML report are rendered
at the end from the JSON Lines spool, reading it as a stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

CSV_COLUMNS = [
    "row",
    "id",
    "screened_name",
    "entity_id",
    "caption",
    "schema",
    "score",
    "match",
    "lists",
    "programs",
    "explanation",
]


def lists_text(hit: dict[str, Any]) -> str:
    """``us_ofac_sdn:45713; eu_fsf:EU.123``: where the party is listed, with its references."""
    return "; ".join(
        f"{s.get('list')}:{s.get('ref')}" if s.get("ref") else str(s.get("list"))
        for s in hit.get("sources", [])
    )


def programs_text(hit: dict[str, Any]) -> str:
    programs: dict[str, None] = {}
    for s in hit.get("sources", []):
        programs.update(dict.fromkeys(s.get("programs") or []))
    return "; ".join(programs)


def name_text(hit: dict[str, Any]) -> str:
    """The name of the input that was matched."""
    return str(hit.get("explanation", {}).get("name", {}).get("query_name", ""))


def explanation_text(hit: dict[str, Any]) -> str:
    """One line an analyst can read: which words aligned how, which facts agreed."""
    explanation = hit.get("explanation", {})
    parts: list[str] = []
    name = explanation.get("name") or {}
    if name:
        listed = name.get("listed_name")
        head = f"name {name.get('score', 0):.2f}"
        if listed:
            head += f" vs {listed!r}"
        aligned = ", ".join(
            f"{a['query']}={a['listed']} ({a['how']})" for a in name.get("aligned", [])
        )
        parts.append(f"{head}: {aligned}" if aligned else head)
        if name.get("unmatched_query"):
            parts.append("not in listed name: " + " ".join(name["unmatched_query"]))
        if name.get("unmatched_listed"):
            parts.append("not in screened name: " + " ".join(name["unmatched_listed"]))
        if name.get("legal_forms"):
            parts.append(f"legal form {name['legal_forms']}")
        if name.get("weak_alias"):
            parts.append("weak alias")
        if name.get("fuller_name_conflict"):
            parts.append("fuller listed name conflicts")
    for fact in explanation.get("facts", []):
        text = f"{fact.get('fact')}: {fact.get('result')}"
        query, listed = fact.get("query"), fact.get("listed")
        if query or listed:
            text += f" ({', '.join(map(str, query or []))} vs {', '.join(map(str, listed or []))})"
        parts.append(text)
    return "; ".join(parts)


def hit_csv_row(row: int, record_id: Any, hit: dict[str, Any]) -> list[Any]:
    """One CSV/XLSX line for one hit, in :data:`CSV_COLUMNS` order."""
    return [
        row,
        record_id if isinstance(record_id, str | int | float) else _text(record_id),
        name_text(hit),
        hit["entity_id"],
        hit["caption"],
        hit["schema"],
        hit["score"],
        "true" if hit["match"] else "false",
        lists_text(hit),
        programs_text(hit),
        explanation_text(hit),
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    return (
        orjson.dumps(value, default=str).decode() if isinstance(value, dict | list) else str(value)
    )


def csv_header() -> bytes:
    return (",".join(CSV_COLUMNS) + "\n").encode("utf-8")


def iter_spool(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON Lines records of a run, one at a time."""
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def write_xlsx(spool: Path, out: Path, summary: dict[str, Any]) -> None:
    """A workbook with a Hits sheet (one row per hit) and a Summary sheet, written as a stream."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hits")
    sheet.append(CSV_COLUMNS)
    for record in iter_spool(spool):
        for hit in record["hits"]:
            sheet.append(hit_csv_row(record["row"], record.get("id"), hit))
    info = book.create_sheet("Summary")
    for key, value in summary.items():
        info.append([key, value if isinstance(value, int | float) else str(value)])
    tmp = out.with_name(out.name + ".tmp")
    book.save(tmp)
    tmp.replace(out)
