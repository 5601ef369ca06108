"""BIS Denied Persons List: the real dpl.txt (2023-11), the name heuristic, broken copies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import us_bis_dpl
from embargo.sources.base import EntityProxy, ParseContext, ParseError
from embargo.sources.us_bis_dpl import guess_schema, row_ref, split_aka

HEADER = (
    "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\tEffective_Date\t"
    "Expiration_Date\tStandard_Order\tLast_Update\tAction\tFR_Citation\n"
)


def _parse(folder: Path) -> tuple[list[EntityProxy], ParseContext]:
    ctx = ParseContext(us_bis_dpl.NAME)
    return list(us_bis_dpl.parse(folder, ctx)), ctx


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[list[EntityProxy], ParseContext]:
    return _parse(lists_dir / us_bis_dpl.NAME)


def _named(entities: list[EntityProxy], name: str) -> list[EntityProxy]:
    return [e for e in entities if e.context.get("target") and name in e.get("name")]


def test_counts_and_date(parsed) -> None:
    entities, ctx = parsed
    targets = [e for e in entities if e.context.get("target")]
    # 665 rows, one entity each; two rows repeat another exactly (kept, ref suffixed).
    assert len(targets) == 665
    assert ctx.warnings["duplicate row (kept, ref suffixed)"] == 2
    assert sum(e.context["ref"].endswith("-2") for e in targets) == 2
    assert len({e.id for e in entities}) == len(entities)
    assert Counter(e.schema.name for e in entities)["Sanction"] == 665
    # The latest plausible Last_Update; one row says 3033-09-30 and is ignored, with a warning.
    assert ctx.published == "2023-11-28"
    assert ctx.warnings["Last_Update in the future (ignored)"] == 1
    assert all(e.get("program") == ["BIS Denied Persons List"] for e in targets)


def test_aka_in_name(parsed) -> None:
    (pearl,) = _named(parsed[0], "PEARL LI")
    assert pearl.schema.name == "Person"
    assert pearl.get("alias") == ["NEI-CHIEN CHU"]
    assert pearl.get("address") == ["1132 SEAGULL LANE, CHERRY HILL, NJ, 08054, US"]
    assert pearl.get("country") == ["us"]
    assert pearl.get("createdAt") == ["2006-06-23"]


def test_dba_airline_is_an_organization(parsed) -> None:
    (s7,) = _named(parsed[0], "SIBERIAN AIRLINES")
    assert s7.schema.name == "Organization"
    assert s7.get("alias") == ["S7 AIRLINES"]
    assert any(n.startswith("Federal Register: 87 F.R. 38709 6/29/2022;") for n in s7.get("notes"))


def test_dates_are_read_in_us_order(parsed) -> None:
    entities, ctx = parsed
    maricola = _named(entities, "DAVID L. MARICOLA")[0]
    assert maricola.get("createdAt") == ["2017-08-10"]  # 08/10/2017 is 10 August
    sanction_id = ctx.make_id("sanction", maricola.context["ref"])
    sanction = next(e for e in entities if e.id == sanction_id)
    assert sanction.get("entity") == [maricola.id]
    assert sanction.get("startDate") == ["2017-08-10"]
    assert sanction.get("endDate") == ["2026-08-24"]
    assert sanction.get("description") == ["82 F.R. 39103 8/12/2017"]


def test_one_entity_per_address(parsed) -> None:
    azur = _named(parsed[0], "AZUR AIR")
    assert len(azur) == 1 and azur[0].get("country") == ["ru"]
    mansour = _named(parsed[0], "MANSOUR MOGHTADERI ZADEH")
    assert len(mansour) == 4
    assert len({e.first("address") for e in mansour}) == 4


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        ("AARON ABRAHAM VILLA", "Person"),
        ("HERSEL LINCOLN MCKENZIE, JR.", "Person"),
        ('SHAOHUA "ERIC" WANG', "Person"),
        ("I. ASH", "Person"),
        ("ARROWTRONIC, LLC", "Organization"),
        ("URAL AIRLINES JSC", "Organization"),
        ("YARRA ANSTALT A.G.", "Organization"),
        ("EMTRASUR", "LegalEntity"),
        ("SYNAPTIX.NET", "LegalEntity"),
    ],
)
def test_guess_schema(name: str, schema: str) -> None:
    assert guess_schema(name) == schema


def test_split_aka() -> None:
    assert split_aka("FUYI SUN A/K/A FRANK SUN") == ("FUYI SUN", ["FRANK SUN"])
    assert split_aka("PEARL (A.K.A. NEI-CHIEN CHU) LI") == ("PEARL LI", ["NEI-CHIEN CHU"])
    assert split_aka("AZUR AIR") == ("AZUR AIR", [])


def test_ref_ignores_update_fields() -> None:
    row = dict.fromkeys(us_bis_dpl.REQUIRED, "X")
    changed = {**row, "Last_Update": "2024-01-01", "Action": "RENEWAL", "FR_Citation": "1 F.R."}
    assert row_ref(row) == row_ref(changed)
    assert row_ref(row) != row_ref({**row, "City": "Y"})


def test_missing_column_is_named(tmp_path: Path) -> None:
    header = HEADER.replace("Effective_Date\t", "")
    (tmp_path / us_bis_dpl.FILENAME).write_text(header + "A\tB\tC\tD\tE\tF\tG\tH\tI\tJ\tK\n")
    with pytest.raises(ParseError, match=r"dpl\.txt line 1: missing column\(s\): Effective_Date"):
        _parse(tmp_path)


def test_wrong_format_under_expected_name(tmp_path: Path) -> None:
    (tmp_path / us_bis_dpl.FILENAME).write_text("<html><body>Not found</body></html>\n")
    with pytest.raises(ParseError, match=r"dpl\.txt line 1: missing column\(s\): Name"):
        _parse(tmp_path)


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    row = "JOHN DOE\t1 MAIN ST\tTOWN\tTX\tUS\t1\t01/02/2020\t\tY\t2020-01-03\t\t1 F.R.\n"
    data = (HEADER + row).encode() + b"BAD \xff NAME\t\t\t\t\t\t01/02/2020\t\tY\t\t\t\n"
    (tmp_path / us_bis_dpl.FILENAME).write_bytes(data)
    with pytest.raises(ParseError, match=r"dpl\.txt line 3: not UTF-8"):
        _parse(tmp_path)


def test_empty_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"us_bis_dpl: dpl\.txt: required file is missing"):
        _parse(tmp_path)
    (tmp_path / us_bis_dpl.FILENAME).write_bytes(b"")
    with pytest.raises(ParseError, match=r"dpl\.txt line 1: file is empty"):
        _parse(tmp_path)


def test_row_without_name_is_counted(tmp_path: Path) -> None:
    rows = "\tSTREET\t\t\tUS\t\t01/02/2020\t\tY\t2020-01-03\t\t\n"
    rows += "JOHN DOE\t1 MAIN ST\tTOWN\tTX\tUS\t1\t01/02/2020\t\tY\t2020-01-03\t\t\n"
    (tmp_path / us_bis_dpl.FILENAME).write_text(HEADER + rows)
    entities, ctx = _parse(tmp_path)
    assert [e.get("name") for e in entities if e.context.get("target")] == [["JOHN DOE"]]
    assert ctx.warnings["row without a name"] == 1
    assert ctx.published == "2020-01-03"
