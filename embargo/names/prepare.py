"""A raw name, made ready to compare: ASCII tokens, their keys, legal forms and minor words.

Both sides of every comparison go through :func:`prepare`, at index time for listed names and at
query time for screened ones, so they meet in one form whatever script or spelling each used.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rigour.names.org_types import extract_org_types

from embargo.names import cyrillic_asian, han, hebrew, indic, kana, tamil, thai
from embargo.names.korean import (
    FILLER,
    HANGUL,
    hanja_hangul,
    loanword,
    mccune_reischauer,
    russian_reading,
)
from embargo.names.phonetic import key, ocr_letters, skeleton
from embargo.names.script import (
    CYRILLIC,
    HAN,
    HAN_LETTERS,
    SEPARATOR,
    belarusian_russian_reading,
    clean,
    clitic_reading,
    dialect_readings,
    ghe_as_h_reading,
    greek_foreign_reading,
    has_arabic_letters,
    latinize,
    particle_reading,
    persian_q_reading,
    persian_reading,
    slavic_reading,
)
from embargo.names.variants import quoted_name, spelled_out

PERSON = "person"
ORG = "org"
ANY = "any"


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name as the matcher sees it."""

    raw: str
    tokens: tuple[str, ...]  # identity-bearing words, ASCII
    keys: tuple[str, ...]  # romanisation-neutral key per token
    skeletons: tuple[str, ...]  # consonant skeleton per token
    minor: tuple[str, ...]  # particles, stop words, titles kept aside (low weight)
    forms: tuple[str, ...]  # legal forms, canonical (llc, jsc…)
    joined: str  # keys of all words in order, no spaces (merged/split words)


@lru_cache(maxsize=1)
def terms_data() -> dict:
    """``data/name_terms.json`` as written (read once: the word lists read it too)."""
    return json.loads(resources.files("embargo.data").joinpath("name_terms.json").read_text())


@lru_cache(maxsize=1)
def _terms() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in terms_data().items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def _script_forms() -> list[tuple[str, str]]:
    forms = terms_data()["script_forms"]
    return sorted(forms.items(), key=lambda kv: -len(kv[0]))


def _strip_script_forms(raw: str) -> tuple[str, tuple[str, ...]]:
    """Legal forms in Han, Hangul, katakana or Arabic script, found before their syllables
    become 'words' (and the words of ``script_stop`` and ``katakana_stop``, dropped)."""
    if raw.isascii():
        return raw, ()
    found = []
    for text, form in _script_forms():
        if text in raw:
            raw = raw.replace(text, " ")
            found.append(form)
    for text in _terms()["script_stop"]:
        raw = raw.replace(text, " ")
    if kana.KATAKANA.search(raw):
        raw = _katakana_stop().sub(" ", raw)
    return raw, tuple(found)


@lru_cache(maxsize=1)
def _katakana_stop() -> re.Pattern[str]:
    """The words of ``katakana_stop`` where they stand as words, not inside one."""
    words = "|".join(sorted(_terms()["katakana_stop"], key=len, reverse=True))
    return re.compile(f"(?<![\u30a1-\u30fa\u30fc])(?:{words})(?![\u30a1-\u30fa\u30fc])")


# Where a name's script changes between katakana and Han (カザンヘリコプター工場), and between
# Latin letters and either (EFCO平壌支社, VOKコンヴォイ): a word apart, as the Latin names
# write it (Kazan Helicopter Plant, EFCO Corp. Pyongyang Branch, VOK Convoy).
_KATAKANA_RANGE = "\u30a0-\u30ff"
_LATIN = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_SCRIPT_CHANGE = re.compile(
    f"(?<=[{_KATAKANA_RANGE}])(?=[{HAN_LETTERS}])|(?<=[{HAN_LETTERS}])(?=[{_KATAKANA_RANGE}])"
    f"|(?<=[{_LATIN}])(?=[{HAN_LETTERS}{_KATAKANA_RANGE}])|(?<=[{HAN_LETTERS}{_KATAKANA_RANGE}])(?=[{_LATIN}])"
)


def _longest_first(words: frozenset[str]) -> re.Pattern[str] | None:
    """Any of ``words``, the longer first, so that a word is not cut by a shorter one it
    holds."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


@lru_cache(maxsize=2)
def _han_words(places: bool = True) -> re.Pattern[str] | None:
    """The word list's words in Han, and with ``places`` the places of ``han_place_names``."""
    from embargo.names import org_words

    return _longest_first(
        org_words.han_words() | (_terms()["han_place_names"] if places else frozenset())
    )


@lru_cache(maxsize=1)
def _hangul_words() -> re.Pattern[str] | None:
    """The word list's words in Hangul (see :func:`split_hangul_words`)."""
    from embargo.names import org_words

    return _longest_first(org_words.hangul_words())


def split_hangul_words(raw: str) -> str:
    """An organisation's name in Hangul with spaces around the words of
    ``data/org_words.json`` (조선광선은행: 조선 광선 은행, Korea Kwangson Bank): romanised
    as one word, a name written without spaces meets no list's words."""
    words = _hangul_words()
    if words is None or not HANGUL.search(raw):
        return raw
    return " ".join(words.sub(lambda m: f" {m.group(0)} ", raw).split())


# An ordinal written with its suffix (5th, 924th, 2nd): the number is the word.
_ORDINAL = re.compile(r"(?<![a-z0-9])(\d+)(?:st|nd|rd|th)(?![a-z0-9])")
# An ordinal in Han: 第 and the number (第150, the 150th; 第十四, the 14th).
_HAN_ORDINAL = re.compile(r"第\s*([0-9]+|[一二三四五六七八九十]+)")
_HAN_DIGITS = {d: i for i, d in enumerate("一二三四五六七八九", 1)}


def _han_number(text: str) -> str:
    """A number written in digits or in Han numerals up to 99 (十四 14, 二十 20), as digits."""
    if text.isdigit():
        return text
    if "十" not in text:
        return "".join(str(_HAN_DIGITS[d]) for d in text)
    tens, _, units = text.rpartition("十")
    return str(_HAN_DIGITS.get(tens, 1) * 10 + _HAN_DIGITS.get(units, 0))


def split_han_words(raw: str) -> str:
    """An organisation's name in Han or Japanese with spaces where its words part: around the
    words of ``data/org_words.json`` and the places of ``han_place_names`` (北京罗罗科技发展:
    北京 罗罗 科技 发展, Beijing Luoluo Technology Development), and between katakana and
    Han (カザンヘリコプター工場: カザンヘリコプター 工場, Kazan Helicopter Plant). Han writes
    no spaces, and romanised as one word the name meets no list's words. Latin letters
    written against Han or katakana are a word apart too (EFCO平壌支社)."""
    if not HAN.search(raw):
        return _SCRIPT_CHANGE.sub(" ", raw) if kana.KATAKANA.search(raw) else raw
    raw = _HAN_ORDINAL.sub(lambda m: f" {_han_number(m.group(1))} ", raw)
    words = _han_words()
    if words is not None:
        raw = words.sub(lambda m: f" {m.group(0)} ", raw)
    return _SCRIPT_CHANGE.sub(" ", raw)


# Words that say a name in Han is Korean: Korea (朝鮮, 高麗, 韓国…) or its capital.
_KOREAN_HAN = re.compile("朝鮮|朝鲜|高麗|高丽|韓国|韓國|韩国|大韓|北韓|平壌|平壤")
# What says a name in Han is not Korean: kana or Latin letters (Japan's list writes Russian
# and Japanese firms so), and the Chinese and Japanese companies' forms.
_NOT_KOREAN = re.compile("[\u3040-\u30ffA-Za-z]|公司|株式会社|有限会社")


def korean_han_text(raw: str, initial_rule: bool = True) -> str | None:
    """A Korean organisation's name in Han with its own words as Korean reads them, in Hangul
    (朝鮮大成貿易会社: 朝鮮 대성 貿易 会社), or None where nothing says it may be Korean.

    Chinese readings miss them (大成 is dacheng in Chinese, Daesong in the lists, as
    Korean reads it). Japan's list writes North Korea's firms in Han, most without a word
    for Korea (彗星貿易会社, Hesong Trading): a name of four Han characters or more with no
    kana, no Latin letter and no Chinese or Japanese company form is read so too. The words
    of ``data/org_words.json`` stay in Han, to be translated as before; places are read as
    Korean reads them (平壌 Pyongyang, not Pingrang). With ``initial_rule`` false, a word's
    first syllable keeps its r and n, as North Korea writes them (羅先 Rason, 連峰 Ryonbong;
    Naseon and Yonbong in the South).
    """
    if not _KOREAN_HAN.search(raw) and (_NOT_KOREAN.search(raw) or len(HAN.findall(raw)) < 4):
        return None
    words = _han_words(places=False)
    chunks = split_han_words(raw).split()
    read = [
        chunk
        if not HAN.search(chunk) or (words is not None and words.fullmatch(chunk))
        else hanja_hangul(chunk, initial_rule)
        for chunk in chunks
    ]
    # Nothing but the list's words: the Chinese reading says it all already.
    return " ".join(read) if read != chunks else None


def korean_person_text(raw: str) -> str | None:
    """A person's name in Han of two or three characters, opening on a Korean surname, read
    as Korean in Hangul (金正恩: 김정은, meeting Kim Jong Un), or None.

    Chinese writes Korean names in their Han characters, whose Chinese reading (jin zhengen)
    meets nothing. Only surnames Chinese names seldom have are read so (``korean_surnames``
    in ``data/name_terms.json``, spelt there as the lists spell them: the package reads 金 as
    the word gold): a Chinese name read as Korean meets listed Koreans it is not.
    """
    name = raw.strip()
    surname = terms_data()["korean_surnames"].get(name[:1])
    if surname is None or not 2 <= len(name) <= 3 or not all(HAN.match(ch) for ch in name):
        return None
    read = hanja_hangul(name)
    return surname + read[1:] if len(read) == len(name) and read != name else None


@lru_cache(maxsize=1)
def _org_type_patterns() -> list[tuple[re.Pattern[str], str]]:
    """The legal forms ``name_terms.json`` adds to rigour's table (``org_type_patterns``)."""
    return [
        (re.compile(rf"(?<!\S)(?:{pattern})(?!\S)"), form)
        for pattern, form in terms_data()["org_type_patterns"].items()
    ]


def _strip_org_types(text: str) -> tuple[str, tuple[str, ...]]:
    forms = []
    for pattern, form in _org_type_patterns():
        text, n = pattern.subn(" ", text, count=1)
        if n:
            forms.append(form)
            text = " ".join(text.split())
    found = extract_org_types(text, generic=True)
    if not found:
        return text, tuple(forms)
    words = text.split()
    edges = (f" {words[0]} ", f" {words[-1]} ")
    anywhere = _terms()["forms_anywhere"]
    padded = f" {text} "
    for matched, target in found:
        needle = f" {matched} "
        if _SHORT_FORM.fullmatch(matched) and matched not in anywhere:
            # Also a word, particle or initial (in, as, na, Yu.): a form only where it begins
            # or ends the name as written.
            if needle == edges[0] and padded.startswith(needle):
                padded = padded[len(needle) - 1 :]
            elif needle == edges[1] and padded.endswith(needle):
                padded = padded[: -len(needle) + 1]
            else:
                continue
            forms.append(target)
        elif needle in padded:
            padded = padded.replace(needle, " ", 1)
            forms.append(target)
    return padded.strip(), tuple(forms)


_SHORT_FORM = re.compile("[a-z]{1,3}")


def _strip_cyrillic_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """The forms of more than one word that rigour's table holds in Cyrillic, found before
    romanisation: the BGN spelling (federalnoye gosudarstvennoye) is not the one its
    romanised entries have (federalnoe gosudarstvennoe), so Федеральное государственное
    унитарное предприятие was left as four words. Abbreviations are read after romanisation,
    where their place in the name is known (:func:`_strip_org_types`)."""
    low = clean(text).lower()  # a look-alike Latin o in открытое would hide the form
    forms = []
    for matched, target in extract_org_types(low, generic=True):
        if " " in matched and matched in low:
            low = low.replace(matched, " ", 1)
            forms.append(target)
    return (low, tuple(forms)) if forms else (text, ())


# Small: query names repeat in bursts, and the matcher keeps results per name; the index
# build keeps its own memo (a server must not grow with every new name it is asked about).
@lru_cache(maxsize=8_192)
def prepare(
    raw: str,
    kind: str = ANY,
    separate: bool = False,
    titles_anywhere: bool = False,
    glued: bool = False,
    vowel_w: bool = False,
) -> NameForm:
    """Normalise one name; ``kind`` is ``person``, ``org`` or ``any``; ``separate`` reads
    Arabic script with its letters kept apart where they would run together (see
    :func:`~embargo.names.script.latinize_word`): the words keep the mark (z·hra), which
    their keys and skeletons read as a boundary and then drop. ``titles_anywhere`` drops a
    person's titles wherever they stand, not only where they lead (see :func:`readings`).
    ``glued`` runs the Arabic article into the word after it (al-Harbi → alharbi), as Gulf
    passports and many lists write it. ``vowel_w``: see
    :func:`~embargo.names.script.latinize_word`."""
    forms: tuple[str, ...] = ()
    source = raw
    if kana.KATAKANA.search(raw) and (letters := kana.spelled_letters(raw)) is not None:
        source = letters
    if kind != PERSON:
        source, forms = _strip_script_forms(source)
        if not source.isascii():
            source = split_hangul_words(split_han_words(source))
        if CYRILLIC.search(source):
            source, more = _strip_cyrillic_forms(source)
            forms += more
    text = _ORDINAL.sub(r"\1", latinize(source, separate, vowel_w))
    if kind != PERSON and text:
        text = " ".join(_correct_form_word(w) for w in text.split())
        text, more = _strip_org_types(text)
        forms += more
    words = text.split()
    terms = _terms()
    arabic = has_arabic_letters(raw)
    particles = terms["arabic_script_particles" if arabic else "particles"]
    titles = terms["arabic_script_titles" if arabic else "titles"]
    tokens: list[str] = []
    minor: list[str] = []
    titled: list[str] = []  # titles and suffixes: out of a person's name, aside in any
    # A particle joins the word after it (al-Assad, van Dijk): one that ends a person's name is
    # the name itself (Jong An, Wei Du), as is a surname of titles or particles written first
    # (KING, Stephen; LO, Stephen).
    trailing = (
        kind != ORG
        and len(words) > 1
        and ocr_letters(words[-1].replace(SEPARATOR, "")) in particles
    )
    named_head = _named_head(raw, terms) if kind != ORG and "," in raw else frozenset()
    # A letter with a full stop is an initial, not the particle or stop word it spells
    # (Шойгу С.К., Иванов И.И.: s and i).
    initials = _marked_initials(raw) if kind != ORG and "." in raw else frozenset()
    words = [part for word in words for part in _split_compound(word)]
    # Titles lead a name (Sheikh, Lt Gen) or its given names when the surname is written
    # first (EBRAHIMI, Ayatollah Ali); elsewhere they are the name itself (Stephen King,
    # Ali Imam).
    leading = kind != ORG
    given_first = _given_first(raw) if kind != ORG and "," in raw else frozenset()
    if glued:
        words = _glue_articles(words, terms)
    last = len(words) - 1
    for i, word in enumerate(words):
        # A title misread or disguised (Ayat0llah) is still a title.
        term = ocr_letters(word.replace(SEPARATOR, ""))
        if term in named_head or (trailing and i == last):
            tokens.append(word)
            leading = titles_anywhere
        elif (term in particles or term in terms["stop"]) and term not in initials:
            minor.append(word)
        elif kind != ORG and (
            term in terms["suffixes"] or (term in titles and (leading or term in given_first))
        ):
            titled.append(word)
            if kind == ANY:
                minor.append(word)
        else:
            tokens.append(word)
            leading = titles_anywhere
    if not tokens and titled and kind == PERSON:
        tokens = list(titled)
    if not tokens and minor:
        tokens, minor = minor, []
    if not tokens and forms:
        tokens, forms = list(forms), ()
    titled = [w for w in titled if w not in tokens]  # a title that is all the name is kept
    if separate:
        return NameForm(
            raw=raw,
            tokens=tuple(tokens),
            keys=tuple(_parts(key, t) for t in tokens),
            skeletons=tuple(_parts(skeleton, t) for t in tokens),
            minor=tuple(minor),
            forms=forms,
            joined="".join(_parts(key, w) for w in words if w not in titled),
        )
    keys = tuple(key(t) for t in tokens)
    return NameForm(
        raw=raw,
        tokens=tuple(tokens),
        keys=keys,
        skeletons=tuple(skeleton(t) for t in tokens),
        minor=tuple(minor),
        forms=forms,
        joined="".join(key(w) for w in words if w not in titled),
    )


_MARKED_INITIAL = re.compile(r"(?<!\w)(\w)\.")


def _marked_initials(raw: str) -> frozenset[str]:
    """The letters written as initials, with a full stop (С.К. → s, k), romanised."""
    return frozenset(latinize(ch) for ch in _MARKED_INITIAL.findall(raw)) - {""}


def _named_head(raw: str, terms: dict[str, frozenset[str]]) -> frozenset[str]:
    """The words of a surname written first (before a comma) when every one of them could
    be read as a title or particle (KING, Stephen; LO, Stephen): there they are the name."""
    words = [_raw_term(w) for w in raw.partition(",")[0].split()]
    if words and all(w in terms["titles"] or w in terms["particles"] for w in words):
        return frozenset(words)
    return frozenset()


def _given_first(raw: str) -> frozenset[str]:
    """The first word after each comma, as a title would be read: where given names start
    in a name written surname first."""
    return frozenset(_raw_term(part.split()[0]) for part in raw.split(",")[1:] if part.split())


def _raw_term(word: str) -> str:
    """A word of the raw name as the term lists are read (Dr. → dr, Ayat0llah → ayatollah)."""
    return ocr_letters(word.strip(".").casefold())


def _parts(read: Callable[[str], str], word: str) -> str:
    """``read`` (key or skeleton) of a word whose parts must not run together."""
    if SEPARATOR not in word:
        return read(word)
    return _DOUBLED.sub(r"\1", "".join(read(part) for part in word.split(SEPARATOR) if part))


_DOUBLED = re.compile(r"(.)\1+")


def readings(raw: str, kind: str = ANY, query: bool = False) -> tuple[NameForm, ...]:
    """Every way a name is read: :func:`prepare`'s, and where the script leaves it open,
    the others the lists use (:func:`_readings_of`).

    A query with parentheses (a nickname, a maiden name, other spellings of a word: בן ציון
    (בנצי) גופשטיין; オリガ・ザンコ(旧姓:アメリチェンコヴァ); Sergey(Sergei) ZDRILIUK) is also
    read as the plain names it stands for (:func:`~embargo.names.variants.spelled_out`), as
    the index reads a listed name, where such a name keeps two words or more: a lone word is
    seldom the name (Bank (Russia)).

    An organisation's query (or one with a legal form, whatever its schema) with its own
    name in quotes is also read as that name with the legal form
    (:func:`~embargo.names.variants.quoted_name`): АО «Научно-производственное объединение
    «Квант»» as АО Квант, meeting Kvant JSC, as the Latin lists write it. Not a person's,
    whose quotes hold a nickname.
    """
    found = list(_readings_of(raw, kind, query))
    if query and "(" in raw:
        for text in spelled_out(raw, kind == PERSON):
            forms = _readings_of(text, kind, query)
            if min(len(f.tokens) for f in forms) >= 2:
                for form in forms:
                    _add_reading(found, form, raw)
    legal = found[0].forms
    if (
        query
        and kind != PERSON
        and (kind == ORG or legal)
        and (quoted := quoted_name(raw)) is not None
    ):
        for form in _readings_of(quoted, kind, query):
            if form.tokens:
                _add_reading(
                    found, replace(form, forms=tuple(dict.fromkeys(form.forms + legal))), raw
                )
    return tuple(found)


def _readings_of(raw: str, kind: str, query: bool) -> tuple[NameForm, ...]:
    """Every way a name is read, parentheses and all:

    - Hangul: the McCune–Reischauer reading the lists use for Korean names (김정은, Kim Jong
      Un), which the Revised Romanization ICU gives (gimjeongeun) does not meet; for a foreign
      name in Hangul (one with a filler vowel, 라브로프) also its reading without the fillers
      (labrop), which Lavrov's consonants meet.
    - Katakana: the reading of a transcribed foreign name, without the vowels Japanese adds
      to its consonants (:func:`kana.loanword`: ラブロフ → rabrof, meeting Lavrov), and that
      reading with its r as l (:func:`kana.as_l`: オリガ → oliga, meeting Olga); where it has
      a ジ, both again with ジ as j (ジェームズ → jemz, meeting James).
    - Arabic script: the Persian reading (:func:`persian_reading`) beside the Arabic one,
      and where the name has a ق, the Persian reading with it as q too (:func:`persian_q_reading`:
      قاسم, meeting Qasem as well as Ghasem),
      and each with the letters a romanisation runs together kept apart (زهرا: zhra, whose
      zh is the letter ژ, and z·h, which meets Zahra); and the Egyptian and Bedouin
      readings (:func:`dialect_readings`: رجب rgb, meeting Ragab; القذافي gdafi, Gaddafi).
    - Hindi, Bengali, Punjabi and their neighbours' scripts: also with the inherent vowels
      inside a word left out as speakers leave them (:func:`indic.spoken_text`: मनमोहन
      manmohan, not manamohan; the last one is always left out).
    - Tamil: also with its stops voiced where they are said so (:func:`tamil.spoken`: முருகன்
      murugan, not murukan).
    - Thai: also as the foreign name Thai transcribes (:func:`thai.foreign`: คิม จ็อง-อึน
      kim jong un, its aspirated letters plain and its unsaid letters kept).
    - Greek: also with ντ and μπ inside a word as the d and b a foreign name's are
      (:func:`greek_foreign_reading`: Μεντβέντεφ, meeting Medvedev).
    - Hebrew: also with letters kept apart likewise (כהן k·hn, meeting Cohen), and so again
      with ו inside a word read as v (:func:`hebrew.vav_as_consonant`: דוד dvd, David).
    - With ``query`` (a query's readings), the Arabic article (al, el) also run into the
      word after it (al-Harbi → alharbi, meeting ALHARBI; El Sayed → elsayed, meeting
      Elsayed). A listed name is not read so: the index posts it under those words instead
      (:func:`run_in_reading`), and a run-in query meets it as one string (Alharbi, al-Harbi).
      A query in Russian Cyrillic is also read with г as the h it stands for in Arabic,
      Persian and Caucasian names (:func:`ghe_as_h_reading`: Магомед, meeting Maghomed;
      Гасан, meeting Hasan); a listed name is known by its Latin spellings anyway. A
      Belarusian name is also read with the a of its suffixes as the o of the Russian form
      (:func:`belarusian_russian_reading`: Назараў, meeting Nazarov), and a foreign name in
      Hangul as a Russian one (:func:`korean.russian_reading`: 마리아 자하로바, meeting Maria
      Zakharova). A Slavic
      name in Arabic script is also read with ف, غ, ض and ق as the v, g, z and k they write
      there (:func:`slavic_reading`: سيرغي لافروف, meeting Sergey Lavrov), and a name in
      Hebrew letters as the Arabic name it may write (:func:`hebrew.arabic_reading`: ח as
      kh, ע as its vowel, ב as b: מחמוד עבאס, meeting Mahmoud Abbas).
    - A foreign name in Han characters, its words set apart (谢尔盖·拉夫罗夫): also read back
      as the Xinhua tables transcribe a name (:func:`han.loanword`: sergai lavlov, and with
      the characters that write l and r alike as r, sergai ravrov).
    - A person's name in Han characters alone (2 to 4): also with its surname apart, the
      first character (the first two of four), so that it meets the name written given
      name first (倪高彬 → ni gaobin, meeting Gaobin NI); read as one word it meets NI
      Gaobin only.
    - A title word after a person's first word (Mohammad Seyed Banihashemi, WALI Mufti): it
      is read as the name it may be, and, where two words or more remain, also dropped as
      the title it may be. A lone word left is not read (Stephen King is not Stephen).
    """
    texts: list[str | None] = []
    persian = slavic = None
    # Every reading below but the titles' and the article's is of a script other than Latin:
    # a name written in ASCII (most of a customer file) skips their tests.
    script = not raw.isascii()
    if script:
        if HANGUL.search(raw):
            texts.append(
                mccune_reischauer(raw)
                if kind == PERSON
                else mccune_reischauer(split_hangul_words(raw), whole=_hangul_words())
            )
            if FILLER.search(raw):
                texts += [
                    loanword(raw),
                    loanword(raw, r=True) if _INITIAL_RIEUL.search(raw) else None,
                ]
        if kana.KATAKANA.search(raw) and kana.spelled_letters(raw) is None:
            foreign = kana.loanword(raw)
            texts += [foreign, kana.as_l(foreign)]
            if kana.has_ji(raw):
                foreign = kana.loanword(raw, ji=True)
                texts += [foreign, kana.as_l(foreign)]
            apart = kana.syllables_apart(raw)
            if apart is not None:
                texts.append(kana.loanword(apart))
        if kind != ORG and han.is_transcribed(raw):
            alone = han.loanword(raw)
            texts += [alone, han.loanword(raw, r=True)]
            voiced = han.loanword(raw, voiced=True)
            if voiced != alone:
                texts += [voiced, han.loanword(raw, r=True, voiced=True)]
        if kind != PERSON:
            korean = korean_han_text(raw)
            if korean is not None:
                texts += [korean, mccune_reischauer(korean)]
                north = korean_han_text(raw, initial_rule=False)
                if north != korean:
                    texts.append(mccune_reischauer(north))
        if kind != ORG and _HAN_NAME.fullmatch(raw):
            korean = korean_person_text(raw)
            if korean is not None:
                texts += [korean, mccune_reischauer(korean)]
            name = raw.strip()
            texts.append(f"{name[:2]} {name[2:]}" if len(name) == 4 else f"{name[0]} {name[1:]}")
        persian = persian_reading(raw)
        texts += [persian, persian_q_reading(raw), *dialect_readings(raw)]
        if indic.INDIC.search(raw):
            texts.append(indic.spoken_text(raw))
        if thai.THAI.search(raw):
            texts.append(thai.foreign_text(raw))
            if "\u0e0a" in raw:
                texts.append(thai.foreign_text(raw, sh=True))
        texts.append(greek_foreign_reading(raw))
        texts.append(tamil.spoken(raw))
    found = [prepare(raw, kind)]
    titles = _terms()["arabic_script_titles" if has_arabic_letters(raw) else "titles"]
    if kind != ORG and not titles.isdisjoint(found[0].tokens):
        plain = prepare(raw, kind, titles_anywhere=True)
        if len(plain.tokens) >= 2:
            _add_reading(found, plain, raw)
    if query:
        glued = run_in_reading(raw, kind)
        if glued is not None:
            _add_reading(found, glued, raw)
        if script:
            slavic = slavic_reading(raw) if kind == PERSON else foreign_org_reading(raw)
            # A particle run in is read apart the Persian way too (سیدصادق, Seyed Sadegh).
            apart = particle_reading(raw) if kind != ORG else None
            texts += [
                ghe_as_h_reading(raw),
                slavic,
                hebrew.arabic_reading(raw),
                hebrew.other_vowels_reading(raw),
                # Asked for only: a listed name so read would meet Western names in its short
                # syllables (JON Myong Guk: jon, John).
                *kana.korean_readings(raw),
                belarusian_russian_reading(raw),
                # Chinese and Korean names in Cyrillic (Ли Фанвэй, Чхве Рён Хэ).
                cyrillic_asian.chinese_reading(raw) if kind != ORG else None,
                *(cyrillic_asian.korean_readings(raw) if kind != ORG else ()),
                # A foreign name in Hangul (fillers, or words apart, which a Korean name
                # seldom has) also as a Russian one: 마리아 자하로바, Maria Zakharova.
                russian_reading(raw)
                if HANGUL.search(raw) and (FILLER.search(raw) or len(raw.split()) > 1)
                else None,
                apart,
                persian_reading(apart) if apart is not None else None,
                clitic_reading(raw),
            ]
            texts += _article_apart_readings(raw)
    for text in texts:
        if text is not None:
            _add_reading(found, prepare(text, kind), raw)
    if script and has_arabic_letters(raw):
        for text in (raw, persian or raw, slavic or raw):
            _add_reading(found, prepare(text, kind, separate=True), raw)
            if "و" in text:
                _add_reading(found, prepare(text, kind, separate=True, vowel_w=True), raw)
    elif script and hebrew.HEBREW.search(raw):
        for text in dict.fromkeys((raw, hebrew.vav_as_consonant(raw))):
            _add_reading(found, prepare(text, kind, separate=True), raw)
    return tuple(found)


def foreign_org_reading(raw: str) -> str | None:
    """An organisation's name in Arabic script with its words not in ``data/org_words.json``
    read as a foreign name's letters (:func:`slavic_reading`): Arabic writes a firm's name
    from abroad so whatever its language (مجموعة فاغنر, the Wagner Group; غازبروم, Gazprom),
    and its own words keep their translation (مجموعة, group)."""
    from embargo.names import org_words

    known = org_words.arabic_script_words()
    read = " ".join(
        word
        if word in known or (word.startswith("ال") and word[2:] in known)
        else slavic_reading(word, foreign=True) or word
        for word in raw.split()
    )
    return read if read != raw else None


# The Arabic article that Hangul and Thai write into the word after it (알자와히리,
# al-Zawahiri; อัลอะซัด, al-Assad), before two Hangul syllables or three Thai letters more.
_HANGUL_ARTICLE = re.compile("(?<![\uac00-\ud7a3])알(?=[\uac00-\ud7a3]{2})")
_THAI_ARTICLE = re.compile("(?<![\u0e00-\u0e7f])\u0e2d\u0e31\u0e25(?=[\u0e00-\u0e7f]{3})")


def _article_apart_readings(raw: str) -> list[str | None]:
    """A query in Hangul or Thai with the Arabic article it writes into a name set apart,
    read as its other readings are: the lists write it apart (al-Zawahiri) or leave it out.
    A query only: a name opening on those letters that is not the article (알렉산드르,
    Aleksandr) read so meets nothing it did not."""
    if HANGUL.search(raw):
        apart = _HANGUL_ARTICLE.sub("알 ", raw)
        if apart == raw:
            return []
        return [mccune_reischauer(apart), loanword(apart), russian_reading(apart)]
    if thai.THAI.search(raw):
        apart = _THAI_ARTICLE.sub("\u0e2d\u0e31\u0e25 ", raw)
        return [apart, thai.foreign_text(apart)] if apart != raw else []
    return []


_HAN_NAME = re.compile(rf"\s*[{HAN_LETTERS}]{{2,4}}\s*")
# A word opening with a Hangul syllable on ㄹ (라 to 맇), which a foreign l or r may have made.
_INITIAL_RIEUL = re.compile("(?<![\uac00-\ud7a3])[\ub77c-\ub9c7]")


# The Arabic article as Latin lists write it apart (al-Harbi, El Sayed) or run in (Alharbi).
_ARTICLES = frozenset({"al", "el"})


def has_article(form: NameForm) -> bool:
    """Whether ``form`` holds the Arabic article (al, el) as a particle."""
    return not _ARTICLES.isdisjoint(form.minor)


def run_in_reading(raw: str, kind: str = ANY) -> NameForm | None:
    """``raw`` read with its Arabic article run into the next word, if it has one."""
    if not has_article(prepare(raw, kind)):
        return None
    return replace(prepare(raw, kind, glued=True), raw=raw)


def _glue_articles(words: list[str], terms: dict) -> list[str]:
    """``words`` with each article run into the word right after it (al Harbi → alharbi; El
    Sayed → elsayed, a title only where it leads); one before a particle or nothing stays."""
    aside = terms["particles"] | terms["stop"] | terms["suffixes"]
    out: list[str] = []
    for word in words:
        if out and out[-1] in _ARTICLES and ocr_letters(word) not in aside:
            out[-1] += word
        else:
            out.append(word)
    return out


def _add_reading(found: list[NameForm], form: NameForm, raw: str) -> None:
    if all((form.tokens, form.keys) != (f.tokens, f.keys) for f in found):
        found.append(replace(form, raw=raw))


@lru_cache(maxsize=65_536)
def _correct_form_word(word: str) -> str:
    """A misspelt legal-form word (Limietd, Compnay, JONIT, Stck, PJSSC, Cornpany) back to
    its spelling.

    The form then goes on being compared as a form, not as a name word. Corrected are: digits
    and rn read by OCR (PJ5C, cornpany), a doubled letter in an abbreviation of four letters
    or more (PJSSC), and words of five letters or more one edit or transposition away from
    exactly one form word; a word of four or more written without vowels (STCK, CMPNY) is
    corrected when its consonants are those of exactly one form word.
    """
    variant = terms_data()["form_word_variants"].get(word)
    if variant:
        return variant
    words = _terms()["form_words"]
    if word in words or _is_org_type(word):
        return word
    for read in (ocr_letters(word).replace("rn", "m"), re.sub(r"(.)\1+", r"\1", word)):
        if read != word and len(read) >= 4 and (read in words or _is_org_type(read)):
            return read
    if len(word) < 4:
        return word
    close: list[str] = []
    if len(word) >= 5:
        from rapidfuzz.distance import DamerauLevenshtein

        close = [
            w
            for w in words
            if abs(len(w) - len(word)) <= 1
            and DamerauLevenshtein.distance(w, word, score_cutoff=1) <= 1
        ]
    if not close and not any(v in word[1:] for v in "aeiou"):
        # Vowels dropped (CMPNY); a four-letter word only by its very consonants (STCK), since
        # consonant classes would read many an acronym as a form word.
        if len(word) >= 5:
            close = [w for w in words if skeleton(w) == skeleton(word)]
        else:
            close = [w for w in words if _VOWELS.sub("", w) == word]
    return close[0] if len(close) == 1 else word


_VOWELS = re.compile("[aeiou]")


@lru_cache(maxsize=65_536)
def is_legal_word(token: str) -> bool:
    """A prepared token that only ever stands in a legal form: Joint, Stock, Liability, PJSC
    (not Trading, Holding or International, which also name what a party does).

    Such words stay tokens when they do not make up a whole form ("limited liability" without
    "company"); the scorer may then read them as a form written in part.
    """
    word = _correct_form_word(token)
    terms = _terms()
    return (word in terms["form_words"] and word not in terms["form_words_loose"]) or (
        _is_org_type(word)
    )


@lru_cache(maxsize=65_536)
def _is_org_type(word: str) -> bool:
    """One word that is a legal form on its own (PJSC, GmbH, OOO)."""
    return any(found == word for found, _ in extract_org_types(word, generic=True))


_ABD = ("abdul", "abdel", "abdol", "abdal", "abdoul", "abdil", "abdur", "abdl")


# A name ending in Allah run in with the case vowel before it (Ezatullah, Hidayatollah,
# Nasrallah, Amanulla): Arabic script writes it apart, عزت الله. A stem under four letters
# (Ruhollah) stays whole: split, one slip in it would leave a word too short to be compared
# but letter for letter.
_ALLAH_END = re.compile(r"([a-z]{4,})(?:ullah|ollah|allah|ulla)")


def _split_compound(word: str) -> tuple[str, ...]:
    """``Abdulrahman``/``Abdul`` → ``abd`` + ``al`` (+ rest), ``Ezatullah`` → ``ezat`` +
    ``allah``: how Arabic script writes them.

    Read through OCR's digits for letters too (A8dul, Abdu1).
    """
    read = ocr_letters(word)
    if read != word and read.startswith(_ABD):
        word = read
    for prefix in _ABD:
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            if rest == "la":
                # Abdulla, Abdalla, Abdella: Allah without its h, not the particle la.
                rest = "lah"
            return ("abd", "al", rest) if len(rest) >= 2 else ("abd", "al")
    allah = _ALLAH_END.fullmatch(word)
    if allah is not None:
        return (allah.group(1), "allah")
    return (word,)


def unreadable(names: Sequence[str], kind: str = ANY) -> str | None:
    """Why none of ``names`` can be screened, naming each, when none of their query
    :func:`readings` has a word to match; None when one has, or no name is given."""
    given = [n for n in names if n and n.strip()]
    if not given or any(f.tokens for n in given for f in readings(n, kind, query=True)):
        return None
    return "; ".join(f"cannot screen {n!r}: {_unread(n)}" for n in given)


def _unread(name: str) -> str:
    """The scripts of a name's letters, which no romanisation here reads (Tibetan,
    Mongolian), or that it has no letters at all (a name of digits or marks)."""
    scripts = sorted(
        {
            unicodedata.name(ch, "").split(" ")[0].title()
            for ch in name
            if ch.isalpha() and not latinize(ch)
        }
        - {""}
    )
    if scripts:
        return f"it is written in {', '.join(scripts)} script, which embargo cannot read"
    return "it has no letters to match"


def schema_kind(schema: str | None) -> str:
    """Which name rules apply to an FtM schema."""
    if schema == "Person":
        return PERSON
    if schema in ("Organization", "Company", "LegalEntity", "PublicBody"):
        return ORG
    return ANY
