"""Goods: declared codes against the CHPL and EAR lists, descriptions mapped to headings."""

from __future__ import annotations

import pytest

from embargo.shipment import load_rules
from embargo.shipment.goods import assess, classify
from embargo.shipment.model import GoodsLine


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def best(rules, description: str, part_number: str | None = None):
    candidates = classify(GoodsLine(description=description, part_number=part_number), rules)
    assert candidates, f"no heading for {description!r}"
    return candidates[0]


@pytest.mark.parametrize("code", ["8542.31", "854231", "8542310000"])
def test_declared_code_in_any_form_hits_chpl_tier_1(rules, code: str) -> None:
    g = assess(0, GoodsLine(hs_code=code), rules)
    assert g.hs6 == "854231"
    assert g.chpl is not None and g.chpl["tier"] == "Tier 1"
    assert "CHPL 2024-02-23" in g.chpl["source"]


def test_declared_engine_part_is_on_an_ear_supplement_list(rules) -> None:
    g = assess(0, GoodsLine(hs_code="8409.10.00"), rules)
    assert g.chpl is None
    assert g.listed and "Supp. No. 5" in g.listed[0]["list"]


def test_tshirts_are_not_controlled(rules) -> None:
    g = assess(0, GoodsLine(description="cotton T-shirts", hs_code="6109.10"), rules)
    assert g.chpl is None and not g.listed
    assert not g.controlled(rules, 0.6)


def test_microcontroller_part_number_and_keyword_reinforce(rules) -> None:
    c = best(rules, "STM32F405 microcontroller")
    assert c.hs6 == "854231"
    # part-number family 0.9 and keyword 0.8 together: 1 - 0.1 * 0.2
    assert c.confidence == pytest.approx(0.98)
    fired = {(f.rule.kind, f.matched) for f in c.fires}
    assert ("part_prefix", "STM32F405") in fired
    assert ("keyword", "microcontroller") in fired


def test_part_number_alone_maps(rules) -> None:
    c = best(rules, "IC", part_number="ATMEGA328P-AU")
    assert c.hs6 == "854231" and c.confidence == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("description", "part", "hs6", "confidence"),
    [
        ("GNSS receiver module", None, "852691", 0.8),
        ("GPS module", "NEO-M8N", "852691", 0.97),
        ("brushless motor 2212 920KV", None, "850131", 0.6),
        ("servo", None, "850110", 0.5),
        ("MEMS gyroscope", None, "854151", 0.7),
        ("6-axis IMU", "MPU-6050", "854151", 0.75),
        ("Xilinx FPGA", "XC7A35T-1CPG236C", "854239", 0.97),
        ("tantalum capacitor 10uF", None, "853221", 0.85),
    ],
)
def test_description_to_heading(rules, description, part, hs6, confidence) -> None:
    c = best(rules, description, part)
    assert c.hs6 == hs6
    assert c.confidence == pytest.approx(confidence, abs=1e-3)


def test_gyroscope_alone_reads_as_navigation_instrument(rules) -> None:
    c = best(rules, "gyroscope")
    assert c.hs6 == "901420" and c.confidence == pytest.approx(0.55)
    g = assess(0, GoodsLine(description="gyroscope"), rules)
    assert g.uav_items[0]["item"] == "Guidance, navigation and control: gyroscopes"


def test_two_stroke_engine_with_displacement(rules) -> None:
    c = best(rules, "two-stroke engine 50cc")
    assert c.hs6 == "840790"
    # keyword 0.5 and the displacement regex 0.3
    assert c.confidence == pytest.approx(0.65)
    assert {f.rule.kind for f in c.fires} == {"keyword", "regex"}


def test_russian_description(rules) -> None:
    assert best(rules, "микроконтроллер 32-бит").hs6 == "854231"


def test_prefix_needs_a_digit_after_letters(rules) -> None:
    # "PICTURE" must not read as a Microchip PIC part; "PIC16F877A" must.
    assert classify(GoodsLine(description="PICTURE FRAME 30x40"), rules) == []
    assert best(rules, "chip", "PIC16F877A").hs6 == "854231"


def test_plain_goods_map_to_nothing(rules) -> None:
    assert classify(GoodsLine(description="wooden garden chairs"), rules) == []


def test_inferred_chpl_makes_goods_controlled(rules) -> None:
    g = assess(0, GoodsLine(description="GNSS receiver module"), rules)
    assert g.chpl is None
    assert g.chpl_tiers(rules, 0.6) == {"Tier 2"}
    assert g.controlled(rules, 0.6)
