"""Japan export-ban PDFs (Russia, Belarus, third countries): the real 2025-09-12 set."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import jp_meti_export_ban as ban
from embargo.sources.base import EntityProxy, ParseContext, ParseError

MAIN_FILES = ("list_russia_tokutei.pdf", "list_belarus_tokutei.pdf", "list_daisangoku_tokutei.pdf")


def _parse(folder: Path) -> tuple[ParseContext, list[EntityProxy]]:
    ctx = ParseContext(ban.NAME)
    return ctx, list(ban.parse(folder, ctx))


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy], float]:
    start = time.perf_counter()
    ctx, entities = _parse(lists_dir / ban.NAME)
    seconds = time.perf_counter() - start
    return ctx, {e.context["ref"]: e for e in entities if e.context.get("target")}, seconds


@pytest.mark.slow
def test_counts(parsed):
    ctx, targets, seconds = parsed
    assert ctx.published == "2025-09-12"
    assert not ctx.warnings  # additions entries agree with the main lists
    assert Counter(e.context["list"] for e in targets.values()) == {
        "russia": 561,
        "third_countries": 56,
        "belarus": 27,
    }
    for key, last in (("russia", 561), ("third_countries", 56), ("belarus", 27)):
        assert {f"{key}-{n}" for n in range(1, last + 1)} <= set(targets)
    assert all(e.get("name") and e.get("address") and e.get("country") for e in targets.values())
    assert seconds < 10


@pytest.mark.slow
def test_zala_and_alabuga(parsed):
    _, targets, _ = parsed
    zala = targets["russia-514"]
    assert zala.schema.name == "Organization"
    assert zala.get("name") == ["ZALA Aero Group"]
    aliases = set(zala.get("alias"))
    assert {"ザラ・アエロ・グループ", "エーレベル航空システムズ", "A-Level Aerosystems"} <= aliases
    assert {
        "TsST Limited Liability Company",
        "ZALA AERO",
        "ZALA Aero Group Limited Liability Company",
    } <= aliases
    assert len(zala.get("alias")) == 22  # Japanese name, 8 Japanese and 14 English aliases
    assert "3 Perunovsky Per., Building 2, Floor 3, Room 21, Moscow, 127055, Russia" in zala.get(
        "address"
    )
    assert zala.get("country") == ["ru"]
    assert zala.get("program") == ["Japan export ban: Russian entities"]
    sez = targets["russia-536"]
    assert sez.get("name") == ["JSC SEZ Alabuga"]
    assert "AO OEZ PPT Alabuga" in sez.get("alias")
    assert "株式会社工業生産型経済特区アラブガ" in sez.get("alias")
    assert targets["russia-537"].get("name") == ["LLC Alabuga Development"]
    assert targets["russia-533"].get("name") == ["OOO Albatross"]
    assert targets["russia-532"].get("name") == ["OOO Alabuga-Volokno"]
    assert targets["russia-517"].get("name") == ["Aeroscan Limited Liability Company"]
    assert "OOO Aeroskan" in targets["russia-517"].get("alias")
    izhbs = targets["russia-490"]
    assert {"NPO IZHBS", "Izhmash-Unmanned Systems Company"} <= set(izhbs.get("alias"))
    assert "JSC Izhevsk Electromechanical Plant Kupol" in targets["russia-454"].get("alias")
    assert targets["russia-258"].get("name") == ["Special Technological Center LLC"]
    assert targets["russia-52"].get("name") == ["AO Kronshtadt"]
    assert "ZAO Kronshtadt" in targets["russia-52"].get("alias")


@pytest.mark.slow
def test_layouts(parsed):
    _, targets, _ = parsed
    fsb = targets["russia-6"]  # "a.k.a., the following one alias:" and a bulleted alias
    assert fsb.get("name") == ["Federal Security Service (FSB)"]
    assert fsb.get("alias") == ["連邦保安庁", "Federalnaya Sluzhba Bezopasnosti"]
    assert len(fsb.get("address")) == 2
    kazan = targets["russia-17"]  # Japanese name wrapped inside its (別称、…) bracket
    assert kazan.get("alias") == [
        "株式会社カザンヘリコプター修理工場",
        "Kazanski Vertoletny Zavod Remservis",
        "KVZ Remservis",
    ]
    amg = targets["russia-560"]  # newer layout: 別称： block, Japanese then English
    assert amg.get("alias") == [
        "アルファ・マシナリー・グループ",
        "AMG 社",
        "有限会社 AMG",
        "LLC Company AMG",
        "Kompaniya AMG",
    ]
    qisu = targets["third_countries-53"]  # Chinese names in brackets after the English one
    assert qisu.get("name") == ["Hong Kong Qisu Electronic Technology Co Ltd"]
    assert {"香港旗速電子有限公司", "香港旗速電子科技有限公司"} <= set(qisu.get("alias"))
    assert qisu.get("country") == ["cn"]
    ijet = targets["third_countries-2"]
    assert ijet.get("address") == ["Damascus, Syria"]
    assert ijet.get("country") == ["sy"]
    integral = targets["belarus-2"]
    assert integral.get("name") == ["JSC Integral"]
    assert integral.get("country") == ["by"]
    assert len(integral.get("address")) == 3
    rybinsk = targets["russia-97"]  # "所 在 地 ：" spaced out in the PDF text
    assert rybinsk.get("address")[0].startswith("1A Sudostroitelnaya Street")


def test_additions_merge_into_main_list(lists_dir: Path, tmp_path: Path):
    """An additions annex alone cannot stand in for the main list, and merges into it."""
    source = lists_dir / ban.NAME
    for name in (*MAIN_FILES, "20250912list_russia_tokutei.pdf"):
        shutil.copy(source / name, tmp_path / name)
    ctx, entities = _parse(tmp_path)
    targets = [e for e in entities if e.context.get("target")]
    assert len(targets) == 561 + 56 + 27
    assert not ctx.warnings


def test_missing_main_list(lists_dir: Path, tmp_path: Path):
    shutil.copy(lists_dir / ban.NAME / "20250912list_russia_tokutei.pdf", tmp_path)
    with pytest.raises(ParseError, match="list_russia_tokutei.pdf: file missing"):
        _parse(tmp_path)


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4\n", b"<html>moved</html>"])
def test_broken_pdf(lists_dir: Path, tmp_path: Path, content: bytes):
    for name in MAIN_FILES:
        shutil.copy(lists_dir / ban.NAME / name, tmp_path / name)
    (tmp_path / "list_belarus_tokutei.pdf").write_bytes(content)
    with pytest.raises(ParseError, match="list_belarus_tokutei.pdf"):
        _parse(tmp_path)


def test_truncated_pdf(lists_dir: Path, tmp_path: Path):
    for name in MAIN_FILES:
        shutil.copy(lists_dir / ban.NAME / name, tmp_path / name)
    data = (lists_dir / ban.NAME / "list_belarus_tokutei.pdf").read_bytes()
    (tmp_path / "list_belarus_tokutei.pdf").write_bytes(data[: len(data) // 3])
    with pytest.raises(ParseError, match="list_belarus_tokutei.pdf"):
        _parse(tmp_path)


def test_english_names():
    assert ban._english_names(
        "Main Intelligence Directorate, a.k.a., the following three aliases:"
    ) == ("Main Intelligence Directorate", [])
    assert ban._english_names("Most Development Limited, the following two aliases:") == (
        "Most Development Limited",
        [],
    )
    assert ban._english_names("Grant Instrument.") == ("Grant Instrument", [])
    assert ban._english_names("Kamensk-Uralsky Metallurgical Works J.S. Co.") == (
        "Kamensk-Uralsky Metallurgical Works J.S. Co.",
        [],
    )


def test_numbering_gap_is_counted():
    ctx = ParseContext(ban.NAME)
    lines = ["1 株式会社エー", "A JSC", "所在地:1 Road, Moscow, Russia", "3 株式会社シー", "C JSC"]
    entries = ban._entries(lines, ctx, Path("x.pdf"))
    assert [e.number for e in entries] == [1]
    assert ctx.warnings["entry number out of sequence"] == 1
