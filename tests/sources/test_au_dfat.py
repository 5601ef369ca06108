"""Australia DFAT Consolidated List: the real 2024-11-11 xlsx and broken inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from embargo.sources import au_dfat
from embargo.sources.base import EntityProxy, ParseContext, ParseError

COLUMNS = [
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "Committees",
    "Control Date",
]


def _parse(folder: Path) -> tuple[ParseContext, list[EntityProxy]]:
    ctx = ParseContext(au_dfat.NAME)
    return ctx, list(au_dfat.parse(folder, ctx))


def _write(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy], list[EntityProxy]]:
    ctx, entities = _parse(lists_dir / au_dfat.NAME)
    targets = {e.context["ref"]: e for e in entities if e.context.get("target")}
    return ctx, targets, entities


@pytest.mark.slow
def test_counts(parsed):
    ctx, targets, entities = parsed
    assert ctx.published == "2024-11-11"
    assert not ctx.warnings
    # 9,553 rows; the digits of each reference give 3,062 parties, each with exactly one
    # "Primary Name" row. (PROVENANCE's 3,164 counts suffixed references such as "34c1" apart.)
    assert len(targets) == 3062
    assert Counter(e.schema.name for e in targets.values()) == {"Person": 2316, "Organization": 746}
    names = sum(1 + len(e.get("alias")) + len(e.get("previousName")) for e in targets.values())
    assert names >= 9400  # one name per row, less a few rows repeating a name
    assert sum(1 for e in entities if e.schema.name == "Sanction") == 3062


@pytest.mark.slow
def test_shahed_and_qods(parsed):
    ctx, targets, entities = parsed
    shahed = targets["7306"]
    assert shahed.schema.name == "Organization"
    assert shahed.get("name") == ["Shahed Aviation Industries"]
    assert set(shahed.get("alias")) == {
        "Shahed Aviation Industries Research Centre",
        "Shahed Aviation Industries Complex",
    }
    assert shahed.get("address") == ["Shahid Lavi Street, Sajad Street, Isfahan, Iran"]
    assert shahed.get("country") == ["ir"]
    assert shahed.get("program") == ["Autonomous (Ukraine)"]
    assert "Unmanned Aerial Vehicles" in shahed.get("notes")[0]
    qods = targets["7747"]
    assert qods.get("name") == ["QODS AERONAUTICS INDUSTRIES"]
    assert {"Qods Aviation Industries", "Ghods Aviation Industries", "QAI"} <= set(
        qods.get("alias")
    )
    assert qods.get("address") == ["P.O. Box 15875-1834, Km 5 Karaj Special Road, Tehran, Iran"]
    assert qods.get("program") == ["Autonomous (Iran)"]
    sanction = next(e for e in entities if e.id == ctx.make_id("sanction", "7747"))
    assert sanction.get("entity") == [qods.id]
    assert sanction.get("authorityId") == ["7747"]
    assert "Amendment (No. 2) Instrument 2023" in sanction.get("provisions")[0]


@pytest.mark.slow
def test_person_details(parsed):
    _, targets, _ = parsed
    akhund = targets["2"]
    assert akhund.get("name") == ["MOHAMMAD HASSAN AKHUND"]
    assert akhund.get("alias") == ["محمد حسن أخوند"]  # "Original Script" row
    # "a) Approximately 1955- 1958 b) Approximately 1945-1950": every year of both ranges
    assert set(akhund.get("birthDate")) == {
        str(y) for y in [*range(1955, 1959), *range(1945, 1951)]
    }
    assert akhund.get("nationality") == ["af"]
    assert akhund.get("title") == ["Mullah", "Haji"]
    assert "Governor of Kandahar under the Taliban regime" in akhund.get("position")
    assert akhund.get("modifiedAt") == ["2014-12-15"]
    assert "2529b1" not in targets  # alias references fold into their party
    assert "Hassan Ghul" in targets["2529"].get("alias")


def test_dob_free_text():
    assert au_dfat._scan_dates("5 Feb. 1970 (this aka only, born 5 Feb. 1969") == [
        "1970-02-05",
        "1969-02-05",
    ]
    assert au_dfat._scan_dates("12. Sep 1974") == ["1974-09-12"]
    assert au_dfat._scan_dates("Approximately (30-35 years old)") == []
    assert au_dfat._dob_values("07/05/1962; alt DOB: 07/04/1962") == ["07/05/1962", "07/04/1962"]


def test_small_file(tmp_path: Path):
    _write(
        tmp_path / "regulation8_consolidated.xlsx",
        [
            COLUMNS,
            [10, "Jane ROE", " individual ", "Primary Name ", 1961.0, "", "Russian and Ukrainian"],
            ["10a", "J. Roe", "Individual", "aka"],
            ["10b", "Jane Smith", "Individual", "Formerly known as"],
            ["11", "ACME", "Entity", "Primary Name", "", "", "", "1 Road, Minsk, Belarus"],
        ],
    )
    ctx, entities = _parse(tmp_path)
    people = {e.context["ref"]: e for e in entities if e.context.get("target")}
    assert people["10"].schema.name == "Person"
    assert people["10"].get("birthDate") == ["1961"]
    assert set(people["10"].get("nationality")) == {"ru", "ua"}
    assert people["10"].get("alias") == ["J. Roe"]
    assert people["10"].get("previousName") == ["Jane Smith"]
    assert people["11"].get("country") == ["by"]


def test_missing_columns(tmp_path: Path):
    _write(
        tmp_path / "regulation8_consolidated.xlsx",
        [["Reference", "Name", "Type"], [1, "X", "Entity"]],
    )
    with pytest.raises(ParseError, match=r"regulation8_consolidated.xlsx row 1: missing columns"):
        _parse(tmp_path)


def test_truncated_file(lists_dir: Path, tmp_path: Path):
    data = (lists_dir / au_dfat.NAME / "regulation8_consolidated.xlsx").read_bytes()
    (tmp_path / "regulation8_consolidated.xlsx").write_bytes(data[:200_000])
    with pytest.raises(ParseError, match="regulation8_consolidated.xlsx: not a readable xlsx"):
        _parse(tmp_path)


def test_wrong_format(tmp_path: Path):
    (tmp_path / "regulation8_consolidated.xlsx").write_text("Reference,Name\n1,X\n")
    with pytest.raises(ParseError, match="not a readable xlsx"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ParseError, match="regulation8_consolidated.xlsx: file missing"):
        _parse(tmp_path)
