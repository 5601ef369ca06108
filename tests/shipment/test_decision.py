"""Whole shipments judged against the shared dataset: parties, goods and route together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.shipment import screen_shipment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def rules_of(result) -> set[str]:
    return {r.rule for r in result.reasons}


def assert_sourced(result) -> None:
    """Every reason names its source in its text and carries the full source."""
    for r in result.reasons:
        if r.rule in ("goods.unclassified", "party.not_screened"):
            continue
        assert r.source, r
        assert "(source: " in r.text and r.text.endswith(")"), r.text


@pytest.mark.slow
def test_microcontrollers_to_a_hub_distributor_with_a_yelabuga_consignee(screener) -> None:
    result = screen_shipment(example("alabuga_microcontrollers.json"), screener)
    assert result.decision == "block"
    zone = next(r for r in result.reasons if r.rule == "place.zone")
    assert zone.outcome == "block" and "Alabuga" in zone.text and "Елабуга" in zone.text
    assert "urdupoint.com" in zone.text  # the Kirby statement the row cites
    chpl = next(r for r in result.reasons if r.rule == "goods.chpl")
    assert "Tier 1" in chpl.text and "CHPL 2024-02-23" in chpl.text
    assert {"route.high_risk_controlled_goods", "goods.chpl_via_hub", "redflag.BIS-11"} <= (
        rules_of(result)
    )
    assert result.dataset_version == screener.version.version
    assert result.rules_version.startswith("sha256:")
    assert_sourced(result)


@pytest.mark.slow
def test_a_party_name_nothing_can_read_is_sent_to_review(screener) -> None:
    """An unscreened party is not a clear one: its reason names the party and why."""
    shipment = example("hospital_berlin.json")
    shipment["parties"][0]["name"] = "ཏཱ་ལའི་བླ་མ"
    result = screen_shipment(shipment, screener)
    reason = next(r for r in result.reasons if r.rule == "party.not_screened")
    assert reason.outcome == "review" and result.decision == "review"
    assert "Tibetan script" in reason.source and "was not screened" in reason.text


@pytest.mark.slow
def test_same_goods_to_a_hospital_in_germany_are_clear(screener) -> None:
    result = screen_shipment(example("hospital_berlin.json"), screener)
    assert result.decision == "clear", [r.text for r in result.reasons]
    assert {r.outcome for r in result.reasons} == {"note"}
    assert "goods.chpl" in rules_of(result)
    assert not any(p.match for p in result.parties)


@pytest.mark.slow
def test_engine_part_to_a_transliterated_uav_maker_is_blocked(screener) -> None:
    result = screen_shipment(example("qods_engine_part.json"), screener)  # "Ghods Aviation…"
    assert result.decision == "block"
    listed = next(r for r in result.reasons if r.rule == "party.listed")
    assert listed.outcome == "block" and "Ghods Aviation Industries" in listed.text
    assert "us_ofac_sdn:16418" in listed.source  # OFAC's QODS AVIATION INDUSTRIES
    assert "goods.listed_code" in rules_of(result)
    assert_sourced(result)


@pytest.mark.slow
@pytest.mark.parametrize(
    "buyer",
    [
        "Qods Aviation Industries",
        "QODS AVIATION IND.",
        "Kuds Aviation Industries",
        "صنایع هوایی قدس",
    ],
)
def test_other_spellings_of_the_uav_maker(screener, buyer: str) -> None:
    shipment = example("qods_engine_part.json")
    shipment["parties"][1]["name"] = buyer
    result = screen_shipment(shipment, screener)
    assert result.decision == "block"
    buyer_result = result.parties[1]
    assert buyer_result.match
    assert any("QODS" in h["caption"].upper() and h["match"] for h in buyer_result.hits)


@pytest.mark.slow
def test_harmless_goods_via_makhachkala_need_review(screener) -> None:
    result = screen_shipment(example("makhachkala_tshirts.json"), screener)
    assert result.decision == "review", [r.text for r in result.reasons]
    port = next(r for r in result.reasons if r.rule == "place.port")
    assert "Makhachkala" in port.text and "urdupoint.com" in port.text
    assert not any(r.outcome == "block" for r in result.reasons)
    assert_sourced(result)


@pytest.mark.slow
def test_vessel_party_is_screened_as_a_vessel(screener) -> None:
    result = screen_shipment(
        {
            "id": "V1",
            "parties": [{"role": "vessel", "name": "SEA BREEZE 7"}],
            "goods": [{"description": "cotton T-shirts", "hs_code": "6109.10"}],
            "route": {"origin": "TR", "destination": "GE"},
        },
        screener,
    )
    assert result.parties[0].schema_ == "Vessel"
    assert result.to_dict()["parties"][0]["schema"] == "Vessel"


# Route and goods rules need no list dataset: screener=None (parties "not screened" → review).


def ship(**kw) -> dict:
    base = {
        "id": "T",
        "parties": [{"role": "buyer", "name": "Buyer Co", "country": "KZ"}],
        "goods": [{"description": "cotton T-shirts", "hs_code": "6109.10"}],
        "route": {"origin": "DE", "destination": "KZ"},
    }
    base.update(kw)
    return base


def test_without_a_dataset_parties_are_not_cleared() -> None:
    result = screen_shipment(ship(), None)
    assert result.decision == "review" and rules_of(result) == {"party.not_screened"}


@pytest.mark.parametrize(
    "route",
    [
        {"origin": "DE", "destination": "IR"},
        {"origin": "DE", "destination": "KP"},
        {"origin": "DE", "transit": ["CU"], "destination": "MX"},
        {"origin": "DE", "ports": ["Sevastopol"], "destination": "TR"},
    ],
)
def test_embargoed_jurisdictions_block_any_goods(route: dict) -> None:
    result = screen_shipment(ship(route=route), None)
    assert result.decision == "block"
    assert "route.embargoed" in rules_of(result)


def test_russia_with_chpl_goods_blocks_and_without_reviews() -> None:
    chpl = ship(goods=[{"description": "GNSS receiver module"}], route={"destination": "RU"})
    assert "route.high_risk_controlled_goods" in rules_of(screen_shipment(chpl, None))
    plain = ship(route={"destination": "RU"})
    result = screen_shipment(plain, None)
    assert "route.high_risk" in rules_of(result)
    assert "route.high_risk_controlled_goods" not in rules_of(result)


def test_chpl_tier_3_via_hub_is_not_a_hub_review() -> None:
    tier3 = ship(goods=[{"description": "ball bearings", "hs_code": "8482.10"}])
    assert "goods.chpl_via_hub" not in rules_of(screen_shipment(tier3, None))
    tier1 = ship(goods=[{"description": "FPGA", "hs_code": "8542.39"}])
    assert "goods.chpl_via_hub" in rules_of(screen_shipment(tier1, None))


def test_misdeclared_code_is_caught_by_the_description() -> None:
    result = screen_shipment(
        ship(goods=[{"description": "STM32F405 microcontroller", "hs_code": "8473.30"}]), None
    )
    reason = next(r for r in result.reasons if r.rule == "goods.description_suggests_chpl")
    assert reason.outcome == "review" and "8542.31" in reason.text and "STM32F405" in reason.text


def test_result_shape() -> None:
    data = screen_shipment(ship(), None).to_dict()
    assert {"id", "decision", "reasons", "parties", "goods", "route", "red_flags"} <= set(data)
    assert set(data["reasons"][0]) >= {"rule", "text", "source", "outcome"}
    assert set(data["parties"][0]) >= {"role", "name", "schema", "match", "hits"}
    assert "UAV-01" in data["red_flags"]["evaluated"]
    assert "BIS-03" in data["red_flags"]["not_evaluable"]


def flags(shipment: dict) -> set[str]:
    reasons = screen_shipment(shipment, None).reasons
    return {r.rule.removeprefix("redflag.") for r in reasons if r.rule.startswith("redflag.")}


def test_red_flag_forwarder_is_the_end_user() -> None:
    shipment = ship(
        parties=[
            {"role": "buyer", "name": "Buyer Co", "country": "KZ"},
            {"role": "end_user", "name": "Silk Road Logistics LLP", "country": "KZ"},
            {"role": "freight_forwarder", "name": "SILK ROAD LOGISTICS", "country": "KZ"},
        ]
    )
    assert {"BIS-10", "FB23N-05"} <= flags(shipment)


def test_red_flag_consigned_to_the_bank() -> None:
    shipment = ship(
        parties=[
            {"role": "buyer", "name": "Buyer Co", "country": "KZ"},
            {"role": "consignee", "name": "Halyk Bank JSC", "country": "KZ"},
            {"role": "bank", "name": "Halyk Bank", "country": "KZ"},
        ]
    )
    assert "FB23N-01" in flags(shipment)


def test_red_flags_from_party_details() -> None:
    shipment = ship(
        date="2024-05-01",
        parties=[
            {
                "role": "buyer",
                "name": "Buyer Co",
                "country": "KZ",
                "address": "ul. Abaya 10, kv. 45, Almaty",
                "email": "buyer.co@mail.ru",
                "phone": "+7 916 123-45-67",
                "incorporation_date": "2023-11-20",
            },
            {"role": "payer", "name": "Harbor Finance Ltd", "country": "HK"},
        ],
        payment_method="cash",
        goods=[{"description": "oscilloscope", "hs_code": "9030.20", "value": 25000}],
        end_use="resale",
    )
    found = flags(shipment)
    assert {"FB23-03", "FB23N-02", "FB23-01", "BIS-06", "BIS-05", "BIS-02"} <= found
    assert {"FB22-02", "TS23-01"} <= found
    # +7 916 is a Russian mobile number, the destination is Kazakhstan (same +7 plan).
    assert "FB23N-04" in found


def test_red_flag_markings_removed() -> None:
    shipment = ship(goods=[{"description": "MCU, markings removed", "hs_code": "854231"}])
    assert "UAV-01" in flags(shipment)


def test_clean_details_raise_no_red_flags() -> None:
    shipment = ship(
        date="2024-05-01",
        parties=[
            {
                "role": "buyer",
                "name": "Buyer Co",
                "country": "KZ",
                "address": "Dostyk Ave 5, Almaty",
                "email": "sales@buyer.kz",
                "phone": "+7 727 250 0000",
                "incorporation_date": "2009-03-02",
            },
        ],
        payment_method="letter of credit",
        end_use="spare parts for our own textile machines",
    )
    assert flags(shipment) == set()


def test_heading_only_code_with_chpl_subheadings_needs_review() -> None:
    result = screen_shipment(ship(goods=[{"description": "chips", "hs_code": "8542"}]), None)
    reason = next(r for r in result.reasons if r.rule == "goods.chpl_heading")
    assert reason.outcome == "review" and "8542.31 (Tier 1)" in reason.text
    plain = screen_shipment(ship(goods=[{"description": "chairs", "hs_code": "9401"}]), None)
    assert "goods.unclassified" in rules_of(plain)
