"""Reading shipments from files: JSON (one or a list) and CSV of line items for batches.

A CSV has one row per goods line. Rows with the same ``id`` form one shipment (in order of first
appearance); shipment, route and party columns repeat on each row or are left empty after the
first. Party columns are ``<role>_name``, ``<role>_country``, ``<role>_address`` and
``<role>_type`` for each role (``buyer_name``, ``end_user_country``…). See docs/shipment.md.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from embargo.shipment.model import ROLES, Shipment, ShipmentError, parse_shipment

SHIPMENT_COLUMNS = ("id", "date", "end_use", "payment_method")
ROUTE_COLUMNS = (
    "origin", "transit", "ports", "port_of_loading", "port_of_discharge", "destination", "places",
)  # fmt: skip
GOODS_COLUMNS = (
    "description", "hs_code", "part_number", "quantity", "unit", "value", "currency",
    "manufacturer", "notes",
)  # fmt: skip
PARTY_FIELDS = ("name", "country", "address", "type")
PARTY_COLUMNS = tuple(f"{role}_{f}" for role in ROLES for f in PARTY_FIELDS)
ALL_COLUMNS = SHIPMENT_COLUMNS + ROUTE_COLUMNS + GOODS_COLUMNS + PARTY_COLUMNS


def read_shipments(path: Path) -> list[Shipment]:
    """Every shipment in a ``.json`` or ``.csv`` file, validated; errors name file, row, field."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ShipmentError([f"{path}: {exc.strerror or exc}"]) from None
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return read_csv(data, str(path))
    return read_json(data, str(path))


def read_json(data: bytes, name: str) -> list[Shipment]:
    """A shipment object, a list of them, or ``{"shipments": [...]}``."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ShipmentError([f"{name}: not valid JSON: {exc}"]) from None
    if isinstance(doc, dict) and isinstance(doc.get("shipments"), list):
        doc = doc["shipments"]
    items = doc if isinstance(doc, list) else [doc]
    if not items:
        raise ShipmentError([f"{name}: no shipments in the file"])
    out, errors = [], []
    for i, item in enumerate(items):
        where = f"{name}: shipment[{i}]" if isinstance(doc, list) else name
        try:
            out.append(parse_shipment(item, where))
        except ShipmentError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ShipmentError(errors)
    return out


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_csv(data: bytes, name: str) -> list[Shipment]:
    """Line items grouped into shipments by ``id``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ShipmentError([f"{name}: not UTF-8 text ({exc})"]) from None
    reader = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    headers = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = headers
    if "id" not in headers:
        raise ShipmentError([f"{name}: needs an 'id' column; found {', '.join(headers) or 'none'}"])
    unknown = [h for h in headers if h not in ALL_COLUMNS]
    if unknown:
        raise ShipmentError(
            [
                f"{name}: unknown column(s) {', '.join(unknown)}; shipment columns are "
                f"{', '.join(SHIPMENT_COLUMNS + ROUTE_COLUMNS)}, goods columns "
                f"{', '.join(GOODS_COLUMNS)}, party columns <role>_name/_country/_address/_type "
                f"with role one of {', '.join(ROLES)}"
            ]
        )
    groups: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    for row_no, row in enumerate(reader, 2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        sid = row.get("id", "")
        if not sid:
            errors.append(f"{name}: row {row_no}: column id is empty")
            continue
        group = groups.setdefault(sid, {"fields": {}, "goods": [], "rows": []})
        for col in SHIPMENT_COLUMNS + ROUTE_COLUMNS + PARTY_COLUMNS:
            value = row.get(col, "")
            if not value:
                continue
            seen = group["fields"].get(col)
            if seen is None:
                group["fields"][col] = (value, row_no)
            elif seen[0] != value:
                errors.append(
                    f"{name}: row {row_no}: column {col} is {value!r} but row {seen[1]} of "
                    f"shipment {sid} has {seen[0]!r}; shipment columns must agree"
                )
        line = {c: row[c] for c in GOODS_COLUMNS if row.get(c)}
        group["goods"].append(line)
        group["rows"].append(row_no)
    if errors:
        raise ShipmentError(errors)
    out = []
    for sid, group in groups.items():
        fields = {k: v for k, (v, _) in group["fields"].items()}
        ship: dict[str, Any] = {k: fields[k] for k in SHIPMENT_COLUMNS if k in fields}
        ship["route"] = {k: fields[k] for k in ROUTE_COLUMNS if k in fields}
        parties = []
        for role in ROLES:
            party = {f: fields[f"{role}_{f}"] for f in PARTY_FIELDS if f"{role}_{f}" in fields}
            if party:
                parties.append({"role": role, **party})
        ship["parties"] = parties
        ship["goods"] = group["goods"]
        where = f"{name}: shipment {sid} (rows {', '.join(map(str, group['rows']))})"
        try:
            out.append(parse_shipment(ship, where, goods_rows=group["rows"]))
        except ShipmentError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ShipmentError(errors)
    if not out:
        raise ShipmentError([f"{name}: no rows"])
    return out
