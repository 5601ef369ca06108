"""A labelled development set built from the loaded lists: variants of listed names, by class.

Positives: a listed party's name put through one variation (a class), or its own name in
another script as the publisher gave it (cross-script classes). The expected answer is that
party. Near-miss negatives: a listed person's name with the given name swapped for another
given name, or a company's distinctive word swapped, checked not to be a listed name itself.

Everything is derived from the dataset with a fixed seed, so a run is reproducible and nothing
is hard-coded. Parties are taken in an order, and varied with random draws, that depend only on
the seed and the party's id: a change that adds or drops one indexed name (a new reading, a word
no longer taken for a title) leaves every other case as it was, so two versions of the matcher
are compared on the same cases.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from embargo.index import Index
from embargo.names.pinyin import is_chinese_name, syllables
from embargo.names.prepare import ORG, PERSON, prepare, schema_kind


@dataclass(frozen=True)
class Case:
    cls: str
    query: str
    schema: str | None
    expected: str | None  # entity id, or None for a negative
    source_name: str
    source_id: str = ""  # the party a negative was derived from


CYR_LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і"}
KEYBOARD = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok",
    "o": "ipl", "p": "ol", "a": "qsz", "s": "awdz", "d": "sefx", "f": "drgc", "g": "fthv",
    "h": "gyjb", "j": "hukn", "k": "jilm", "l": "kop", "z": "asx", "x": "zsdc", "c": "xdfv",
    "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}  # fmt: skip
OCR = [("o", "0"), ("l", "1"), ("i", "1"), ("m", "rn"), ("s", "5"), ("b", "8"), ("e", "c")]
RESPELL = [
    ("ph", "f"), ("f", "ph"), ("ck", "k"), ("c", "k"), ("k", "c"), ("ee", "i"), ("ou", "u"),
    ("v", "w"), ("w", "v"), ("y", "i"), ("i", "y"), ("kh", "h"), ("sh", "sch"), ("j", "dj"),
    ("q", "k"), ("ei", "ey"), ("ai", "ay"), ("u", "oo"),
]  # fmt: skip
TRANSLIT = [
    ("kh", "h"), ("h", "kh"), ("y", "i"), ("i", "y"), ("yu", "iu"), ("ya", "ia"), ("zh", "j"),
    ("ts", "tz"), ("ou", "u"), ("u", "ou"), ("e", "ye"), ("j", "dzh"), ("ch", "tch"),
    ("sh", "ch"), ("q", "gh"), ("ee", "i"), ("ov", "off"), ("ev", "iev"),
]  # fmt: skip
DIACRITIC = {
    "a": "á",
    "e": "é",
    "i": "í",
    "o": "ö",
    "u": "ü",
    "c": "ç",
    "s": "ş",
    "n": "ñ",
    "z": "ž",
}
TITLES = ["Dr.", "Mr.", "Sheikh", "Haji", "Gen.", "Prof.", "Eng."]
PARTICLES = ["al-", "el ", "bin ", "abu "]
# Syllables Chinese given names are often made of: a Chinese near miss has one of them in
# place of one of its given name's syllables (Keqiang → Keming).
PINYIN_SWAP = [
    "wei", "ming", "hua", "jian", "jun", "hong", "ping", "yong", "qiang", "jie", "lin", "ying",
    "hui", "xiao", "yan", "feng", "gang", "bo", "tao", "bin", "hai", "lei", "chao", "peng",
]  # fmt: skip
GIVEN_SWAP = [
    "Ahmad", "Ali", "Hassan", "Omar", "Yusuf", "Ibrahim", "Karim", "Sergei", "Dmitri", "Olga",
    "Ivan", "Nikolai", "Elena", "Viktor", "Mikhail", "Fatima", "Javad", "Reza", "Hamid", "Wei",
]  # fmt: skip


def _words(name: str) -> list[str]:
    return name.split()


def _mutate_word(name: str, rng: random.Random, fn: Callable[[str], str | None]) -> str | None:
    """Apply ``fn`` to one word (of 4+ letters) of the name; None when nothing applies."""
    words = _words(name)
    idx = [i for i, w in enumerate(words) if len(re.sub(r"\W", "", w)) >= 4]
    rng.shuffle(idx)
    for i in idx:
        new = fn(words[i])
        if new and new != words[i]:
            words[i] = new
            return " ".join(words)
    return None


def _sub_once(word: str, pairs: list[tuple[str, str]], rng: random.Random) -> str | None:
    low = word.lower()
    options = [(a, b) for a, b in pairs if a in low]
    if not options:
        return None
    a, b = rng.choice(options)
    pos = low.index(a)
    return low[:pos] + b + low[pos + len(a) :]


def v_transliteration(n: str, rng: random.Random) -> str | None:
    return _mutate_word(n, rng, lambda w: _sub_once(w, TRANSLIT, rng))


def v_diacritics(n: str, rng: random.Random) -> str | None:
    def f(w: str) -> str | None:
        idx = [i for i, c in enumerate(w.lower()) if c in DIACRITIC]
        if not idx:
            return None
        chars = list(w.lower())
        for i in rng.sample(idx, min(2, len(idx))):
            chars[i] = DIACRITIC[chars[i]]
        return "".join(chars)

    return _mutate_word(n, rng, f)


def v_name_order(n: str, rng: random.Random) -> str | None:
    w = _words(n.replace(",", ""))
    if len(w) < 2:
        return None
    if rng.random() < 0.5:
        return f"{w[-1]}, {' '.join(w[:-1])}"
    return " ".join(reversed(w))


def v_token_drop(n: str, rng: random.Random) -> str | None:
    w = _words(n)
    if len(w) < 3:
        return None
    i = rng.randrange(1, len(w) - 1)
    return " ".join(w[:i] + w[i + 1 :])


def v_particles(n: str, rng: random.Random) -> str | None:
    if re.search(r"\b(al|el|bin|ibn|abu)[- ]", n, re.I):
        return re.sub(r"\b(al|el|bin|ibn|abu)[- ]", "", n, count=1, flags=re.I)
    w = _words(n)
    if len(w) < 2:
        return None
    i = rng.randrange(1, len(w))
    return " ".join(w[:i] + [rng.choice(PARTICLES) + w[i]] + w[i + 1 :])


def v_initials(n: str, rng: random.Random) -> str | None:
    w = _words(n.replace(",", ""))
    if len(w) < 3:
        return None
    i = rng.randrange(1, len(w) - 1)
    w[i] = w[i][0] + "."
    return " ".join(w)


def v_titles(n: str, rng: random.Random) -> str | None:
    return f"{rng.choice(TITLES)} {n}"


def v_punctuation(n: str, rng: random.Random) -> str | None:
    w = _words(n)
    if len(w) < 2:
        return None
    seps = [rng.choice(["-", ". ", ", ", " / ", "_"]) for _ in range(len(w) - 1)]
    return "".join(a + b for a, b in zip(w, seps + [""]))


def v_case(n: str, rng: random.Random) -> str | None:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in n)


def v_homoglyphs(n: str, rng: random.Random) -> str | None:
    chars = list(n.lower())
    idx = [i for i, c in enumerate(chars) if c in CYR_LOOKALIKE]
    if not idx:
        return None
    for i in rng.sample(idx, min(3, len(idx))):
        chars[i] = CYR_LOOKALIKE[chars[i]]
    return "".join(chars)


def v_invisible(n: str, rng: random.Random) -> str | None:
    chars = list(n)
    for _ in range(2):
        chars.insert(
            rng.randrange(1, len(chars)), rng.choice(["\u200b", "\u200d", "\u00ad", "\ufeff"])
        )
    return "".join(chars)


def v_vowel_drop(n: str, rng: random.Random) -> str | None:
    def f(w: str) -> str | None:
        out = w[0] + re.sub(r"[aeiouAEIOU]", "", w[1:])
        return out if len(out) >= 3 else None

    return _mutate_word(n, rng, f)


def v_double_letters(n: str, rng: random.Random) -> str | None:
    def f(w: str) -> str | None:
        m = re.search(r"(\w)\1", w)
        if m:
            return w[: m.start()] + w[m.start()] + w[m.end() :]
        i = rng.randrange(1, len(w))
        return w[:i] + w[i] + w[i:]

    return _mutate_word(n, rng, f)


def v_phonetic(n: str, rng: random.Random) -> str | None:
    return _mutate_word(n, rng, lambda w: _sub_once(w, RESPELL, rng))


def v_ocr(n: str, rng: random.Random) -> str | None:
    return _mutate_word(n, rng, lambda w: _sub_once(w, OCR, rng))


def v_keyboard(n: str, rng: random.Random) -> str | None:
    def f(w: str) -> str | None:
        low = w.lower()
        idx = [i for i in range(1, len(low)) if low[i] in KEYBOARD]
        if not idx:
            return None
        i = rng.choice(idx)
        return low[:i] + rng.choice(KEYBOARD[low[i]]) + low[i + 1 :]

    return _mutate_word(n, rng, f)


def v_transposition(n: str, rng: random.Random) -> str | None:
    def f(w: str) -> str | None:
        i = rng.randrange(1, len(w) - 2)
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]

    return _mutate_word(n, rng, f)


def v_truncated(n: str, rng: random.Random) -> str | None:
    """A fixed-width field cut the name; only cuts that keep a whole identity word count."""
    if len(n) < 24:
        return None
    cut = n[: max(18, int(len(n) * rng.uniform(0.65, 0.8)))]
    whole = cut.rsplit(" ", 1)[0] if " " in cut else ""
    if not set(prepare(whole, "org").tokens) & set(prepare(n, "org").tokens):
        return None
    return cut


SYNTHETIC: dict[str, Callable[[str, random.Random], str | None]] = {
    "transliteration": v_transliteration,
    "diacritics": v_diacritics,
    "name_order": v_name_order,
    "token_drop": v_token_drop,
    "particles": v_particles,
    "initials": v_initials,
    "titles": v_titles,
    "punctuation": v_punctuation,
    "case": v_case,
    "homoglyphs": v_homoglyphs,
    "invisible": v_invisible,
    "vowel_drop": v_vowel_drop,
    "double_letters": v_double_letters,
    "phonetic": v_phonetic,
    "ocr": v_ocr,
    "keyboard": v_keyboard,
    "transposition": v_transposition,
    "truncated": v_truncated,
}
PERSON_ONLY = {"initials", "titles", "particles"}


def _script(text: str) -> str | None:
    for ch in text:
        if ch.isascii() or not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            return "cross_script_cyrillic"
        if name.startswith("ARABIC"):
            return "cross_script_arabic"
        if name.startswith("CJK"):
            return "cross_script_chinese"
        if name.startswith("KATAKANA"):
            return "cross_script_japanese"
        if name.startswith("HANGUL"):
            return "cross_script_korean"
        if name.startswith(("HEBREW", "GREEK", "ARMENIAN", "GEORGIAN", "THAI")):
            return "cross_script_other"
        return None
    return None


def _ordered(items: list, ids: list[str], seed: int, salt: str) -> list:
    """``items`` in an order fixed by the seed and each item's id alone."""

    def rank(pair: tuple) -> bytes:
        return _hash(f"{seed}:{salt}:{pair[0]}")

    return [item for _, item in sorted(zip(ids, items), key=rank)]


def _hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=8).digest()


def _draws(seed: int, salt: str, entity_id: str) -> random.Random:
    """The random draws for one case, the same whichever other cases are made."""
    return random.Random(f"{seed}:{salt}:{entity_id}")


def build(
    index: Index, per_class: int = 60, negatives: int = 1000, seed: int = 7, chinese: int = 0
) -> list[Case]:
    """The development set: ``per_class`` positives per class plus near-miss negatives, and
    ``chinese`` near misses of Chinese names (:func:`_chinese_near_misses`)."""
    by_entity: dict[int, list[tuple[str, bool]]] = {}
    for idx, form in enumerate(index.names):
        by_entity.setdefault(int(index.name_entity[idx]), []).append(
            (form.raw, bool(index.name_weak[idx]))
        )
    pool = []
    for ent_idx, names in by_entity.items():
        rec = index.entities[ent_idx]
        if rec.schema not in ("Person", "Organization", "Company", "LegalEntity"):
            continue
        primary = next((n for n, weak in names if not weak and n.isascii()), None)
        if primary and 2 <= len(primary.split()) <= 8:
            pool.append((ent_idx, primary))
    ids = [index.entities[e].id for e, _ in pool]
    cases: list[Case] = []
    for cls, fn in SYNTHETIC.items():
        made = 0
        for ent_idx, name in _ordered(pool, ids, seed, cls):
            rec = index.entities[ent_idx]
            if cls in PERSON_ONLY and rec.schema != "Person":
                continue
            variant = fn(name, _draws(seed, cls, rec.id))
            if not variant or variant == name:
                continue
            cases.append(Case(cls, variant, rec.schema, rec.id, name))
            made += 1
            if made >= per_class:
                break
    cases.extend(_cross_script(index, by_entity, per_class, seed))
    cases.extend(_near_misses(index, _ordered(pool, ids, seed, "near"), negatives, seed))
    if chinese:
        chinese_pool = _ordered(pool, ids, seed, "chinese")
        cases.extend(_chinese_near_misses(index, chinese_pool, chinese, seed))
    return cases


def _cross_script(index: Index, by_entity: dict, per_class: int, seed: int) -> list[Case]:
    found: dict[str, list[Case]] = {}
    items = list(by_entity.items())
    items = _ordered(items, [index.entities[e].id for e, _ in items], seed, "script")
    for ent_idx, names in items:
        rec = index.entities[ent_idx]
        latin = [n for n, weak in names if n.isascii() and not weak]
        if not latin:
            continue
        for name, _weak in names:
            cls = _script(name)
            if cls and len(found.setdefault(cls, [])) < per_class:
                found[cls].append(Case(cls, name, rec.schema, rec.id, latin[0]))
                break
    return [c for cases in found.values() for c in cases]


def _near_misses(index: Index, pool: list, count: int, seed: int) -> list[Case]:
    """Another party with the same structure: one identity word of the name replaced.

    People keep their surname and get another given name; organisations keep everything but
    their most distinctive word. The new word must not be a word of any of the party's names
    (its aliases may hold it), and the result must not be a listed name itself. A name with
    parentheses is left out: the other spellings it gives there (Hennadiy (Gennadiy)
    SHELESTENKO) would stay in the near miss (Omar (Gennadiy) SHELESTENKO), which then
    names the party itself.
    """
    known = {tuple(sorted(f.keys)) for f in index.names}
    entity_keys: dict[int, set[str]] = {}
    for idx, form in enumerate(index.names):
        entity_keys.setdefault(index.name_entity[idx], set()).update(form.keys)
    df = index.df
    words_seen = {
        w
        for _, n in pool
        for w in n.split()
        if len(w) >= 5 and w.isalpha() and not prepare(w, ORG).forms
    }
    # Words on a ring by their hash: a draw takes the next word round from a random point, so
    # one word more or less in the lists changes only the draws that landed next to it.
    ring = sorted((_hash(w), w) for w in words_seen)
    out: list[Case] = []
    for ent_idx, name in pool:
        if len(out) >= count:
            break
        if "(" in name:
            continue
        rec = index.entities[ent_idx]
        rng = _draws(seed, "near", rec.id)
        kind = schema_kind(rec.schema)
        words = name.replace(",", " ").split()
        identity = set(prepare(name, kind).keys)
        form_keys = [prepare(w, kind).keys for w in words]
        candidates = [i for i, k in enumerate(form_keys) if len(k) == 1 and k[0] in identity]
        if len(candidates) < 2:
            continue
        if rec.schema == "Person":
            # "SURNAME, Given" lists put the surname first when there is a comma.
            i = 1 if "," in name else 0
            if i not in candidates:
                continue
            new = rng.choice(GIVEN_SWAP)
            cls = "near_miss_person"
        else:
            i = min(candidates, key=lambda j: df.get(form_keys[j][0], 0))
            at = bisect.bisect_left(ring, (rng.getrandbits(64).to_bytes(8, "big"), ""))
            new = ring[at % len(ring)][1]
            cls = "near_miss_org"
        new_keys = set(prepare(new, kind).keys)
        if not new_keys or new_keys & entity_keys[ent_idx]:
            continue
        words[i] = new
        variant = " ".join(words)
        if tuple(sorted(prepare(variant, kind).keys)) in known:
            continue
        out.append(Case(cls, variant, rec.schema, None, name, rec.id))
    return out


def _chinese_near_misses(index: Index, pool: list, count: int, seed: int) -> list[Case]:
    """A listed Chinese person with one syllable of the given name changed: one character of
    it, so another person (Li Keqiang → Li Keming).

    The given name is the word of most syllables (a surname has one); a name whose words tie
    is left out. As with :func:`_near_misses`, the result must not be a listed name.
    """
    known = {tuple(sorted(f.keys)) for f in index.names}
    out: list[Case] = []
    for ent_idx, name in pool:
        if len(out) >= count:
            break
        rec = index.entities[ent_idx]
        if rec.schema != "Person" or not is_chinese_name(prepare(name, PERSON)):
            continue
        words = name.replace(",", " ").split()
        split = [syllables(w.lower()) or () for w in words]
        most = max(len(s) for s in split)
        given = [i for i, s in enumerate(split) if len(s) == most]
        if most < 2 or len(given) != 1:
            continue
        rng = _draws(seed, "chinese", rec.id)
        parts = list(split[given[0]])
        at = rng.randrange(len(parts))
        parts[at] = rng.choice([p for p in PINYIN_SWAP if p != parts[at]])
        word = "".join(parts)
        words[given[0]] = word.upper() if words[given[0]].isupper() else word.capitalize()
        variant = " ".join(words)
        if tuple(sorted(prepare(variant, PERSON).keys)) in known:
            continue
        out.append(Case("near_miss_chinese", variant, rec.schema, None, name, rec.id))
    return out
