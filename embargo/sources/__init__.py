"""One module per publisher: where its files live and how to read them into entities.

``SOURCES`` maps each source name to its module; the order is the order ``embargo update``
processes them and ``embargo lists`` shows them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_MODULES = [
    "ofac_sdn",
    "ofac_cons",
    "un_sc",
    "eu_fsf",
    "uk_ofsi",
    "ca_sema",
    "au_dfat",
    "jp_meti",
    "jp_meti_export_ban",
    "jp_mof",
    "us_bis_dpl",
    "us_csl",
    "ftm",
]


def load_sources(modules: list[str] | None = None) -> dict[str, ModuleType]:
    """Import every source module (or those named) and key it by its ``NAME``."""
    out: dict[str, ModuleType] = {}
    for mod_name in modules or _MODULES:
        module = importlib.import_module(f"embargo.sources.{mod_name}")
        out[module.NAME] = module
    return out
