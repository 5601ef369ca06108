"""UN Security Council consolidated list: the real 2026-02-27 file, and broken copies of it."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import un_sc
from embargo.sources.base import EntityProxy, ParseContext, ParseError


def _parse(folder: Path) -> tuple[list[EntityProxy], ParseContext]:
    ctx = ParseContext(un_sc.NAME)
    return list(un_sc.parse(folder, ctx)), ctx


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[dict[str, EntityProxy], ParseContext]:
    entities, ctx = _parse(lists_dir / un_sc.NAME)
    by_id = {e.id: e for e in entities}
    assert len(by_id) == len(entities), "entity ids must be unique"
    return by_id, ctx


def _party(parsed, ref: str) -> EntityProxy:
    by_id, ctx = parsed
    return by_id[ctx.make_id(ref)]


def test_counts_and_date(parsed) -> None:
    by_id, ctx = parsed
    targets = [e for e in by_id.values() if e.context.get("target")]
    assert len(targets) == 1003
    assert Counter(e.schema.name for e in targets) == {"Person": 730, "Organization": 273}
    assert sum(e.schema.name == "Sanction" for e in by_id.values()) == 1003
    assert all(e.get("name") for e in targets)
    assert ctx.published == "2026-02-27"
    assert not ctx.warnings


def test_qods_aeronautics_industries(parsed) -> None:
    entity = _party(parsed, "IRe.055")
    assert entity.schema.name == "Organization"
    assert entity.context["ref"] == "IRe.055"
    assert entity.get("name") == ["QODS AERONAUTICS INDUSTRIES"]
    assert entity.get("program") == ["Iran"]
    assert entity.get("createdAt") == ["2007-03-24"]
    assert "unmanned aerial vehicles (UAVs)" in entity.first("notes")
    by_id, ctx = parsed
    sanction = by_id[ctx.make_id("sanction", "IRe.055")]
    assert sanction.get("entity") == [entity.id]
    assert sanction.get("unscId") == ["IRe.055"]
    assert sanction.get("listingDate") == ["2007-03-24"]
    assert sanction.get("recordId") == ["110349"]


def test_person_with_original_script_name(parsed) -> None:
    entity = _party(parsed, "IQi.001")
    assert entity.schema.name == "Person"
    assert entity.get("name") == ["SADDAM HUSSEIN AL-TIKRITI"]
    assert entity.get("firstName") == ["SADDAM"]
    assert entity.get("secondName") == ["HUSSEIN"]
    assert "صدام حسين التكريتي" in entity.get("alias")
    assert entity.get("weakAlias") == ["Abu Ali"]
    assert entity.get("birthDate") == ["1937-04-28"]
    assert entity.get("nationality") == ["iq"]
    assert entity.get("birthPlace") == ["al-Awja, near Tikrit, Iraq"]


def test_low_quality_aliases_are_weak(parsed) -> None:
    entity = _party(parsed, "QDi.001")
    assert "Sayf-Al Adl" in entity.get("alias")
    assert "Seif al Adel" in entity.get("weakAlias")
    assert "Seif al Adel" not in entity.get("alias")
    assert entity.get("birthDate") == ["1963-04-11", "1960-04-11"]


def test_fka_is_previous_name_and_address(parsed) -> None:
    entity = _party(parsed, "CDe.001")
    assert entity.get("name") == ["ADF"]
    assert entity.get("alias") == ["Allied Democratic Forces"]
    assert {"ADF/NALU", "NALU"} <= set(entity.get("previousName"))
    assert "North Kivu, Democratic Republic of the Congo" in entity.get("address")
    assert "cd" in entity.get("country")


def test_between_dates_and_documents(parsed) -> None:
    assert _party(parsed, "CDi.030").get("birthDate") == ["1973", "1974"]
    assert _party(parsed, "CDi.021").get("passportNumber") == ["OB 0243318"]
    bwambale = _party(parsed, "CDi.002")
    assert bwambale.get("position") == ["FARDC General"]


def _copy(lists_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / un_sc.NAME
    folder.mkdir()
    shutil.copy(lists_dir / un_sc.NAME / un_sc.FILENAME, folder / un_sc.FILENAME)
    return folder / un_sc.FILENAME


def test_truncated_xml_names_file_and_line(lists_dir: Path, tmp_path: Path) -> None:
    path = _copy(lists_dir, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match=r"consolidated\.xml line \d+: broken XML"):
        _parse(path.parent)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / un_sc.FILENAME).write_bytes(b"")
    with pytest.raises(ParseError, match=r"consolidated\.xml line 1: file is empty"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"un_sc: consolidated\.xml: required file is missing"):
        _parse(tmp_path)


def test_wrong_format_under_expected_name(tmp_path: Path) -> None:
    (tmp_path / un_sc.FILENAME).write_text("<html><body>Service unavailable</body></html>")
    with pytest.raises(ParseError, match=r"consolidated\.xml line 1: not a UN list: root <html>"):
        _parse(tmp_path)


def test_record_without_reference_is_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / un_sc.FILENAME).write_text(
        '<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS>'
        "<INDIVIDUAL><FIRST_NAME>NO REF</FIRST_NAME></INDIVIDUAL>"
        "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B</SECOND_NAME>"
        "<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>"
        "<INDIVIDUAL_ALIAS><QUALITY>Odd</QUALITY><ALIAS_NAME>C D</ALIAS_NAME></INDIVIDUAL_ALIAS>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    entities, ctx = _parse(tmp_path)
    assert [e.get("name") for e in entities if e.context.get("target")] == [["A B"]]
    assert entities[0].get("alias") == ["C D"]
    assert ctx.warnings["party without REFERENCE_NUMBER"] == 1
    assert ctx.warnings["alias of unknown quality (kept as alias)"] == 1
    assert ctx.published == "2026-01-02"
