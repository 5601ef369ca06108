"""Names in Lao script, read as Lao names are spelt in the lists and the press.

ICU has no Lao-Latin transform, so a Lao name romanised to nothing and met nothing. Laos
spells its names in Latin by French-influenced conventions (ທອງລຸນ ສີສຸລິດ Thongloun
Sisoulith, ສອນໄຊ ສີພັນດອນ Sonexay Siphandone, ໄກສອນ ພົມວິຫານ Kaysone Phomvihane): ຸ and ູ
are ou, ຊ is x, ວ is v, ຍ is nh, ໄ and ໃ are ay, and a long a, o or oua before a final n
takes an e (ຫານ hane, ດອນ done, ມ່ວນ mouane; but ບູນ boun, Xaysomboun). :func:`romanize`
reads a word syllable by syllable: the preposed vowel (ເ ແ ໂ ໄ ໃ), the initial (ຫ before a
sonorant only marks its tone: ຫລ, ຫວ, ໜ, ໝ are l, v, n, m; ອ carries a vowel, unsaid), the
vowel signs around it, and a final consonant as a final (ບ p, ດ t, ກ k, ວ o, ຍ y). Tone
marks, the repetition mark (ໆ) and the ellipsis (ຯ) are not written; a letter the
cancellation mark (໌) marks is not said; Lao digits are ASCII digits.
"""

from __future__ import annotations

import re

LAO = re.compile("[\u0e80-\u0eff]")

# Consonant: (initial, final)
_CONSONANTS = {
    "ກ": ("k", "k"), "ຂ": ("kh", "k"), "ຄ": ("kh", "k"), "ຆ": ("kh", "k"), "ງ": ("ng", "ng"),
    "ຈ": ("ch", "t"), "ຉ": ("ch", "t"), "ຊ": ("x", "t"), "ຌ": ("x", "t"), "ຍ": ("nh", "y"),
    "ຎ": ("nh", "n"), "ຏ": ("t", "t"), "ຐ": ("th", "t"), "ຑ": ("th", "t"), "ຒ": ("th", "t"),
    "ຓ": ("n", "n"), "ດ": ("d", "t"), "ຕ": ("t", "t"), "ຖ": ("th", "t"), "ທ": ("th", "t"),
    "ຘ": ("th", "t"), "ນ": ("n", "n"), "ບ": ("b", "p"), "ປ": ("p", "p"), "ຜ": ("ph", "p"),
    "ຝ": ("f", "p"), "ພ": ("ph", "p"), "ຟ": ("f", "p"), "ຠ": ("ph", "p"), "ມ": ("m", "m"),
    "ຢ": ("y", "y"), "ຣ": ("r", "n"), "ລ": ("l", "n"), "ວ": ("v", "o"), "ຨ": ("s", "t"),
    "ຩ": ("s", "t"), "ສ": ("s", "t"), "ຫ": ("h", ""), "ຬ": ("l", "n"), "ອ": ("", ""),
    "ຮ": ("h", ""), "ໜ": ("n", "n"), "ໝ": ("m", "m"), "ໞ": ("g", "k"), "ໟ": ("nh", "y"),
}  # fmt: skip
# A vowel, written as its preposed sign, "-" for the consonant, then the signs above, below
# and after it: (open syllable, closed syllable). "" marks a vowel that cannot be closed
# (the syllable ends there) or cannot be open.
_VOWELS = {
    "-": ("a", "o"), "-ະ": ("a", ""), "-ັ": ("", "a"), "-າ": ("a", "a"), "-ິ": ("i", "i"),
    "-ີ": ("i", "i"), "-ຶ": ("eu", "eu"), "-ື": ("eu", "eu"), "-ຸ": ("ou", "ou"),
    "-ູ": ("ou", "ou"), "-ົ": ("", "o"), "-ໍ": ("o", ""), "-ອ": ("o", "o"), "-ັອ": ("", "o"),
    "-ຳ": ("am", ""), "-ົວ": ("oua", ""), "-ົວະ": ("oua", ""), "-ວ": ("", "oua"),
    "-ຽ": ("", "ie"), "ເ-": ("e", "e"), "ເ-ະ": ("e", ""), "ເ-ັ": ("", "e"), "ແ-": ("e", "e"),
    "ແ-ະ": ("e", ""), "ແ-ັ": ("", "e"), "ໂ-": ("o", "o"), "ໂ-ະ": ("o", ""),
    "ເ-າະ": ("o", ""), "ເ-ົາ": ("ao", ""), "ເ-ິ": ("eu", "eu"), "ເ-ີ": ("eu", "eu"),
    "ເ-ືອ": ("eua", "eua"), "ເ-ຶອ": ("eua", ""), "ເ-ຍ": ("ia", ""), "ເ-ຍະ": ("ia", ""),
    "ໄ-": ("ay", ""), "ໃ-": ("ay", ""), "ໄ-ຍ": ("ay", ""),
}  # fmt: skip
# Long vowels that take an e before a final n, as Laos spells them (ຫານ hane, ດອນ done).
_E_BEFORE_N = frozenset(("-າ", "-ອ", "ໂ-", "-ວ", "ເ-ືອ"))
_PREPOSED = frozenset("ເແໂໄໃ")
_SIGNS = frozenset("\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0eb8\u0eb9\u0ebb\u0ecd\u0ebd")
_AFTER = frozenset("ະາຳ")  # vowel signs written after the consonant
_SONORANTS = frozenset("ງຍນມລວຣ")
_SEMIVOWEL_LO = "\u0ebc"  # ຼ, a ລ written below: ຫຼ l, ປຼ pl
_NOT_SAID = re.compile("[\u0e81-\u0eae\u0edc-\u0edf][\u0eb4\u0eb8]?\u0ecc")  # before ໌
_UNWRITTEN = re.compile("[\u0ec6\u0ec8-\u0ecb\u0ece\u0eaf\u0eba]")  # tones, ໆ, ຯ, virama
_DIGITS = str.maketrans("໐໑໒໓໔໕໖໗໘໙", "0123456789")


def _opens(word: str, k: int) -> bool:
    """Whether the letter at ``k`` has a vowel written on it (so it begins a syllable)."""
    nxt = word[k + 1] if k + 1 < len(word) else ""
    return nxt in _SIGNS or nxt in _AFTER or nxt == _SEMIVOWEL_LO


def _syllable(word: str, k: int) -> tuple[str, int]:
    """The syllable starting at ``k`` (on a consonant or preposed vowel) and where it ends."""
    n = len(word)
    vowel = word[k] if word[k] in _PREPOSED else ""
    k += len(vowel)
    if k >= n or word[k] not in _CONSONANTS:
        return _VOWELS.get(vowel + "-", ("", ""))[0], k
    letter = word[k]
    onset = _CONSONANTS[letter][0]
    k += 1
    # ຫ before a sonorant that carries the vowel only marks its tone (ຫລ, ຫວາດ, ເຫຼີມ).
    if letter == "ຫ" and k < n and word[k] in _SONORANTS and (vowel or _opens(word, k)):
        onset = _CONSONANTS[word[k]][0]
        k += 1
    if k < n and word[k] == _SEMIVOWEL_LO:
        onset = ("" if letter == "ຫ" else onset) + "l"
        k += 1
    # A ວ after the initial and before the vowel is a glide (ຂວາງ khouang, ແຂວງ khoueng).
    if (
        k + 1 < n
        and word[k] == "ວ"
        and (
            word[k + 1] in "າະັຽ"
            or (vowel and word[k + 1] in _CONSONANTS and not _opens(word, k + 1))
        )
    ):
        onset += "ou"
        k += 1
    vowel += "-"
    while k < n and word[k] in _SIGNS:
        vowel += word[k]
        k += 1
    # Vowels written with letters after the consonant: ະ າ ຳ, ອ (ທອງ), ວ (ບົວ, ສວນ), ຍ (ເຊຍ).
    while k < n and vowel + word[k] in _VOWELS:
        if word[k] in "ອວຍ" and _opens(word, k):
            break  # the letter carries a vowel of its own: the next syllable's initial
        if word[k] == "ວ" and vowel == "-" and (k + 1 >= n or word[k + 1] not in _CONSONANTS):
            break  # ສວ with nothing to close it: ວ is the final
        vowel += word[k]
        k += 1
    open_, closed = _VOWELS.get(vowel, ("", ""))
    # A consonant with no vowel of its own after the vowel closes the syllable.
    if (
        closed
        and k < n
        and word[k] in _CONSONANTS
        and word[k] not in "ອຫຮ"
        and not _opens(word, k)
        and not (k + 1 < n and word[k + 1] in "ອຽ" and not _opens(word, k + 1))
        and not (k + 2 < n and word[k + 1] == "ວ" and word[k + 2] in "າະັຽ")
    ):
        final = _CONSONANTS[word[k]][1]
        if final == "n" and vowel in _E_BEFORE_N:
            final = "ne"
        return onset + closed + final, k + 1
    return onset + (open_ or closed), k


def romanize(word: str) -> str:
    """One word in Lao script in lower-case Latin letters, its syllables run together as a
    Lao name is written (ສີພັນດອນ siphandone, ບຸນຍັງ bounnhang); other characters kept."""
    word = _UNWRITTEN.sub("", _NOT_SAID.sub("", word)).replace("\u0ecd\u0eb2", "ຳ")
    word = word.translate(_DIGITS)
    out: list[str] = []
    k = 0
    while k < len(word):
        ch = word[k]
        if ch in _CONSONANTS or ch in _PREPOSED:
            text, k = _syllable(word, k)
            if ch == "ຍ" and out and out[-1].endswith("y"):
                # The y of ay runs into the ຍ after it, written once (ໄຊຍະສອນ Sayasone).
                out[-1], text = out[-1][:-1], "y" + text.removeprefix("nh")
            out.append(text)
        else:
            if not LAO.match(ch):
                out.append(ch)  # a stray vowel sign is dropped
            k += 1
    return "".join(out)
