"""Shipment input: validation errors that name the field, JSON files, CSV line-item batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.shipment import ShipmentError, parse_shipment
from embargo.shipment.readers import read_shipments

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"

MINIMAL = {
    "id": "S1",
    "parties": [{"role": "consignee", "name": "Acme", "country": "AE", "address": "Dubai"}],
    "goods": [
        {
            "description": "MCU",
            "hs_code": "8542.31",
            "part_number": "STM32F405",
            "quantity": 100,
            "value": 5000,
        }
    ],
    "route": {"origin": "DE", "transit": ["AE"], "ports": ["Jebel Ali"], "destination": "RU"},
}


def test_the_documented_minimal_shape_is_accepted() -> None:
    s = parse_shipment(MINIMAL)
    assert s.parties[0].country == "ae"
    assert s.goods[0].hs_code == "854231"
    assert s.route.transit == ["ae"] and s.route.destination == "ru"


def test_roles_and_countries_are_forgiving() -> None:
    s = parse_shipment(
        {
            "id": 7,
            "parties": [
                {"role": "End User", "name": "A", "country": "Germany"},
                {"role": "forwarder", "name": "B", "country": "Türkiye"},
                {"role": "ship", "name": "SEA STAR", "type": "vessel"},
            ],
            "goods": [{"hs_code": "6109.10"}],
            "route": {"transit": "AE;TR"},
        }
    )
    assert s.id == "7"
    assert [p.role for p in s.parties] == ["end_user", "freight_forwarder", "vessel"]
    assert [p.country for p in s.parties[:2]] == ["de", "tr"]
    assert s.parties[2].schema_name == "Vessel"
    assert s.route.transit == ["ae", "tr"]


def test_extra_fields_are_kept() -> None:
    s = parse_shipment({**MINIMAL, "incoterms": "DAP"})
    assert s.model_extra == {"incoterms": "DAP"}


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"goods": [{"hs_code": "85AB"}]}, "goods[0].hs_code: HS code '85AB' has characters"),
        ({"goods": [{"quantity": 3}]}, "goods[0]: a goods line needs a description"),
        ({"goods": [{"description": "x", "value": -1}]}, "goods[0].value: Input should be"),
        ({"goods": []}, "goods: List should have at least 1 item"),
        ({"parties": [{"role": "king", "name": "A"}]}, "parties[0].role: unknown role 'king'"),
        ({"parties": [{"role": "buyer", "name": ""}]}, "parties[0].name: String should have"),
        ({"route": {"destination": "Atlantis"}}, "route.destination: unknown country 'Atlantis'"),
        ({"route": {"transit": ["AE", "XX"]}}, "route.transit: unknown country 'XX'"),
    ],
)
def test_errors_name_the_field(patch: dict, message: str) -> None:
    with pytest.raises(ShipmentError) as err:
        parse_shipment({**MINIMAL, **patch}, "order.json")
    assert any(m.startswith("order.json (id S1): ") and message in m for m in err.value.messages), (
        err.value.messages
    )


def test_json_list_errors_name_the_record(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text('[{"id": "A", "goods": [{"hs_code": "6109"}]}, {"id": "B", "goods": [{}]}]')
    with pytest.raises(ShipmentError, match=r"two.json: shipment\[1\] \(id B\): goods\[0\]"):
        read_shipments(path)


def test_bad_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(ShipmentError, match="bad.json: not valid JSON"):
        read_shipments(path)
    with pytest.raises(ShipmentError, match="nope.json: No such file"):
        read_shipments(tmp_path / "nope.json")


def test_csv_batch_groups_lines_by_id() -> None:
    shipments = read_shipments(EXAMPLES / "batch.csv")
    assert [s.id for s in shipments] == ["B-1", "B-2", "B-3"]
    first = shipments[0]
    assert [g.part_number for g in first.goods] == ["STM32F405RGT6", "NEO-M8N"]
    assert {p.role: p.country for p in first.parties} == {
        "seller": "de",
        "buyer": "ae",
        "consignee": "ae",
    }
    assert first.route.transit == ["ae"] and first.route.ports == ["Jebel Ali"]


def test_csv_rows_of_a_shipment_must_agree(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text(
        "id,destination,buyer_name,description\nS1,RU,Acme,T-shirts\nS1,KZ,,socks\n",
        encoding="utf-8",
    )
    with pytest.raises(ShipmentError, match="b.csv: row 3: column destination is 'KZ' but row 2"):
        read_shipments(path)


def test_csv_unknown_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("id,hscode,description\nS1,854231,MCU\n", encoding="utf-8")
    with pytest.raises(ShipmentError, match="unknown column.*hscode"):
        read_shipments(path)


def test_csv_goods_error_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("id;hs_code;description\nS1;854231;MCU\nS1;12;x\n", encoding="utf-8")
    with pytest.raises(ShipmentError, match=r"shipment S1 \(rows 2, 3\): row 3 goods\[1\].hs_code"):
        read_shipments(path)
