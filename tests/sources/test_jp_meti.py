"""Japan METI End User List: the real 2025-09-29 revision and broken inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from embargo.sources import jp_meti
from embargo.sources.base import EntityProxy, ParseContext, ParseError

HEADER = [
    "No.",
    "国名、地域名\nCountry or Region",
    "企業名､組織名\nCompany or Organization",
    "別名\nAlso Known As",
    "懸念区分\nType of WMD",
    "通常兵器\nConventional Weapons",
]


def _parse(folder: Path) -> tuple[ParseContext, list[EntityProxy]]:
    ctx = ParseContext(jp_meti.NAME)
    return ctx, list(jp_meti.parse(folder, ctx))


def _write(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    ctx, entities = _parse(lists_dir / jp_meti.NAME)
    return ctx, {e.context["ref"]: e for e in entities if e.context.get("target")}


@pytest.mark.slow
def test_counts(parsed):
    ctx, targets = parsed
    assert ctx.published == "2025-09-29"
    assert not ctx.warnings
    assert len(targets) == 835
    assert set(targets) == {str(n) for n in range(1, 836)}
    countries = Counter(c for e in targets.values() for c in e.get("country"))
    assert countries["ir"] == 257 and countries["ru"] == 100 and countries["kp"] == 154


@pytest.mark.slow
def test_drone_entries(parsed):
    _, targets = parsed
    qods = targets["206"]
    assert qods.get("name") == ["Qods Aeronautics Industries"]
    assert qods.get("alias") == ["Qods Aviation Industries", "Qods Research Center"]
    assert qods.get("country") == ["ir"]
    assert qods.get("notes") == [
        "Concern: biological, chemical, missile, nuclear, conventional weapons"
    ]
    shahed = targets["233"]
    assert shahed.get("name") == ["SHAHED AVIATION RESEARCH INDUSTRIES CENTER"]
    assert {"SAIRC", "Shahed Aviation Industries Research Centre"} <= set(shahed.get("alias"))
    alabuga = targets["779"]
    assert alabuga.get("name") == ["JSC SEZ Alabuga"]
    assert "AO OEZ PPT Alabuga" in alabuga.get("alias")
    assert alabuga.get("country") == ["ru"]
    assert targets["796"].get("alias") == ["OOO Albatros", "Albatross LLC"]
    assert targets["784"].get("name") == ["LLC Alabuga Development"]
    assert targets["815"].get("name") == ["Special Technology Center"]
    assert targets["740"].get("name") == ["AO Kronshtadt"]


@pytest.mark.slow
def test_names_in_other_scripts(parsed):
    _, targets = parsed
    by_name = {e.get("name")[0]: e for e in targets.values()}
    yinke = by_name["YINKE HK ELECTRONICS COMPANY LIMITED"]
    assert "盈科香港電子有限公司" in yinke.get("alias")
    rosoboronexport = next(e for e in targets.values() if "АО Рособоронэкспорт" in e.get("alias"))
    assert rosoboronexport.get("country") == ["ru"]
    # full-width letters typed into an alias are folded to ASCII
    assert any("IRGCASF" in e.get("alias") for e in targets.values())


def test_small_file(tmp_path: Path):
    _write(
        tmp_path / "20260101_1.xlsx",
        [
            HEADER,
            [
                1,
                "ロシア\nRussian Federation",
                "ACME JSC\n（阿克米）",
                "・ACME\n・АКМЕ",
                "ミサイル\nM",
                "",
            ],
        ],
    )
    ctx, entities = _parse(tmp_path)
    acme = entities[0]
    assert ctx.published == "2026-01-01"
    assert acme.get("name") == ["ACME JSC"]
    assert acme.get("alias") == ["阿克米", "ACME", "АКМЕ"]
    assert acme.get("country") == ["ru"]
    assert acme.get("notes") == ["Concern: missile"]


def test_missing_header(tmp_path: Path):
    _write(tmp_path / "20260101_1.xlsx", [["No.", "Name"], [1, "X"]])
    with pytest.raises(ParseError, match=r"20260101_1.xlsx row 1: no header"):
        _parse(tmp_path)


def test_row_without_name_is_counted(tmp_path: Path):
    _write(tmp_path / "20260101_1.xlsx", [HEADER, [1, "イラン\nIran", "", "", "", ""]])
    ctx, entities = _parse(tmp_path)
    assert entities == []
    assert ctx.warnings["row without number or name"] == 1


def test_wrong_format(tmp_path: Path):
    (tmp_path / "20250929_4.xlsx").write_bytes(b"<html>not found</html>")
    with pytest.raises(ParseError, match="20250929_4.xlsx: not a readable xlsx"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ParseError, match="file missing"):
        _parse(tmp_path)
