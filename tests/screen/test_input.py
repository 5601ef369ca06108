"""Reading customer files and mapping their columns: no dataset needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.screen.mapping import ColumnMap, MappingError, RowParser, schema_of_type
from embargo.screen.readers import InputError, detect_encoding, open_table, parse_csv_block
from tests.screen.files import ROWS, write_csv, write_jsonl, write_parquet, write_xlsx


def _rows(table, size: int = 2, skip: int = 0) -> list[tuple[int, list]]:
    """(row number, cells) of every row, decoded as the workers do."""
    out = []
    for chunk in table.chunks(size, skip):
        if chunk.kind == "csv":
            rows, _ = parse_csv_block(chunk.rows, table.delimiter)
        elif chunk.kind == "arrow":
            rows = [list(r.values()) for b in chunk.rows for r in b.to_pylist()]
        elif chunk.kind == "lines":
            rows = chunk.rows.splitlines()
        else:
            rows = chunk.rows
        assert len(rows) == chunk.count
        out.extend((chunk.first_row + i, row) for i, row in enumerate(rows))
    return out


def test_semicolon_latin1_csv_is_detected(tmp_path: Path):
    path = write_csv(tmp_path / "kunden.csv", ROWS, delimiter=";", encoding="latin-1")
    with open_table(path) as table:
        assert table.delimiter == ";"
        assert table.encoding == "cp1252"
        assert table.headers[1] == "Name"
        rows = _rows(table)
    assert rows[4] == (5, ["C5", "Jürgen Müller", "individual", "Deutschland", "1961-02-01"])


def test_tsv_by_extension_and_quoted_newlines(tmp_path: Path):
    path = tmp_path / "parties.tsv"
    path.write_text('id\tname\n1\t"Multi\nline\tname"\n2\tplain\n\n3\tlast', encoding="utf-8")
    with open_table(path) as table:
        assert table.format == "tsv"
        rows = _rows(table)
    assert rows == [
        (1, ["1", "Multi\nline\tname"]),
        (2, ["2", "plain"]),
        (3, []),
        (4, ["3", "last"]),
    ]


def test_resume_skip_counts_records_not_lines(tmp_path: Path):
    path = tmp_path / "q.csv"
    path.write_text('id,name\n1,"a\nb"\n2,c\n3,d\n', encoding="utf-8")
    with open_table(path) as table:
        assert _rows(table, skip=1) == [(2, ["2", "c"]), (3, ["3", "d"])]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("id;name\n1;Jürgen Müller\n".encode("latin-1"), "cp1252"),
        ("id;name\n1;Jürgen Müller\n".encode("utf-8-sig"), "utf-8-sig"),
        ("id,name\n1,Zoë\n".encode("utf-16"), "utf-16"),
        ("id;name\n1;Шагивалеев Тимур Наилевич\n".encode("cp1251"), "cp1251"),
        # UTF-8 with one stray byte stays UTF-8: that row is reported, not the file misread
        ("id;name\n1;Jürgen Müller\n2;Zoë\n".encode() + b"3;bad \xff\n", "utf-8"),
    ],
)
def test_encoding_detection(data: bytes, expected: str):
    assert detect_encoding(data) == expected


def test_xlsx_parquet_jsonl_read_the_same_rows(tmp_path: Path):
    cells = {}
    for name, writer in (
        ("c.xlsx", write_xlsx),
        ("c.parquet", write_parquet),
    ):
        with open_table(writer(tmp_path / name, ROWS)) as table:
            assert table.headers == ["Customer ID", "Name", "Type", "Country", "Date of Birth"]
            assert table.total == len(ROWS)
            cells[name] = [[c if c is not None else "" for c in r] for _, r in _rows(table)]
    assert cells["c.xlsx"] == cells["c.parquet"] == ROWS
    with open_table(write_jsonl(tmp_path / "c.jsonl", ROWS)) as table:
        assert table.headers == ["Customer ID", "Name", "Type", "Country", "Date of Birth"]
        assert len(_rows(table)) == len(ROWS)


def test_json_array_and_missing_file_are_refused(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text('[{"name": "x"}]', encoding="utf-8")
    with pytest.raises(InputError, match="JSON array"):
        open_table(path)
    with pytest.raises(InputError, match="no such file"):
        open_table(tmp_path / "missing.csv")


def test_headers_are_mapped_in_several_languages():
    mapping = ColumnMap.build(
        ["Kundennummer", "VORNAME", "nachname", "Geburtsdatum", "Staatsangehörigkeit", "Firma"]
    )
    assert mapping.get("id") == ("Kundennummer",)
    assert mapping.get("first_name") == ("VORNAME",)
    assert mapping.get("last_name") == ("nachname",)
    assert mapping.get("birth_date") == ("Geburtsdatum",)
    assert mapping.get("nationality") == ("Staatsangehörigkeit",)
    assert mapping.get("company") == ("Firma",)
    french = ColumnMap.build(["Raison sociale", "Pays", "Date_de_naissance", "N° TVA"])
    assert french.get("name") == ("Raison sociale",)
    assert french.get("country") == ("Pays",)
    assert french.get("birth_date") == ("Date_de_naissance",)


def test_unmappable_headers_are_refused_with_the_headers_listed():
    with pytest.raises(MappingError) as err:
        ColumnMap.build(["Kto", "Betrag", "Buchungstext"], source="ledger.csv")
    message = str(err.value)
    assert "ledger.csv" in message
    assert all(h in message for h in ("'Kto'", "'Betrag'", "'Buchungstext'"))
    assert "--map name=" in message


def test_map_flags_override_and_check_headers():
    mapping = ColumnMap.build(["Full Name", "Name"], ["name=full name", "dob=Name"])
    assert mapping.get("name") == ("Full Name",)
    assert mapping.get("birth_date") == ("Name",)
    with pytest.raises(MappingError, match="no column 'Nom'.*'Full Name'"):
        ColumnMap.build(["Full Name"], ["name=Nom"])
    with pytest.raises(MappingError, match="unknown field"):
        ColumnMap.build(["Full Name"], ["colour=Full Name"])


def test_rows_become_parties():
    mapping = ColumnMap.build(
        ["Type", "Vorname", "Nachname", "Firma", "Land", "Geburtsdatum", "Passport No"]
    )
    parser = RowParser(mapping)
    contact = {
        "Type": "",
        "Vorname": "Timur",
        "Nachname": "Shagivaleev",
        "Firma": "Alabuga Machinery",
        "Land": "Russland; Kasachstan",
        "Geburtsdatum": "01.02.1978",
        "Passport No": "P123; X 456",
    }
    person, company = parser.parties(contact)
    assert person == (
        ("Timur Shagivaleev",),
        "Person",
        ("1978-02-01",),
        ("ru", "kz"),
        ("P123", "X 456"),
        (),
    )
    assert company[:2] == (("Alabuga Machinery",), "Company")
    only_company = {**dict.fromkeys(contact, ""), "Firma": "Qods", "Type": "Organisation"}
    assert parser.parties(only_company) == ((("Qods",), "Company", (), (), (), ()),)
    assert parser.parties(dict.fromkeys(contact, "")) == ()


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        ("individual", "Person"),
        ("Natural Person", "Person"),
        ("personne morale", "Company"),
        ("Organisation", "Company"),
        ("ENTITY", "Company"),
        ("vessel", "Vessel"),
        ("Aircraft", "Airplane"),
        ("something else", None),
    ],
)
def test_type_values(value: str, schema: str | None):
    assert schema_of_type(value) == schema
