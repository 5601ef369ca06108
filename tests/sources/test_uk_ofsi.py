"""UK OFSI Consolidated List: the real 2025-04-14 xlsx, a CSV edition and broken inputs."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import uk_ofsi
from embargo.sources.base import EntityProxy, ParseContext, ParseError

HEADER = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
    "Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,"
    "Passport Details,National Identification Number,National Identification Details,Position,"
    "Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,"
    "Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,"
    "UK Sanctions List Date Designated,Last Updated,Group ID"
)


def _parse(folder: Path) -> tuple[ParseContext, list[EntityProxy]]:
    ctx = ParseContext(uk_ofsi.NAME)
    return ctx, list(uk_ofsi.parse(folder, ctx))


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy], list[EntityProxy]]:
    ctx, entities = _parse(lists_dir / uk_ofsi.NAME)
    targets = {e.context["ref"]: e for e in entities if e.context.get("target")}
    return ctx, targets, entities


@pytest.mark.slow
def test_counts_and_date(parsed):
    ctx, targets, entities = parsed
    assert ctx.published == "2025-04-14"
    assert len(targets) == 4688
    assert Counter(e.schema.name for e in targets.values()) == {
        "Person": 3663,
        "Organization": 1010,
        "Vessel": 15,
    }
    assert sum(1 for e in entities if e.schema.name == "Sanction") == 4688
    # two groups in this release have only alias rows; they still come out, named by row 1
    assert dict(ctx.warnings) == {"group without primary name row": 2}


@pytest.mark.slow
def test_alabuga_sez(parsed):
    ctx, targets, entities = parsed
    sez = targets["16407"]
    assert sez.get("name") == [
        "JOINT STOCK COMPANY ALABUGA SPECIAL ECONOMIC ZONE PRODUCTION AND INDUSTRIAL TYPE"
    ]
    assert (
        "АКЦИОНЕРНОЕ ОБЩЕСТВО ОСОБАЯ ЭКОНОМИЧЕСКАЯ ЗОНА ПРОМЫШЛЕННО-ПРОИЗВОДСТВЕННОГО ТИПА АЛАБУГА"
        in sez.get("alias")
    )
    assert sez.get("address") == [
        'PROMPLOSHCHADKA "ALABUGA" UL. SH-2 KORP. 4/1, Yelabuga Region, 423600, Russia'
    ]
    assert sez.get("country") == ["ru"]
    assert sez.get("program") == ["Russia"]
    assert sez.get("createdAt") == ["2024-02-22"]
    assert sez.get("website") == ["http://alabuga.ru/"]
    sanction = next(e for e in entities if e.id == ctx.make_id("sanction", "16407"))
    assert sanction.get("entity") == [sez.id]
    assert set(sanction.get("authorityId")) == {"16407", "RUS2080"}
    assert sanction.get("listingDate") == ["2024-02-22"]


@pytest.mark.slow
def test_iranian_uav_makers(parsed):
    _, targets, _ = parsed
    shahed = targets["15607"]
    assert shahed.schema.name == "Organization"
    assert shahed.get("name") == ["SHAHED AVIATION INDUSTRIES"]
    assert shahed.get("createdAt") == ["2022-10-20"]
    assert "unmanned aerial vehicle (UAV)" in shahed.get("notes")[0]
    qods = targets["16138"]
    assert qods.get("name") == ["QODS AERONAUTICS INDUSTRIES (QAI)"]
    assert {"QODS AVIATION INDUSTRIES", "GHODS AVIATION INDUSTRIES", "QODS RESEARCH CENTER"} <= set(
        qods.get("alias")
    )
    assert len(qods.get("address")) == 2
    assert "Km 5 Karaj Special Road, P.O. Box 15875-1834, Tehran, Iran" in qods.get("address")
    assert qods.get("country") == ["ir"]
    assert qods.get("program") == ["Iran (Nuclear)"]


@pytest.mark.slow
def test_person_names_dates_and_weak_aliases(parsed):
    _, targets, _ = parsed
    ghailani = targets["6925"]
    assert ghailani.get("name") == ["AHMED KHALFAN GHAILANI"]
    assert ghailani.get("firstName") == ["AHMED"]
    assert ghailani.get("lastName") == ["GHAILANI"]
    assert set(ghailani.get("birthDate")) == {
        "1970-08-01",
        "1974-04-13",
        "1974-04-14",
        "1974-03-14",
    }
    assert ghailani.get("birthPlace") == ["Zanzibar, Tanzania"]
    assert "FOOPIE" in ghailani.get("weakAlias")
    assert "FOOPIE" not in ghailani.get("alias")
    kony = targets["13378"]  # DOB 00/00/1992 … 00/00/1995: year only
    assert set(kony.get("birthDate")) == {"1992", "1993", "1994", "1995"}
    assert "CAESAR" in kony.get("weakAlias")
    assert kony.get("position") == ["Deputy, Lord's Resistance Army"]


@pytest.mark.slow
def test_previous_names_and_vessels(parsed):
    ctx, targets, entities = parsed
    assert "ADF/NALU" in targets["13189"].get("previousName")
    ship = targets["13651"]
    assert ship.schema.name == "Vessel"
    assert ship.get("name") == ["SAM JONG 2"]
    assert ship.get("imoNumber") == ["IMO7408873"]
    assert ship.get("flag") == ["kp"]
    assert ship.get("buildDate") == ["1975"]
    link = next(e for e in entities if e.id == ctx.make_id("unknownlink", "13635", "13651"))
    assert link.get("subject") == [targets["13635"].id]
    assert link.get("object") == [ship.id]


def test_csv_edition(tmp_path: Path):
    rows = [
        "Last Updated,14/04/2025" + "," * 34,
        HEADER,
        "DOE,John,,,,,Mr,,,,00/05/1970,London,United Kingdom,United Kingdom,(1) 123 (2) 456,,,,"
        ",1 High St,,,,,London,N1,United Kingdom,(UK Sanctions List Ref):XXX0001. (Gender):Male,"
        "Individual,Primary name,,Russia,01/02/2022,01/02/2022,03/02/2022,1",
        "DOE,Johnny,,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,AKA,Low quality,Russia,01/02/2022,"
        "01/02/2022,03/02/2022,1",
    ]
    (tmp_path / "ConList.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ctx, entities = _parse(tmp_path)
    person = entities[0]
    assert ctx.published == "2025-04-14"
    assert person.get("name") == ["John DOE"]
    assert person.get("birthDate") == ["1970-05"]
    assert person.get("passportNumber") == ["123", "456"]
    assert person.get("gender") == ["male"]
    assert person.get("weakAlias") == ["Johnny DOE"]
    assert person.get("createdAt") == ["2022-02-01"]


def test_uk_dates():
    assert uk_ofsi._uk_date("00/00/1970") == "1970"
    assert uk_ofsi._uk_date("00/07/1970") == "1970-07"
    assert uk_ofsi._uk_date("31/12/1970") == "1970-12-31"
    assert uk_ofsi._uk_date("05/1962") == "1962-05"


def test_truncated_xlsx(lists_dir: Path, tmp_path: Path):
    data = (lists_dir / uk_ofsi.NAME / "ConList.xlsx").read_bytes()
    (tmp_path / "ConList.xlsx").write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match="ConList.xlsx.*not a readable xlsx"):
        _parse(tmp_path)


def test_empty_csv(tmp_path: Path):
    (tmp_path / "ConList.csv").write_bytes(b"")
    with pytest.raises(ParseError, match=r"ConList.csv row 1: empty file"):
        _parse(tmp_path)


def test_missing_columns(tmp_path: Path):
    header = HEADER.replace(",Group ID", "").replace("Alias Type,", "")
    (tmp_path / "ConList.csv").write_text("Last Updated,14/04/2025\n" + header + "\n")
    with pytest.raises(ParseError, match=r"ConList.csv row 2: missing columns \['Alias Type'"):
        _parse(tmp_path)


def test_not_utf8(tmp_path: Path):
    (tmp_path / "ConList.csv").write_bytes(b"Last Updated,14/04/2025\n" + b"\xff\xfe\x00bad")
    with pytest.raises(ParseError, match=r"ConList.csv byte \d+: not UTF-8"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ParseError, match="ConList.csv: file missing"):
        _parse(tmp_path)


@pytest.mark.slow
def test_xlsx_copy_parses_same(lists_dir: Path, tmp_path: Path):
    """The parser reads whichever edition is present, not a fixed path."""
    shutil.copy(lists_dir / uk_ofsi.NAME / "ConList.xlsx", tmp_path / "consolidated.xlsx")
    ctx, entities = _parse(tmp_path)
    assert sum(1 for e in entities if e.context.get("target")) == 4688
