"""Foreign names in katakana read back towards the spelling they were transcribed from.

Japanese writes a foreign name syllable by syllable, and a consonant the source ends a syllable
with gets a vowel of its own: u after most consonants (ラブロフ ra-bu-ro-fu, Lavrov), o after t
and d (ドミトリー do-mi-to-rii, Dmitry). ICU keeps every such vowel (raburofu, domitori), and the
source's consonants, though present, sit in words twice as long. :func:`loanword` gives the
reading without them, which :func:`embargo.names.prepare.readings` adds beside ICU's, as the
Hangul filler reading is added for Korean.

The reading also takes the older conventions for Russian names: チ and ジ for ti and di
(プーチン Putin, ウラジーミル Vladimir, メドベージェフ Medvedev), ウ for the v of an initial
Vl- or Vr-. ICU's reading keeps chi and ji for the names that mean them, so nothing is lost.

What katakana cannot write stays lost in either reading: l and r, v and b, kh and h are one
kana each, and an Arabic h before a consonant is フ (ラフマーン, Rahman). :func:`read_back`
merges the same letters in a Latin spelling, so the matcher can compare a name read from
katakana with the spelling the lists give it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Full-width and half-width katakana (ｾﾙｹﾞｲ is read once NFKC has made it セルゲイ).
KATAKANA = re.compile("[\u30a1-\u30fa\uff66-\uff9d]")

# Plain katakana as (onset, vowel): Hepburn, except チ ti, ジ ヂ di and ツ ts (see the module).
_ROWS = {
    "": "アイウエオ",
    "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サ_スセソ", "z": "ザ_ズゼゾ", "t": "タ__テト",
    "d": "ダ__デド", "n": "ナニヌネノ", "h": "ハヒ_ヘホ", "b": "バビブベボ", "p": "パピプペポ",
    "m": "マミムメモ", "y": "ヤ_ユ_ヨ", "r": "ラリルレロ", "w": "ワヰ_ヱヲ",
}  # fmt: skip
_PLAIN: dict[str, tuple[str, str]] = {
    kana: (onset, vowel)
    for onset, row in _ROWS.items()
    for kana, vowel in zip(row, "aiueo")
    if kana != "_"
}
_PLAIN.update({
    "シ": ("sh", "i"), "チ": ("t", "i"), "ツ": ("ts", "u"), "フ": ("f", "u"), "ジ": ("d", "i"),
    "ヂ": ("d", "i"), "ヅ": ("z", "u"), "ヴ": ("v", "u"), "ヲ": ("", "o"), "ヷ": ("v", "a"),
    "ヸ": ("v", "i"), "ヹ": ("v", "e"), "ヺ": ("v", "o"), "ヵ": ("k", "a"), "ヶ": ("k", "e"),
})  # fmt: skip
# The onset a kana gives before a small vowel (ティ ti, ファ fa, ウィ wi, イェ ye, チェ che,
# ジェ de as in メドベージェフ, クァ kwa and グァ gwa as in クァク Kwak and グァン Kwang) or a small
# y-vowel (キャ kya, シャ sha, ジャ ja).
_BEFORE_SMALL = {
    "ウ": "w", "イ": "y", "チ": "ch", "テ": "t", "デ": "d", "ト": "t", "ド": "d", "ク": "kw",
    "グ": "gw",
}  # fmt: skip
_BEFORE_Y = {"シ": "sh", "チ": "ch", "ジ": "j", "ヂ": "j"}
_SMALL_VOWELS = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ヮ": "a"}
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
_LONG, _GEMINATE, _N = "ー", "ッ", "ン"
# Vowels Japanese adds to a consonant the source has none after: u after these onsets, o after
# t and d. Only a plain kana's vowel, unlengthened, before a consonant or the word's end; ツ's
# only at the end (-ts, -tz), since inside a word it is mostly a Japanese name's tsu (Matsuda).
_EPENTHETIC = {
    **dict.fromkeys(("k", "g", "s", "z", "f", "b", "p", "m", "r", "v"), "u"),
    "t": "o",
    "d": "o",
}
# A word left shorter than this by vowels dropped inside it keeps those (ルノー is runo, not
# rno, whose rn the key reads as OCR's m); its last one still goes (キム → kim).
_MIN_DROPPED = 4


def _morae(word: str) -> list[list]:
    """``word`` as morae ``[onset, vowel, plain, long, kana]``: ``plain`` for a kana read alone
    (not ティ, キャ), ``long`` when ー follows."""
    morae: list[list] = []
    for ch in word:
        last = morae[-1] if morae else None
        if ch == _LONG:
            if last is not None:
                last[3] = True
        elif ch in _SMALL_VOWELS and last is not None and last[2]:
            base = last[4]
            last[0] = _BEFORE_SMALL.get(base, last[0])
            last[1], last[2] = _SMALL_VOWELS[ch], False
        elif ch in _SMALL_Y and last is not None and last[2]:
            base = last[4]
            onset = _BEFORE_Y.get(base)
            last[0] = onset if onset else last[0] + "y"
            last[1], last[2] = _SMALL_Y[ch], False
        elif ch == _N:
            morae.append(["n", "", False, False, ch])
        elif ch == _GEMINATE:
            morae.append(["", "", False, False, ch])
        elif ch in _PLAIN:
            onset, vowel = _PLAIN[ch]
            morae.append([onset, vowel, True, False, ch])
        elif ch in _SMALL_VOWELS or ch in _SMALL_Y:
            vowel = _SMALL_VOWELS.get(ch) or _SMALL_Y[ch]
            morae.append(["", vowel, False, False, ch])
    return morae


def _word(word: str, inside: bool = True, ji: bool = False) -> str:
    """One katakana word without its epenthetic vowels (ラブロフ → rabrof); ``inside``
    false keeps those before another consonant; ``ji`` reads ジ as j (see :func:`loanword`)."""
    morae = _morae(word)
    out: list[str] = []
    for i, (onset, vowel, plain, long, kana) in enumerate(morae):
        nxt = morae[i + 1] if i + 1 < len(morae) else None
        after_geminate = i > 0 and morae[i - 1][4] == _GEMINATE
        if kana == "チ" and after_geminate:
            onset = "ch"  # ッチ is the tch of -vich and Mitch, not a ti
        if ji and kana in _JI and onset == "d":
            onset = "j"
        closes = nxt is None or (inside and nxt[0] not in ("", "y", "w") and nxt[4] != _N)
        # A word-initial ム before a consonant is the Mu- of Muhammad, Mustafa and Murat:
        # names the lists hold far more of than ones that open on m and a consonant.
        initial_mu = i == 0 and kana == "ム" and nxt is not None
        if plain and not long and closes and not initial_mu:
            if _EPENTHETIC.get(onset) == vowel or (kana == "ツ" and nxt is None):
                vowel = ""
            elif kana == "チ" and nxt is None:
                vowel = ""  # a final チ is Russian's soft t (ロスネフチ, Rosneft) or -vich's ch
            elif kana == "ウ" and i == 0 and nxt is not None and nxt[0] == "r":
                onset, vowel = "v", ""  # ウラジーミル: Vladimir's Vl-
        if kana == _N and nxt is not None and nxt[0] in ("b", "p", "m"):
            onset = "m"
        out.append(onset + vowel)
    read = "".join(out)
    return _word(word, inside=False, ji=ji) if inside and len(read) < _MIN_DROPPED else read


_JI = frozenset("ジヂ")


_RUN = re.compile("[\u30a1-\u30fa\u30fc]+")


# Between the words of a foreign name Japanese writes a middle dot or a double hyphen
# (セルゲイ・ラブロフ, バッシャール＝アサド).
_SEPARATORS = re.compile("[・=゠]")


def loanword(text: str, ji: bool = False) -> str:
    """``text`` with each run of katakana read as a transcribed foreign word
    (セルゲイ・ラブロフ → sergei rabrof); anything else is kept, set apart by spaces.

    ``ji`` reads ジ and ヂ as j, not as the d of the Russian convention: the j of English and
    Arabic names (ジェームズ James, マジード Majeed) and the Chinese j (ジンホア Jinhua).
    """
    text = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text))
    return " ".join(_RUN.sub(lambda m: f" {_word(m.group(), ji=ji)} ", text).split())


# ン before a vowel letter ends a syllable of a Korean name, which katakana runs together
# with the next one (ジョンウン, Jong Un): the lists write each syllable apart.
_N_BEFORE_VOWEL = re.compile("(?<=ン)(?=[アイウエオ])")


def syllables_apart(text: str) -> str | None:
    """``text`` with a word broken after each ン before a vowel letter (キム・ジョンウン → キム・
    ジョン・ウン), or None if it has none."""
    split = _N_BEFORE_VOWEL.sub("・", text)
    return split if split != text else None


# The names of the Latin letters as katakana writes them: an abbreviation read out letter by
# letter (ジェー・ユー・ディー, JuD; エス・エム・ティー, SMT).
_LETTER_NAMES = {
    "エー": "a", "エイ": "a", "ビー": "b", "シー": "c", "ディー": "d", "イー": "e", "エフ": "f",
    "ジー": "g", "エイチ": "h", "エッチ": "h", "アイ": "i", "ジェー": "j", "ジェイ": "j",
    "ケー": "k", "ケイ": "k", "エル": "l", "エム": "m", "エヌ": "n", "オー": "o", "ピー": "p",
    "キュー": "q", "アール": "r", "エス": "s", "ティー": "t", "ユー": "u", "ブイ": "v",
    "ヴィー": "v", "ダブリュー": "w", "ダブリュ": "w", "エックス": "x", "ワイ": "y",
    "ゼット": "z", "ゼッド": "z", "ズィー": "z",
}  # fmt: skip
_WORDS = re.compile(r"[・=゠\s]+")


def spelled_letters(raw: str) -> str | None:
    """A name of two words or more that are all letters spelt out in katakana, as the
    abbreviation they spell (ジェー・ユー・ディー → JUD), else None. Read as syllables, its
    letters were words of a name (yu) that met any name holding them."""
    words = [w for w in _WORDS.split(raw.strip()) if w]
    if len(words) < 2 or any(w not in _LETTER_NAMES for w in words):
        return None
    return "".join(_LETTER_NAMES[w] for w in words).upper()


# Korean surnames as katakana writes them: a name opening on one is read as Korean.
_KOREAN_SURNAMES = frozenset(
    "キム リ イ パク チェ チョン ジョン カン チョ ユン チャン ジャン イム ハン オ ソ シン クォン"
    " ファン アン ソン リュ ユ ホン コ ムン ヤン ペ ペク ホ ナム シム ノ ハ クァク チャ チュ ウ"
    " ミン チン チ オム ウォン パン コン ヒョン ハム ピョン ヨム ヨ ト ソク ソル マ キル ヨン"
    " ピョ ミョン ワン クム オク ユク タク ラ ナ テ リョ リャン リョン ロ".split()
)
_KOREAN_WORD_MAX = 6  # kana: a Korean surname or given name is short
_N_INSIDE = re.compile("(?<=ン)(?=[\u30a1-\u30fa])")
_DEVOICE = {"g": "k", "d": "t", "b": "p", "j": "ch"}
_VOICE = {"k": "g", "t": "d", "p": "b", "ch": "j"}
_INITIAL = re.compile("^(ch|[gdbjktp])")


def korean_readings(text: str) -> list[str]:
    """A Korean name in katakana read syllable by syllable, as the lists write Korean names,
    with the syllables' first consonants voiceless or voiced.

    Katakana runs a given name's syllables together (グァンヨン, Kwang Yon) and writes a
    Korean initial voiced or not as Japanese hears it, while the lists write it as the
    romanisation they follow does: McCune-Reischauer's k, t, p, ch (Kim Kwang Yon, Kwak
    Chong Chol) or the revised g, d, b, j (JANG Sung Nam, JON Myong Guk), and often one for
    the surname and the other for the given name (JANG Song Chol): the four are read. A
    name is taken as Korean when its first word is a Korean surname and every word is
    short; each ン ends a syllable.
    """
    words = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text)).split()
    if (
        len(words) < 2
        or words[0] not in _KOREAN_SURNAMES
        or not all(len(w) <= _KOREAN_WORD_MAX and _RUN.fullmatch(w) for w in words)
    ):
        return []
    surname = _syllable(words[0])
    given = [_syllable(part) for w in words[1:] for part in _N_INSIDE.sub(" ", w).split()]
    return [
        " ".join([_initial_as(surname, first)] + [_initial_as(s, rest) for s in given])
        for first in (_DEVOICE, _VOICE)
        for rest in (_DEVOICE, _VOICE)
    ]


def _initial_as(syllable: str, table: dict[str, str]) -> str:
    """``syllable`` with its first consonant voiced or devoiced as ``table`` says."""
    return _INITIAL.sub(lambda m: table.get(m.group(), m.group()), syllable)


# The kana that write a Korean syllable's final consonant: k, m, p, l.
_KOREAN_FINALS = {"ク": "k", "ム": "m", "プ": "p", "ル": "l"}


def _syllable(part: str) -> str:
    """A Korean syllable (or run of them) in katakana: a vowel Japanese adds is dropped only
    after a consonant Korean ends syllables with, and ル ends one as l (チョル chol; ス su)."""
    read = _word(part, ji=True)
    last = part[-1]
    if last in _KOREAN_FINALS and read.endswith(_PLAIN[last][0]):
        return read[: -len(_PLAIN[last][0])] + _KOREAN_FINALS[last]
    if last in _PLAIN and read[-1] not in "aeiou":
        return read + _PLAIN[last][1]
    return read


def has_ji(text: str) -> bool:
    """Whether ``text`` has a ジ or ヂ, which :func:`loanword` can read two ways."""
    return not _JI.isdisjoint(text)


def as_l(text: str) -> str | None:
    """A katakana word's r as l: Japanese writes both with its one liquid (オリガ Olga, ピリ
    ペンコ Pilipenko). A word with both letters still meets its Latin spelling within an
    edit or two; this reading is tried beside the one with r."""
    return text.replace("r", "l") if "r" in text else None


# A Latin spelling as katakana carries it: the letters Japanese writes with one kana merged,
# in order (digraphs before the letters they hold).
_CARRIED = [
    # Peter: ペーター, as English says it; a final -er as written, not the r katakana makes of
    # an l (Pavel: パーヴェル).
    (re.compile(r"(?<=[^aeiou])er$"), "a"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"shch"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"dzh|dj|zh"), "j"),
    # A ch or sh closing a syllable is written チ or シ, a ch as the ti its reading gives
    # (Kachkaev: カチカエフ, katikaef; Kashkin: カシキン).
    (re.compile(r"ch(?=[b-df-hj-np-tv-xz])"), "ti"),
    (re.compile(r"sh(?=[b-df-hj-np-tv-xz])"), "shi"),
    (re.compile(r"ng(?![aeiou])"), "n"),  # Kang, Jong: カン, ジョン
    (re.compile(r"kh"), "h"),  # Khamenei: ハメネイ
    (re.compile(r"gh"), "g"),  # Ghani: ガニ
    (re.compile(r"th"), "t"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"hw"), "f"),  # Hwang: ファン
    (re.compile(r"l"), "r"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"wu|w(?![aeiou])"), "u"),  # Dawood, Awlaki: ダウード, アウラキ
    (re.compile(r"w"), "b"),  # Ivan: イワン
    (re.compile(r"v(?=[kpstfc]|$)"), "f"),  # Lavrov: ラブロフ
    (re.compile(r"v"), "b"),
    (re.compile(r"dy(?=[aeiou])"), "j"),  # Dyagovets: ジャゴベツ
    (re.compile(r"zy(?=[aeiou])"), "j"),  # Zyuganov: ジュガーノフ
    (re.compile(r"ty(?=[aeiou])"), "ch"),  # Khvorostyan: フヴォロスチャン
    (re.compile(r"y(?![aeiou])"), "i"),
    (re.compile(r"si"), "shi"),
    (re.compile(r"zi"), "ji"),  # Zinkov: ジンコフ
    (re.compile(r"(?<![cs])hu"), "fu"),  # Hussein: フセイン
    (re.compile(r"(.)\1+"), r"\1"),  # a geminate ッ is not read
    (re.compile(r"oe|ae"), "e"),  # Choe: チェ
    (re.compile(r"eo"), "o"),
]
# A vowel katakana adds to a consonant (see _EPENTHETIC; ツ's u stays inside a word, as
# loanword keeps it), and an h or f before a consonant, which it writes フ (Rahman ラフマーン,
# Ahmad アフマド) or not at all (Allah アッラー).
_ADDED_VOWEL = re.compile(r"(?<=[kgszfbpmr])(?<!ts)u(?![aeiou])|(?<=[td])o(?![aeiou])")
_H_CLOSING = re.compile(r"(?<![sc])h(?![aeiouy])|f(?![aeiouyrw])")


@lru_cache(maxsize=65_536)
def read_back(word: str) -> str:
    """A Latin word as it reads back from katakana, for comparing a name read from katakana
    with the spelling the lists give it.

    Katakana merges letters (l and r, v and b, kh and h, gh and g), writes the vowels
    Japanese adds (Viktor, ヴィクトル, reads viktr), and the Russian and Korean names the lists
    hold in it have a convention of their own (Zinkov ジンコフ, Kang カン). Both sides of a
    comparison are read back alike: ``read_back("rahman")`` and ``read_back("rafman")``
    (:func:`loanword` of ラフマーン) are both ``raman``.
    """
    for pattern, repl in _CARRIED:
        word = pattern.sub(repl, word)
    mu = word.startswith("mu")  # kept by loanword's Mu- (Muhammad)
    word = _ADDED_VOWEL.sub("", word[2:] if mu else word)
    word = _H_CLOSING.sub("", ("mu" if mu else "") + word)
    return _DOUBLE.sub(r"\1", word)


_DOUBLE = re.compile(r"(.)\1+")


def read_backs(word: str) -> tuple[str, ...]:
    """:func:`read_back` of a Latin word, and where it has a kh, of it with the k that
    katakana writes for it as often as the h (Khan カーン, Sheikh シェイク; Khamenei ハメネイ)."""
    first = read_back(word)
    if "kh" not in word:
        return (first,)
    other = read_back(word.replace("kh", "k"))
    return (first,) if other == first else (first, other)


@lru_cache(maxsize=65_536)
def from_english(word: str) -> str:
    """An English word as katakana writes it, read as :func:`loanword` reads katakana
    (modern: モダン, modan; laser: レーザー, reza).

    Japan's list writes English organisations' names in katakana word for word (モダン・
    インダストリーズ, Modern Industries), and English spelling does not read back as a
    transcription does (:func:`read_back` gives modern as moden). The ``e2k`` package's
    character model (its distilled, faster one) writes the word; it is made for English
    words, and writes people's names poorly (Michael as ミチェル), so organisations' words
    alone are read so.
    """
    return loanword(_english_writer()(word))


@lru_cache(maxsize=1)
def _english_writer() -> Callable[[str], str]:
    from e2k import C2K

    # The distilled model: half the time a word (0.7 ms), and it writes the lists' words as
    # the lists do as often (エアロノーティクス, aeronautics).
    return C2K(model="turbo")
