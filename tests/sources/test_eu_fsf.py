"""EU FSF XML 1.1: the 5-entity excerpt of the real export, weak aliases, broken copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from embargo.sources import eu_fsf
from embargo.sources.base import EntityProxy, ParseContext, ParseError

SAMPLE = "sample_eu_fsf.xml"


def _parse(folder: Path) -> tuple[list[EntityProxy], ParseContext]:
    ctx = ParseContext(eu_fsf.NAME)
    return list(eu_fsf.parse(folder, ctx)), ctx


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[dict[str, EntityProxy], ParseContext]:
    entities, ctx = _parse(lists_dir / eu_fsf.NAME)
    return {e.id: e for e in entities}, ctx


def _party(parsed, ref: str) -> EntityProxy:
    by_id, ctx = parsed
    return by_id[ctx.make_id(ref)]


def test_counts_and_date(parsed) -> None:
    by_id, ctx = parsed
    targets = {e.context["ref"]: e.schema.name for e in by_id.values() if e.context.get("target")}
    assert targets == {
        "191": "Person",
        "521": "Person",
        "3822": "Organization",
        "6106": "Person",
        "6177": "Person",
    }
    assert sum(e.schema.name == "Sanction" for e in by_id.values()) == 5
    assert ctx.published == "2026-08-05"
    assert not ctx.warnings


def test_multilingual_aliases(parsed) -> None:
    pci = _party(parsed, "3822")
    assert pci.get("name") == ["Parchin Chemical Industries (PCI)"]
    aliases = set(pci.get("alias"))
    assert {
        "Tionscail Ceimiceán Parchin",  # Irish
        "Parcsini Vegyipari Vállalat",  # Hungarian
        "Industrias Químicas Parchin",  # Spanish
        "Parchin-Militärbasis",  # German
        "صنایع شیمیایی پارچین",  # Persian
        "PCI",
    } <= aliases
    assert len(aliases) == 15
    assert pci.get("program") == ["IRN"]
    assert pci.get("registrationNumber") == ["892"]
    assert "Pasdaran Square, 16765/358, Tehran, IRAN (ISLAMIC REPUBLIC OF)" in pci.get("address")
    assert pci.get("country") == ["ir"]
    assert pci.get("createdAt") == ["2008-06-23"]


def test_person_names_dates_and_documents(parsed) -> None:
    ksm = _party(parsed, "191")
    assert ksm.get("name") == ["Khalid Sheikh MOHAMMED"]  # the first alias entered
    assert ksm.get("firstName") == ["Khalid Sheikh"]
    assert ksm.get("lastName") == ["MOHAMMED"]
    assert "Bin Khalid Fahd Bin Adballah" in ksm.get("alias")
    assert ksm.get("birthDate") == ["1965-04-14", "1964-03-01"]
    assert ksm.get("birthCountry") == ["pk"]
    assert ksm.get("passportNumber") == ["488555"]
    assert ksm.get("gender") == ["male"]
    assert ksm.get("program") == ["TERR"]


def test_circa_year_range_and_citizenship(parsed) -> None:
    haji = _party(parsed, "521")
    assert haji.get("birthDate") == ["1953", "1954", "1955", "1956", "1957", "1958"]
    assert haji.get("citizenship") == ["af"]
    assert haji.get("title") == ["Maulavi"]
    assert haji.get("position") == ["Minister of Water and Electricity under the Taliban regime"]
    assert "Tirin Kot District, Uruzgan Province, AFGHANISTAN" in haji.get("birthPlace")


def test_arabic_script_hijri_date_and_ids(parsed) -> None:
    asiri = _party(parsed, "6177")
    assert "إبراهيم حسن طالع العسيري" in asiri.get("alias")
    # The Hijri entry (year 1402) contributes only its Gregorian equivalent.
    assert asiri.get("birthDate") == ["1982-04-18", "1982-04-19"]
    assert asiri.get("idNumber") == ["1028745097"]
    assert asiri.get("passportNumber") == ["F654645"]
    assert asiri.get("citizenship") == ["sa"]


def test_un_id_and_regulation_on_sanction(parsed) -> None:
    by_id, ctx = parsed
    sanction = by_id[ctx.make_id("sanction", "6106")]
    assert sanction.get("entity") == [ctx.make_id("6106")]
    assert sanction.get("unscId") == ["LYi.006"]
    assert sanction.get("authorityId") == ["EU.3886.3"]
    assert sanction.get("provisions") == ["2022/1502 (OJ L235)"]
    dorda = _party(parsed, "6106")
    assert dorda.get("passportNumber") == ["FK117RK0"]
    assert not dorda.get("address")  # "Libya" alone is a country, not an address
    assert dorda.get("country") == ["ly"]


def test_weak_alias_and_several_files(lists_dir: Path, tmp_path: Path) -> None:
    text = (lists_dir / eu_fsf.NAME / SAMPLE).read_text(encoding="utf-8")
    weak = text.replace(
        'wholeName="Abosslah" function="" title="" nameLanguage="EN" strong="true"',
        'wholeName="Abosslah" function="" title="" nameLanguage="EN" strong="false"',
    )
    assert weak != text
    (tmp_path / "a.xml").write_text(weak, encoding="utf-8")
    (tmp_path / "b.xml").write_text(text.replace("2026-08-05", "2026-08-06"), encoding="utf-8")
    entities, ctx = _parse(tmp_path)
    asiri = next(e for e in entities if e.id == ctx.make_id("6177"))
    assert asiri.get("weakAlias") == ["Abosslah"]
    assert "Abosslah" not in asiri.get("alias")
    assert sum(bool(e.context.get("target")) for e in entities) == 5
    assert ctx.warnings["duplicate logicalId"] == 5
    assert ctx.published == "2026-08-06"


def test_truncated_xml_names_file_and_line(lists_dir: Path, tmp_path: Path) -> None:
    data = (lists_dir / eu_fsf.NAME / SAMPLE).read_bytes()
    (tmp_path / eu_fsf.FILENAME).write_bytes(data[:20_000])
    with pytest.raises(ParseError, match=r"eu_fsf: eu_fsf\.xml line \d+: broken XML"):
        _parse(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / eu_fsf.FILENAME).write_bytes(b"")
    with pytest.raises(ParseError, match=r"eu_fsf\.xml line 1: file is empty"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"eu_fsf\.xml: required file is missing"):
        _parse(tmp_path)


def test_wrong_format_under_expected_name(lists_dir: Path, tmp_path: Path) -> None:
    shutil.copy(lists_dir / "un_sc" / "consolidated.xml", tmp_path / eu_fsf.FILENAME)
    with pytest.raises(ParseError, match=r"eu_fsf\.xml line 2: not an EU FSF export"):
        _parse(tmp_path)
