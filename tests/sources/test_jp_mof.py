"""Japan MOF asset-freeze workbook: the real 2026-03-05 file (45 sheets) and broken inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from embargo.sources import jp_mof
from embargo.sources.base import EntityProxy, ParseContext, ParseError

# Listed parties per programme sheet (sheet number in the sheet name). Removed entries, which
# keep their number with a 削除 date and no name, are not counted.
PER_SHEET = {
    1: 10, 2: 480, 3: 12, 4: 59, 5: 65, 6: 1, 7: 9, 9: 44, 10: 9, 12: 5, 13: 16, 14: 75,
    15: 80, 16: 75, 17: 84, 19: 43, 20: 78, 21: 24, 22: 2, 23: 23, 24: 59, 25: 31, 26: 331,
    27: 18, 28: 369, 29: 752, 30: 16, 31: 19, 32: 12, 33: 4, 34: 7, 35: 1, 36: 1, 37: 14,
    38: 1, 39: 10, 40: 8, 42: 9, 43: 4, 44: 2,
}  # fmt: skip


def _parse(folder: Path) -> tuple[ParseContext, list[EntityProxy]]:
    ctx = ParseContext(jp_mof.NAME)
    return ctx, list(jp_mof.parse(folder, ctx))


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy], list[EntityProxy]]:
    ctx, entities = _parse(lists_dir / jp_mof.NAME)
    targets = {e.context["ref"]: e for e in entities if e.context.get("target")}
    return ctx, targets, entities


@pytest.mark.slow
def test_counts_per_sheet(parsed):
    ctx, targets, entities = parsed
    assert ctx.published == "2026-03-05"
    assert not ctx.warnings
    counts = Counter(int(ref.split("-")[0]) for ref in targets)
    assert dict(counts) == PER_SHEET
    assert len(targets) == 2862
    # Russia entities (369 numbered rows) and individuals (759 numbers, 7 of them removed)
    assert counts[28] == 369 and counts[29] == 752
    assert sum(1 for e in entities if e.schema.name == "Sanction") == 2862
    schemas = Counter(e.schema.name for e in targets.values())
    assert schemas["Person"] > 1900 and schemas["Organization"] > 700


@pytest.mark.slow
def test_russian_drone_makers(parsed):
    ctx, targets, entities = parsed
    alabuga = targets["28-329"]
    assert alabuga.schema.name == "Organization"
    assert alabuga.get("name") == [
        "Joint Stock Company Special Economic Zone of Industrial Production Alabuga"
    ]
    aliases = alabuga.get("alias")
    assert "株式会社工業生産型経済特区アラブガ" in aliases
    assert {"AO OEZ PPT Alabuga", "JSC Alabuga", "アラブガ経済特区"} <= set(aliases)
    assert "SEZ" not in aliases  # a bare acronym gloss is not kept as a name
    assert (
        "Promploshchadka Alabuga, ul. Sh-2, Korp. 4/1, Yelabuga, Tatarstan, 423600, Russia"
        in alabuga.get("address")
    )
    assert alabuga.get("country") == ["ru"]
    assert alabuga.get("program") == ["ロシア連邦(団体(特定銀行を除く))"]
    assert alabuga.get("createdAt") == ["2025-09-12"]
    sanction = next(e for e in entities if e.id == ctx.make_id("sanction", "28-329"))
    assert sanction.get("entity") == [alabuga.id]
    assert targets["28-323"].get("name") == ["Albatros OOO"]
    zala = targets["28-286"]
    assert zala.get("name") == ["A Level Aerosystems CST LLC"]
    assert {"ZALA Aero", "LLC CST", "ザラ・アエロ"} <= set(zala.get("alias"))
    izhbs = targets["28-165"]
    assert izhbs.get("previousName") == [
        "イジュマシュ無人システム会社",
        "Izhmash-Unmanned Systems Company",
    ]
    assert "NPO IZHBS" in izhbs.get("alias")
    assert targets["28-290"].get("name") == [
        "Joint Stock Company Izhevsk Electromechanical Plant Kupol"
    ]
    assert targets["28-318"].get("name") == ["924th State Center for UAV Aviation"]
    assert targets["28-163"].get("name") == ["Special Technology Center"]
    assert targets["28-129"].get("name") == ["JSC Kronshtadt tekhnologii Group of Companies"]


@pytest.mark.slow
def test_iran_and_people(parsed):
    _, targets, _ = parsed
    qods = targets["20-21"]
    assert qods.get("name") == ["QODS AERONAUTICS INDUSTRIES"]
    assert qods.get("alias") == ["コッヅ・エアロノーティクス・インダストリーズ"]
    assert qods.get("country") == ["ir"]
    novikov = targets["29-693"]
    assert novikov.schema.name == "Person"
    assert novikov.get("name") == ["Alexander Novikov"]
    assert novikov.get("birthDate") == ["1964-11-28"]
    assert any("unmanned aerial vehicles" in p for p in novikov.get("position"))
    omar = targets["2-4"]  # mixed Taliban sheet: a person because the row has a birth date
    assert omar.schema.name == "Person"
    assert omar.get("name") == ["MOHAMMED OMAR GHULAM NABI"]
    assert "محمد عمرغلام نبی" in omar.get("alias")
    assert set(omar.get("birthDate")) == {"1966", "1960", "1953"}
    assert omar.get("nationality") == ["af"]
    assert omar.get("modifiedAt") == ["2018-04-27"]
    hasan = targets["4-2"]  # Latin aliases split to match the Japanese list above them
    assert {"Ahmed Garbaya", "Sa-id", "Samir Salwwan"} <= set(hasan.get("alias"))
    mana = targets["21-9"]
    assert {"Faris Mana'a", "ファリス・マナア"} <= set(mana.get("alias"))
    assert mana.get("birthDate") == ["1965-02-08"]


def test_japanese_dates():
    assert jp_mof._jp_dates("(a)1955年-1958年頃\n(b)１945年-1950年頃") == [
        *[str(y) for y in range(1955, 1959)],
        *[str(y) for y in range(1945, 1951)],
    ]
    assert jp_mof._jp_dates("1941年8月20日セルビア共和国ポジャレヴァッツ生") == ["1941-08-20"]
    assert jp_mof._jp_dates("1965年又は1966年") == ["1965", "1966"]
    assert jp_mof._jp_dates("2001.9.22\n2008.6.25改訂") == ["2001-09-22", "2008-06-25"]


def test_alias_cell_layouts():
    split = jp_mof._split_names
    assert split(
        "(別称、有限会社STC)\n (a.k.a Special Technology Center Ltd.; a.k.a. STC, LTD)",
        "alias",
        False,
    ) == [
        ("alias", "有限会社STC"),
        ("alias", "Special Technology Center Ltd"),
        ("alias", "STC, LTD"),
    ]
    assert split(
        "(旧称、ロスバンク)\n(f.k.a. AKB Rosbank OAO; a.k.a. Rosbank PJSC)", "alias", False
    ) == [
        ("previousName", "ロスバンク"),
        ("previousName", "AKB Rosbank OAO"),
        ("alias", "Rosbank PJSC"),
    ]
    assert split(
        "(a)シンワル、ヤヒヤ (b)アル・シンワル、イェヒヤ\n(a)SINWAR, Yahya (b)AL-SINWAR, Yehya",
        "alias",
        True,
    ) == [
        ("alias", "シンワル、ヤヒヤ"),
        ("alias", "アル・シンワル、イェヒヤ"),
        ("alias", "SINWAR, Yahya"),
        ("alias", "AL-SINWAR, Yehya"),
    ]
    assert split("フランク・カコレレ（FRANK KAKORERE）", "weakAlias", True) == [
        ("weakAlias", "フランク・カコレレ"),
        ("weakAlias", "FRANK KAKORERE"),
    ]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_small_workbook(tmp_path: Path):
    header = ["告示日付", "告示番号", "日本語表記", "英語表記", "別称", "生年月日", "その他の情報"]
    _workbook(
        tmp_path / "shisantouketsu20260101.xlsx",
        {
            "一覧": [["index"]],
            "1.テスト（個人）": [
                ["title"],
                header,
                [
                    "2020.1.1\n2021.2.3改訂",
                    "1",
                    "ジョン・ドウ",
                    "John DOE",
                    "ジョニー\nJohnny",
                    "1970年頃",
                    "x",
                ],
                ["", "", "", "", "", "", "more remarks"],
                ["2022.1.1削除", "2", "", "", "", "", ""],
            ],
            "2.【解除】旧制度": [["lifted"]],
            "3.変更された様式": [["告示番号", "名称"], ["1", "X"]],
        },
    )
    ctx, entities = _parse(tmp_path)
    person = entities[0]
    assert ctx.published == "2026-01-01"
    assert person.schema.name == "Person"
    assert person.context["ref"] == "1-1"
    assert person.get("alias") == ["ジョン・ドウ", "ジョニー", "Johnny"]
    assert person.get("birthDate") == ["1970"]
    assert person.get("notes") == ["x", "more remarks"]
    assert person.get("createdAt") == ["2020-01-01"] and person.get("modifiedAt") == ["2021-02-03"]
    assert len(entities) == 2  # the removed entry 2 is not a party
    # a lifted programme is expected to have no table; a changed layout is counted
    assert dict(ctx.warnings) == {"programme sheet without header row": 1}


def test_no_programme_sheet(tmp_path: Path):
    _workbook(tmp_path / "shisantouketsu20260101.xlsx", {"一覧": [["index"]]})
    with pytest.raises(ParseError, match="shisantouketsu20260101.xlsx: no sheet with"):
        _parse(tmp_path)


def test_truncated_file(lists_dir: Path, tmp_path: Path):
    data = (lists_dir / jp_mof.NAME / "shisantouketsu20260305.xlsx").read_bytes()
    (tmp_path / "shisantouketsu20260305.xlsx").write_bytes(data[:300_000])
    with pytest.raises(ParseError, match="shisantouketsu20260305.xlsx: not a readable xlsx"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ParseError, match="shisantouketsu20260305.xlsx: file missing"):
        _parse(tmp_path)
