"""The rule data a shipment is judged by: HS lists, places, red flags, keyword rules, policy.

Rule data is data, not code, so a compliance team can add a port or a keyword without a release.
Tables are looked up in two layers:

* the *source tables* (``goods/chpl_hs_codes.csv``, ``goods/chpl_tiers.csv``,
  ``goods/iran_uav_and_ear_items.csv``, ``goods/red_flags.csv``, ``geo/flagged_locations.csv``)
  come from ``$EMBARGO_RULES_DIR`` (default ``../shared/data`` next to the repository when it
  exists), else from the derived copies shipped in ``embargo/shipment/data/derived/``;
* the *engine tables* written for this package (``goods_rules.csv``, ``jurisdictions.csv``,
  ``place_aliases.csv``, ``terms.csv``, ``red_flag_coverage.csv``, ``policy.toml``) come from
  ``<rules dir>/shipment/`` when a file of that name is there, else from ``embargo/shipment/data/``.

Every file read is hashed; the combined hash is the rule-data version stamped on each result, so
a decision can be traced to the exact tables that produced it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo.names import latinize
from embargo.shipment.hs import HsCodeError, normalize_hs

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
DERIVED = PACKAGE_DATA / "derived"
REPO_SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"

SOURCE_TABLES = {
    "chpl": "goods/chpl_hs_codes.csv",
    "tiers": "goods/chpl_tiers.csv",
    "listed_items": "goods/iran_uav_and_ear_items.csv",
    "red_flags": "goods/red_flags.csv",
    "flagged_locations": "geo/flagged_locations.csv",
}
ENGINE_TABLES = {
    "goods_rules": "goods_rules.csv",
    "jurisdictions": "jurisdictions.csv",
    "place_aliases": "place_aliases.csv",
    "terms": "terms.csv",
    "red_flag_coverage": "red_flag_coverage.csv",
    "policy": "policy.toml",
}
OUTCOMES = ("block", "review", "note")
RULE_KINDS = ("keyword", "part_prefix", "regex")
PLACE_PRECISIONS = ("exact", "region")
JURISDICTION_LEVELS = ("embargoed", "high_risk")


class RulesError(ValueError):
    """A rule table is missing or has a bad row; the message names the file, row and column."""


def rules_dir() -> Path | None:
    """``$EMBARGO_RULES_DIR``, else ``../shared/data`` beside the repository, else None."""
    env = os.environ.get("EMBARGO_RULES_DIR")
    if env:
        path = Path(env).expanduser()
        if not path.is_dir():
            raise RulesError(f"EMBARGO_RULES_DIR={env}: not a folder")
        return path
    return REPO_SHARED if REPO_SHARED.is_dir() else None


@dataclass(frozen=True)
class ChplCode:
    hs6: str
    tier: str
    description: str
    source: str


@dataclass(frozen=True)
class ListedItem:
    """A row of the Iran UAV advisory / EAR supplement table: an HS-6 code or an item kind."""

    hs6: str
    description: str
    list: str
    source: str


@dataclass(frozen=True)
class RedFlag:
    id: str
    indicator: str
    category: str
    source: str


@dataclass(frozen=True)
class FlaggedPlace:
    key: str
    name: str
    kind: str
    country: str
    locode: str
    why: str
    source: str
    role: str


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    level: str
    why: str
    source: str


@dataclass(frozen=True)
class PlaceAlias:
    place: str
    alias: str
    tokens: tuple[str, ...]
    precision: str
    note: str


@dataclass(frozen=True)
class GoodsRule:
    row: int
    pattern: str
    kind: str
    hs6: str
    confidence: float
    uav_item: str
    note: str
    regex: re.Pattern[str] | None = None
    tokens: tuple[str, ...] = ()
    prefix: str = ""


@dataclass
class RuleSet:
    """Every table a shipment screen needs, loaded and checked, with the hash of its inputs."""

    chpl: dict[str, ChplCode]
    tiers: dict[str, tuple[str, str]]
    listed_codes: dict[str, list[ListedItem]]
    uav_items: dict[str, ListedItem]
    red_flags: dict[str, RedFlag]
    places: dict[str, FlaggedPlace]
    jurisdictions: dict[str, Jurisdiction]
    aliases: list[PlaceAlias]
    goods_rules: list[GoodsRule]
    terms: dict[str, list[tuple[str, ...]]]
    coverage: dict[str, tuple[bool, str]]
    outcomes: dict[str, str]
    params: dict[str, Any]
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    version: str = ""
    source_dir: str | None = None
    policy_checked: bool = False

    @property
    def hubs(self) -> dict[str, FlaggedPlace]:
        """Countries named as transshipment points (the ``role`` of a flagged country row)."""
        return {p.country: p for p in self.places.values() if p.role == "transshipment_hub"}

    @property
    def flagged_countries(self) -> dict[str, FlaggedPlace]:
        return {p.country: p for p in self.places.values() if p.role == "flagged_country"}

    def outcome(self, rule: str) -> str:
        """The policy outcome for a rule id; ``redflag.*`` style wildcards apply last."""
        if rule in self.outcomes:
            return self.outcomes[rule]
        for key, value in self.outcomes.items():
            if key.endswith("*") and rule.startswith(key[:-1]):
                return value
        raise RulesError(f"policy.toml: no outcome for rule {rule!r}")

    def describe(self) -> dict[str, Any]:
        return {"version": self.version, "dir": self.source_dir, "files": self.files}


def _read(path: Path, files: dict[str, dict[str, str]], label: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulesError(f"{path}: {exc}") from exc
    files[label] = {"path": str(path), "sha256": hashlib.sha256(data).hexdigest()}
    return data


def _rows(data: bytes, path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    headers = reader.fieldnames or []
    missing = [c for c in required if c not in headers]
    if missing:
        raise RulesError(
            f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(headers) or 'none'}"
        )
    # Row numbers count the header as row 1, the way a spreadsheet shows them.
    return [
        (n, {k: (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, 2)
    ]


def _hs6(value: str, where: str) -> str:
    try:
        return normalize_hs(value).hs6
    except HsCodeError as exc:
        raise RulesError(f"{where}: {exc}") from exc


def _role(row: dict[str, str]) -> str:
    if row.get("role"):
        return row["role"]
    if row["kind"] != "country":
        return row["kind"]
    return "transshipment_hub" if "transship" in row["why_flagged"].lower() else "flagged_country"


def _resolve(source_dir: Path | None) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for name, rel in SOURCE_TABLES.items():
        candidate = source_dir / rel if source_dir else None
        paths[name] = candidate if candidate and candidate.is_file() else DERIVED / rel
    for name, rel in ENGINE_TABLES.items():
        candidate = source_dir / "shipment" / rel if source_dir else None
        paths[name] = candidate if candidate and candidate.is_file() else PACKAGE_DATA / rel
    return paths


def _stamp(paths: dict[str, Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in paths.values():
        try:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), -1, -1))
    return tuple(out)


_CACHE: dict[tuple, RuleSet] = {}


def load_rules(source_dir: Path | str | None = None) -> RuleSet:
    """Load (and cache until a file changes) the rule tables from ``source_dir``.

    ``source_dir`` defaults to :func:`rules_dir`. A missing source table falls back to the
    package's derived copy, so the package works when installed without ``../shared``.
    """
    folder = Path(source_dir).expanduser() if source_dir is not None else rules_dir()
    if folder is not None and not folder.is_dir():
        raise RulesError(f"{folder}: rules folder not found")
    paths = _resolve(folder)
    key = (str(folder), _stamp(paths))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    rules = _load(paths, folder)
    _CACHE.clear()
    _CACHE[key] = rules
    return rules


def _load(paths: dict[str, Path], folder: Path | None) -> RuleSet:
    files: dict[str, dict[str, str]] = {}
    raw = {name: _read(path, files, name) for name, path in paths.items()}

    tiers = {}
    for _n, row in _rows(raw["tiers"], paths["tiers"], ("tier", "definition", "source")):
        tiers[row["tier"]] = (row["definition"], row["source"])

    chpl: dict[str, ChplCode] = {}
    for n, row in _rows(raw["chpl"], paths["chpl"], ("hs_code", "tier", "source")):
        where = f"{paths['chpl']} row {n}"
        if row["tier"] not in tiers:
            raise RulesError(f"{where}: tier {row['tier']!r} is not in {paths['tiers'].name}")
        hs6 = _hs6(row["hs_code"], f"{where} column hs_code")
        chpl[hs6] = ChplCode(hs6, row["tier"], row.get("description", ""), row["source"])

    listed_codes: dict[str, list[ListedItem]] = {}
    uav_items: dict[str, ListedItem] = {}
    items_path = paths["listed_items"]
    for n, row in _rows(raw["listed_items"], items_path, ("hs_code", "description", "list")):
        source = row.get("source", "")
        if row["hs_code"]:
            hs6 = _hs6(row["hs_code"], f"{items_path} row {n} column hs_code")
            item = ListedItem(hs6, row["description"], row["list"], source)
            listed_codes.setdefault(hs6, []).append(item)
        else:
            uav_items[row["description"]] = ListedItem("", row["description"], row["list"], source)

    red_flags = {}
    for _n, row in _rows(raw["red_flags"], paths["red_flags"], ("id", "indicator", "source")):
        red_flags[row["id"]] = RedFlag(
            row["id"], row["indicator"], row.get("category", ""), row["source"]
        )

    places: dict[str, FlaggedPlace] = {}
    loc_path = paths["flagged_locations"]
    for n, row in _rows(
        raw["flagged_locations"],
        loc_path,
        ("name", "kind", "country_iso2", "locode", "why_flagged", "source"),
    ):
        if not row["country_iso2"]:
            raise RulesError(f"{loc_path} row {n}: column country_iso2 is empty")
        key = row["locode"] or row["country_iso2"]
        places[key.upper()] = FlaggedPlace(
            key.upper(),
            row["name"],
            row["kind"],
            row["country_iso2"].lower(),
            row["locode"].upper(),
            row["why_flagged"],
            row["source"],
            _role(row),
        )

    jurisdictions = {}
    jur_path = paths["jurisdictions"]
    for n, row in _rows(raw["jurisdictions"], jur_path, ("code", "name", "level", "why", "source")):
        if row["level"] not in JURISDICTION_LEVELS:
            raise RulesError(
                f"{jur_path} row {n} column level: {row['level']!r}, use one of "
                + ", ".join(JURISDICTION_LEVELS)
            )
        code = row["code"].lower()
        jurisdictions[code] = Jurisdiction(
            code, row["name"], row["level"], row["why"], row["source"]
        )

    aliases = []
    al_path = paths["place_aliases"]
    for n, row in _rows(raw["place_aliases"], al_path, ("place", "alias", "precision")):
        place = row["place"]
        if place.upper() not in places and place.lower() not in jurisdictions:
            raise RulesError(
                f"{al_path} row {n} column place: {place!r} is neither a locode/country in "
                f"{loc_path.name} nor a code in {jur_path.name}"
            )
        if row["precision"] not in PLACE_PRECISIONS:
            raise RulesError(
                f"{al_path} row {n} column precision: {row['precision']!r}, use exact or region"
            )
        tokens = tuple(latinize(row["alias"]).split())
        if not tokens:
            raise RulesError(f"{al_path} row {n} column alias: empty after normalisation")
        key = place.upper() if place.upper() in places else place.lower()
        aliases.append(PlaceAlias(key, row["alias"], tokens, row["precision"], row.get("note", "")))

    goods_rules = _goods_rules(raw["goods_rules"], paths["goods_rules"], uav_items)

    terms: dict[str, list[tuple[str, ...]]] = {}
    for n, row in _rows(raw["terms"], paths["terms"], ("kind", "term")):
        tokens = tuple(latinize(row["term"]).split())
        if not tokens:
            raise RulesError(f"{paths['terms']} row {n} column term: empty after normalisation")
        terms.setdefault(row["kind"], []).append(tokens)

    coverage = {}
    cov_path = paths["red_flag_coverage"]
    for n, row in _rows(raw["red_flag_coverage"], cov_path, ("id", "evaluated", "how")):
        if row["id"] not in red_flags:
            raise RulesError(f"{cov_path} row {n} column id: {row['id']!r} not in red_flags.csv")
        if row["evaluated"] not in ("yes", "no"):
            raise RulesError(f"{cov_path} row {n} column evaluated: use yes or no")
        coverage[row["id"]] = (row["evaluated"] == "yes", row["how"])

    try:
        policy = tomllib.loads(raw["policy"].decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulesError(f"{paths['policy']}: {exc}") from exc
    outcomes = {str(k): str(v) for k, v in policy.get("outcomes", {}).items()}
    for rule, outcome in outcomes.items():
        if outcome not in OUTCOMES:
            raise RulesError(
                f"{paths['policy']} [outcomes] {rule}: {outcome!r}, use block, review or note"
            )
    params = dict(policy.get("params", {}))

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name]["sha256"].encode() + b"\0")
    return RuleSet(
        chpl=chpl,
        tiers=tiers,
        listed_codes=listed_codes,
        uav_items=uav_items,
        red_flags=red_flags,
        places=places,
        jurisdictions=jurisdictions,
        aliases=aliases,
        goods_rules=goods_rules,
        terms=terms,
        coverage=coverage,
        outcomes=outcomes,
        params=params,
        files=files,
        version="sha256:" + digest.hexdigest()[:16],
        source_dir=str(folder) if folder else None,
    )


_PART_CLEAN = re.compile(r"[^0-9A-Z]+")


def part_key(text: str) -> str:
    """A part number as upper-case letters and digits only (``MPU-6050`` → ``MPU6050``)."""
    return _PART_CLEAN.sub("", text.upper())


def _goods_rules(data: bytes, path: Path, uav_items: dict[str, ListedItem]) -> list[GoodsRule]:
    out = []
    for n, row in _rows(data, path, ("pattern", "kind", "hs6", "confidence", "note")):
        where = f"{path} row {n}"
        kind = row["kind"]
        if kind not in RULE_KINDS:
            raise RulesError(f"{where} column kind: {kind!r}, use keyword, part_prefix or regex")
        try:
            confidence = float(row["confidence"])
        except ValueError:
            raise RulesError(
                f"{where} column confidence: {row['confidence']!r} is not a number"
            ) from None
        if not 0 < confidence <= 1:
            raise RulesError(f"{where} column confidence: {confidence} is not in (0, 1]")
        hs6 = _hs6(row["hs6"], f"{where} column hs6")
        uav = row.get("uav_item", "")
        if uav and uav not in uav_items:
            raise RulesError(
                f"{where} column uav_item: {uav!r} is not an item kind of "
                "iran_uav_and_ear_items.csv"
            )
        rule = GoodsRule(n, row["pattern"], kind, hs6, confidence, uav, row["note"])
        if kind == "keyword":
            tokens = tuple(latinize(row["pattern"]).split())
            if not tokens:
                raise RulesError(f"{where} column pattern: empty after normalisation")
            rule = GoodsRule(**{**rule.__dict__, "tokens": tokens})
        elif kind == "part_prefix":
            prefix = part_key(row["pattern"])
            if not prefix:
                raise RulesError(f"{where} column pattern: no letters or digits")
            rule = GoodsRule(**{**rule.__dict__, "prefix": prefix})
        else:
            try:
                compiled = re.compile(row["pattern"], re.IGNORECASE)
            except re.error as exc:
                raise RulesError(f"{where} column pattern: bad regex: {exc}") from exc
            rule = GoodsRule(**{**rule.__dict__, "regex": compiled})
        out.append(rule)
    return out


def short_source(source: str, limit: int = 160) -> str:
    """The reference to quote in a reason's text: the first web page cited (where the statement
    was read) or else the first reference, cut to ``limit`` characters."""
    clauses = [c.strip() for c in source.split(";") if c.strip()]
    pages = [c for c in clauses if c.startswith("pages:")]
    first = pages[0] if pages else (clauses[0] if clauses else "")
    return first if len(first) <= limit else first[: limit - 1] + "…"
