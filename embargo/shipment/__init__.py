"""Shipment screening: parties, goods and route judged together into one decision.

    >>> from embargo.shipment import screen_shipment
    >>> result = screen_shipment({"id": "S1", "parties": [...], "goods": [...], "route": {...}},
    ...                          screener)
    >>> result.decision, [r.rule for r in result.reasons]

Importable without FastAPI; the HTTP API and the CLI are skins over :func:`screen_shipment`.
"""

from embargo.shipment.decision import screen_shipment
from embargo.shipment.hs import HsCode, HsCodeError, normalize_hs
from embargo.shipment.model import (
    GoodsLine,
    Party,
    Route,
    Shipment,
    ShipmentError,
    ShipmentResult,
    parse_shipment,
)
from embargo.shipment.rules import RulesError, RuleSet, load_rules

__all__ = [
    "GoodsLine",
    "HsCode",
    "HsCodeError",
    "Party",
    "Route",
    "RuleSet",
    "RulesError",
    "Shipment",
    "ShipmentError",
    "ShipmentResult",
    "load_rules",
    "normalize_hs",
    "parse_shipment",
    "screen_shipment",
]
