"""trade.gov Consolidated Screening List: the complete 2022 CSV (and its .gz), the partial 2023
CSV with a repeated header and the newer ``ids`` order, and broken inputs."""

from __future__ import annotations

import gzip
import shutil
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import us_csl
from embargo.sources.base import EntityProxy, ParseContext, ParseError

PARTIAL = "_alternates/us_trade_csl_2023-11_partial"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
EL = "Entity List (EL) - Bureau of Industry and Security"


def _parse(folder: Path) -> tuple[list[EntityProxy], ParseContext]:
    ctx = ParseContext(us_csl.NAME)
    return list(us_csl.parse(folder, ctx)), ctx


def _index(entities: list[EntityProxy]) -> dict[str, EntityProxy]:
    by_id = {e.id: e for e in entities}
    assert len(by_id) == len(entities), "entity ids must be unique"
    return by_id


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[dict[str, EntityProxy], ParseContext]:
    entities, ctx = _parse(lists_dir / us_csl.NAME)
    return _index(entities), ctx


def _party(parsed, ref: str) -> EntityProxy:
    by_id, ctx = parsed
    return by_id[ctx.make_id(ref)]


def _aux(parsed, schema: str, *parts: str) -> EntityProxy:
    by_id, ctx = parsed
    return by_id[ctx.make_id(schema.lower(), *parts)]


def test_counts_per_list(parsed) -> None:
    by_id, ctx = parsed
    targets = [e for e in by_id.values() if e.context.get("target")]
    assert len(targets) == 14160  # one entity per row
    lists = Counter(e.context["list"].split(" (")[1].split(")")[0] for e in targets)
    assert lists == {
        "SDN": 10026,
        "EL": 2001,
        "DTC": 727,
        "DPL": 462,
        "SSI": 290,
        "UVL": 201,
        "ISN": 163,
        "PLC": 78,
        "MEU": 71,
        "CMIC": 68,
        "CAP": 53,
        "NS-MBS List": 17,
        "FSE": 3,
    }
    assert Counter(e.schema.name for e in by_id.values())["Sanction"] == len(targets)
    # One CAP row repeats list and _id of another (it adds one URL): kept, ref suffixed.
    assert ctx.warnings["repeated list and _id (kept, ref suffixed)"] == 1
    assert _party(parsed, "CAP-15268-2").get("name") == ["BANK OF KUNLUN CO LTD"]
    # No date in the file: the latest listing (start_date) stands in.
    assert ctx.published == "2022-04-21"
    assert set(ctx.warnings) == {
        "repeated list and _id (kept, ref suffixed)",
        "Linked To: no party of that name on the same list",
    }


def test_qods_aviation_industries(parsed) -> None:
    qai = _party(parsed, "SDN-16418")
    assert qai.schema.name == "Organization"
    assert qai.context["list"] == SDN
    assert qai.get("name") == ["QODS AVIATION INDUSTRIES"]
    assert qai.get("alias") == ["QODS RESEARCH CENTER", "GHODS AVIATION INDUSTRIES"]
    assert set(qai.get("program")) == {SDN, "NPWMD", "IFSR"}
    assert "P.O. Box 15875-1834, Km 5 Karaj Special Road, Tehran, IR" in qai.get("address")
    assert qai.get("country") == ["ir"]
    hesa = _party(parsed, "SDN-11195")
    assert {"HESA", "IAMI", "IAMCO"} <= set(hesa.get("alias"))


def test_entity_list_rows(parsed) -> None:
    stc = _party(parsed, "EL-53ad2485c78f35316b1ec835a6b60ed5554e526c")
    assert stc.schema.name == "LegalEntity"  # the Entity List does not type its parties
    assert stc.context["list"] == EL
    assert stc.get("name") == ["Special Technology Center"]
    assert stc.get("alias") == ["STC, Ltd."]
    assert stc.get("createdAt") == ["2017-01-04"]
    assert stc.get("program") == [EL]
    sanction = _aux(parsed, "Sanction", "EL-53ad2485c78f35316b1ec835a6b60ed5554e526c")
    assert sanction.get("entity") == [stc.id]
    assert "License policy: Presumption of denial." in sanction.get("provisions")
    assert sanction.get("authority") == ["Bureau of Industry and Security"]
    kronshtadt = _party(parsed, "EL-36b9bed40af2770218ba60d7bad49c0e925f38ee")
    assert "ZAO Kronshtadt" in kronshtadt.get("alias")  # "…; and ZAO Kronshtadt"


def test_cmic_company_identifiers(parsed) -> None:
    uav = _party(parsed, "CMIC-32084")
    assert uav.schema.name == "Company"
    assert uav.get("name") == ["AEROSPACE CH UAV CO., LTD"]
    assert set(uav.get("alias")) == {
        "ZHEJIANG NANYANG TECHNOLOGY COMPANY LIMITED",
        "Aerospace CH UAV Co Ltd",  # "Issuer Name" in ids
    }
    assert uav.get("isinCode") == ["CNE100000N20"]
    assert uav.get("registrationNumber") == ["91330000734507783B"]
    assert uav.get("classification") == ["Public Company"]


def test_russian_codes_and_dates(parsed) -> None:
    kronshtadt = _party(parsed, "SDN-35854")
    assert kronshtadt.get("innCode") == ["7808035536"]
    assert kronshtadt.get("ogrnCode") == ["1027809176141"]
    assert kronshtadt.get("taxNumber") == ["7808035536"]
    assert kronshtadt.get("incorporationDate") == ["1990"]


def test_person_parts_documents_and_wallet(parsed) -> None:
    person = _party(parsed, "SDN-17291")
    assert person.schema.name == "Person"
    assert person.get("lastName") == ["'ABD AL-SALAM"]
    assert person.get("passportNumber") == ["K475336"]
    assert person.get("idNumber") == ["28940000602"]
    assert person.get("birthDate") == ["1989-07-13"]
    assert person.get("nationality") == ["jo"]
    hacker = _party(parsed, "SDN-29703")
    assert hacker.get("gender") == ["male"]
    assert hacker.get("passportNumber") == ["4005504207"]
    wallet = _aux(parsed, "CryptoWallet", "SDN-29703", "1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3")
    assert wallet.get("holder") == [hacker.id]
    assert wallet.get("currency") == ["XBT"]


def test_vessel_and_linked_to(parsed) -> None:
    ship = _party(parsed, "SDN-25285")
    assert ship.schema.name == "Vessel"
    assert ship.get("imoNumber") == ["IMO9184691"]
    assert ship.get("flag") == ["ir"]
    assert ship.get("type") == ["General Cargo"]
    by_id, ctx = parsed
    links = [
        e
        for e in by_id.values()
        if e.schema.name == "UnknownLink" and e.get("subject") == [ship.id]
    ]
    assert len(links) == 1
    assert by_id[links[0].first("object")].get("name") == [
        "ISLAMIC REPUBLIC OF IRAN SHIPPING LINES"
    ]


def test_aircraft(parsed) -> None:
    plane = _party(parsed, "SDN-15445")
    assert plane.schema.name == "Airplane"
    assert plane.get("serialNumber") == ["464"]
    assert plane.get("model") == ["A300B4-605R"]
    assert plane.get("buildDate") == ["1988-05-17"]


def test_partial_2023_file_with_repeated_header(lists_dir: Path) -> None:
    entities, ctx = _parse(lists_dir / PARTIAL)
    by_id = _index(entities)
    targets = [e for e in entities if e.context.get("target")]
    assert len(targets) == 4227  # 4,228 lines of rows, one a repeated header
    assert ctx.warnings["repeated header line (skipped)"] == 1
    assert ctx.warning_examples["repeated header line (skipped)"].endswith("line 2")
    lists = Counter(e.context["list"] for e in targets)
    assert lists[SDN] == 1738 and lists[EL] == 919
    # ids are written type-first in this release.
    evader = by_id[ctx.make_id("FSE-26182")]
    assert evader.get("passportNumber") == ["U00242309"]
    assert evader.get("gender") == ["male"]
    uav = by_id[ctx.make_id("CMIC-32084")]
    assert uav.get("isinCode") == ["CNE100000N20"]
    assert "Aerospace CH UAV Co Ltd" in uav.get("alias")
    (skymount,) = [e for e in targets if e.get("name") == ["Skymount Drones"]]
    assert skymount.context["list"].startswith("Unverified List (UVL)")
    assert skymount.get("country") == ["ca"]


def test_reads_gzip_when_alone_and_prefers_csv(lists_dir: Path, tmp_path: Path) -> None:
    source = lists_dir / us_csl.NAME
    only_gz = tmp_path / "gz"
    only_gz.mkdir()
    shutil.copy(source / "consolidated.csv.gz", only_gz)
    entities, _ = _parse(only_gz)
    assert sum(bool(e.context.get("target")) for e in entities) == 14160
    both = tmp_path / "both"
    both.mkdir()
    shutil.copy(source / "consolidated.csv.gz", both)
    lines = (source / "consolidated.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (both / "consolidated.csv").write_text("".join(lines[:3]), encoding="utf-8")
    entities, _ = _parse(both)
    assert sum(bool(e.context.get("target")) for e in entities) == 2


def test_missing_column_is_named(lists_dir: Path, tmp_path: Path) -> None:
    lines = (lists_dir / us_csl.NAME / "consolidated.csv").read_text(encoding="utf-8")
    head = lines.splitlines()[:5]
    head[0] = head[0].replace("_id,", "id_,", 1)
    (tmp_path / "consolidated.csv").write_text("\n".join(head) + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"consolidated\.csv line 1: missing column\(s\): _id"):
        _parse(tmp_path)


def test_empty_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"us_trade_csl: consolidated\.csv: required file is"):
        _parse(tmp_path)
    (tmp_path / "consolidated.csv").write_bytes(b"")
    with pytest.raises(ParseError, match=r"consolidated\.csv line 1: file is empty"):
        _parse(tmp_path)
    (tmp_path / "consolidated.csv").unlink()
    (tmp_path / "consolidated.csv.gz").write_bytes(b"this is no gzip data")
    with pytest.raises(ParseError, match=r"consolidated\.csv\.gz: not a readable gzip file"):
        _parse(tmp_path)


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    data = (
        b"_id,source,name\n"
        b"1,Some List (SL) - Agency,GOOD NAME\n"
        b"2,Some List (SL) - Agency,BAD \xff\n"
    )
    (tmp_path / "consolidated.csv.gz").write_bytes(gzip.compress(data))
    with pytest.raises(ParseError, match=r"consolidated\.csv\.gz line 3: not UTF-8"):
        _parse(tmp_path)


def test_minimal_columns_and_odd_rows(tmp_path: Path) -> None:
    (tmp_path / "consolidated.csv").write_text(
        "_id,source,name,type,ids\n"
        '1,Some List (SL) - Agency,ACME,Entity,"ACME, Strange Label"\n'
        "2,Some List (SL) - Agency,,Entity,\n"
        "3,Some List (SL) - Agency,ZED,Spaceship,\n",
        encoding="utf-8",
    )
    entities, ctx = _parse(tmp_path)
    targets = {e.context["ref"]: e for e in entities if e.context.get("target")}
    assert set(targets) == {"SL-1", "SL-3"}
    assert targets["SL-3"].schema.name == "LegalEntity"
    assert ctx.warnings["unknown type (kept as LegalEntity)"] == 1
    assert ctx.warnings["row without source, _id or name (skipped)"] == 1
    assert ctx.warnings["unknown ids type (kept in notes)"] == 1
    assert targets["SL-1"].get("notes") == ["ACME, Strange Label"]
