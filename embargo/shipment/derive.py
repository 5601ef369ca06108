"""Write the package's fallback copies of the shared source tables, reduced to what is used.

    python -m embargo.shipment.derive [../shared/data]

The screen reads ``../shared/data/goods`` and ``../shared/data/geo`` when they are there
(``EMBARGO_RULES_DIR``). An installed package has no ``../shared``, so it carries derived tables
under ``embargo/shipment/data/derived/``: only the columns the screen reads, the source column
cut to its first reference, and a ``derived_from`` column naming the original file and row.
Re-run this after the shared data changes.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

from embargo.shipment.rules import DERIVED, REPO_SHARED, SOURCE_TABLES

# Columns kept per table; the loader needs no more.
KEEP = {
    "chpl": ("hs_code", "tier", "source"),
    "tiers": ("tier", "definition", "source"),
    "listed_items": ("hs_code", "description", "list", "source"),
    "red_flags": ("id", "indicator", "category", "source"),
    "flagged_locations": (
        "name", "kind", "country_iso2", "locode", "why_flagged", "source",
    ),
}  # fmt: skip


def _shorten(column: str, value: str) -> str:
    if column == "source":
        return value.split(";")[0].strip()
    if column == "list":
        return value.split(";")[0].strip()
    return value


def derive(shared: Path, out: Path = DERIVED) -> list[Path]:
    """Write one derived CSV per source table; return the paths written."""
    written = []
    for name, rel in SOURCE_TABLES.items():
        src = shared / rel
        data = src.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow([*KEEP[name], "derived_from"])
            for n, row in enumerate(rows, 2):
                writer.writerow(
                    [_shorten(c, row.get(c, "") or "") for c in KEEP[name]]
                    + [f"../shared/data/{rel} row {n} (sha256 {digest})"]
                )
        written.append(dest)
    return written


def derive_countries(out: Path = DERIVED) -> Path:
    """Country and territory names → FollowTheMoney country codes, from rigour's territory data.

    Looking names up through FollowTheMoney normalises all 29,000 names on first use (seconds
    per process); this table holds them already latinised, so a screen starts in milliseconds.
    Codes, strong names, weak names and places are kept in that order of precedence; the
    ``derived_from`` column names the rigour release (its ``territories`` data).
    """
    from importlib.metadata import version

    from rigour.territories.lookup import _load_territory_names

    from embargo.names import latinize

    seen: dict[str, tuple[str, str]] = {}
    layers: dict[str, list[tuple[str, str]]] = {"code": [], "strong": [], "weak": [], "place": []}
    for territory, strongs, weaks, places in _load_territory_names():
        code = territory.ftm_country
        if not code or code == "zz" or code.startswith("x-"):
            continue
        for ident in (territory.code, territory.alpha3, *territory.other_codes):
            if ident:
                layers["code"].append((ident.lower(), code))
        for kind, names in (("strong", strongs), ("weak", weaks), ("place", places)):
            layers[kind].extend((name, code) for name in names)
    for kind, items in layers.items():
        for name, code in items:
            key = name if kind == "code" else latinize(name)
            if key and key not in seen:
                seen[key] = (code, kind)
    dest = out / "countries.csv"
    dest.parent.mkdir(parents=True, exist_ok=True)
    origin = f"rigour {version('rigour')}"
    with open(dest, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["name", "code", "kind", "derived_from"])
        for key in sorted(seen):
            code, kind = seen[key]
            writer.writerow([key, code, kind, origin])
    return dest


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    shared = Path(args[0]) if args else REPO_SHARED
    for path in derive(shared):
        print(path)
    print(derive_countries())


if __name__ == "__main__":
    main()
