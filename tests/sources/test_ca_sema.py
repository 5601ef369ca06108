"""Canada SEMA list: the real file (latest listing 2025-03-20), alias splitting, broken copies."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import ca_sema
from embargo.sources.base import EntityProxy, ParseContext, ParseError
from embargo.sources.ca_sema import split_aliases


def _parse(folder: Path) -> tuple[list[EntityProxy], ParseContext]:
    ctx = ParseContext(ca_sema.NAME)
    return list(ca_sema.parse(folder, ctx)), ctx


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[dict[str, EntityProxy], ParseContext]:
    entities, ctx = _parse(lists_dir / ca_sema.NAME)
    by_ref = {e.context["ref"]: e for e in entities if e.context.get("target")}
    assert len({e.id for e in entities}) == len(entities), "entity ids must be unique"
    return by_ref, ctx


def test_counts_and_date(parsed) -> None:
    by_ref, ctx = parsed
    assert len(by_ref) == 4759
    schemas = Counter(e.schema.name for e in by_ref.values())
    assert schemas == {"Person": 3334, "Organization": 1316, "Vessel": 109}
    assert all(e.get("name") for e in by_ref.values())
    assert ctx.published == "2025-03-20"
    # "Sep-99" and "born in the early 1970s" are the only dates of birth no parser can read.
    assert dict(ctx.warnings) == {"unreadable date of birth": 2}


def test_iranian_uav_makers(parsed) -> None:
    qods = parsed[0]["Iran / Schedule 1, Part 1 / Item 168"]
    assert qods.schema.name == "Organization"
    assert qods.get("name") == ["Qods Aviation Industries"]
    assert qods.get("alias") == ["صنایع هوایی قدس"]
    assert qods.get("program") == ["SEMA - Iran"]
    assert qods.get("country") == ["ir"]
    assert qods.get("createdAt") == ["2022-11-10"]
    hesa = parsed[0]["Iran / Schedule 1, Part 1 / Item 25"]
    assert hesa.get("name") == ["Iran Aircraft Manufacturing Industries"]
    assert {"HESA", "IAMI", "Iran Aircraft Manufacturing Company"} <= set(hesa.get("alias"))
    shahed = parsed[0]["Iran / Schedule 1, Part 1 / Item 167"]
    assert shahed.get("name") == ["Shahed Aviation Industries"]


def test_russian_and_belarusian_drone_makers(parsed) -> None:
    by_ref = parsed[0]
    kronshtadt = by_ref["Russia / Schedule 1, Part 2 / Item 136"]
    assert kronshtadt.get("name") == ["Kronshtadt"]
    assert kronshtadt.get("alias") == ["Кронштадт"]
    assert kronshtadt.get("program") == ["SEMA - Russia"]
    centre = by_ref["Russia / Schedule 1, Part 2 / Item 662"]
    assert centre.get("name") == ["The 924th State Centre for Unmanned Aviation"]
    # A Russian name with commas inside it stays one alias.
    assert len(centre.get("alias")) == 1
    helicopters = by_ref["Belarus / Schedule 1, Part 2 / Item 79"]
    assert helicopters.get("alias") == [
        "UAVHeli",
        'Limited Liability Company "KB Unmanned Helicopters"',
    ]
    assert helicopters.get("country") == ["by"]


def test_also_known_as_in_the_name_becomes_alias(parsed) -> None:
    dux = parsed[0]["Russia / Schedule 1, Part 2 / Item 504"]
    assert dux.get("name") == ["Dux JSC"]
    assert "Duks" in dux.get("alias")


def test_ship_is_a_vessel_with_imo(parsed) -> None:
    ship = parsed[0]["Russia / Schedule 1.1 / Item 1"]
    assert ship.schema.name == "Vessel"
    assert ship.get("name") == ["Balitiyskiy III"]
    assert ship.get("imoNumber") == ["IMO7612448"]
    assert ship.get("buildDate") == ["1980"]
    assert ship.get("type") == ["General Cargo / Multi Purpose"]


def test_person_parts_and_birth_date(parsed) -> None:
    person = parsed[0]["Belarus / Schedule 1, Part 1 / Item 8"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["Aleksandr Grigoryevich Lukashenko"]
    assert person.get("firstName") == ["Aleksandr Grigoryevich"]
    assert person.get("lastName") == ["Lukashenko"]
    assert person.get("birthDate") == ["1954-08-30"]
    assert parsed[0]["Syria / Schedule Part 2 / Item 198"].get("title") == ["Dr."]


def test_magnitsky_regulation_keeps_its_name(parsed) -> None:
    jvcfor = [e for ref, e in parsed[0].items() if ref.startswith("Justice for Victims")]
    assert len(jvcfor) == 80
    program = jvcfor[0].first("program")
    assert program.startswith("Justice for Victims of Corrupt Foreign Officials Regulations")
    assert not jvcfor[0].get("country")


@pytest.mark.parametrize(
    ("text", "is_person", "expected"),
    [
        ("Банк Зенит, ПАО", False, ["Банк Зенит, ПАО"]),
        ("Sergei, Serhii SHERBAKOV", True, ["Sergei, Serhii SHERBAKOV"]),
        (
            "Yehya Sinwar, Abu Ibrahim,  يحيى السنوار ",
            True,
            ["Yehya Sinwar", "Abu Ibrahim", "يحيى السنوار"],
        ),
        (
            "Hanna Mikhailauna ASIPENKA,  Belarusian: Ганна Мiхайлаўна АСIПЕНКА, "
            "Russian: Анна Михайловна ОСИПЕНКО",
            True,
            ["Hanna Mikhailauna ASIPENKA", "Ганна Мiхайлаўна АСIПЕНКА", "Анна Михайловна ОСИПЕНКО"],
        ),
        (
            "Kronshtadt Group; Kronshtadt; Kronde Group; and ZAO Kronshtadt",
            False,
            ["Kronshtadt Group", "Kronshtadt", "Kronde Group", "ZAO Kronshtadt"],
        ),
        ("Министерство обороны Российской Федерации or Минобороны России", False, None),
        ("(Юрий Николаевич ГОВТВИН / Юрiй Миколайович ГОВТВIН", True, None),
    ],
)
def test_split_aliases(text: str, is_person: bool, expected: list[str] | None) -> None:
    out = split_aliases(text, is_person)
    if expected is None:
        assert len(out) == 2 and not any("(" in a or " or " in a or "/" in a for a in out)
    else:
        assert out == expected


def test_lone_given_name_is_a_weak_alias(tmp_path: Path) -> None:
    (tmp_path / ca_sema.FILENAME).write_text(
        "<data-set><record><Country>Russia / Russie</Country><LastName>Korol</LastName>"
        "<GivenName>Aleksandr</GivenName><Aliases>Aleksandr/ Alexander Korol</Aliases>"
        "<Item>1</Item><DateOfListing>2024-01-02</DateOfListing></record>"
        "<record><Country>Russia / Russie</Country><Item>2</Item>"
        "<DateOfListing>2024-01-02</DateOfListing></record></data-set>",
        encoding="utf-8",
    )
    entities, ctx = _parse(tmp_path)
    person = entities[0]
    assert person.get("weakAlias") == ["Aleksandr"]
    assert person.get("alias") == ["Alexander Korol"]
    assert person.context["ref"] == "Russia / Item 1"
    assert ctx.warnings["record without any name"] == 1


def _copy(lists_dir: Path, tmp_path: Path) -> Path:
    shutil.copy(lists_dir / ca_sema.NAME / ca_sema.FILENAME, tmp_path / ca_sema.FILENAME)
    return tmp_path / ca_sema.FILENAME


def test_truncated_xml_names_file_and_line(lists_dir: Path, tmp_path: Path) -> None:
    path = _copy(lists_dir, tmp_path)
    path.write_bytes(path.read_bytes()[:100_000])
    with pytest.raises(ParseError, match=r"ca_sema: sema-lema\.xml line \d+: broken XML"):
        _parse(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / ca_sema.FILENAME).write_bytes(b"")
    with pytest.raises(ParseError, match=r"sema-lema\.xml line 1: file is empty"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"sema-lema\.xml: required file is missing"):
        _parse(tmp_path)


def test_wrong_format_under_expected_name(lists_dir: Path, tmp_path: Path) -> None:
    shutil.copy(lists_dir / "un_sc" / "consolidated.xml", tmp_path / ca_sema.FILENAME)
    with pytest.raises(ParseError, match=r"sema-lema\.xml line 2: not a SEMA list"):
        _parse(tmp_path)
