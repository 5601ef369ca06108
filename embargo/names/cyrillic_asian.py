"""Chinese and Korean names written in Cyrillic, read back to the romanisations the lists use.

Russian writes a Chinese name by the Palladius system, one fixed Cyrillic spelling per pinyin
syllable (Ли Фанвэй is Li Fangwei, Си Цзиньпин Xi Jinping), and a Korean one by the
Kontsevich system, syllable by syllable (Чхве Рён Хэ is Choe Ryong Hae, Пак Пон Чжу Pak Pong
Ju). Read letter by letter as Russian, they meet nothing: цз is the j of pinyin, чж the j of
Korean, чх its ch, ё its yo, ы its u, and н closes a Chinese an but a Korean ng too.

Both systems are tables of syllables, built here from the syllables they spell: a word is read
only where it splits into them whole, which a Russian word seldom does (Иванов does not).
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

_CYRILLIC_WORD = re.compile("^[а-яё]+$")

# Pinyin initials in Palladius (j, q, x before their i and ü sounds; zh, ch, sh, r).
_P_INITIALS = {
    "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г",
    "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш",
    "r": "ж", "z": "цз", "c": "ц", "s": "с",
}  # fmt: skip
# Finals after an initial; ü finals (written u after j, q, x) have their own column.
_P_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань",
    "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "i": "и", "ia": "я", "ie": "е",
    "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин",
    "iong": "юн", "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань",
    "un": "унь", "uang": "уан", "ue": "юэ",
}  # fmt: skip
_P_JQX = {"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}
# Syllables with no initial, and those whose i is the buzzed vowel ы or и.
_P_WHOLE = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй",
    "en": "энь", "eng": "эн", "er": "эр", "o": "о", "ou": "оу", "yi": "и", "ya": "я",
    "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
    "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
    "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань",
    "wen": "вэнь", "wang": "ван", "weng": "вэн", "zhi": "чжи", "chi": "чи", "shi": "ши",
    "ri": "жи", "zi": "цзы", "ci": "цы", "si": "сы",
}  # fmt: skip


def _palladius(syllable: str) -> str | None:
    if syllable in _P_WHOLE:
        return _P_WHOLE[syllable]
    initial = syllable[:2] if syllable[:2] in _P_INITIALS else syllable[:1]
    final = syllable[len(initial) :]
    if initial not in _P_INITIALS:
        return None
    spelt = _P_JQX.get(final) if initial in ("j", "q", "x") else None
    spelt = spelt or _P_FINALS.get(final)
    return None if spelt is None else _P_INITIALS[initial] + spelt


@lru_cache(maxsize=1)
def _chinese_table() -> dict[str, str]:
    """Palladius spelling -> pinyin syllable; where two syllables are spelt alike (lo, luo:
    ло), the longer, the one names have."""
    from embargo.names.pinyin import all_syllables  # it reads prepare, which reads this

    table: dict[str, str] = {}
    for syllable in sorted(all_syllables(), key=len):
        spelt = _palladius(syllable)
        if spelt is not None:
            table[spelt] = syllable
    return table


# Kontsevich: Korean initials, each with the MR letters the lists write (korean.syllable);
# the voiced forms (г, д, б, дж) stand inside a word, and Russian writes them so in a given
# name's second syllable set apart too (Но Гван Чхоль). ч alone is the older spelling of
# ㅈ (Ким Чен Ын), and л of the surname 리 (Ли, Ri).
_K_INITIALS = {
    "": "", "к": "k", "г": "k", "кк": "kk", "н": "n", "т": "t", "д": "t", "тт": "tt",
    "р": "r", "м": "m", "п": "p", "б": "p", "пп": "pp", "с": "s", "сс": "ss", "чж": "j",
    "дж": "j", "ч": "j", "чч": "jj", "чх": "ch", "кх": "k", "тх": "t", "пх": "p", "х": "h",
    "л": "r",
}  # fmt: skip
# The older spelling writes ㅓ е after a consonant (Ким Чен Ын, Kim Jong Un; Ким Ир Сен),
# where Kontsevich writes о and е is ㅔ.
_K_VOWELS = {
    "а": ("a",), "э": ("ae",), "я": ("ya",), "йе": ("ye",), "о": ("o",), "е": ("e", "o"),
    "ё": ("yo",), "ва": ("wa",), "вэ": ("wae",), "ве": ("oe",), "у": ("u",), "во": ("wo",),
    "ви": ("wi",), "ю": ("yu",), "ы": ("u",), "ый": ("ui",), "и": ("i",),
}  # fmt: skip
# Finals; н is ㄴ n and ㅇ ng alike, and the older spelling writes ㄹ р (Ким Ир Сен).
_K_FINALS = {"": ("",), "к": ("k",), "н": ("n", "ng"), "ль": ("l",), "р": ("l",), "м": ("m",),
             "п": ("p",), "т": ("t",)}  # fmt: skip


@lru_cache(maxsize=1)
def _korean_table() -> dict[str, tuple[str, ...]]:
    """Kontsevich spelling of a syllable -> its MR readings (several where н may be ng)."""
    table: dict[str, tuple[str, ...]] = {}
    for (ci, li), (cv, lvs), (cf, lfs) in itertools.product(
        _K_INITIALS.items(), _K_VOWELS.items(), _K_FINALS.items()
    ):
        table[ci + cv + cf] = tuple(li + lv + lf for lv in lvs for lf in lfs)
    return table


# Korean surnames as Russian writes them: a name read as Korean must have one first or last.
_KOREAN_SURNAMES = frozenset(
    "ким ли ри пак чхве цой чон чо чу кан хан юн ян хён но о сон со мун пэк ом ко квон хон ю "
    "син шин чан чха ку нам мин хо пён тхэ рим им рю сим бан пан ха хам чхон кхан"
    .split()
)  # fmt: skip


_MOST_READINGS = 8


def _split(word: str, table: dict) -> list[str] | None:
    """``word`` as the fewest syllables of ``table``, or None."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in table:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = [*head, word[start:end]]
    return best[-1]


def chinese_reading(text: str) -> str | None:
    """A name in Cyrillic read as the pinyin its Palladius spelling writes (Ли Фанвэй: li
    fangwei), each word's syllables run together as the lists write a given name; or None
    where a word is not Palladius syllables whole."""
    words = text.lower().replace("-", " ").split()
    if not words or not all(_CYRILLIC_WORD.match(w) for w in words):
        return None
    table = _chinese_table()
    out = []
    for word in words:
        parts = _split(word, table)
        if parts is None:
            return None
        out.append("".join(table[p] for p in parts))
    return " ".join(out)


def korean_readings(text: str) -> list[str]:
    """A Korean name in Cyrillic read as the lists' McCune–Reischauer, each syllable a word
    (Чхве Рён Хэ: choe ryon hae and choe ryong hae), every way its syllables may read (н as
    n and as ng) up to eight readings, else the first and the last way for all; none where a
    word is not Kontsevich syllables whole or no Korean surname opens or ends the name."""
    words = text.lower().replace("-", " ").split()
    if (
        len(words) < 2
        or not all(_CYRILLIC_WORD.match(w) for w in words)
        or (words[0] not in _KOREAN_SURNAMES and words[-1] not in _KOREAN_SURNAMES)
    ):
        return []
    table = _korean_table()
    syllables: list[tuple[str, ...]] = []
    for word in words:
        parts = _split(word, table)
        if parts is None:
            return []
        syllables += [table[p] for p in parts]
    if math.prod(len(s) for s in syllables) <= _MOST_READINGS:
        return [" ".join(choice) for choice in itertools.product(*syllables)]
    return [" ".join(s[0] for s in syllables), " ".join(s[-1] for s in syllables)]
