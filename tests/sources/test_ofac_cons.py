"""OFAC Consolidated (non-SDN): CONSOLIDATED.XML, the CSV set, and both agreeing; bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import ofac_cons
from embargo.sources.base import EntityProxy, ParseContext, ParseError

CSV_FILES = ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")


class Parsed:
    def __init__(self, folder: Path) -> None:
        self.ctx = ParseContext(ofac_cons.NAME)
        self.entities = list(ofac_cons.parse(folder, self.ctx))
        self.by_id = {e.id: e for e in self.entities}
        self.targets = {e.id: e for e in self.entities if e.context.get("target")}

    def ref(self, ref: str) -> EntityProxy:
        return self.by_id[ParseContext(source=ofac_cons.NAME).make_id(ref)]

    def linked(self, ref: str) -> list[str]:
        subject = self.ref(ref).id
        return [
            self.by_id[e.first("object")].first("name")
            for e in self.entities
            if e.schema.name == "UnknownLink" and e.first("subject") == subject
        ]


def _csv_folder(lists_dir: Path, tmp_path: Path, files: tuple[str, ...] = CSV_FILES) -> Path:
    """The CSV set alone (symlinks to the real files), so the reader cannot use the XML."""
    for name in files:
        (tmp_path / name).symlink_to(lists_dir / ofac_cons.NAME / name)
    return tmp_path


@pytest.fixture(scope="module")
def xml(lists_dir: Path) -> Parsed:
    return Parsed(lists_dir / ofac_cons.NAME)


@pytest.fixture(scope="module")
def csv_set(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Parsed:
    return Parsed(_csv_folder(lists_dir, tmp_path_factory.mktemp("cons_csv")))


def test_xml_is_preferred_and_complete(xml: Parsed) -> None:
    assert len(xml.targets) == 442
    assert xml.ctx.published == "2026-01-08"
    schemata = Counter(e.schema.name for e in xml.targets.values())
    assert schemata["Person"] == 79
    assert schemata["Organization"] + schemata["Company"] == 363
    assert sum(1 for e in xml.entities if e.schema.name == "Sanction") == 442
    assert "Record_Count differs from sdnEntry count" not in xml.ctx.warnings


def test_csv_set_gives_the_same_parties(xml: Parsed, csv_set: Parsed) -> None:
    assert len(csv_set.targets) == 442
    assert csv_set.ctx.published is None
    assert set(csv_set.targets) == set(xml.targets)
    for ref in ("9639", "32084", "17018", "22387"):
        assert csv_set.ref(ref).get("name") == xml.ref(ref).get("name")
        assert csv_set.ref(ref).schema == xml.ref(ref).schema
    same_names = sum(
        xml.targets[k].get("name") == csv_set.targets[k].get("name") for k in xml.targets
    )
    assert same_names == 442


def test_drone_maker_aerospace_ch_uav(xml: Parsed, csv_set: Parsed) -> None:
    for parsed in (xml, csv_set):
        uav = parsed.ref("32084")
        assert uav.get("name") == ["AEROSPACE CH UAV CO., LTD"]
        assert uav.schema.name == "Company"
        assert uav.get("previousName") == ["ZHEJIANG NANYANG TECHNOLOGY COMPANY LIMITED"]
        assert uav.get("uscCode") == ["91330000734507783B"]
        assert uav.get("isinCode") == ["CNE100000N20"]
        assert uav.get("program") == ["CMIC-EO13959"]
        assert uav.get("country") == ["cn"]
        assert uav.get("address") == ["Development Zone, 388, Kai Fa Avenue, Taizhou 318000, China"]


def test_individual_name_parts_and_dates(xml: Parsed, csv_set: Parsed) -> None:
    for parsed in (xml, csv_set):
        person = parsed.ref("9639")
        assert person.schema.name == "Person"
        assert person.get("name") == ["HANIYA, Ismail Abdul Salah"]
        assert person.get("lastName") == ["HANIYA"]
        assert person.get("firstName") == ["Ismail Abdul Salah"]
        assert person.get("birthDate") == ["1962"]
        assert person.get("birthPlace") == ["Shati"]
        assert set(person.get("alias")) == {"HANIYA, Ismail", "HANIYYA, Ismaeel"}


def test_weak_aliases(xml: Parsed, csv_set: Parsed) -> None:
    for parsed in (xml, csv_set):
        entity = parsed.ref("22387")
        assert entity.get("weakAlias") == ["LLC 'DSD'"]
        assert "LLC 'DSD'" not in entity.get("alias")
    weak = sum(len(e.get("weakAlias")) for e in xml.targets.values())
    assert weak == 72  # <category>weak</category> in the file


def test_identifiers_and_links(xml: Parsed) -> None:
    sber = xml.ref("17018")
    assert sber.get("swiftBic") == ["SABRRUMM"]
    assert sber.get("innCode") == ["7707083893"]
    assert sber.get("ogrnCode") == ["1027700132195"]
    assert "UKRAINE-EO13662" in sber.get("program")
    linked = [name for e in xml.targets.values() for name in xml.linked(e.context["ref"])]
    assert "STATE CORPORATION ROSTEC" in linked
    assert len(linked) >= 250


# --- bad input --------------------------------------------------------------------------------


def _ctx() -> ParseContext:
    return ParseContext(ofac_cons.NAME)


def test_truncated_xml(lists_dir: Path, tmp_path: Path) -> None:
    data = (lists_dir / ofac_cons.NAME / "CONSOLIDATED.XML").read_bytes()
    (tmp_path / "CONSOLIDATED.XML").write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError) as err:
        list(ofac_cons.parse(tmp_path, _ctx()))
    assert err.value.file == "CONSOLIDATED.XML"
    assert err.value.position is not None and err.value.position.startswith("line ")
    assert int(err.value.position.split()[1]) > 1000


def test_empty_xml(tmp_path: Path) -> None:
    (tmp_path / "CONSOLIDATED.XML").write_bytes(b"")
    with pytest.raises(ParseError, match="CONSOLIDATED.XML: empty file"):
        list(ofac_cons.parse(tmp_path, _ctx()))


def test_xml_of_another_list(tmp_path: Path) -> None:
    (tmp_path / "CONSOLIDATED.XML").write_text("<?xml version='1.0'?>\n<CONSOLIDATED_LIST/>")
    with pytest.raises(ParseError) as err:
        list(ofac_cons.parse(tmp_path, _ctx()))
    assert err.value.position == "line 2"
    assert "not <sdnList>" in str(err.value)


def test_csv_row_with_three_columns(lists_dir: Path, tmp_path: Path) -> None:
    folder = _csv_folder(lists_dir, tmp_path, CSV_FILES[1:])
    lines = (lists_dir / ofac_cons.NAME / "cons_prim.csv").read_bytes().split(b"\r\n")
    lines[9] = b'9999,"BROKEN",-0- '
    (folder / "cons_prim.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(ParseError) as err:
        list(ofac_cons.parse(folder, _ctx()))
    assert err.value.file == "cons_prim.csv"
    assert err.value.position == "row 10 (line 10)"


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="missing"):
        list(ofac_cons.parse(tmp_path, _ctx()))


def test_csv_set_needs_its_alias_file(lists_dir: Path, tmp_path: Path) -> None:
    folder = _csv_folder(lists_dir, tmp_path, ("cons_prim.csv", "cons_add.csv"))
    with pytest.raises(ParseError) as err:
        list(ofac_cons.parse(folder, _ctx()))
    assert err.value.file == "cons_alt.csv"
