"""Candidate retrieval structures, built once per dataset version and memory-mapped on load.

For every listed name the index keeps the raw name, its party, and posting lists from keys to
names:

``k:<key>``    romanisation key of a word (and of two adjacent words run together)
``s:<skel>``   consonant skeleton of a word (3+ consonants; 2 for every listed word, looked up
               by short query words only)
``d:<var>``    the key with one letter deleted (and the key itself): one edit or transposition;
               the same for the word as written where the key rewrote it
``e:<var>``    a four-letter key with one letter deleted, looked up for unknown query words only
``y:<sym>``    given-name equivalence class (Mohammed / Muhammad / Мухаммед)
``i:<id>``     an identifier (passport, IMO, registration…), upper-case alphanumerics
``p:<start>``  the first letters of a longer word's key: a query's cut-off last word finds it

Keys are stored as sorted 64-bit hashes with offsets into one array of name numbers, so loading
is a few ``np.load(mmap_mode="r")`` calls and a cold ``embargo check`` stays well under a second.
Listed parties are stored as one JSON line each and parsed only when they are candidates.
Nothing here knows the scoring weights beyond word frequencies.
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import multiprocessing
import os
import pickle
import re
import shutil
import time
from array import array
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from embargo.memo import BoundedMemo
from embargo.names import NORMALIZATION, data_digest, han, org_words
from embargo.names.kana import read_back, read_backs
from embargo.names.phonetic import key, skeleton
from embargo.names.prepare import (
    ANY,
    ORG,
    PERSON,
    NameForm,
    has_article,
    readings,
    run_in_reading,
    schema_kind,
)
from embargo.names.variants import spelled_out

INDEX_DIR = "index"
WORDS_FILE = "words.pkl"  # word frequencies and equivalences, also used for pair comparison
FORMAT = 26  # 26: katakana carries a ch or sh closing a syllable as ti and shi

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
# Each name's party schema as a small code (``name_schema.npy``), so retrieval filters by schema
# on arrays instead of parsing candidate parties.
SCHEMA_CODES = tuple(sorted(MATCHABLE))
KINDS = (ANY, PERSON, ORG)
_PEOPLES_SCHEMAS = frozenset({"Person", "LegalEntity"})
# Parsed parties and names kept per process; a server's memory must level off.
ENTITY_CACHE_SIZE = 20_000
FORM_CACHE_SIZE = 20_000


class StaleIndexError(Exception):
    """The index on disk was built by another format or normalisation: rebuild it."""


def normalize_id(value: str) -> str:
    """Identifier as compared: upper-case letters and digits only, IMO numbers as digits.

    Lists write "IMO 9187629" and customers "9187629": both become "9187629".
    """
    text = "".join(ch for ch in value.upper() if ch.isalnum())
    if text.startswith("IMO") and len(text) == 10 and text[3:].isdigit():
        return text[3:]
    return text


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a posting key (Python's own hash changes per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def word_weight(n_names: int, df: int) -> float:
    """Inverse document frequency of a word over listed names (before clamping)."""
    return 0.5 * math.log(max(n_names, 1) / max(df, 1))


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

    def to_row(self) -> list[Any]:
        return [self.id, self.schema, self.caption, self.sources, self.birth_dates,
                self.countries, self.ids, self.topics]  # fmt: skip

    @classmethod
    def from_row(cls, row: list[Any]) -> EntityRecord:
        return cls(row[0], row[1], row[2], row[3], tuple(row[4]), tuple(row[5]),
                   tuple(tuple(x) for x in row[6]), tuple(row[7]))  # fmt: skip


_SEP = "\x1f"


def pack_form(form: NameForm) -> str:
    """A prepared name as one string, so the index stores forms without pickling objects."""
    return _SEP.join(
        (" ".join(form.tokens), " ".join(form.keys), " ".join(form.skeletons),
         " ".join(form.minor), " ".join(form.forms), form.joined)
    )  # fmt: skip


def unpack_form(raw: str, packed: str) -> NameForm:
    tokens, keys, skeletons, minor, forms, joined = packed.split(_SEP)
    split = lambda text: tuple(text.split(" ")) if text else ()  # noqa: E731
    words = split(tokens)
    per_word = lambda text: tuple(text.split(" ")) if words else ()  # noqa: E731
    return NameForm(raw, words, per_word(keys), per_word(skeletons), split(minor), split(forms),
                    joined)  # fmt: skip


def _deletions(k: str) -> set[str]:
    if len(k) < 5:
        return set()
    return {k[:i] + k[i + 1 :] for i in range(len(k))}


def word_keys(
    token: str,
    key: str,
    skeleton: str,
    symbols: dict[str, frozenset[int]] | None = None,
    listed: bool = False,
    unknown: bool = False,
) -> set[str]:
    """The posting keys one prepared word can be found under (initials: none).

    A slip of one letter is found under the deletions of the key (``d:``) and, where the
    romanisation key rewrote the word, of the word as written too: keys fold letter groups
    (``sch``, ``yah``), so one slip in the written word can be several in its key. A short
    word may be the consonants of a longer one (Adnn, Adnan): a ``listed`` word is posted
    under even a two-letter skeleton, which a query word looks up only when it is short.
    Four-letter words, as keyed and as written, meet across one slip under their three-letter
    deletions (``e:``; Lqvi, Lavi; Zohu, Zhou, whose key is su), which a query word looks up
    only when no list knows it: known short words are names of their own, and these keys are
    crowded.
    """
    if len(token) == 1:
        return set()
    keys = {"k:" + key, "d:" + key}
    keys.update("d:" + d for d in _deletions(key))
    if token != key and len(token) >= 4:
        keys.add("d:" + token)
        keys.update("d:" + d for d in _deletions(token))
    if listed or unknown:
        for word in {key, token}:
            if len(word) == 4:
                keys.update("e:" + word[:i] + word[i + 1 :] for i in range(4))
    if len(skeleton) >= 3 or (len(skeleton) == 2 and (listed or len(key) <= 4)):
        keys.add("s:" + skeleton)
    if len(skeleton) >= VOICELESS_MIN:
        # Scripts that write voiced and voiceless consonants alike leave a long word two
        # edits from its Latin spelling (벡셀베르크 bekselberk, Vekselberg; 季姆琴科
        # dimchinko, Timchenko), which no one-letter deletion finds: the word is also found
        # under its skeleton with d, g and j as t, k and ch. A listed word is posted so only
        # where that differs from its skeleton, under which a query finds the others.
        unvoiced = skeleton.translate(_UNVOICED)
        if unvoiced != skeleton or not listed:
            keys.add("v:" + unvoiced)
        if unvoiced != skeleton and not listed:
            keys.add("s:" + unvoiced)
    if symbols:
        keys.update(f"y:{sym}" for sym in symbols.get(key, ()))
    return keys


VOICELESS_MIN = 5  # consonants a skeleton needs to be posted unvoiced too (fewer collide)
_UNVOICED = str.maketrans("dgj", "tkc")

PREFIX_LEN = 4  # letters of a word's key that a truncated query word must still have


def prefix_key(key: str) -> str | None:
    """The ``p:`` posting key of a listed word longer than ``PREFIX_LEN`` (else None)."""
    return "p:" + key[:PREFIX_LEN] if len(key) > PREFIX_LEN else None


def retrieval_keys(
    form: NameForm, symbols: dict[str, frozenset[int]] | None = None, listed: bool = False
) -> list[set[str]]:
    """Per word of ``form``, the posting keys it can be found under (both sides use this)."""
    return [
        word_keys(t, k, s, symbols, listed)
        for t, k, s in zip(form.tokens, form.keys, form.skeletons)
    ]


CARRIED = "b:"  # posting keys of words as katakana carries them


def carried_keys(form: NameForm) -> set[str]:
    """A listed name's words, and adjacent words run together, as katakana carries them
    (:func:`~embargo.names.kana.read_back`): a name read from katakana finds it under these
    (カン Kang, チョルス Chol Su)."""
    tokens = form.tokens
    words = [t for t in tokens if len(t) > 1]
    words += [tokens[i] + tokens[i + 1] for i in range(len(tokens) - 1)]
    return {CARRIED + spelt for w in words for spelt in read_backs(w)}


TRANSCRIBED = "h:"  # posting keys of words by the consonants a Han transcription keeps
TRANSCRIBED_MIN = 4  # fewer consonants than this bring in a crowd of names


def transcribed_key(word: str) -> str | None:
    """A word's consonants as it reads back from a Han transcription
    (:func:`~embargo.names.han.read_back`: f for v and w, l as r, a syllable's closing r
    dropped), or None for a word with too few of them to tell names apart."""
    consonants = skeleton(han.read_back(word))
    return TRANSCRIBED + consonants if len(consonants) >= TRANSCRIBED_MIN else None


CARRIED_CONSONANTS = "c:"  # posting keys of people's words by the consonants katakana keeps
CARRIED_MIN = 3  # fewer consonants than this bring in a crowd of names


def carried_consonants_key(word: str) -> str | None:
    """A word's consonants as katakana carries it (:func:`~embargo.names.kana.read_back`,
    then :func:`~embargo.names.phonetic.skeleton`), or None for one with too few of them."""
    consonants = skeleton(read_back(word))
    return CARRIED_CONSONANTS + consonants if len(consonants) >= CARRIED_MIN else None


def carried_consonants_keys(form: NameForm) -> set[str]:
    """A person's listed words under :func:`carried_consonants_key`: a name read from
    katakana whose vowels are katakana's own (ショゴレフ shogorefu, Shchegolev; ジュラヴリョフ,
    Zhuravlev) finds it under these where nothing else it is found under may match."""
    return {k for k in map(carried_consonants_key, form.tokens) if k}


JOINED = "j:"  # posting keys of adjacent words run together, by their consonants


def joined_key(word: str) -> str | None:
    """A word's consonants (:func:`~embargo.names.phonetic.skeleton`) under ``JOINED``, or
    None for one with too few of them to tell names apart."""
    consonants = skeleton(word)
    return JOINED + consonants if len(consonants) >= TRANSCRIBED_MIN else None


def joined_keys(form: NameForm) -> set[str]:
    """A listed name's adjacent words run together, by their consonants: an abjad query
    writes as one word what the lists write as two (غلامحسین ghlamhsin, Gholam Hossein), and
    its vowels are not the lists' (see ``joined`` in :meth:`Matcher._retrieve`)."""
    tokens = form.tokens
    found = (joined_key(tokens[i] + tokens[i + 1]) for i in range(len(tokens) - 1))
    return {k for k in found if k}


def transcribed_keys(form: NameForm) -> set[str]:
    """A person's listed words under :func:`transcribed_key`: a foreign name read from Han,
    whose vowels are Han's own and whose syllables add and drop letters, finds it under these
    (维克塞尔伯格 reads vikserbeg, two edits from Vekselberg, and both keep b k s b g)."""
    return {k for k in map(transcribed_key, form.tokens) if k}


def allah_keys(form: NameForm) -> set[str]:
    """A name ending in Allah, split by preparing (Saidullah: said allah) or written apart in
    Arabic script (نصر الله: nsr allah), posted also as the one word the lists write
    (saidullah, saidallah): a slip inside that ending (saidjllah) keeps a query's word whole,
    and only these keys find it."""
    tokens = form.tokens
    keys: set[str] = set()
    for i in range(len(tokens) - 1):
        if tokens[i + 1] == "allah" and len(tokens[i]) >= 3:
            for word in (tokens[i] + "ullah", tokens[i] + "allah"):
                keys |= word_keys(word, key(word), skeleton(word), listed=True)
    return keys


def article_keys(form: NameForm, raw: str, kind: str) -> set[str]:
    """A listed name's keys with the article run into the next word (al-Harbi: alharbi): a
    query that writes it so finds the name under these; none without an article."""
    glued = run_in_reading(raw, kind) if has_article(form) else None
    keys: set[str] = set()
    if glued is not None:
        for found in retrieval_keys(glued, listed=True):
            keys |= found
    return keys


def merged_keys(form: NameForm) -> list[tuple[int, str]]:
    """Adjacent words run together, keyed like one word ("ali abadi" → "aliabadi")."""
    return [(i, "k:" + word) for i, word in enumerate(joined_words(form))]


def joined_words(form: NameForm) -> list[str]:
    """The keys of adjacent words run together, the i-th of words i and i + 1."""
    keys = form.keys
    return [keys[i] + keys[i + 1] for i in range(len(keys) - 1)]


def phrase_symbols(form: NameForm, symbols: dict[str, frozenset[int]]) -> list[tuple[int, int]]:
    """(i, meaning) of each pair of adjacent words, i and i + 1, that one organisation's word
    translates as a phrase (design bureau, 設計局; red cross, 赤十字): a name is posted under
    them, and a query looks them up, as under a single word's meaning. Not where a word of
    the two means it alone (機械 製造, machine building: 機械 is machine building too), which
    would count that word twice; nor given names run together: that is a spelling, which
    the ``k:`` key of the two finds."""
    keys = form.keys
    return [
        (i, sym)
        for i, word in enumerate(joined_words(form))
        for sym in symbols.get(word, ())
        if sym <= org_words.ORG_SYMBOL_BASE
        and sym not in symbols.get(keys[i], ())
        and sym not in symbols.get(keys[i + 1], ())
    ]


def stale_reason(meta: dict[str, Any]) -> str | None:
    """Why an index with this ``meta.json`` was built for another embargo, or None: another
    format, normalisation or word lists (:func:`~embargo.names.data_digest`)."""
    if meta.get("format") != FORMAT or meta.get("normalization") != NORMALIZATION:
        return (
            f"index format {meta.get('format')}/normalisation {meta.get('normalization')}, "
            f"this embargo needs {FORMAT}/{NORMALIZATION}"
        )
    if meta.get("name_data") != data_digest():
        return (
            f"built with other word lists (name data {meta.get('name_data')}, "
            f"this embargo has {data_digest()})"
        )
    return None


class Index:
    """A loaded index: memory-mapped arrays plus lazily parsed names and parties."""

    def __init__(self, path: Path):
        self.path = path
        meta = orjson.loads((path / "meta.json").read_bytes())
        reason = stale_reason(meta)
        if reason is not None:
            raise StaleIndexError(f"{path}: {reason}")
        self.meta = meta
        self.version: str = meta.get("version", "")
        # Plain ndarray views of the maps: numpy's memmap subclass makes every slice slow.
        load = lambda name: np.asarray(np.load(path / f"{name}.npy", mmap_mode="r"))  # noqa: E731
        self._post_keys = load("post_keys")
        self._post_offsets = load("post_offsets")
        self._post_data = load("post_data")
        self.name_entity = load("name_entity")
        self.name_weak = load("name_weak")
        self.name_kind = load("name_kind")
        self.name_total = load("name_total")
        self.name_schema = load("name_schema")
        self.name_has_form = load("name_has_form")
        self.name_words = load("name_words")
        self._entity_offsets = load("entity_offsets")
        self._raw_names: list[str] = orjson.loads((path / "names.json").read_bytes())
        self._packed_forms: list[str] = orjson.loads((path / "forms.json").read_bytes())
        with open(path / WORDS_FILE, "rb") as fh:
            words = pickle.load(fh)
        self.df: dict[str, int] = words["df"]
        self.symbols: dict[str, frozenset[int]] = words["symbols"]
        self.n_names = len(self._raw_names)
        self._entities_blob = (path / "entities.jsonl").read_bytes()
        self._entity_cache: BoundedMemo[int, EntityRecord] = BoundedMemo(ENTITY_CACHE_SIZE)
        self._form_cache: BoundedMemo[int, NameForm] = BoundedMemo(FORM_CACHE_SIZE)
        self._by_id: dict[str, int] | None = None

    def __len__(self) -> int:
        return self.n_names

    @property
    def entity_count(self) -> int:
        return len(self._entity_offsets) - 1

    def raw_name(self, idx: int) -> str:
        return self._raw_names[idx]

    def packed_form(self, idx: int) -> str:
        """The prepared name as stored: equal strings are equal names, whichever list."""
        return self._packed_forms[idx]

    def form(self, idx: int) -> NameForm:
        form = self._form_cache.get(idx)
        if form is None:
            form = self._form_cache.put(
                idx, unpack_form(self._raw_names[idx], self._packed_forms[idx])
            )
        return form

    @property
    def names(self) -> _Names:
        return _Names(self)

    def entity(self, idx: int) -> EntityRecord:
        rec = self._entity_cache.get(idx)
        if rec is None:
            start, end = int(self._entity_offsets[idx]), int(self._entity_offsets[idx + 1])
            rec = EntityRecord.from_row(orjson.loads(self._entities_blob[start:end]))
            self._entity_cache.put(idx, rec)
        return rec

    @property
    def entities(self) -> _Entities:
        return _Entities(self)

    def entity_index(self, entity_id: str) -> int | None:
        if self._by_id is None:
            self._by_id = {self.entity(i).id: i for i in range(self.entity_count)}
        return self._by_id.get(entity_id)

    def lookup(self, keys: list[str]) -> list[np.ndarray]:
        """Posting arrays for ``keys`` (empty arrays for keys the index does not hold)."""
        n = len(self._post_keys)
        if not keys or not n:
            return [_EMPTY] * len(keys)
        hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
        pos = np.searchsorted(self._post_keys, hashes)
        safe = np.minimum(pos, n - 1)
        present = (pos < n) & (self._post_keys[safe] == hashes)
        starts = self._post_offsets[safe].tolist()
        ends = self._post_offsets[safe + 1].tolist()
        data = self._post_data
        return [data[a:b] if ok else _EMPTY for ok, a, b in zip(present.tolist(), starts, ends)]


_EMPTY = np.zeros(0, dtype=np.int32)


class _Names:
    """``index.names[i]`` → prepared form; kept for callers that index names directly."""

    def __init__(self, index: Index):
        self._index = index

    def __len__(self) -> int:
        return self._index.n_names

    def __getitem__(self, idx: int) -> NameForm:
        return self._index.form(idx)

    def __iter__(self):
        return (self._index.form(i) for i in range(self._index.n_names))


class _Entities:
    def __init__(self, index: Index):
        self._index = index

    def __len__(self) -> int:
        return self._index.entity_count

    def __getitem__(self, idx: int) -> EntityRecord:
        return self._index.entity(idx)

    def __iter__(self):
        return (self._index.entity(i) for i in range(self._index.entity_count))


def _entity_record(data: dict[str, Any]) -> tuple[EntityRecord, list[tuple[str, bool]]]:
    props = data.get("properties", {})
    names = [(n, False) for p in NAME_PROPS for n in props.get(p, [])]
    names += [(n, True) for p in WEAK_NAME_PROPS for n in props.get(p, [])]
    caption = (props.get("name") or [n for n, _ in names] or [data["id"]])[0]
    source: dict[str, Any] = {
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


def _entity_forms(
    names: list[tuple[str, bool]],
    kind: str,
    prepared: dict[tuple[str, str], tuple[NameForm, ...]],
) -> list[tuple[str, bool, NameForm]]:
    """(raw, weak, form) for every reading of every name of a party (Hangul has two), and of
    the plain names a name with parenthesised notes or alternatives stands for."""
    out = []
    seen = {raw for raw, _ in names}
    for name, weak in names:
        derived = [v for v in spelled_out(name, kind == PERSON) if v not in seen]
        seen.update(derived)
        for raw in (name, *derived):
            forms = prepared.get((raw, kind))
            if forms is None:
                forms = prepared[(raw, kind)] = readings(raw, kind)
            out += [(raw, weak, form) for form in forms]
    return out


def _tag_words(words: list[str]) -> dict[str, tuple[str, ...]]:
    """rigour's person-name tagger on each word: the name-family ids (Wikidata) it belongs to.

    Runs in a spawned child: the tagger costs ~400 MB and seconds to load.
    """
    from rigour.names import NameTypeTag, analyze_names

    out: dict[str, tuple[str, ...]] = {}
    for word in words:
        ids = set()
        for name in analyze_names(NameTypeTag.PER, [word], phonetics=False, numerics=False):
            for span in name.spans:
                if str(span.symbol.category).endswith("NAME") and len(span.parts) == 1:
                    ids.add(str(span.symbol.id))
        out[word] = tuple(sorted(ids))
    return out


def _symbol_cache_path() -> Path:
    """Tagger answers per word, shared by every dataset on this machine, per rigour release."""
    from importlib.metadata import version

    from platformdirs import user_cache_dir

    rigour_version = version("rigour")

    base = Path(os.environ.get("EMBARGO_CACHE") or user_cache_dir("embargo", appauthor=False))
    return base / f"name-symbols-rigour-{rigour_version}.pkl"


def _name_symbols(vocabulary: set[str]) -> dict[str, frozenset[int]]:
    """Given-name equivalence classes for every word key we hold.

    Only words the cache has not seen go to the tagger, so an update whose vocabulary barely
    changed never loads it.
    """
    path = _symbol_cache_path()
    try:
        with open(path, "rb") as fh:
            cache: dict[str, tuple[str, ...]] = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        cache = {}
    wanted = [w for w in vocabulary if len(w) >= 3 and w.isalpha()]
    missing = [w for w in wanted if w not in cache]
    if missing:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            cache.update(pool.submit(_tag_words, missing).result())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(cache, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache folder only costs time
    sym_ids: dict[str, int] = {}
    out: dict[str, frozenset[int]] = {}
    for word in wanted:
        ids = cache.get(word, ())
        if ids:
            out[word] = frozenset(sym_ids.setdefault(i, len(sym_ids)) for i in ids)
    # Forms of one name in two languages the tagger keeps apart (Volodymyr, Vladimir). Their
    # ids are negative: a curated group is one name however unlike its forms are (Yauhen,
    # Evgeny), where the tagger's families are not (see ``names._unit_similarity``).
    for n, group in enumerate(_given_name_groups()):
        shared = -(n + 1)
        for word in group:
            out[word] = out.get(word, frozenset()) | {shared}
    # Words naming what an organisation is, in the languages its name is translated into
    # (Министерство обороны, Ministry of Defence): one symbol per meaning.
    for word, syms in org_words.symbols().items():
        out[word] = out.get(word, frozenset()) | syms
    return out


def _given_name_groups() -> list[set[str]]:
    """The keys of each group in every section of ``data/given_names.json``."""
    data = orjson.loads(resources.files("embargo.data").joinpath("given_names.json").read_bytes())
    out = []
    for section, groups in data.items():
        if section.startswith("_"):
            continue
        for group in groups:
            words = {w.lower() for w in group}
            if section.startswith("belarusian"):
                # ў is u in passports and the lists, w in BGN's table (Yauhen, Yawhen).
                words |= {_SHORT_U.sub("w", w) for w in words}
            out.append({key(w) for w in words})
    return out


_SHORT_U = re.compile("(?<=[aeiou])u(?=[^aeiou]|$)")


def build_index(version_dir: Path, *, symbols: bool = True) -> dict[str, Any]:
    """Read the version's entities, write ``index/`` beside them, return build stats."""
    started = time.perf_counter()
    rows: list[bytes] = []
    raw_names: list[str] = []
    forms: list[NameForm] = []
    name_entity: list[int] = []
    name_weak: list[int] = []
    name_kind: list[int] = []
    name_schema: list[int] = []
    name_has_form: list[int] = []
    name_words: list[int] = []
    # array("i") rather than lists of ints: a quarter of the memory for ~4M postings.
    postings: dict[str, array] = defaultdict(lambda: array("i"))
    df: dict[str, int] = defaultdict(int)
    # The words of names that may be people's (Person, and LegalEntity, which many lists use
    # for people): only their given-name families are asked of the tagger. A company's word
    # whose key spells a given name of another family (DHAWI PVT LTD, key davi: Davi) would
    # otherwise keep that name apart from its neighbours (DAVI, a slip for DAVID).
    personal: set[str] = set()
    prepared: dict[tuple[str, str], tuple[NameForm, ...]] = {}  # names recur across lists
    for path in sorted((version_dir / "entities").glob("*.jsonl")):
        with open(path, "rb") as fh:
            for line in fh:
                data = orjson.loads(line)
                if not data.get("target") or data.get("schema") not in MATCHABLE:
                    continue
                record, entity_names = _entity_record(data)
                ent_idx = len(rows)
                rows.append(orjson.dumps(record.to_row()))
                kind = schema_kind(record.schema)
                seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
                for raw, weak, form in _entity_forms(entity_names, kind, prepared):
                    if not form.tokens or (form.tokens, form.forms) in seen:
                        continue
                    seen.add((form.tokens, form.forms))
                    idx = len(raw_names)
                    raw_names.append(raw)
                    forms.append(form)
                    name_entity.append(ent_idx)
                    name_weak.append(1 if weak else 0)
                    name_kind.append(KINDS.index(kind))
                    name_schema.append(SCHEMA_CODES.index(record.schema))
                    name_has_form.append(1 if form.forms else 0)
                    name_words.append(min(255, len(form.tokens)))
                    keys: set[str] = set()
                    for found in retrieval_keys(form, listed=True):
                        keys |= found
                    keys.update(k for _, k in merged_keys(form))
                    keys.update(p for p in map(prefix_key, form.keys) if p)
                    keys |= carried_keys(form)
                    if kind != ORG:
                        keys |= transcribed_keys(form)
                        keys |= carried_consonants_keys(form)
                    keys |= article_keys(form, raw, kind)
                    keys |= joined_keys(form)
                    if "allah" in form.tokens:
                        keys |= allah_keys(form)
                    for k in keys:
                        postings[k].append(idx)
                    for k in set(form.keys):
                        df[k] += 1
                    if record.schema in _PEOPLES_SCHEMAS:
                        personal.update(form.keys)
                for _prop, value in record.ids:
                    postings["i:" + value].append(-1 - ent_idx)
    n_names = len(raw_names)
    from embargo.match import weights as W

    def weight(tok: str, k: str) -> float:
        if len(tok) == 1:
            return W.WEIGHT_INITIAL
        return min(W.WEIGHT_MAX, max(W.WEIGHT_MIN, word_weight(n_names, df.get(k, 0))))

    totals = [sum(weight(t, k) for t, k in zip(f.tokens, f.keys)) or 1.0 for f in forms]
    out = version_dir / INDEX_DIR
    tmp = version_dir / (INDEX_DIR + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    np.save(tmp / "name_entity.npy", np.asarray(name_entity, dtype=np.int32))
    np.save(tmp / "name_weak.npy", np.asarray(name_weak, dtype=np.uint8))
    np.save(tmp / "name_kind.npy", np.asarray(name_kind, dtype=np.uint8))
    np.save(tmp / "name_total.npy", np.asarray(totals, dtype=np.float32))
    np.save(tmp / "name_schema.npy", np.asarray(name_schema, dtype=np.uint8))
    np.save(tmp / "name_has_form.npy", np.asarray(name_has_form, dtype=np.uint8))
    np.save(tmp / "name_words.npy", np.asarray(name_words, dtype=np.uint8))
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=offsets[1:])
    np.save(tmp / "entity_offsets.npy", offsets)
    (tmp / "entities.jsonl").write_bytes(b"".join(rows))
    (tmp / "names.json").write_bytes(orjson.dumps(raw_names))
    (tmp / "forms.json").write_bytes(orjson.dumps([pack_form(f) for f in forms]))
    sym_table: dict[str, frozenset[int]] = _name_symbols(personal) if symbols else {}
    if sym_table:
        for idx, form in enumerate(forms):
            syms = {s for k in form.keys for s in sym_table.get(k, ())}
            syms.update(sym for _, sym in phrase_symbols(form, sym_table))
            for sym in syms:
                postings[f"y:{sym}"].append(idx)
    _write_postings(tmp, postings)
    with open(tmp / WORDS_FILE, "wb") as fh:
        pickle.dump({"df": dict(df), "n_names": n_names, "symbols": sym_table}, fh,
                    protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
    stats = {
        "format": FORMAT,
        "normalization": NORMALIZATION,
        "name_data": data_digest(),
        "entities": len(rows),
        "names": n_names,
        "keys": len(postings),
        "symbols": len(sym_table),
    }
    (tmp / "meta.json").write_bytes(orjson.dumps(stats))
    old = version_dir / (INDEX_DIR + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    stats["bytes"] = sum(p.stat().st_size for p in out.iterdir())
    stats["build_seconds"] = round(time.perf_counter() - started, 3)
    return stats


def _write_postings(folder: Path, postings: dict[str, array]) -> None:
    keys = list(postings)
    hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
    order = np.argsort(hashes, kind="stable")
    sorted_hashes = hashes[order]
    if len(sorted_hashes) > 1 and np.any(sorted_hashes[1:] == sorted_hashes[:-1]):
        raise ValueError("posting key hash collision; rebuild with a wider hash")
    lengths = np.fromiter((len(postings[keys[i]]) for i in order), dtype=np.int64, count=len(keys))
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = np.empty(int(offsets[-1]), dtype=np.int32)
    for j, i in enumerate(order):
        values = sorted(set(postings[keys[i]]))
        data[offsets[j] : offsets[j] + len(values)] = values
        offsets[j + 1] = offsets[j] + len(values)
    np.save(folder / "post_keys.npy", sorted_hashes)
    np.save(folder / "post_offsets.npy", offsets)
    np.save(folder / "post_data.npy", data[: int(offsets[-1])])


def load_index(path: Path) -> Index:
    """Open a built index folder."""
    return Index(path)


def ensure_index(version_dir: Path) -> Index:
    """The version's index, built first where it is missing or was built for another embargo
    (:func:`stale_reason`).

    Processes that open one version at once (a screen run's workers, a server's) build it
    once: the first to take the version's lock builds, the others wait on the lock and then
    load what it wrote. Unlocked, each rebuilt into the same ``index.tmp`` and they broke
    each other's files.
    """
    path = version_dir / INDEX_DIR
    try:
        return load_index(path)
    except (StaleIndexError, FileNotFoundError):
        pass
    with open(version_dir / "index.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return load_index(path)
        except (StaleIndexError, FileNotFoundError):
            build_index(version_dir)
        return load_index(path)
