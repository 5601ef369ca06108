"""Shipment screening: parties, goods and route judged together into one decision.

    >>> from embargo.shipment import screen_shipment
    >>> result = screen_shipment({"id": "S1", "parties": [...], "goods": [...], "route": {...}},
    ...                          screener)
    >>> result.decision, [r.rule for r in result.reasons]

Importable without FastAPI; the HTTP API and the CLI are skins over :func:`screen_shipment`.
"""

from __future__ import annotations

from embargo.lazy import exports

# Imported on first use (:mod:`embargo.lazy`): the names, goods and rules tables they
# load cost every other ``embargo`` command 0.17 s of start-up.
_EXPORTS = {
    "screen_shipment": "embargo.shipment.decision",
    "HsCode": "embargo.shipment.hs",
    "HsCodeError": "embargo.shipment.hs",
    "normalize_hs": "embargo.shipment.hs",
    "GoodsLine": "embargo.shipment.model",
    "Party": "embargo.shipment.model",
    "Route": "embargo.shipment.model",
    "Shipment": "embargo.shipment.model",
    "ShipmentError": "embargo.shipment.model",
    "ShipmentResult": "embargo.shipment.model",
    "parse_shipment": "embargo.shipment.model",
    "RulesError": "embargo.shipment.rules",
    "RuleSet": "embargo.shipment.rules",
    "load_rules": "embargo.shipment.rules",
}
__all__ = sorted(_EXPORTS)


__getattr__ = exports(__name__, _EXPORTS)
