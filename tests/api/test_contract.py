"""yente's own requests against our /match: the response shape its clients read, per query."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

ENTITY_KEYS = {
    "id", "caption", "schema", "properties", "datasets", "referents", "target",
    "first_seen", "last_seen", "last_change",
}  # fmt: skip
SCORED_KEYS = ENTITY_KEYS | {"score", "features", "match", "explanation"}


def assert_entity_shape(data: dict[str, Any]) -> None:
    """What yente's tests pin for an EntityResponse (tests/conftest.py::assert_entity_shape)."""
    assert ENTITY_KEYS <= data.keys(), sorted(ENTITY_KEYS - data.keys())
    assert isinstance(data["id"], str) and data["id"]
    assert isinstance(data["caption"], str) and data["caption"]
    assert data["schema"] in model.schemata, data["schema"]
    assert isinstance(data["properties"], dict)
    for prop, values in data["properties"].items():
        assert isinstance(prop, str) and isinstance(values, list), (prop, values)
        for value in values:
            if isinstance(value, dict):
                assert_entity_shape(value)
            else:
                assert isinstance(value, str), (prop, value)
    assert isinstance(data["datasets"], list) and data["datasets"]
    assert all(isinstance(d, str) for d in data["datasets"])
    assert isinstance(data["referents"], list)
    assert isinstance(data["target"], bool)
    for key in ("first_seen", "last_seen", "last_change"):
        assert data[key] is None or isinstance(data[key], str)


def assert_scored_shape(data: dict[str, Any], threshold: float) -> None:
    assert SCORED_KEYS <= data.keys(), sorted(SCORED_KEYS - data.keys())
    assert_entity_shape(data)
    assert isinstance(data["score"], float) and 0.0 <= data["score"] <= 1.0
    assert isinstance(data["match"], bool)
    assert data["match"] == (data["score"] >= threshold)
    assert isinstance(data["features"], dict) and data["features"]
    assert all(isinstance(k, str) and isinstance(v, float) for k, v in data["features"].items())
    assert isinstance(data["explanation"], dict) and "facts" in data["explanation"]


CASES = json.loads((Path(__file__).parent / "fixtures" / "yente_requests.json").read_text())[
    "cases"
]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_yente_request(client, case: dict[str, Any]) -> None:
    resp = client.post("/match/default", json=case["body"], params=case["params"])
    assert resp.status_code == case["status"], (case["name"], resp.text)
    data = resp.json()
    if case["status"] != 200:
        assert data["detail"], data
        return
    threshold = float(case["params"].get("threshold", 0.75))
    assert set(data) == {"responses", "matcher", "limit"}
    assert isinstance(data["limit"], int)
    for doc in data["matcher"].values():
        assert {"description", "coefficient", "url"} <= doc.keys()
        assert isinstance(doc["coefficient"], float)
    assert set(data["responses"]) == set(case["body"]["queries"])
    assert resp.headers["x-batch-size"] == str(len(case["body"]["queries"]))
    for key, answer in data["responses"].items():
        assert set(answer) == {"status", "results", "total", "query"}, key
        assert answer["status"] == 200
        assert answer["total"]["relation"] in ("eq", "gte")
        assert answer["total"]["value"] >= len(answer["results"])
        assert len(answer["results"]) <= data["limit"]
        sent = case["body"]["queries"][key]
        assert answer["query"]["schema"] == sent["schema"]
        assert answer["query"]["id"] == sent.get("id")
        assert isinstance(answer["query"]["properties"], dict)
        assert all(isinstance(v, list) for v in answer["query"]["properties"].values())
        scores = [r["score"] for r in answer["results"]]
        assert scores == sorted(scores, reverse=True)
        for result in answer["results"]:
            assert_scored_shape(result, threshold)
    first = next(iter(data["responses"].values()))
    if "query_country" in case:
        assert first["query"]["properties"]["country"] == [case["query_country"]]
    if "query_id" in case:
        assert first["query"]["id"] == case["query_id"]
    if "top_caption_contains" in case:
        top = first["results"][0]
        assert case["top_caption_contains"] in top["caption"].lower(), top["caption"]
        assert top["match"] is True


def test_result_properties_are_the_listed_entity(client, api_live) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}
    top = client.post("/match/default", json=body).json()["responses"]["q"]["results"][0]
    listed = api_live.current().screener.entity(top["id"])
    assert top["properties"] == listed["properties"]
    assert top["datasets"] == listed["datasets"]
    assert {s["list"] for s in top["explanation"]["sources"]} == set(listed["datasets"])
    assert top["features"]["name"] == pytest.approx(top["explanation"]["name"]["score"], abs=1e-3)


def test_birth_date_feature(client) -> None:
    body = {
        "queries": {
            "same": {"schema": "Person", "properties": {"name": ["Boris Romanovich Rotenberg"],
                     "birthDate": ["1957-01-03"]}},
            "other": {"schema": "Person", "properties": {"name": ["Boris Romanovich Rotenberg"],
                      "birthDate": ["1990"]}},
        }
    }  # fmt: skip
    data = client.post("/match/default", json=body).json()["responses"]
    same = [r for r in data["same"]["results"] if "birth_date" in r["features"]]
    assert same and same[0]["features"]["birth_date"] > 0
    other = [r for r in data["other"]["results"] if "birth_date" in r["features"]]
    assert all(r["features"]["birth_date"] < 0 for r in other)


def test_unrelated_name_is_no_match(client) -> None:
    body = {
        "queries": {"q": {"schema": "Person", "properties": {"name": ["Gwendolyn Tinkerbottom"]}}}
    }
    answer = client.post("/match/default", json=body).json()["responses"]["q"]
    assert not any(r["match"] for r in answer["results"])


def test_identifier_alone_matches(client, api_live) -> None:
    """A query with only an identifier (no name) is screened by the number."""
    screener = api_live.current().screener
    hits = screener.check("Rotenberg Boris", schema="Person", limit=20)
    with_passport = None
    for hit in hits:
        props = screener.entity(hit.entity_id)["properties"]
        for prop in ("passportNumber", "idNumber", "innCode", "taxNumber"):
            values = [v for v in props.get(prop, []) if len(v) >= 6]
            if values:
                with_passport = (hit.entity_id, prop, values[0])
                break
        if with_passport:
            break
    if with_passport is None:
        pytest.skip("no Rotenberg entry with an identifier in these lists")
    entity_id, prop, value = with_passport
    body = {"queries": {"q": {"schema": "Person", "properties": {prop: [value]}}}}
    resp = client.post("/match/default", json=body)
    assert resp.status_code == 200, resp.text
    results = resp.json()["responses"]["q"]["results"]
    assert entity_id in [r["id"] for r in results if r["match"]]
    found = next(r for r in results if r["id"] == entity_id)
    assert found["features"]["identifier"] > 0
