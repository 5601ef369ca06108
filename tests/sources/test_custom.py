"""User lists for ``embargo update --custom NAME=FILE``: CSV and XLSX, good and bad."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from embargo.sources import custom
from embargo.sources.base import ParseContext, ParseError


def _write_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_csv_with_all_columns(tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "ID;Name;Aliases;Schema;Country;Birth_Date;ID_Numbers;Address\n"
        '1;ZALA Aero;"Zala; ZALA AERO GROUP";company;Russia;;INN 9715478507;Moscow\n'
        '2;John Doe;J. Doe;Person;us;01/02/1970;"P123; X 456";1 Main St\n'
        "3;Sea Star;;Vessel;;;IMO 1234567;\n"
        "\n",
        encoding="utf-8",
    )
    ctx, entities = custom.parse_file(path, "mine")
    zala, doe, ship = list(entities)
    assert ctx.source == "custom:mine"
    assert zala.id == ctx.make_id("1")
    assert zala.context["target"] is True
    assert zala.schema.name == "Company"
    assert zala.get("alias") == ["Zala", "ZALA AERO GROUP"]
    assert zala.get("country") == ["ru"]
    assert zala.get("idNumber") == ["INN 9715478507"]
    assert zala.get("address") == ["Moscow"]
    assert doe.schema.name == "Person"
    assert doe.get("birthDate") == ["1970-02-01"]
    assert doe.get("idNumber") == ["P123", "X 456"]
    assert ship.schema.name == "Vessel"
    assert ship.get("registrationNumber") == ["IMO 1234567"]


def test_minimal_csv_defaults_to_legal_entity(tmp_path: Path):
    path = tmp_path / "min.csv"
    path.write_text('id,name\nA-1,"Acme, Inc."\n', encoding="utf-8")
    _, entities = custom.parse_file(path, "min")
    (acme,) = list(entities)
    assert acme.schema.name == "LegalEntity"
    assert acme.get("name") == ["Acme, Inc."]
    assert acme.context["ref"] == "A-1"


def test_xlsx(tmp_path: Path):
    path = tmp_path / "list.xlsx"
    _write_xlsx(path, [["id", "name", "schema", "birth_date"], [7, "Jane Roe", "Person", "1975"]])
    ctx, entities = custom.parse_file(path, "x")
    (jane,) = list(entities)
    assert jane.context["ref"] == "7"
    assert jane.get("birthDate") == ["1975"]


def test_missing_column_lists_headers(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("ident,full name\n1,X\n")
    with pytest.raises(
        ParseError,
        match=r"bad.csv row 1: missing column\(s\) \['id', 'name'\]; "
        r"headers found: \['ident', 'full name'\]",
    ):
        custom.parse_file(path, "bad")


def test_empty_name_names_row(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("id,name\n1,Good\n2,\n")
    with pytest.raises(ParseError, match=r"bad.csv row 3: empty name \(id 2\)"):
        custom.parse_file(path, "bad")


def test_unknown_schema_names_row_and_value(tmp_path: Path):
    path = tmp_path / "bad.xlsx"
    _write_xlsx(path, [["id", "name", "schema"], [1, "A", "Person"], [2, "B", "Spaceship"]])
    with pytest.raises(ParseError, match=r"bad.xlsx row 3: unknown schema 'Spaceship'"):
        custom.parse_file(path, "bad")


def test_repeated_id(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("id,name\n1,A\n1,B\n")
    with pytest.raises(ParseError, match=r"row 3: id 1 repeats row 2"):
        custom.parse_file(path, "bad")


def test_empty_and_undecodable_files(tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match=r"empty.csv line 1: empty file"):
        custom.parse_file(empty, "e")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"id,name\n1,Caf\xe9\n")
    with pytest.raises(ParseError, match=r"latin.csv line 2: not UTF-8"):
        custom.parse_file(latin, "l")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("id,name\n")
    with pytest.raises(ParseError, match=r"fake.xlsx: not a readable xlsx"):
        custom.parse_file(fake, "f")
    with pytest.raises(ParseError, match=r"nothere.csv: file missing"):
        custom.parse_file(tmp_path / "nothere.csv", "n")


def test_folder_parse(tmp_path: Path):
    (tmp_path / "a.csv").write_text("id,name\n1,A\n")
    (tmp_path / "notes.md").write_text("ignored")
    ctx = ParseContext(custom.NAME)
    assert [e.get("name") for e in custom.parse(tmp_path, ctx)] == [["A"]]
    assert custom.DOWNLOADS == []
