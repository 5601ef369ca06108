"""Flagged places and countries read out of free text, in Latin and Cyrillic script."""

from __future__ import annotations

import pytest

from embargo.shipment import load_rules
from embargo.shipment.places import scanner


@pytest.fixture(scope="module")
def scan():
    s = scanner(load_rules())
    return lambda text: s.scan(text, "test")


@pytest.mark.parametrize(
    "text",
    [
        "ul. Neftyanikov 12, Yelabuga, 423600",
        "ул. Промышленная 5, Елабуга",
        "OEZ Alabuga, building 3",
        "ОЭЗ «Алабуга», корпус 3",
        "Elabuga",
        "RU YBE",
        "RUYBE",
    ],
)
def test_alabuga_spellings(scan, text: str) -> None:
    hits = scan(text).places
    assert [(h.key, h.precision) for h in hits] == [("RUYBE", "exact")]


@pytest.mark.parametrize("text", ["Republic of Tatarstan", "Республика Татарстан"])
def test_tatarstan_is_the_region_only(scan, text: str) -> None:
    assert [(h.key, h.precision) for h in scan(text).places] == [("RUYBE", "region")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Port of Makhachkala", "RUMCX"),
        ("Махачкала", "RUMCX"),
        ("RU MCX", "RUMCX"),
        ("Bandar-e Amirabad", "IRAMD"),
        ("IRBAM", "IRBAM"),
        ("Kashan Airfield", "IRKAS"),
    ],
)
def test_ports_and_airfield(scan, text: str, key: str) -> None:
    assert [h.key for h in scan(text).places] == [key]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Simferopol, Krym", "ua-cri"),
        ("г. Севастополь", "ua-cri"),
        ("Donetsk People's Republic", "ua-dpr"),
        ("Луганск", "ua-lpr"),
        ("Melitopol", "ua-occ-zp"),
    ],
)
def test_occupied_regions(scan, text: str, code: str) -> None:
    assert {h.key for h in scan(text).places} == {code}


def test_countries_in_addresses(scan) -> None:
    found = scan("Office 1204, JAFZA One, Jebel Ali Free Zone, Dubai, UAE").countries
    assert {c.code for c in found} == {"ae"}
    assert {c.code for c in scan("Charitéplatz 1, 10117 Berlin, Germany").countries} == {"de"}
    assert {c.code for c in scan("Москва, Россия").countries} == {"ru"}


def test_short_words_are_not_countries(scan) -> None:
    # "de", "in", "and", "are" are country codes or names somewhere, but not here.
    text = "12 Rue de la Paix, in the building and offices that are new"
    assert scan(text).countries == []


def test_phrase_stoplist(scan) -> None:
    assert scan("100 Jersey City Blvd").countries == []


def test_plain_address_has_no_flagged_place(scan) -> None:
    assert scan("Industriestraße 7, 70565 Stuttgart").places == []
