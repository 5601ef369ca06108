"""Korean names read as the sanctions lists write them: McCune–Reischauer, syllable by syllable.

ICU's Hangul-Latin is the Revised Romanization of South Korea (김정은 → gimjeongeun). The lists
romanise North Korean names the DPRK's way, McCune–Reischauer without its diacritics, each
syllable of a given name a word of its own: KIM Jong Un, CHOE Ryong Hae, RI Pyong Chol, PAK Jong
Chon. Both readings are tried (:func:`embargo.names.prepare.readings`): the revised one still
serves foreign names spelt in Hangul (블라디미르 푸틴, Vladimir Putin).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

# Jamo in Unicode's order. Aspirated consonants lose their apostrophe (P'il → pil) and ŏ/ŭ
# their breve, as the lists print them; ㄹ is r at the start of a syllable and l at its end.
_INITIALS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k",
             "t", "p", "h")  # fmt: skip
_VOWELS = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
           "p", "t", "t", "ng", "t", "t", "k", "t", "p", "h")  # fmt: skip
_FIRST, _LAST = 0xAC00, 0xD7A3
HANGUL = re.compile("[\uac00-\ud7a3]")


def syllable(ch: str) -> str:
    """One precomposed Hangul syllable in McCune–Reischauer letters (정 → jong)."""
    code = ord(ch) - _FIRST
    initial, rest = divmod(code, 21 * 28)
    vowel, final = divmod(rest, 28)
    return _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final]


def mccune_reischauer(text: str, whole: re.Pattern[str] | None = None) -> str:
    """``text`` with every Hangul syllable romanised as a word of its own (김정은 → kim jong un),
    but for the words ``whole`` matches in full, romanised as one word (은행 unhaeng, the
    organisation word list's bank: its key is one word's)."""
    out: list[str] = []
    for word in text.split():
        if whole is not None and whole.fullmatch(word):
            out.append("".join(syllable(ch) for ch in word))
        else:
            out.extend(f" {syllable(ch)} " if _FIRST <= ord(ch) <= _LAST else ch for ch in word)
        out.append(" ")
    return " ".join("".join(out).split())


# Foreign names in Hangul follow the loanword rules (외래어 표기법): a consonant the source
# ends a syllable with gets the filler vowel ㅡ (르, 브, 스), an l between vowels is written
# ㄹㄹ, sh is ㅅ with a y-vowel (셰 she), and after ㅈ and ㅊ the y is silent.
_LOAN_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
                  "k", "t", "p", "h")  # fmt: skip
_LOAN_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
                "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
_LOAN_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
                "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "h")  # fmt: skip
_EU, _RIEUL, _IEUNG = 18, 5, 11
# A syllable of a consonant and the filler ㅡ, open or closed by ㄹ (르, 브, 스, 블): in a
# Sino-Korean name there is none, so it marks a name transcribed from another language.
FILLER = re.compile(
    "[" + "".join(chr(_FIRST + (i * 21 + _EU) * 28 + f) for i in range(19) if i != _IEUNG
                  for f in (0, 8)) + "]"
)  # fmt: skip
# The filler alone: what the consonant sounds like with no vowel after it (즈 z, 츠 ts).
_LOAN_BARE = {"j": "z", "ch": "ts"}


def loanword(text: str, r: bool = False) -> str:
    """``text`` with Hangul read as a transcribed foreign name: filler vowels dropped, ㄹㄹ
    as one l (세르게이 라브로프 → sergei labrop, 알렉산드르 → aleksandr). A word-initial ㄹ
    writes the source's l or r; it is read l, or with ``r`` r (람잔 → ramjan, Ramzan).

    Sino-Korean syllables never have ㅡ without a final consonant, so a Korean name reads
    here much as the revised romanisation reads it; only foreign names change.
    """
    out: list[str] = []
    prev_final = -1  # the final consonant of the syllable before, -1 outside a word
    for ch in text:
        code = ord(ch) - _FIRST
        if not 0 <= code <= _LAST - _FIRST:
            out.append(ch)
            prev_final = -1
            continue
        initial, rest = divmod(code, 21 * 28)
        vowel, final = divmod(rest, 28)
        onset = _LOAN_INITIALS[initial]
        if initial == _RIEUL and prev_final == 8:  # ㄹ after a final ㄹ: the two are one l
            onset = ""
        elif initial == _RIEUL and prev_final == -1:
            onset = "r" if r else "l"
        nucleus = _LOAN_VOWELS[vowel]
        if nucleus.startswith("y") and onset in ("j", "ch"):
            nucleus = nucleus[1:]
        elif nucleus.startswith("y") and onset == "s":
            onset, nucleus = "sh", nucleus[1:]
        if vowel == _EU and initial != _IEUNG and (final == 0 or final == 8):
            nucleus = ""
            if final == 0:
                onset = _LOAN_BARE.get(onset, onset)
        out.append(onset + nucleus + _LOAN_FINALS[final])
        prev_final = final
    return "".join(out)


def hanja_hangul(text: str, initial_rule: bool = True) -> str:
    """``text`` with its Han characters read as Korean reads them, in Hangul (金正恩 → 금정은,
    朝鮮大成 → 조선대성), as the ``hanja`` package's substitution reads them, with its rule for
    a word's first syllable (李 리 → 이), which South Korea keeps and the North does not (羅先
    Rason): ``initial_rule`` false leaves it out."""
    from hanja.hangul import dooeum

    table = _hanja_table()
    out: list[str] = []
    previous = " "
    for ch in text:
        reading = table.get(ch)
        if reading is not None:
            ch = dooeum(previous, reading) if initial_rule else reading
        out.append(ch)
        previous = ch
    return "".join(out)


_HANJA_LINE = re.compile(r'"(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})": "(?:\\u[0-9A-Fa-f]{4})+"')


@lru_cache(maxsize=1)
def _hanja_table() -> dict[str, str]:
    """The ``hanja`` package's table, character by character.

    The package parses it as YAML when first used, which takes 0.3 to 0.7 s: one check of
    the first Korean name in Han would wait that long. Each line of it is a JSON string pair,
    read so in about 10 ms; a table written otherwise falls back to the package's own parse.
    """
    from importlib.resources import files

    try:
        lines = files("hanja").joinpath("table.yml").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    pairs = [line for line in lines if line.strip()]
    if pairs and all(_HANJA_LINE.fullmatch(line) for line in pairs):
        return json.loads("{" + ",".join(pairs) + "}")
    from hanja.table import hanja_table

    return dict(hanja_table)


_FINAL_K = re.compile(r"k\b")
_FINAL_RI = re.compile(r"(?<=[aeiou]r)i\b")


def russian_reading(text: str) -> str | None:
    """A foreign name in Hangul read with what Korean writes alike told apart as a Russian
    name has it: ㅈ as z (마리아 자하로바 → maria zaharoba, Zakharova; 프리고진 Prigozhin), a
    final 크 as the g Russian says as k (올레크 → oleg), and a final 리 after a vowel as the r
    of a soft sign (이고리 → igor). None where that reads as :func:`loanword` does."""
    plain = loanword(text)
    read = _FINAL_RI.sub("", _FINAL_K.sub("g", plain.replace("j", "z")))
    return read if read != plain else None
