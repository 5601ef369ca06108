"""Candidate retrieval structures, built once per dataset version and loaded in one read.

For every listed name the index keeps its prepared form, and posting lists from keys to names:

``k:<key>``    romanisation key of a word (and of two adjacent words run together)
``s:<skel>``   consonant skeleton of a word (3+ consonants, or 2 for short words)
``d:<var>``    the key with one letter deleted (and the key itself): one edit or transposition
``y:<sym>``    given-name equivalence class (Mohammed / Muhammad / Мухаммед)
``i:<id>``     an identifier (passport, IMO, registration…), upper-case alphanumerics

and word document frequencies for weighting. Nothing here knows the scoring weights.
"""

from __future__ import annotations

import math
import pickle
import time
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from embargo.names.prepare import NameForm, prepare, schema_kind

INDEX_FILE = "index.pkl"
WORDS_FILE = "words.pkl"  # word weights and equivalences, for pair comparison
FORMAT = 1

ID_PROPS = (
    "passportNumber", "idNumber", "taxNumber", "registrationNumber", "imoNumber", "mmsi",
    "innCode", "ogrnCode", "swiftBic", "leiCode", "serialNumber", "icaoCode", "vatCode",
    "okpoCode", "kppCode", "callSign",
)  # fmt: skip
UNIQUE_ID_PROPS = ("imoNumber", "mmsi", "leiCode", "swiftBic", "innCode", "ogrnCode")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag")
NAME_PROPS = ("name", "alias", "previousName", "abbreviation")
WEAK_NAME_PROPS = ("weakAlias",)
MATCHABLE = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane", "PublicBody"}


def normalize_id(value: str) -> str:
    """Identifier as compared: upper-case letters and digits only."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


@dataclass(slots=True)
class EntityRecord:
    """What the matcher needs of a listed party, without loading FollowTheMoney."""

    id: str
    schema: str
    caption: str
    sources: list[dict[str, Any]]
    birth_dates: tuple[str, ...]
    countries: tuple[str, ...]
    ids: tuple[tuple[str, str], ...]  # (property, normalised value)
    topics: tuple[str, ...] = ()


@dataclass
class Index:
    version: str
    entities: list[EntityRecord]
    names: list[NameForm]
    name_entity: array  # name index -> entity index
    name_weak: bytearray
    postings: dict[str, array]
    df: dict[str, int]
    symbols: dict[str, frozenset[int]] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    format: int = FORMAT

    def weight_table(self) -> dict[str, float]:
        """Inverse document frequency of each word key over listed names."""
        n = max(len(self.names), 1)
        return {k: 0.5 * math.log(n / df) for k, df in self.df.items()}


def _deletions(k: str) -> set[str]:
    if len(k) < 5:
        return set()
    return {k[:i] + k[i + 1 :] for i in range(len(k))}


def retrieval_keys(
    form: NameForm, symbols: dict[str, frozenset[int]] | None = None
) -> list[set[str]]:
    """Per word of ``form``, the posting keys it can be found under (both sides use this)."""
    out: list[set[str]] = []
    for tok, k, s in zip(form.tokens, form.keys, form.skeletons):
        if len(tok) == 1:
            out.append(set())
            continue
        keys = {"k:" + k, "d:" + k}
        keys.update("d:" + d for d in _deletions(k))
        if len(s) >= 3 or (len(s) == 2 and len(k) <= 4):
            keys.add("s:" + s)
        if symbols:
            keys.update(f"y:{sym}" for sym in symbols.get(k, ()))
        out.append(keys)
    return out


def merged_keys(form: NameForm) -> list[tuple[int, str]]:
    """Adjacent words run together, keyed like one word ("ali abadi" → "aliabadi")."""
    return [(i, "k:" + form.keys[i] + form.keys[i + 1]) for i in range(len(form.tokens) - 1)]


def _entity_record(data: dict[str, Any]) -> tuple[EntityRecord, list[tuple[str, bool]]]:
    props = data.get("properties", {})
    names = [(n, False) for p in NAME_PROPS for n in props.get(p, [])]
    names += [(n, True) for p in WEAK_NAME_PROPS for n in props.get(p, [])]
    caption = (props.get("name") or [n for n, _ in names] or [data["id"]])[0]
    source = {
        "list": (data.get("datasets") or ["?"])[0],
        "ref": data.get("ref"),
        "programs": sorted(set(props.get("program", []))),
    }
    if data.get("list"):
        source["list_name"] = data["list"]
    ids = tuple(
        (p, normalize_id(v))
        for p in ID_PROPS
        for v in props.get(p, [])
        if len(normalize_id(v)) >= 4
    )
    record = EntityRecord(
        id=data["id"],
        schema=data["schema"],
        caption=caption,
        sources=[source],
        birth_dates=tuple(sorted(set(props.get("birthDate", [])))),
        countries=tuple(sorted({c for p in COUNTRY_PROPS for c in props.get(p, [])})),
        ids=ids,
        topics=tuple(props.get("topics", [])),
    )
    return record, names


def _name_symbols(vocabulary: set[str]) -> dict[str, frozenset[int]]:
    """Given-name equivalence classes from rigour's name tagger, for every word key we hold."""
    try:
        from rigour.names import NameTypeTag, analyze_names
    except ImportError:  # pragma: no cover - rigour is a dependency
        return {}
    out: dict[str, frozenset[int]] = {}
    sym_ids: dict[str, int] = {}
    for word in vocabulary:
        if len(word) < 3 or not word.isalpha():
            continue
        names = analyze_names(NameTypeTag.PER, [word], phonetics=False, numerics=False)
        syms = set()
        for name in names:
            for span in name.spans:
                if str(span.symbol.category).endswith("NAME") and len(span.parts) == 1:
                    syms.add(sym_ids.setdefault(str(span.symbol.id), len(sym_ids)))
        if syms:
            out[word] = frozenset(syms)
    return out


def build_index(version_dir: Path, *, symbols: bool = True) -> dict[str, Any]:
    """Read the version's entities, write ``index.pkl`` beside them, return build stats."""
    started = time.perf_counter()
    entities: list[EntityRecord] = []
    names: list[NameForm] = []
    name_entity = array("i")
    name_weak = bytearray()
    postings: dict[str, list[int]] = defaultdict(list)
    df: dict[str, int] = defaultdict(int)
    by_id: dict[str, int] = {}
    words_for_symbols: dict[str, str] = {}
    for path in sorted((version_dir / "entities").glob("*.jsonl")):
        with open(path, "rb") as fh:
            for line in fh:
                data = orjson.loads(line)
                if not data.get("target") or data.get("schema") not in MATCHABLE:
                    continue
                record, raw_names = _entity_record(data)
                ent_idx = len(entities)
                entities.append(record)
                by_id[record.id] = ent_idx
                kind = schema_kind(record.schema)
                seen: set[str] = set()
                for raw, weak in raw_names:
                    form = prepare(raw, kind)
                    if not form.tokens or (form.tokens, form.forms) in seen:
                        continue
                    seen.add((form.tokens, form.forms))
                    idx = len(names)
                    names.append(form)
                    name_entity.append(ent_idx)
                    name_weak.append(1 if weak else 0)
                    keys: set[str] = set()
                    for word_keys in retrieval_keys(form):
                        keys |= word_keys
                    keys.update(k for _, k in merged_keys(form))
                    for k in keys:
                        postings[k].append(idx)
                    for tok, k in zip(form.tokens, form.keys):
                        df[k] += 1
                        words_for_symbols.setdefault(k, tok)
                for _prop, value in record.ids:
                    postings["i:" + value].append(-1 - ent_idx)
    sym_table: dict[str, frozenset[int]] = {}
    if symbols:
        sym_table = _name_symbols(set(words_for_symbols))
        for idx, form in enumerate(names):
            for k in form.keys:
                for sym in sym_table.get(k, ()):
                    postings[f"y:{sym}"].append(idx)
    index = Index(
        version=version_dir.name,
        entities=entities,
        names=names,
        name_entity=name_entity,
        name_weak=name_weak,
        postings={k: array("i", sorted(set(v))) for k, v in postings.items()},
        df=dict(df),
        symbols=sym_table,
        by_id=by_id,
    )
    out = version_dir / INDEX_FILE
    with open(out, "wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    with open(version_dir / WORDS_FILE, "wb") as fh:
        pickle.dump(
            {"df": index.df, "n_names": len(names), "symbols": sym_table},
            fh,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    return {
        "entities": len(entities),
        "names": len(names),
        "keys": len(index.postings),
        "symbols": len(sym_table),
        "bytes": out.stat().st_size,
        "build_seconds": round(time.perf_counter() - started, 3),
    }


def load_index(path: Path) -> Index:
    """Load a built index; raises if it was written by an incompatible version."""
    with open(path, "rb") as fh:
        index = pickle.load(fh)
    if getattr(index, "format", None) != FORMAT:
        raise ValueError(f"{path}: index format {getattr(index, 'format', None)}, need {FORMAT}")
    return index
