"""Names in Arabic script and katakana found through a list's Latin name alone (no alias in
their script): where nothing found may match, they are looked up by their consonants."""

from __future__ import annotations

from pathlib import Path

from embargo.dataset.store import Store
from embargo.dataset.update import run_update
from embargo.index import phrase_symbols
from embargo.names import org_words
from embargo.names.prepare import ORG, readings
from embargo.screener import Screener


def _screener(tmp_path: Path, lists_dir: Path, rows: str) -> Screener:
    """The UN list and ``rows`` (a custom list's CSV rows) as one dataset's screener."""
    source = tmp_path / "from"
    source.mkdir()
    (source / "un_sc").symlink_to(lists_dir / "un_sc")
    custom = tmp_path / "internal.csv"
    custom.write_text("id,name,aliases,schema,country\n" + rows, encoding="utf-8")
    version, _ = run_update(Store(tmp_path / "home"), from_dir=source, custom={"internal": custom})
    return Screener(version)


def test_words_written_apart_find_the_one_word_the_list_runs_together(
    tmp_path: Path, lists_dir: Path
) -> None:
    """زارع پور is one surname the lists write Zarepour. Its words' keys find nothing, and
    without a name that may match, the abjad query's adjacent words are looked up run
    together by their consonants, and each of its words as two listed words run together."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Issa ZAREPOUR,,Person,ir\n"
        "C2,Gholam Hossein ESMAILI,,Person,ir\n"
        "C3,Igor SHCHEGOLEV,,Person,ru\n",
    )
    hits = screener.check("عیسی زارع پور", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Issa ZAREPOUR"
    # And the other way: one word the lists write as two (غلامحسین, Gholam Hossein).
    hits = screener.check("غلامحسین اسماعیلی", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Gholam Hossein ESMAILI"
    # Katakana's vowels are its own too (ショゴレフ shogorefu, Shchegolev).
    hits = screener.check("イーゴリ・ショゴレフ", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Igor SHCHEGOLEV"


def test_a_phrase_one_word_translates_is_found_across_scripts(
    tmp_path: Path, lists_dir: Path
) -> None:
    """赤十字 is the Red Cross: one word translating two. The scorer meets it with the two
    listed words read as one; retrieval looks it up by that meaning too, both ways: a name
    in Han against a list's Latin one, and a Latin name against a list's Han one."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Korea Red Cross Hospital,,Organization,kp\nC2,平壌赤十字病院,,Organization,kp\n",
    )
    hits = screener.check("朝鮮赤十字病院", schema="Organization")
    assert hits and hits[0].match and hits[0].caption == "Korea Red Cross Hospital"
    hits = screener.check("Pyongyang Red Cross Hospital", schema="Organization")
    assert hits and hits[0].match and hits[0].caption == "平壌赤十字病院"


def test_consonants_are_looked_up_where_what_was_found_does_not_match(
    tmp_path: Path, lists_dir: Path
) -> None:
    """Zar Wali's estimate against عیسی زارع پور reaches a match, but its score does not;
    the consonants lookup must not wait for nothing to be found, only for nothing to match."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Issa ZAREPOUR,,Person,ir\nC2,Zar WALI,,Person,af\n",
    )
    hits = screener.check("عیسی زارع پور", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Issa ZAREPOUR"
    assert [h.caption for h in hits if h.match] == ["Issa ZAREPOUR"]


def test_an_abjad_z_or_d_is_found_as_the_th_a_romanisation_writes(
    tmp_path: Path, lists_dir: Path
) -> None:
    """ظ and ذ are read z, d or dh; Iraqi and older romanisations write th (كاظم, Kathim;
    ذاكر, Thakir). Both words here differ so: nothing but that reading finds the name, and
    nothing but it scores the pair."""
    screener = _screener(tmp_path, lists_dir, "C1,Thakir KATHIM,,Person,iq\n")
    hits = screener.check("ذاكر كاظم", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Thakir KATHIM"


def test_katakanas_k_for_a_kh_is_found(tmp_path: Path, lists_dir: Path) -> None:
    """Katakana writes a kh as h (Khamenei ハメネイ) or as k (Khan カーン): both are looked
    up, and both meet the listed spelling."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Amir KHAN,,Person,af\nC2,Ali KHAMENEI,,Person,ir\n",
    )
    hits = screener.check("アミール・カーン", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Amir KHAN"
    hits = screener.check("アリー・ハメネイ", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Ali KHAMENEI"


def test_a_pair_is_looked_up_by_a_phrase_only_where_neither_word_means_it() -> None:
    """機械 alone is machine building: 機械 製造 run together means it too, and looked up by
    that meaning as well, 機械 would count twice, and every name with the phrase would reach
    the retrieval cap before the one asked for."""
    symbols = org_words.symbols()
    both = readings("機械・製造工場", ORG, query=True)[0]
    assert phrase_symbols(both, symbols) == []
    design = readings("Design Bureau Vympel", ORG, query=True)[0]
    assert [i for i, _ in phrase_symbols(design, symbols)] == [0]


def test_a_kh_or_gh_after_b_d_t_or_p_keeps_its_h(tmp_path: Path, lists_dir: Path) -> None:
    """An abjad's reading writes no vowel before a kh or gh (جهانبخش jhanbkhsh; صادقی
    sadghi): the h it leaves is no aspirate's bh or dh. Read as one, the key lost the word's
    kh (jhanbs, meeting nothing) or gh (sadi, meeting SAEDI)."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Rahim JAHANBAKHSH,,Person,ir\nC2,Nader SAEDI,,Person,ir\n",
    )
    hits = screener.check("رحیم جهانبخش", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Rahim JAHANBAKHSH"
    assert not [h.caption for h in screener.check("نادر صادقی", schema="Person") if h.match]


def test_one_lists_spelling_leads_to_the_others(tmp_path: Path, lists_dir: Path) -> None:
    """محمدنظر عظیمی meets Mohammadnazar AZIMI word for word; another list writes the same
    man AZIMI, Mohammad Nazar, whose two given names the query's one word meets only run
    together. Each list's entry must be a match: a bank screens against each list."""
    screener = _screener(
        tmp_path,
        lists_dir,
        'C1,Mohammadnazar AZIMI,,Person,ir\nC2,"AZIMI, Mohammad Nazar","AZIMI, Mohammad",'
        "Person,ir\n",
    )
    hits = screener.check("محمدنظر عظیمی", schema="Person")
    assert sorted(h.caption for h in hits if h.match) == [
        "AZIMI, Mohammad Nazar",
        "Mohammadnazar AZIMI",
    ]


def test_consonants_are_looked_up_where_a_match_leaves_a_word_over(
    tmp_path: Path, lists_dir: Path
) -> None:
    """حسن حسن زاده meets Seyed Sadegh HOSSEINI with a word left over (zadeh as Sadegh,
    hsn as Hosseini); Hasan HASSANZADEH, whose surname its last two words spell run
    together, is looked up all the same, and explains the whole name."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Hasan HASSANZADEH,,Person,ir\nC2,Seyed Sadegh HOSSEINI,,Person,ir\n",
    )
    hits = screener.check("حسن حسن زاده", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Hasan HASSANZADEH"


def test_katakanas_chi_for_a_closing_ch_is_found(tmp_path: Path, lists_dir: Path) -> None:
    """Katakana writes a ch or sh that closes a syllable チ or シ, which its reading gives as
    ti and shi (Kachkaev: カチカエフ, katikaef; Kashkin: カシキン, kashikin); a ch before a y
    is still one (Pugachyov: プガチョフ)."""
    screener = _screener(
        tmp_path,
        lists_dir,
        "C1,Pavel KACHKAEV,,Person,ru\nC2,Oleg PUGACHYOV,,Person,ru\nC3,Yuri KASHKIN,,Person,ru\n",
    )
    hits = screener.check("ユーリ・カシキン", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Yuri KASHKIN"
    hits = screener.check("パーヴェル・カチカエフ", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Pavel KACHKAEV"
    hits = screener.check("オレグ・プガチョフ", schema="Person")
    assert hits and hits[0].match and hits[0].caption == "Oleg PUGACHYOV"
