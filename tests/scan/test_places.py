"""Jurisdictions and flagged places found by their terms and aliases, with offsets."""

from __future__ import annotations

import pytest

from embargo.scan.places import PlaceFinder, ScanDataError
from embargo.scan.words import Reader


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder()


def _find(finder: PlaceFinder, text: str) -> list[tuple[str, str, str]]:
    tokens = Reader(finder.lower_words, finder.entries).read(text)
    out = []
    for f in finder.find(tokens):
        assert text[f.start : f.end]
        code = f.info.get("code") or f.info.get("key")
        out.append((f.kind, text[f.start : f.end], code))
    return out


def test_jurisdiction_names_and_adjectives_in_several_scripts(finder: PlaceFinder) -> None:
    text = (
        "Iranian drones reached Russia; North Korean shells and Belarusian trucks followed. "
        "Поставки из Ирана в Россию. پهپادهای ایران به روسیه"
    )
    assert _find(finder, text) == [
        ("jurisdiction", "Iranian", "ir"),
        ("jurisdiction", "Russia", "ru"),
        ("jurisdiction", "North Korean", "kp"),
        ("jurisdiction", "Belarusian", "by"),
        ("jurisdiction", "Ирана", "ir"),
        ("jurisdiction", "Россию", "ru"),
        ("jurisdiction", "ایران", "ir"),
        ("jurisdiction", "روسیه", "ru"),
    ]


def test_a_jurisdiction_carries_its_level_and_reason(finder: PlaceFinder) -> None:
    tokens = Reader(finder.lower_words, finder.entries).read("Trade with Cuba and Myanmar.")
    found = {f.info["code"]: f.info for f in finder.find(tokens)}
    assert found["cu"]["level"] == "embargoed" and found["cu"]["why"]
    assert found["mm"]["level"] == "high_risk" and "FATF" in found["mm"]["why"]


def test_flagged_places_by_any_spelling(finder: PlaceFinder) -> None:
    text = (
        "Cargo left Bandar-e Amirabad for the Makhachkala Commercial Sea Port, bound for "
        "Yelabuga (ОЭЗ Алабуга) via Sevastopol."
    )
    assert _find(finder, text) == [
        ("place", "Bandar-e Amirabad", "IRAMD"),
        ("place", "Makhachkala Commercial Sea Port", "RUMCX"),
        ("place", "Yelabuga", "RUYBE"),
        ("place", "ОЭЗ Алабуга", "RUYBE"),
        ("jurisdiction", "Sevastopol", "ua-cri"),
    ]


def test_lower_case_prose_is_not_a_country(finder: PlaceFinder) -> None:
    assert _find(finder, "the iran deal and a russian doll") == []


def _data_dir(tmp_path, terms: str, extra: str = "code,name,level,why,source\n"):
    (tmp_path / "jurisdiction_terms.csv").write_text(terms, encoding="utf-8")
    (tmp_path / "jurisdictions.csv").write_text(extra, encoding="utf-8")
    return tmp_path


def test_a_term_of_an_unknown_jurisdiction_names_its_row(tmp_path) -> None:
    data = _data_dir(tmp_path, "code,term,form\nir,Iran,name\nzz,Zembla,name\n")
    with pytest.raises(ScanDataError, match=r"jurisdiction_terms.csv row 3 column code: 'zz'"):
        PlaceFinder(data=data)


def test_a_bad_level_names_its_row(tmp_path) -> None:
    extra = "code,name,level,why,source\nve,Venezuela,sanctioned,because,somewhere\n"
    data = _data_dir(tmp_path, "code,term,form\nve,Venezuela,name\n", extra)
    with pytest.raises(ScanDataError, match=r"jurisdictions.csv row 2 column level"):
        PlaceFinder(data=data)


def test_an_empty_cell_names_its_column(tmp_path) -> None:
    data = _data_dir(tmp_path, "code,term,form\nir,,name\n")
    with pytest.raises(ScanDataError, match=r"row 2 column term: empty"):
        PlaceFinder(data=data)
