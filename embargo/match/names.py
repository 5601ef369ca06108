"""Name against name: align the words, weigh what is explained, say how each pair met.

Each feature is a small function; :func:`compare_names` combines them with the numbers in
:mod:`embargo.match.weights` and returns the score with the alignment that produced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from rapidfuzz.distance import DamerauLevenshtein, Hamming, Indel, Levenshtein

from embargo.match import weights as W
from embargo.memo import BoundedMemo
from embargo.names import han, kana, phonetic
from embargo.names.org_words import ORG_SYMBOL_BASE, form_meanings
from embargo.names.pinyin import is_chinese_name
from embargo.names.prepare import NameForm, is_legal_word
from embargo.names.script import has_abjad_letters, has_arabic_letters, scripts_of

WeightFn = Callable[[str], float]


@dataclass(slots=True)
class Pair:
    """Query words aligned to listed words, and why."""

    query: tuple[str, ...]
    listed: tuple[str, ...]
    sim: float
    how: str


@dataclass(slots=True)
class NameScore:
    score: float
    query_name: str
    listed_name: str
    pairs: list[Pair] = field(default_factory=list)
    unmatched_query: tuple[str, ...] = ()
    unmatched_listed: tuple[str, ...] = ()
    method: str = "tokens"
    forms: str | None = None

    def explain(self) -> dict:
        return {
            "query_name": self.query_name,
            "listed_name": self.listed_name,
            "score": round(self.score, 4),
            "method": self.method,
            "aligned": [
                {
                    "query": " ".join(p.query),
                    "listed": " ".join(p.listed),
                    "sim": round(p.sim, 3),
                    "how": p.how,
                }
                for p in self.pairs
            ],
            "unmatched_query": list(self.unmatched_query),
            "unmatched_listed": list(self.unmatched_listed),
            **({"legal_forms": self.forms} if self.forms else {}),
        }


def _unit_similarity(
    qu: Unit,
    cu: Unit,
    symbols: Mapping[str, frozenset] | None,
    prefix_ok: bool,
    org: bool = False,
) -> tuple[float, str]:
    """The strongest evidence that two words are the same word (facts per word: ``_unit``).

    ``prefix_ok`` is set for the last word of a query only: a field cut off by a column width
    ends in a truncated word, while a short word elsewhere (Ali / Alireza) is a different name.
    ``org`` where neither name is a person's: a word then meets its translation
    (``data/org_words.json``), and a Slavic adjective the noun or adjective it is formed from
    (see :func:`_place_adjective`).
    """
    a, ka, sa = qu[1], qu[2], qu[3]
    b, kb, sb = cu[1], cu[2], cu[3]
    if a == b:
        return W.SIM_EXACT, "exact"
    # Arabic script writes s and z apart, and b and w, which the key merges (عزیز is Aziz,
    # not Assis).
    kept_apart = (qu[13] or cu[13]) and _letters_kept_apart(qu, cu)
    # A word of a Chinese person's name in pinyin, and one of another name that it cannot
    # be a romanisation or a slip of (:func:`_pinyin_apart`).
    # Nor is it, in two Chinese names, a key-equal spelling of a word whose zh is an s.
    syllables_apart = (
        qu[9] != cu[9]
        and not org
        and not (qu[5] or cu[5])
        and (_pinyin_apart(a, b) if qu[9] else _pinyin_apart(b, a))
    ) or (qu[9] and cu[9] and (_zh_as_s(a, b) or _zh_as_s(b, a)))
    if ka == kb and not kept_apart and not syllables_apart:
        return W.SIM_SPELLING, "spelling"
    known_apart = False
    if symbols:
        sym_a = symbols.get(ka)
        if sym_a:
            sym_b = symbols.get(kb)
            if sym_b:
                if sym_a.isdisjoint(sym_b):
                    # Two organisation words of different meanings may still be one word
                    # spelt two ways (Central, Centre): only given names are known apart.
                    known_apart = max(sym_a) > ORG_SYMBOL_BASE and max(sym_b) > ORG_SYMBOL_BASE
                else:
                    shared = sym_a & sym_b
                    low: int | None = min(shared)
                    if low <= ORG_SYMBOL_BASE:  # a group of data/org_words.json
                        # Organisations' names are translated; people's are not (Dom, House).
                        if org:
                            return W.SIM_EQUIVALENT, "translation"
                        low = min((s for s in shared if s > ORG_SYMBOL_BASE), default=None)
                    if low is not None and (
                        low < 0  # a group of data/given_names.json
                        or (
                            _chinese_syllables_alike(a, b, ka, kb, qu[9] and cu[9])
                            if (qu[9] or cu[9]) and not org
                            # The tagger knows Latin spellings, which a word read from an
                            # abjad is by accident: it must open alike and write the letters
                            # the script keeps apart alike (حسین read hsin is not Hsin, of a
                            # family with Zan; سعید is not Zaid; دیمیتری is Dmitry).
                            else (ka[0] == kb[0] and not kept_apart)
                            or (not (qu[11] or cu[11]) and _alike(ka, kb) >= W.EQUIVALENT_MIN_ALIKE)
                        )
                    ):
                        return W.SIM_EQUIVALENT, "equivalent"
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        if a[0] == b[0] or (a == "e" and b[:2] == "ye") or (b == "e" and a[:2] == "ye"):
            # Е is romanised e or ye, and so is a name and its initial (Andriy E. PURGIN,
            # Andrey Yevgenyevich PURGIN).
            return W.SIM_INITIAL, "initial"
        return 0.0, "none"
    if qu[9] and cu[9] and not _transposed(a, b):
        # Two Chinese names: a syllable is a character, so another syllable is another name
        # (Keqiang, Qiang; Wengui, Wenhui), however alike the letters. Two letters swapped
        # are a slip of the keyboard (Cuhan, Chuan), still compared as spelt.
        if prefix_ok and b.startswith(a):
            return W.SIM_PREFIX, "prefix"
        return 0.0, "none"
    best, how = 0.0, "none"
    consonantal: bool | None = None  # worked out only when a rule needs it
    abjad = qu[11] or cu[11]
    # Pinyin spells every sound of a Chinese person's name, so where the other word's vowels
    # differ it is another name, not the same consonants written another way (duyanyong,
    # Dodong); but for a word written without its vowels (Zhng). An organisation's name in
    # Han often writes a foreign word by its sounds, whose consonants are then the evidence
    # (保利 baoli, Poly).
    pinyin = not org and (qu[9] or cu[9]) and not (qu[5] or cu[5])
    # Letters an Arabic-script word writes that the other spelling has otherwise: no spelling
    # slip either.
    letters_apart = abjad and (kept_apart or _letters_apart(qu, cu))
    # Two short words both read from Arabic script are one only as :func:`_arabic_slip_apart`
    # allows, neither by a skeleton that drops their letters (حداد is not هدى, nor قائد) nor
    # as a slip.
    slip_apart = qu[13] and cu[13] and _arabic_slip_apart(a, b)
    consonants_apart = (
        letters_apart
        or (abjad and (_alef_apart(qu, cu) or _liquids_apart(qu, cu)))
        or slip_apart
        # A word written without vowels is a pinyin word with its vowels left out (Zhng,
        # Zhang; Tqng, Tuqiang), not the skeleton of a Chinese name read as one word (SGM is
        # not zhuguimei, 朱桂梅).
        or (
            not org
            and (
                (qu[9] and cu[5] and _skeleton_only(a, b))
                or (cu[9] and qu[5] and _skeleton_only(b, a))
            )
        )
    )
    if sa == sb and len(sa) >= 2 and not pinyin and not consonants_apart:
        # The key reads rn as the m OCR makes of it, which an abjad's rn is not (رنا rna, Rana).
        consonantal = (
            qu[5] or cu[5] or _within(ka, kb, abjad) or ("rn" in a and _within(a, b, abjad))
        )
        if consonantal or len(sa) >= W.SKELETON_LONG or (qu[6] == cu[6] and _vowels_agree(ka, kb)):
            best, how = W.SIM_SKELETON, "skeleton"
            if abjad and qu[11] != cu[11] and _within(ka, kb, True):
                best = W.SIM_ABJAD
    elif (
        sa == sb
        and abjad
        and len(sa) == 1
        and not consonants_apart
        and _vowel_opened(ka, kb)
        and _within(ka, kb, True)
    ):
        # One consonant is evidence enough where an abjad word opens on the alef or ain that
        # carries whichever vowel the name starts with, and nests in the other (عدي adi, Uday;
        # عیسی aysa, Essa).
        best, how = W.SIM_SKELETON, "skeleton"
    if (
        la >= W.FUZZY_MIN_LEN
        and lb >= W.FUZZY_MIN_LEN
        and not letters_apart
        and not slip_apart
        and not (abjad and _strong_consonants_apart(qu, cu))
        and not syllables_apart
    ):
        # Below CONFLICT_SOFT a similarity neither aligns words nor softens a conflict.
        sim = _dl_similarity(ka, kb, score_cutoff=W.CONFLICT_SOFT)
        if a != ka or b != kb:
            written = _dl_similarity(a, b, score_cutoff=W.CONFLICT_SOFT)
            if written > sim:
                sim = written
        if sim > best:
            best, how = sim, "fuzzy"
        if (
            len(sa) >= 3
            and len(sb) >= 3
            and best < W.SIM_SKELETON
            and not pinyin
            and not consonants_apart
        ):
            ssim = _dl_similarity(sa, sb, score_cutoff=_SKELETON_CUTOFF) * W.SIM_SKELETON
            if ssim > best:
                if consonantal is None:
                    consonantal = qu[5] or cu[5] or _within(ka, kb, abjad)
                if consonantal:
                    best, how = ssim, "skeleton"
    if abjad and best < W.SIM_SKELETON and not (qu[11] and cu[11]):
        # One of the two words read from an abjad, the other spelt in Latin: each of
        # ``_RESPELLINGS`` tried in turn on the word it applies to.
        for abjad_side, applies, respell in _RESPELLINGS:
            if qu[11] == abjad_side and applies(a, b):
                held = _unit_similarity(respell(qu, b), cu, symbols, prefix_ok, org)
            elif cu[11] == abjad_side and applies(b, a):
                held = _unit_similarity(qu, respell(cu, a), symbols, prefix_ok, org)
            else:
                continue
            if held[0] > best:
                best, how = held
            if best >= W.SIM_SKELETON:
                break
    if (qu[7] != ka or cu[7] != kb) and best < W.SIM_SPELLING:
        # One side writes the glide w as u before a vowel, as French does (Aouadi, Hamraoui,
        # Rouine: Awadi, Hamrawi, Rwin).
        glide = _glided(qu[7], cu[7])
        if glide > best:
            best, how = glide, "glide"
    if qu[8] and best < W.SIM_KANA:
        # The query was read from katakana or Han: the listed spelling as that script would
        # carry it (kana.read_back, han.read_back).
        carried = max(
            _kana_alike(qu[8], spelt)
            for spelt in (kana.read_backs(b) if qu[12] is kana.read_back else (qu[12](b),))
        )
        if carried > best:
            best, how = carried, _CARRIERS[qu[12]]
        if (
            org
            and best < W.SIM_KANA
            and qu[12] is kana.read_back
            and len(cu[0]) == 1
            and not (cu[9] or cu[11])
            and b.isascii()
            and _may_say_alike(qu[8], qu[12](b))
        ):
            # A listed word of an organisation's name, if English, written in katakana as
            # English says it (モダン, modern), not as it is spelt; one word, not two read
            # as one, nor one read from an abjad or of a Chinese name.
            english = _kana_alike(qu[8], kana.read_back(kana.from_english(b)))
            if english > best:
                best, how = english, "katakana"
    if org and best < W.SIM_EQUIVALENT and ("sk" in ka or "sk" in kb):
        place = _place_adjective(ka, kb) or _place_adjective(kb, ka)
        if place > best:
            best, how = place, "adjective"
    if prefix_ok and la >= 2 and b.startswith(a) and W.SIM_PREFIX > best:
        return W.SIM_PREFIX, "prefix"
    if (
        known_apart
        and best > W.SIM_KNOWN_APART
        and sa != sb
        and how not in _CARRIED_HOW
        and _HARD_C.sub("k", a) != _HARD_C.sub("k", b)
    ):
        # Both are known given names of different name families (Hamid / Khalid): a spelling
        # slip does not turn one into the other. Katakana writes some such pairs alike (Kang
        # and Kan are カン), so there the names stay open; so does a hard c written k, which
        # the name families keep apart (Nicolas, Nikolas) but which spells one name.
        return W.SIM_KNOWN_APART, "different names"
    return best, how


# How a foreign name's word read from katakana or from Han met the other, carried by the
# read-back of that script.
_CARRIERS: dict[Callable[[str], str], str] = {kana.read_back: "katakana", han.read_back: "han"}
_CARRIED_HOW = frozenset(_CARRIERS.values())
# How a pair of words met when one is the other translated (``data/org_words.json``) or its
# Slavic adjective (``_place_adjective``): the name is the party's in another language.
TRANSLATED = frozenset({"translation", "adjective"})
_HARD_C = re.compile("c(?![hiey])")
# The key of a Russian, Ukrainian or Belarusian adjective in -sk- (Kazanskiy, Uralskaya,
# Khersonskoy: kasanski, uralskaia, hersonskoi) in any of its cases.
_PLACE_ADJECTIVE = re.compile(r"sk(?:[aeiou]{1,3}|ogo|ego|omu|emu|oi|ei|im|ih|imi|oiu|aiu|uiu)$")
_PLACE_MIN = 0.8  # how alike a place must be to the adjective's stem when not spelt the same


def adjective_stem(key: str) -> str | None:
    """The stem of a Slavic adjective's key in -sk- (kasanski: kasan), else None."""
    m = _PLACE_ADJECTIVE.search(key)
    return key[: m.start()] if m is not None and m.start() >= 3 else None


def _place_adjective(adjective: str, place: str) -> float:
    """How surely a Slavic adjective in -sk- is the word it is formed from: a place written
    as a noun (Казанский завод, the Kazan Plant; Уральский, Ural; Чебоксарский, Cheboksary;
    Балтийский, Baltic; Новосибирский, Novosibirsk; Московский, Moscow), or an English
    adjective of the same root (синтетического, synthetic); 0 if it is not.

    Only organisations' names are read so: among people's, Kovalskiy and Koval are two
    surnames.
    """
    stem = adjective_stem(adjective)
    if stem is None:
        return 0.0
    if place in (stem, stem + "sk") or (place[:-1] == stem and place[-1] in "aeiouc"):
        return W.SIM_EQUIVALENT
    sim = _dl_similarity(stem, place, score_cutoff=_PLACE_MIN)
    if place[-1] in "aeiou" and len(place) > 3:
        sim = max(sim, _dl_similarity(stem, place[:-1], score_cutoff=_PLACE_MIN))
    return min(sim, W.SIM_EQUIVALENT - 0.01) if sim else 0.0


def _respelt(unit: Unit, token: str, abjad: bool = False) -> Unit:
    """``unit`` with its word spelt ``token``: its keys made again, its place and weight kept."""
    return _unit(unit[0], token, phonetic.key(token), phonetic.skeleton(token), unit[4], False,
                 unit[9], abjad=abjad, vowels_written=abjad and unit[13])  # fmt: skip


def _hard_c(unit: Unit) -> Unit:
    """A Latin word's unit with its hard c written k."""
    return _respelt(unit, _HARD_C.sub("k", unit[1]))


def _j_as_y(unit: Unit) -> Unit:
    """A Latin word's unit with its j written y."""
    return _respelt(unit, unit[1].replace("j", "y"))


# A foreign name's opening o is written أو, read aw (أوليغ awligh, Oleg; أولغا, Olga).
OPENING_AW = re.compile("aw[^aeiouwy]")


def opening_vowel(token: str) -> str:
    """An abjad word opening on ``OPENING_AW`` with it read as the vowel u."""
    return "u" + token[2:]


def _aw_as_u(unit: Unit) -> Unit:
    """An abjad word's unit with its opening aw read as the vowel u."""
    return _respelt(unit, opening_vowel(unit[1]), abjad=True)


def _ta_marbuta(spelt: str) -> str:
    """The letter a romanisation writes after a ta marbuta's a: the t of at or et where the
    word is in construct, the h of ah; "" for neither."""
    if spelt.endswith(("at", "et")):
        return "t"
    return "h" if spelt.endswith("ah") else ""


def _ta_as(unit: Unit, end: str) -> Unit:
    """An abjad word's unit with its last a followed by ``end`` (see :func:`_ta_marbuta`)."""
    return _respelt(unit, unit[1] + end, abjad=True)


# Letters an abjad word's ظ and ذ are read as (see ``_RESPELLINGS``).
INTERDENTAL = re.compile("dh|[dz]")


def interdental_as_th(token: str) -> str:
    """An abjad word with each of its ``INTERDENTAL`` letters written th."""
    return INTERDENTAL.sub("th", token)


def _th_for_interdental(unit: Unit) -> Unit:
    """An abjad word's unit with its :func:`interdental_as_th` spelling."""
    return _respelt(unit, interdental_as_th(unit[1]), abjad=True)


# How a word's spelling may differ where one word was read from an abjad and the other is
# spelt in Latin: (whether it is the abjad word that is respelt, whether the respelling
# applies to it given the other word, the respelling given the other word).
_RESPELLINGS: tuple[tuple[bool, Callable[[str, str], object], Callable[[Unit, str], Unit]], ...] = (
    # Arabic and Hebrew script have no c: the hard c of a Latin word is the k their readings
    # write (ניקולס nikols, Nicolas), where the key keeps c for the ch of Slavic spellings
    # (Kovalcuk).
    (False, lambda own, _other: _HARD_C.search(own), lambda unit, _other: _hard_c(unit)),
    # Where the script writes a y (בנימין, بنيامين), a Latin spelling may write the j of
    # English, German or Dutch (Benjamin, Jakob, Juri).
    (
        False,
        lambda own, other: "j" in own and "j" not in other,
        lambda unit, _other: _j_as_y(unit),
    ),
    # A foreign name's opening o, which Arabic writes أو (read aw), where the Latin word opens
    # on a vowel it may be (أوليغ, Oleg).
    (
        True,
        lambda own, other: OPENING_AW.match(own) and other[0] in "ou",
        lambda unit, _other: _aw_as_u(unit),
    ),
    # A ta marbuta is read a (اسامة, Usama), but a word it ends says it t where another word
    # follows and is governed by it, as an organisation's name runs (حركة الشباب, Harakat
    # al-Shabaab; سلسلة الذهب, Silsilat al-Dhahab), and romanisations may write it ah (Usamah,
    # Silsilah).
    (
        True,
        lambda own, other: own[-1] == "a" != other[-1] and len(own) >= 3 and _ta_marbuta(other),
        lambda unit, other: _ta_as(unit, _ta_marbuta(other)),
    ),
    # ظ and ذ, read z, d or dh, are the th Iraqi and older romanisations write (كاظم, Kathim;
    # أبو ذر, Abu Thar).
    (
        True,
        lambda own, other: "th" in other and "th" not in own and INTERDENTAL.search(own),
        lambda unit, _other: _th_for_interdental(unit),
    ),
)


def _vowel_opened(ka: str, kb: str) -> bool:
    """Both keys open on a vowel and have three letters or more."""
    return len(ka) >= 3 and len(kb) >= 3 and ka[0] in _VOWELS and kb[0] in _VOWELS


def _alef_apart(qu: Unit, cu: Unit) -> bool:
    """A word read from an abjad opens on a vowel its script wrote (an alef or ain: احمد
    ahmd), where the other word opens on a consonant (Hamid): the same consonants do not make
    them one name."""
    a, b = qu[2], cu[2]
    return (qu[11] and a[0] in _VOWELS and b[0] not in _VOWELS and a[:2] != "al") or (
        cu[11] and b[0] in _VOWELS and a[0] not in _VOWELS and b[:2] != "al"
    )


def _letters_apart(qu: Unit, cu: Unit) -> bool:
    """An Arabic-script word and another spelling of the same consonants whose long vowels,
    or whose h, differ.

    An abjad writes a long i or u (ی, و) and leaves the short vowels out: حسین hsin is
    Hossein and حسن hsn is Hasan, سلیم slim is Salim and not Salimi, منصور mnsur is Mansour
    and not Monzer. So between two consonants, or after the last, a written i or u needs
    its vowel in the other spelling (an i or e, or a y; a u or o, or a w), and a long vowel
    the other spelling writes (ee, ei, ay…, oo; a closing i) needs the abjad's letter. A
    written a is left alone: the reading writes an ain as a too, whose vowel may be any
    (نعمان naman, Numan). Two words read from an abjad are held to each other's written
    vowels alike. Hebrew writes a foreign name's long vowels or not (מוחמד דף, Mohammed Deif),
    so its words are not held to them.

    An h read from Arabic script is ح or ه, which no spelling writes kh or gh (خ, غ and ق):
    حسن hsn is Hasan, not Ghassan; and a gh or q read from it (غ, ق) is no spelling's h:
    قاسمی is Ghasemi, not Hashemi.
    """
    if not (qu[13] or cu[13]) or qu[8] or cu[8]:
        return False
    a, b = _vowel_slots(qu[1]), _vowel_slots(cu[1])
    if a is None or b is None or a[0] != b[0]:
        return False
    if any(
        (qu[13] and _velar_apart(la, lb)) or (cu[13] and _velar_apart(lb, la))
        for la, lb in zip(a[1], b[1])
    ):
        return True
    return any(
        _slot_apart(va, vb, qu[13], cu[13], last=i == len(a[2]) - 1)
        for i, (va, vb) in enumerate(zip(a[2], b[2]))
        if i > 0
    )


_VELAR = frozenset({"kh", "gh"})


def _pinyin_apart(pinyin: str, other: str) -> bool:
    """A word of a Chinese person's name in pinyin, and a word of another name that is none
    of its romanisations, nor a slip of the keys.

    Pinyin writes every syllable, one a character, and another romanisation writes as many
    (Xiang, Hsiang): a word of another count, two letters longer or shorter, is another name
    (Kaiyong, the Korean Byong; Zhiying, Wing), where a slip of the keys keeps the length
    (Zhao, Zaho). And pinyin's zh is the ch, j or z other romanisations write, never an s
    (Zhou is not Su, Zheng not Sung).
    """
    if _zh_as_s(pinyin, other):
        return True
    return abs(len(pinyin) - len(other)) >= 2 and _syllables(pinyin) != _syllables(other)


def _zh_as_s(pinyin: str, other: str) -> bool:
    """Pinyin's zh against an s (no romanisation writes it so: Zhou is not Su)."""
    return pinyin.startswith("zh") and other[0] == "s" and not other.startswith("sh")


def _skeleton_only(pinyin: str, vowelless: str) -> bool:
    """Whether a word without vowels meets a pinyin word of several syllables by the skeleton
    alone, not as that word with its vowels left out (SGM, zhuguimei; not Tqng, Tuqiang)."""
    return _syllables(pinyin) > 1 and _VOWEL.sub("", pinyin) != vowelless


@lru_cache(maxsize=16_384)
def _syllables(token: str) -> int:
    """How many syllables a word spells: its runs of vowels, a y or w before a vowel being
    a consonant (kaiyong 2, byong 1, wing 1)."""
    return len(_VOWEL_RUN.findall(_GLIDE_BEFORE_VOWEL.sub("|", token)))


_VOWEL_RUN = re.compile("[aeiouy]+")
_GLIDE_BEFORE_VOWEL = re.compile("[yw](?=[aeiou])")


def _letters_kept_apart(qu: Unit, cu: Unit) -> bool:
    """A word read from Arabic script and a Latin spelling, one with an s where the other
    has a z, or a b where the other has a w or v.

    The skeleton and the key merge them, as scripts that write them alike need (Spanish and
    Greek say b as v); Arabic script writes them apart (س ص ش as s or sh, ز ظ ض ذ as z; ب
    as b, و as w or v), and no spelling writes one as the other: عزیزی is Azizi, not Assi;
    رضایی is Rezaei, not Rashi; سعدی is Saadi, not Zahedi; عباس is Abbas, not Aws. An sh
    is an s here: Indonesian writes ص sh and ش sy (Shalah, Syarif). Held only where both
    spell as many of a group, so a letter the readings differ in (ث s or th, ذ z or dh, ض d
    or z, ف f or v) is read at each of its readings and never counted against.
    """
    if not _arabic_against_latin(qu, cu):
        return False
    return any(
        len(a) == len(b) and a != b
        for a, b in zip(_kept_apart(qu[1]), _kept_apart(cu[1]), strict=True)
    )


@lru_cache(maxsize=16_384)
def _kept_apart(token: str) -> tuple[str, ...]:
    """Per group of ``_APART``, the word's letters of it in order, as their classes, a class
    repeated counted once; a zh, ch, ts, tz or ph is another sound and not counted."""
    out = []
    for pattern, classes in _APART:
        found = ""
        for letters in pattern.findall(token):
            cls = classes.get(letters, "")
            if cls and not found.endswith(cls):
                found += cls
        out.append(found)
    return tuple(out)


_APART = (
    (re.compile("sch|sh|zh|ch|ts|tz|s|z"), {"s": "s", "z": "z", "sh": "s", "sch": "s"}),
    (re.compile("ph|bh|b|p|v|w"), {"b": "b", "p": "b", "bh": "b", "v": "w", "w": "w"}),
)


def _arabic_against_latin(qu: Unit, cu: Unit) -> bool:
    """One word read from Arabic script, the other spelt in Latin letters (not read from
    katakana or Han, nor from Hebrew, another abjad)."""
    return qu[13] != cu[13] and not (qu[8] or cu[8]) and not (qu[11] and cu[11])


def _velar_apart(arabic: str, other: str) -> bool:
    """An h and a kh or gh, or a gh or q and an h, one read from Arabic script."""
    return (arabic == "h" and other in _VELAR) or (arabic in ("gh", "q") and other == "h")


def _strong_consonants_apart(qu: Unit, cu: Unit) -> bool:
    """A short word read from Arabic script and a Latin spelling whose consonants differ.

    Arabic script writes every consonant; a spelling of a word of a few consonants
    (``_FEW_CONSONANTS``) that leaves one out or writes another is another name (صادقی sadqi,
    Saadi; کاظمی kazmi, Kazai; عثمان asman, Ayman), not a slip. In a longer word a letter is
    more often miswritten, a dot left off (آخوندراده for آخوندزاده, Akhundzada).

    An h, a y, the article's l before a sun letter (Ezzedine) and Persian's silent w after
    kh (خواجه, Khajeh) come and go, and the letters Arabic script's readings differ in count
    as one (ظ d or z; ق q, gh or k).
    """
    if not _arabic_against_latin(qu, cu):
        return False
    arabic, other = (qu[1], cu[1]) if qu[13] else (cu[1], qu[1])
    a = _strong_consonants(arabic)
    if a is None or len(a) > _FEW_CONSONANTS:
        return False
    b = _strong_consonants(other)
    return b is not None and a != b


@lru_cache(maxsize=16_384)
def _strong_consonants(token: str) -> str | None:
    """The word's consonants that every spelling of it writes, each as one class."""
    slots = _vowel_slots(_SOFT_C.sub("s", token))
    if slots is None:
        return None
    written, vowels = slots[1], slots[2]
    out: list[str] = []
    for i, letters in enumerate(written):
        cls = _STRONG.get(letters, letters)
        if not cls:
            continue
        if letters == "w" and i and written[i - 1] == "kh" and not vowels[i]:
            continue  # Persian's خوا, خوی: the w is not said (Khajeh, Khomeini)
        if letters == "l" and not vowels[i + 1] and i + 1 < len(written):
            if _STRONG.get(written[i + 1], written[i + 1]) in _SUN:
                continue  # al- before a sun letter is said as that letter (Ezzedine)
        if out and out[-1] == cls:
            continue
        out.append(cls)
    return "".join(out)


_STRONG = {
    "h": "", "y": "", "d": "s", "dh": "s", "z": "s", "zh": "s", "sh": "s", "th": "s",
    "ts": "s", "tz": "s", "ch": "s", "sch": "s", "c": "k", "ck": "k", "q": "k", "g": "k",
    "gh": "k", "j": "k", "dj": "k", "dzh": "k", "kh": "x", "x": "x", "f": "b", "v": "b",
    "p": "b", "w": "b", "ph": "b", "bh": "b",
}  # fmt: skip
_SUN = frozenset("strn")
_FEW_CONSONANTS = 3
_SOFT_C = re.compile("c(?=[eiy])")  # French spellings of Maghrebi names (Belkacem)


def _arabic_slip_apart(a: str, b: str) -> bool:
    """Two short words both read from Arabic script that differ by more than an alef or the
    readings of one letter.

    Written in one script, one letter more or other in a word of a few letters is another
    name (احمد, محمد; باسم, قاسم; محمد, محمدی), not a slip of spelling; an alef is written or
    not (رحمن, رحمان), and Arabic and Persian read some letters otherwise (ظ d and z: کاظمی
    kadmi, kazmi).
    """
    return min(len(a), len(b)) <= _ARABIC_SHORT and _one_reading(a) != _one_reading(b)


_ARABIC_SHORT = 5


@lru_cache(maxsize=16_384)
def _one_reading(token: str) -> str:
    """A word read from Arabic script with the letters its readings differ in made one (ض ذ
    ظ d, dh or z; ث th or s; ق q, gh or g; ج j or g; ش sh or ch) and its alefs left out."""
    return _READINGS_APART.sub(lambda m: _READING_AS[m.group()], token).replace("a", "")


_READINGS_APART = re.compile("dh|th|gh|sh|ch|[dzqgj]")
_READING_AS = {
    "dh": "z", "d": "z", "z": "z", "th": "s", "gh": "q", "q": "q", "g": "q", "j": "q",
    "sh": "s", "ch": "s",
}  # fmt: skip


def _slot_apart(va: str, vb: str, abjad_a: bool, abjad_b: bool, last: bool) -> bool:
    """Whether the vowels of one slot between consonants cannot be one spelling."""
    return (abjad_a and _written_apart(va, vb, last)) or (abjad_b and _written_apart(vb, va, last))


def _written_apart(written: str, other: str, last: bool) -> bool:
    """``written`` is the slot as an abjad writes it; ``other`` as the other word does."""
    if ("i" in written or "y" in written) and not _I_LIKE.intersection(other):
        return True
    if ("u" in written or "w" in written) and not _U_LIKE.intersection(other):
        return True
    long_i = _LONG_I if "a" not in written else _LONG_I_BESIDE_A
    if not _I_LIKE.intersection(written) and (long_i.search(other) or (last and other == "i")):
        return True
    return not _U_LIKE.intersection(written) and _LONG_U.search(other) is not None


_I_LIKE = frozenset("iey")
_U_LIKE = frozenset("uow")
_LONG_I = re.compile("ee|ei|ey|ai|ay|iy|ie|ii")
# An a the reading writes may be an alef and an ain, which the other spelling may write as
# the vowels either side of it (القاعدة qada, Qaida).
_LONG_I_BESIDE_A = re.compile("ee|ei|ey|ay|iy|ie|ii")
_LONG_U = re.compile("oo|uu")
# Consonants as the skeleton reads them: a digraph one consonant, a doubled one single,
# the labials one, l and r one (see phonetic.skeleton).
_CONSONANT_DIGRAPHS = re.compile(r"dzh|dsch|tsch|tch|sch|[sz]h|ch|ph|bh|dh|th|kh|gh|ts|tz|ck|dj|cz")
_CONSONANT_CLASS = {
    "dzh": "j", "dsch": "j", "dj": "j", "tsch": "c", "tch": "c", "cz": "c", "sch": "s",
    "sh": "s", "zh": "s", "ch": "c", "ph": "b", "bh": "b", "dh": "d", "th": "t", "kh": "h",
    "gh": "h", "ts": "c", "tz": "c", "ck": "k", "q": "k", "z": "s", "p": "b", "f": "b",
    "v": "b", "w": "b", "l": "r",
}  # fmt: skip


@lru_cache(maxsize=16_384)
def _vowel_slots(token: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """The word's consonants (as the skeleton reads them, and as written), and the vowels
    before, between and after them.

    A y or w opening the word or before a vowel is a consonant, elsewhere a vowel (Hussayn,
    Mawlawi). None for a word with letters other than a to z.
    """
    if not token.isascii() or not token.isalpha():
        return None
    consonants: list[str] = []
    written: list[str] = []
    slots = [""]
    i, n = 0, len(token)
    while i < n:
        ch = token[i]
        if ch in _VOWELS or (ch in "yw" and i > 0 and (i + 1 == n or token[i + 1] not in _VOWELS)):
            slots[-1] += ch
            i += 1
            continue
        found = _CONSONANT_DIGRAPHS.match(token, i)
        letters = found.group() if found else ch
        i += len(letters)
        cls = _CONSONANT_CLASS.get(letters, letters)
        if consonants and consonants[-1] == cls and not slots[-1]:
            continue  # a doubled consonant
        consonants.append(cls)
        written.append(letters)
        slots.append("")
    return "".join(consonants), tuple(written), tuple(slots)


def _liquids_apart(qu: Unit, cu: Unit) -> bool:
    """An abjad word and a romanisation whose l and r differ where the skeleton merged them.

    The skeleton merges l and r for the scripts that write them alike (katakana, Han); an
    abjad writes ل and ر apart, so an l read from it is no r of the other spelling (غول
    ghul, Ghafur).
    """
    if qu[11] == cu[11]:
        return False
    return _liquids(qu[1]) != _liquids(cu[1])


@lru_cache(maxsize=16_384)
def _liquids(key: str) -> str:
    return _DOUBLE.sub(r"\1", _NOT_LIQUID.sub("", key))


_NOT_LIQUID = re.compile("[^lr]+")
_DOUBLE = re.compile(r"(.)\1+")


def _transposed(a: str, b: str) -> bool:
    """``b`` is ``a`` with two adjacent letters swapped: two letters differ, one edit apart."""
    return (
        len(a) == len(b) and Hamming.distance(a, b) == 2 and DamerauLevenshtein.distance(a, b) == 1
    )


_dl_similarity = DamerauLevenshtein.normalized_similarity
_alike = Levenshtein.normalized_similarity
# Skeletons less alike than this give a similarity under CONFLICT_SOFT, which counts as none.
_SKELETON_CUTOFF = W.CONFLICT_SOFT / W.SIM_SKELETON
_by_sim_and_mass = itemgetter(0, 1)


_VOWEL_RUN = re.compile(r"[aeiou]+")
_CONSONANT_RUN = re.compile(r"[^aeiouV]+")


@lru_cache(maxsize=16_384)
def _shape(k: str) -> str:
    """Consonant/vowel pattern: Muhamed and Mohamad share CVCVCVC, Mahmud (CVCCVC) does not.

    Same consonants in the same pattern differ only in vowel colour, which is what
    romanisations of one name disagree on.
    """
    return _CONSONANT_RUN.sub("C", _VOWEL_RUN.sub("V", k))


# Vowels romanisations of one name swap: damma as o or u, kasra as e or i, fatha as a or e.
_VOWEL_COLOURS = frozenset({("o", "u"), ("u", "o"), ("e", "i"), ("i", "e"), ("a", "e"), ("e", "a")})


@lru_cache(maxsize=16_384)
def _vowels_agree(ka: str, kb: str) -> bool:
    """Two spellings of one CV pattern whose vowels differ only in colour (Omar / Umar,
    Reza / Riza, Ahmed / Ahmad), not in quality (Omar / Amir, Samir / Samar)."""
    for va, vb in zip(_VOWEL_RUN.findall(ka), _VOWEL_RUN.findall(kb)):
        if va != vb and len(va) == len(vb) == 1 and (va, vb) not in _VOWEL_COLOURS:
            return False
    return True


def _within(ka: str, kb: str, abjad: bool = False) -> bool:
    """The shorter key is the longer one with letters left out (محمدجواد → mohammadjavad).

    Abjad scripts write consonants and long vowels only; a romanisation adds the short vowels
    back. Fully spelt different names rarely nest this way (Mahmud is not inside Muhamad).
    ``abjad``: one word was read from an abjad, whose long vowels may have been romanised in
    another colour.
    """
    short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if len(short) < 3 or len(short) * 2 < len(long):
        return False
    if _subsequence(short, long):
        return True
    if (
        short[0] in _VOWELS
        and long[0] in _VOWELS
        and short[-1] == long[-1 if long[-1] != "e" else -2]
        and _subsequence(short[1:], long[1:])
    ):
        # A word-initial alef carries whichever vowel the name starts with (انتصار antsar,
        # Intissar); a last vowel it writes (Assad is not Essaadi), but not a French silent e
        # (عز الدين, Ezzedine).
        return True
    # The long vowels an abjad wrote may be spelt in another colour (كمال kmal, Kamel; מדורו
    # mdoro, Maduro; חמינאי khminay, Khamenei). One vowel may be any other; of more, each
    # keeps its colour (Mahmud's u is no a of Muhamad's), only vowels are left out (Moore is
    # not Murillo with il dropped), and only for a word read from an abjad: two spelt words
    # nest so by chance (Orbit, Eurobet).
    if len(_VOWEL.findall(short)) == 1:
        return _subsequence(_colourless(short), _colourless(long))
    return abjad and _vowels_added(short, long)


def _subsequence(short: str, long: str) -> bool:
    at = 0
    for ch in short:
        at = long.find(ch, at) + 1
        if not at:
            return False
    return True


def _vowels_added(short: str, long: str) -> bool:
    """``long`` is ``short`` with vowels added inside it (and perhaps a French silent e after
    it), a vowel of ``short`` met by itself or a vowel of its colour."""
    at, n = 0, len(long)
    for ch in short:
        while at < n and not (long[at] == ch or (ch, long[at]) in _VOWEL_COLOURS):
            if not at or long[at] not in _VOWELS:  # an abjad writes a word's first vowel
                return False
            at += 1
        if at == n:
            return False
        at += 1
    return long[at:] in ("", "e")  # a vowel after the last written letter: another name


def _colourless(key: str) -> str:
    return _VOWEL.sub("a", key)


@lru_cache(maxsize=16_384)
def _vowelless(word: str) -> bool:
    """Written without vowels between its first and last letters (Arabic/Persian script,
    vowel dropping).

    Only then is agreeing consonants strong evidence: between two fully spelt words it is not
    (Mahmud and Muhamad share every consonant and are different names). A last vowel is the
    ی, ا or ه an abjad writes at a word's end (مجتبی → mjtbi, Mojtaba), in words long enough
    not to be a spelt name of one syllable each side (Olga).
    """
    return _VOWEL.search(word, 1, len(word) - 1 if len(word) >= 5 else len(word)) is None


_VOWEL = re.compile("[aeiou]")
_VOWELS = frozenset("aeiou")


# (word positions, token, key, skeleton, weight, written without vowels, consonant/vowel shape,
# key with a written ou before a vowel read as w, the token read back from katakana or Han or
# "", whether it is a Chinese name's (compared syllable-exactly), the key its similarities are
# remembered under, whether it was read from an abjad: Arabic or Hebrew script, the
# read-back that carries a listed word as the query's script would, or None, and whether it
# was read from Arabic script, which writes every long vowel)
Unit = tuple[
    tuple[int, ...], str, str, str, float, bool, str, str, str, bool, str, bool,
    Callable[[str], str] | None, bool,
]  # fmt: skip
# An alignment candidate: (similarity, both sides' weight, query positions, listed
# positions, how, query weight, listed weight).
Candidate = tuple[float, float, tuple[int, ...], tuple[int, ...], str, float, float]


def _unit(
    at: tuple[int, ...],
    token: str,
    key: str,
    skel: str,
    weight: float,
    katakana: bool,
    chinese: bool,
    abjad: bool = False,
    transcribed: bool = False,
    vowels_written: bool = False,
) -> Unit:
    if abjad and "w" in token:
        glide = _vowel_w_key(token)
    else:
        glide = _glide_key(token) if "ou" in token else key
    carry = kana.read_back if katakana else han.read_back if transcribed else None
    carried = carry(token) if carry is not None else ""
    # A word compares otherwise in a Chinese name, so its similarities are remembered apart.
    # So do two words read as one: their keys are the words' keys joined, which the key of
    # the word they spell may not be (Mazhari reads masari; Maz Hari, mashari). Remembered
    # alike, whichever was compared first would answer for both, and a score would depend
    # on the names checked before it.
    remembered = token + _PAIR if len(at) == 2 else token
    if chinese:
        remembered += _CHINESE
    if abjad:
        remembered += _ABJAD  # its words nest in their romanisations (see _within)
        if not vowels_written:
            remembered += _HEBREW  # its long vowels are not held to (see _letters_apart)
    if transcribed:
        remembered += _HAN  # compared as Han carries the other word, not as katakana does
    return (at, token, key, skel, weight, _vowelless(token), _shape(key), glide, carried,
            chinese, remembered, abjad, carry, vowels_written)  # fmt: skip


_CHINESE = "\x1f"
_ABJAD = "\x1e"
_PAIR = "\x1d"
_HAN = "\x1c"
_HEBREW = "\x1b"


_OU_BEFORE_VOWEL = re.compile(r"ou(?=[aeio])")


@lru_cache(maxsize=16_384)
def _glide_key(token: str) -> str:
    """The key of ``token`` with an ou before a vowel read as the w French spells so
    (Aouadi, Awadi; Hamraoui, Hamrawi; Ouali, Wali): the key reads it u."""
    return phonetic.key(_OU_BEFORE_VOWEL.sub("w", token))


_W_NOT_BEFORE_VOWEL = re.compile(r"w(?![aeiouy])")


@lru_cache(maxsize=16_384)
def _vowel_w_key(token: str) -> str:
    """The key of a word read from an abjad with its waw as the vowel it also writes, where
    no vowel follows it: the lists write عولقي Aulaqi and Awlaqi, عوني Ouni, داود Daoud; the
    reading writes w, which the key reads v."""
    return phonetic.key(_W_NOT_BEFORE_VOWEL.sub("u", token))


def _chinese_syllables_alike(a: str, b: str, ka: str, kb: str, both_pinyin: bool) -> bool:
    """Whether a Chinese person's pinyin word and a word the name families give the same
    meaning are one name romanised two ways.

    The families link a character's readings across languages (金 jin and the Korean Kim,
    文 wen and the Vietnamese Van), and pinyin has few syllables: such links met both words
    of many a Chinese name no one listed (Jiang Wen, Kang Man). Only words that open on the
    same sound, as pinyin and Wade-Giles write it (zh and ch: Zhang, Chang), and share half
    their letters count; two pinyin syllables (``both_pinyin``) only where their finals are
    one too, as Wade-Giles may write it (Zhong, Chung; not Peng, Ping).
    """
    ia, ib = _initial(a), _initial(b)
    if not (ia == ib or (ia, ib) in _ROMANISED_ALIKE):
        return False
    if both_pinyin:
        # Both read as pinyin syllables: the same initial with another final is another
        # character (peng, ping), unless Wade-Giles writes that final so (hong, hung).
        fa, fb = a[len(ia) :], b[len(ib) :]
        return fa == fb or (fa, fb) in _FINALS_ALIKE
    return _alike(ka, kb) >= W.CHINESE_EQUIVALENT_MIN_ALIKE


_INITIAL = re.compile("zh|ch|sh|hs|ts|tz|[bcdfghjklmnpqrstwxyz]")


def _both_ways(pairs: tuple[tuple[str, str], ...]) -> frozenset[tuple[str, str]]:
    """Pinyin spellings paired with Wade-Giles ones, looked up whichever side is which."""
    return frozenset(pair for p, w in pairs for pair in ((p, w), (w, p)))


# Pinyin initials and finals, and the Wade-Giles ones that write the same sound.
_ROMANISED_ALIKE = _both_ways(
    (("zh", "ch"), ("j", "ch"), ("q", "ch"), ("x", "hs"), ("z", "ts"), ("z", "tz"), ("c", "ts"),
     ("b", "p"), ("d", "t"), ("g", "k"), ("r", "j"))
)  # fmt: skip
_FINALS_ALIKE = _both_ways(
    (("ong", "ung"), ("iong", "iung"), ("uo", "o"), ("e", "o"), ("ie", "ieh"), ("ian", "ien"),
     ("i", "ih"), ("i", "u"), ("ui", "uei"), ("ue", "ueh"), ("er", "erh"))
)  # fmt: skip


def _initial(word: str) -> str:
    """A word's opening consonant as pinyin or Wade-Giles writes it ('' for a vowel)."""
    m = _INITIAL.match(word)
    return m.group() if m else ""


def _glided(ga: str, gb: str) -> float:
    """How alike two glide keys are: equal ones as a spelling difference, others by edits."""
    if ga == gb:
        return W.SIM_SPELLING
    if min(len(ga), len(gb)) < W.FUZZY_MIN_LEN:
        return 0.0
    return _dl_similarity(ga, gb, score_cutoff=W.SIM_MIN)


def _may_say_alike(carried: str, spelt: str) -> bool:
    """Whether a word read from katakana may be a Latin word said in English, by what the
    spelling's read-back shows: the same first letter (a vowel for a vowel: aeronautics,
    エアロノーティクス) and a length within half or twice. Writing the word in katakana
    costs a model's run; most pairs are unlike words."""
    if not carried or not spelt or not 0.5 <= len(carried) / len(spelt) <= 2.0:
        return False
    first, other = carried[0], spelt[0]
    return first == other or (first in _VOWELS and other in _VOWELS)


def _kana_alike(ka: str, kb: str) -> float:
    """How alike two words read back from katakana are: equal ones as far as katakana can
    tell, others by edits (it leaves less to tell them apart by than a spelling does)."""
    if ka == kb:
        return W.SIM_KANA
    if min(len(ka), len(kb)) < W.FUZZY_MIN_LEN:
        return 0.0
    return min(W.SIM_KANA, _dl_similarity(ka, kb, score_cutoff=W.SIM_MIN))


def _units(
    form: NameForm,
    weights: list[float],
    katakana: bool = False,
    chinese: bool = False,
    transcribed: bool = False,
) -> list[Unit]:
    """Single words and adjacent pairs read as one word (split/merged names)."""
    tokens, keys, skels = form.tokens, form.keys, form.skeletons
    abjad = has_abjad_letters(form.raw)
    arabic = abjad and has_arabic_letters(form.raw)
    units = [
        _unit((i,), t, keys[i], skels[i], weights[i], katakana, chinese, abjad, transcribed, arabic)
        for i, t in enumerate(tokens)
    ]
    for i in range(len(tokens) - 1):
        units.append(
            _unit(
                (i, i + 1),
                tokens[i] + tokens[i + 1],
                keys[i] + keys[i + 1],
                skels[i] + skels[i + 1],
                weights[i] + weights[i + 1],
                katakana,
                chinese,
                abjad,
                transcribed,
                arabic,
            )
        )
    return units


@dataclass(slots=True)
class Side:
    """A prepared name with its comparison units and word weights, computed once."""

    form: NameForm
    units: list[Unit]
    weights: list[float]
    total: float
    chinese: bool = False  # pinyin compared syllable-exactly (embargo.names.pinyin)

    @classmethod
    def of(cls, form: NameForm, weight: WeightFn, query: bool = False) -> Side:
        """``query``: the side whose words, when read from katakana, are also compared with
        the listed spelling as katakana would carry it (the lists hold the Latin one). A
        Chinese name (:func:`~embargo.names.pinyin.is_chinese_name`) is marked on either
        side, but a query read from katakana: two such names compare syllable-exactly."""
        ws = [
            W.WEIGHT_INITIAL if len(t) == 1 else weight(k) for t, k in zip(form.tokens, form.keys)
        ]
        katakana = query and kana.KATAKANA.search(form.raw) is not None
        # Katakana cannot write a name syllable-exactly (カン is Kang and Kan): a name read
        # from it is compared as katakana carries the listed one, not as pinyin.
        chinese = not katakana and is_chinese_name(form)
        # A foreign name in Han (谢尔盖·拉夫罗夫): compared as the tables carry the listed one.
        transcribed = query and not katakana and not chinese and han.is_transcribed(form.raw)
        units = _units(form, ws, katakana, chinese, transcribed)
        return cls(form, units, ws, sum(ws) or 1.0, chinese)


def compare_names(
    q: NameForm,
    c: NameForm,
    weight: WeightFn,
    symbols: Mapping[str, frozenset] | None = None,
    person: bool = False,
) -> NameScore:
    """Score how likely two prepared names name the same party, in [0, 1]; ``person`` when
    the party is a person (see :data:`~embargo.match.weights.LONE_NAME`)."""
    if not q.tokens or not c.tokens:
        return NameScore(0.0, q.raw, c.raw)
    return compare_sides(Side.of(q, weight, query=True), Side.of(c, weight), symbols, person=person)


def compare_sides(
    qside: Side,
    cside: Side,
    symbols: Mapping[str, frozenset] | None = None,
    cache: BoundedMemo[tuple, dict] | None = None,
    floor: float = 0.0,
    person: bool = False,
) -> NameScore:
    """:func:`compare_names` on precomputed sides; ``cache`` memoises word similarities.

    With a ``floor``, a pair whose words cannot score that high however they align is not
    aligned: the result is :func:`_unaligned`, scored at that ceiling. Batch screening drops
    such names anyway, and most retrieved names are such names.
    """
    q, c = qside.form, cside.form
    n_q, n_c = len(q.tokens), len(c.tokens)
    if not n_q or not n_c:
        return NameScore(0.0, q.raw, c.raw)
    candidates: list[Candidate] = []
    last_q = n_q - 1
    single = []  # word-to-word similarity, even below SIM_MIN
    # Words run together or split apart change the word count; with equal counts the pairs of
    # adjacent words are not tried (they would only repeat what the single words found).
    same_count = n_q == n_c
    c_singles = cside.units[:n_c]
    c_pairs = () if same_count else cside.units[n_c:]
    q_pairs = () if same_count else qside.units[n_q:]
    can_prefix = n_q + len(q.forms) + len(q.minor) >= 2
    sim_min = W.SIM_MIN
    append = candidates.append
    org = not person
    for qu in qside.units[:n_q]:
        qi = qu[0]
        prefix_ok = can_prefix and qi[0] == last_q
        known = _known(cache, qu, prefix_ok, org)
        row = []
        for cu in c_singles:
            found = known.get(cu[10])
            if found is None:
                found = known[cu[10]] = _unit_similarity(qu, cu, symbols, prefix_ok, org)
            sim = found[0]
            row.append(sim)
            if sim >= sim_min:
                append((sim, qu[4] + cu[4], qi, cu[0], found[1], qu[4], cu[4]))
        single.append(row)
        if c_pairs:
            _add_merged(candidates, qu, c_pairs, known, symbols, prefix_ok, org)
    if same_count and org and n_q > 1 and _word_unmet(single, sim_min):
        # An organisation's word met by nothing may be a phrase the other name writes as one
        # word (Черноморский, Black Sea): read as such where the counts are equal too, as a
        # translation only, not as a spelling run together (Nova Print, NOVAPRINT 3D: as many
        # words, one of them another), and not with an initial (Pharma A, Farm).
        c_pairs = [u for u in cside.units[n_c:] if _words_of_letters(u, c.tokens)]
        for qu in qside.units[:n_q]:
            prefix_ok = can_prefix and qu[0][0] == last_q
            known = _known(cache, qu, prefix_ok, org)
            _add_merged(candidates, qu, c_pairs, known, symbols, prefix_ok, org, "translation")
        for qu in qside.units[n_q:]:
            if _words_of_letters(qu, q.tokens):
                prefix_ok = can_prefix and qu[0][1] == last_q
                known = _known(cache, qu, prefix_ok, org)
                _add_merged(
                    candidates, qu, c_singles, known, symbols, prefix_ok, org, "translation"
                )
    for qu in q_pairs:
        prefix_ok = can_prefix and qu[0][1] == last_q
        known = _known(cache, qu, prefix_ok, org)
        _add_merged(candidates, qu, c_singles, known, symbols, prefix_ok, org)
    if floor > 0.0:
        ceiling = _ceiling(candidates, qside, cside, person, symbols)
        if ceiling < floor:
            return _unaligned(ceiling, q, c)
    if q_pairs or c_pairs:
        candidates = _free_first(candidates)
    else:
        candidates.sort(key=_by_sim_and_mass, reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[Pair] = []
    cut = -1  # listed position of a query word matched as a truncation
    matched_q = matched_c = 0.0
    q_tokens, c_tokens = q.tokens, c.tokens
    for sim, _mass, qi, ci, how, q_weight, c_weight in candidates:
        if len(qi) == 1:
            if qi[0] in used_q:
                continue
        elif qi[0] in used_q or qi[1] in used_q:
            continue
        if len(ci) == 1:
            if ci[0] in used_c:
                continue
        elif ci[0] in used_c or ci[1] in used_c:
            continue
        used_q.update(qi)
        used_c.update(ci)
        matched_q += sim * q_weight
        matched_c += sim * c_weight
        pairs.append(
            Pair(tuple([q_tokens[i] for i in qi]), tuple([c_tokens[i] for i in ci]), sim, how)
        )
        if how == "prefix" and cut < 0:
            cut = ci[-1]
    total_q = qside.total
    total_c = cside.total
    if cut >= 0:
        # The listed words after a truncated query word: a cut-off field lost them.
        tail = sum(w for j, w in enumerate(cside.weights) if j > cut and j not in used_c)
        if tail:
            total_c = max(total_c - tail, 1e-9)
    # Legal-form words left over from a form written in part or garbled ("joint company",
    # "limited liability") say what the other side's form says, not who the party is: they
    # count as explained by it, but only when the other side has a form, is wholly and closely
    # explained, and so cannot be missing a distinctive word these might have replaced.
    unmatched_q = tuple([t for i, t in enumerate(q_tokens) if i not in used_q])
    unmatched_c = tuple([t for i, t in enumerate(c_tokens) if i not in used_c])
    excused: tuple[str, ...] = ()
    close = bool(pairs) and (bool(unmatched_q) != bool(unmatched_c))  # the cheap tests first
    close = close and min([p.sim for p in pairs]) >= W.FORM_WORDS_SIM
    if close and c.forms and unmatched_q:
        excused, weight = _legal_words(q, qside.weights, used_q, c.forms, symbols)
        matched_q += W.FORM_WORDS_SIM * weight
        unmatched_q = () if excused else unmatched_q
    elif close and q.forms and unmatched_c:
        excused, weight = _legal_words(c, cside.weights, used_c, q.forms, symbols)
        matched_c += W.FORM_WORDS_SIM * weight
        unmatched_c = () if excused else unmatched_c
    cover_q = matched_q / total_q
    cover_c = matched_c / total_c
    conflict = _conflict(single, used_q, used_c)
    score = W.COVER_QUERY * cover_q + W.COVER_LISTED * cover_c - conflict
    if n_c == 1 and n_q > 1:
        # A one-word listed name explains itself fully whatever else the query says; only the
        # share of the query it explains counts ("Maria Schneider" is not "Schneider GmbH").
        score = min(score, cover_q)
    # A person's lone name that leaves listed words unexplained, or meets a lone listed name
    # only as a look-alike (Andrew, Andrei), is one word of evidence: see LONE_NAME.
    lone = (
        person
        and n_q == 1
        and bool(pairs)
        and (bool(unmatched_c) or _look_alike(pairs[0].sim, q, c))
    )
    if lone:
        score = min(score, W.LONE_NAME)
    result = NameScore(
        max(0.0, score),
        q.raw,
        c.raw,
        pairs,
        unmatched_q,
        unmatched_c,
    )
    joined = _joined_score(q, c, exact=qside.chinese and cside.chinese)
    if joined > result.score:
        result = NameScore(
            joined, q.raw, c.raw, [Pair(q.tokens, c.tokens, joined, "joined")], method="joined"
        )
    _apply_forms(result, q, c)
    if excused and result.method == "tokens":
        note = f"read as legal form: {' '.join(excused)}"
        result.forms = f"{result.forms}; {note}" if result.forms else note
    if lone and result.method == "tokens":
        result.method = "lone name"
    return result


def _free_first(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates best first, as :func:`compare_sides` sorts them; of those that tie, the
    one whose words no other candidate wants first.

    A word written twice is aligned first where it stands alone, so that its other place
    stays free for the two words read as one it begins (امين الله امين قدوس, Aminullah Amin
    Quddus: the second amin meets Amin, and amin allah meets Aminullah). Only ties move:
    unequal candidates stay in the order of similarity and weight.
    """
    wanted: dict[tuple[int, int], int] = {}
    for _sim, _mass, qi, ci, *_ in candidates:
        for i in qi:
            wanted[(0, i)] = wanted.get((0, i), 0) + 1
        for j in ci:
            wanted[(1, j)] = wanted.get((1, j), 0) + 1

    def contest(c: Candidate) -> int:
        return sum(wanted[(0, i)] for i in c[2]) + sum(wanted[(1, j)] for j in c[3])

    return sorted(candidates, key=lambda c: (-c[0], -c[1], contest(c)))


def _ceiling(
    candidates: list[Candidate],
    qside: Side,
    cside: Side,
    person: bool,
    symbols: Mapping[str, frozenset] | None = None,
) -> float:
    """The most :func:`compare_sides` can score from these alignment candidates.

    Each word counts as aligned at its best candidate's similarity (leftover legal-form words
    as excused), nothing is in conflict, and the joined reading and a shared legal form are
    counted at their best. A truncated last word shortens the listed side, so a pair with a
    prefix candidate has no ceiling short of 1.
    """
    q, c = qside.form, cside.form
    best_q = [0.0] * len(q.tokens)
    best_c = [0.0] * len(c.tokens)
    for sim, _mass, qi, ci, how, _wq, _wc in candidates:
        if how == "prefix":
            return 1.0
        for i in qi:
            if sim > best_q[i]:
                best_q[i] = sim
        for j in ci:
            if sim > best_c[j]:
                best_c[j] = sim
    if c.forms:
        for i, t in enumerate(q.tokens):
            if best_q[i] < W.FORM_WORDS_SIM and _excusable(t, q.keys[i], c.forms, symbols):
                best_q[i] = W.FORM_WORDS_SIM
    if q.forms:
        for j, t in enumerate(c.tokens):
            if best_c[j] < W.FORM_WORDS_SIM and _excusable(t, c.keys[j], q.forms, symbols):
                best_c[j] = W.FORM_WORDS_SIM
    cover_q = sum([s * w for s, w in zip(best_q, qside.weights)]) / qside.total
    cover_c = sum([s * w for s, w in zip(best_c, cside.weights)]) / cside.total
    score = W.COVER_QUERY * min(1.0, cover_q) + W.COVER_LISTED * min(1.0, cover_c)
    if len(c.tokens) == 1 and len(q.tokens) > 1:
        score = min(score, cover_q)
    if person and len(q.tokens) == 1 and (0.0 in best_c or _look_alike(max(best_q), q, c)):
        score = min(score, W.LONE_NAME)
    score = max(score, _joined_score(q, c, exact=qside.chinese and cside.chinese))
    if q.forms and c.forms:
        score += W.FORM_AGREE
    return score


def _look_alike(sim: float, q: NameForm, c: NameForm) -> bool:
    """Two lone names alike only in spelling, written in one script (Andrew, Andrei): other
    names. Across scripts a transliteration is seldom closer (ثامر, Thamer; Абу Ясим, Abu
    Asim), so there it is the same name."""
    return sim < W.SIM_EQUIVALENT and scripts_of(q.raw) == scripts_of(c.raw)


def _unaligned(ceiling: float, q: NameForm, c: NameForm) -> NameScore:
    """A pair left unaligned under a floor: every query word counts as unexplained, so that
    no caller reads it as a full match."""
    return NameScore(ceiling, q.raw, c.raw, [], q.tokens, c.tokens, method="unaligned")


def _legal_words(
    form: NameForm,
    weights: list[float],
    used: set[int],
    forms: tuple[str, ...] = (),
    symbols: Mapping[str, frozenset] | None = None,
) -> tuple[tuple[str, ...], float]:
    """The unaligned words of ``form`` and their weight, if the other name's ``forms``
    explain every one (:func:`_excusable`)."""
    left = [
        (t, k, w)
        for i, (t, k, w) in enumerate(zip(form.tokens, form.keys, weights))
        if i not in used
    ]
    if not all(_excusable(t, k, forms, symbols) for t, k, _ in left):
        return (), 0.0
    return tuple(t for t, _, _ in left), sum(w for _, _, w in left)


def _excusable(
    token: str, key: str, forms: tuple[str, ...], symbols: Mapping[str, frozenset] | None
) -> bool:
    """A word the other name's legal ``forms`` explain: a word that only ever stands in legal
    forms, or one that says what such a form is, in any language of the word list (федеральное,
    unitary, частная: ``form_meanings`` in ``data/name_terms.json``)."""
    if is_legal_word(token):
        return True
    if not symbols or not forms:
        return False
    found = symbols.get(key)
    if not found:
        return False
    meanings = form_meanings(symbols)
    return any(not found.isdisjoint(meanings.get(form, ())) for form in forms)


def _known(
    cache: BoundedMemo[tuple, dict] | None, qu: Unit, prefix_ok: bool, org: bool = False
) -> dict[str, tuple[float, str]]:
    """The remembered similarities of one query word to listed words (a fresh table uncached);
    a word read from katakana, or of a Chinese name, is compared otherwise, so remembered
    apart, and so is a word compared between organisations' names."""
    if cache is None:
        return {}
    key = (qu[10], prefix_ok, org) if not qu[8] else (qu[10], prefix_ok, org, True)
    known = cache.get(key)
    if known is None:
        known = cache.put(key, {})
    return known


def _add_merged(
    candidates: list[Candidate],
    qu: Unit,
    units: Sequence[Unit],
    known: dict[str, tuple[float, str]],
    symbols: Mapping[str, frozenset] | None,
    prefix_ok: bool,
    org: bool = False,
    only: str | None = None,
) -> None:
    """Alignment candidates where one side is two adjacent words read as one. Two query
    words are not a listed initial (Olav Rossi is not the O of O In Jun); a query's last word
    cut to one letter may still begin two listed words (SHIPBUILDING P, Shipbuilding Plant
    Severnaya). ``only``: the evidence a candidate must rest on."""
    for cu in units:
        found = known.get(cu[10])
        if found is None:
            found = known[cu[10]] = _unit_similarity(qu, cu, symbols, prefix_ok, org)
        sim, how = found
        if only is not None and how != only:
            continue
        if sim >= W.SIM_MIN and (how != "initial" or (prefix_ok and len(qu[0]) == 1)):
            candidates.append((min(sim, 0.97), qu[4] + cu[4], qu[0], cu[0],
                               "merged" if sim >= 0.9 else how, qu[4], cu[4]))  # fmt: skip


def _words_of_letters(unit: Unit, tokens: tuple[str, ...]) -> bool:
    """Whether each word of a unit of two is more than an initial."""
    return all(len(tokens[i]) > 1 for i in unit[0])


def _word_unmet(single: list[list[float]], sim_min: float) -> bool:
    """Whether a word of either name meets no word of the other at ``sim_min``."""
    return any(max(row) < sim_min for row in single) or any(
        max(column) < sim_min for column in zip(*single)
    )


def _conflict(single: list[list[float]], used_q: set[int], used_c: set[int]) -> float:
    """Share of words left unexplained on *both* sides, softened by how alike they still are.

    Counted per word, not per weight: a different given name contradicts the match however
    common that given name is. A word missing on one side only (a dropped middle name) is no
    conflict at all.
    """
    n_q, n_c = len(single), len(single[0]) if single else 0
    free_q = [i for i in range(n_q) if i not in used_q]
    free_c = [j for j in range(n_c) if j not in used_c]
    if not free_q or not free_c:
        return 0.0
    soft = 1.0 - W.CONFLICT_SOFT
    # How unlike each free word is to its closest free word on the other side, 1 = nothing alike.
    miss_q = 0.0
    for i in free_q:
        row = single[i]
        miss_q += min(1.0, (1.0 - max([row[j] for j in free_c])) / soft)
    miss_c = 0.0
    for j in free_c:
        miss_c += min(1.0, (1.0 - max([single[i][j] for i in free_q])) / soft)
    words = min(miss_q, miss_c)
    share = min(miss_q / n_q, miss_c / n_c)
    return max(W.CONFLICT_PER_WORD * words, W.CONFLICT_PENALTY * share)


def _joined_score(q: NameForm, c: NameForm, exact: bool = False) -> float:
    """The names read as one string each: catches words run together or split differently.

    With as many words on both sides, only where the particles differ in number (one side ran
    a particle into a word: Elsayed, El Sayed; Nour Eldin, Nour El Din) or the words are cut
    in other places (Amirali Haji Zadeh, Amir Ali Hajizadeh): words cut alike were compared
    one by one already. ``exact`` for two Chinese names, whose strings must agree
    (xijinping, Xi Jin Ping).
    """
    shorter = min(len(q.joined), len(c.joined))
    if shorter < W.JOINED_MIN_LEN:
        return 0.0
    allowed = 0 if exact else max(1, shorter // 10)
    if abs(len(q.joined) - len(c.joined)) > allowed:
        return 0.0  # the distance is at least the difference in length
    if (
        len(q.tokens) == len(c.tokens)
        and len(q.minor) == len(c.minor)
        and [len(k) for k in q.keys[:-1]] == [len(k) for k in c.keys[:-1]]
    ):
        return 0.0  # cut in the same places: only the last word's length may differ
    if Indel.distance(q.joined, c.joined, score_cutoff=allowed) > allowed:
        return 0.0
    return Indel.normalized_similarity(q.joined, c.joined) * W.JOINED_FACTOR


def _apply_forms(result: NameScore, q: NameForm, c: NameForm) -> None:
    if not q.forms or not c.forms or result.score <= 0:
        return
    if set(q.forms) & set(c.forms):
        result.score = min(1.0, result.score + W.FORM_AGREE)
        result.forms = f"agree: {'/'.join(sorted(set(q.forms) & set(c.forms)))}"
    else:
        result.score = max(0.0, result.score - W.FORM_CONFLICT)
        result.forms = f"differ: {'/'.join(q.forms)} vs {'/'.join(c.forms)}"
