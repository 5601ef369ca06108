"""/search, /entities (with linked entities), /catalog, /algorithms and dataset groups."""

from __future__ import annotations

from tests.api.test_contract import assert_entity_shape


def test_search_shape_and_ranking(client, api_live) -> None:
    resp = client.get("/search/default", params={"q": "Rotenberg", "schema": "Person"})
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert set(data) == {"limit", "offset", "total", "results", "facets"}
    assert data["total"]["value"] >= len(data["results"]) > 0
    for result in data["results"]:
        assert_entity_shape(result)
    assert "rotenberg" in data["results"][0]["caption"].lower()
    facet = data["facets"]["datasets"]["values"]
    assert {v["name"] for v in facet} <= set(api_live.current().version.sources)
    assert sum(v["count"] for v in facet) >= data["total"]["value"]


def test_search_paging_and_filters(client) -> None:
    full = client.get("/search/default", params={"q": "Rotenberg", "limit": 5}).json()
    page = client.get("/search/default", params={"q": "Rotenberg", "limit": 2, "offset": 2}).json()
    assert [r["id"] for r in page["results"]] == [r["id"] for r in full["results"][2:4]]
    only = client.get("/search/default", params={"q": "Rotenberg", "datasets": "us_ofac_sdn"})
    assert all("us_ofac_sdn" in r["datasets"] for r in only.json()["results"])


def test_search_empty_query_and_bad_schema(client) -> None:
    empty = client.get("/search/default", params={"q": ""}).json()
    assert empty["results"] == [] and empty["total"]["value"] == 0
    assert client.get("/search/default", params={"q": "x", "schema": "Banana"}).status_code == 400


def test_entity_with_linked_entities(client, api_live) -> None:
    reverse = api_live.current().reverse_links()
    root_id = next(
        k for k, v in reverse.items()
        if {"sanctions", "unknownLinkTo"} <= {p for p, _ in v} and len(v) < 10
    )  # fmt: skip
    resp = client.get(f"/entities/{root_id}")
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert_entity_shape(data)
    assert data["id"] == root_id
    sanctions = data["properties"]["sanctions"]
    assert sanctions and all(s["schema"] == "Sanction" for s in sanctions)
    assert all("entity" not in s["properties"] for s in sanctions)  # no loop back to the root
    links = data["properties"]["unknownLinkTo"]
    assert links and all(link["schema"] == "UnknownLink" for link in links)
    other = links[0]["properties"]["object"][0]
    assert isinstance(other, dict) and other["id"] != root_id
    flat = client.get(f"/entities/{root_id}", params={"nested": "false"}).json()
    assert "sanctions" not in flat["properties"]


def test_unknown_entity_is_404(client) -> None:
    resp = client.get("/entities/no-such-entity")
    assert resp.status_code == 404
    assert "no-such-entity" in resp.json()["detail"]


def test_catalog_lists_versions_and_dates(client, api_live) -> None:
    data = client.get("/catalog").json()
    manifest = api_live.current().manifest
    assert data["version"] == manifest["version"]
    by_name = {d["name"]: d for d in data["datasets"]}
    for source, info in manifest["sources"].items():
        assert by_name[source]["version"] == manifest["version"]
        assert by_name[source]["fetched_at"] == info.get("fetched_at")
        assert by_name[source]["entity_count"] == info.get("entities", 0)
    assert set(by_name["default"]["children"]) == set(manifest["sources"])
    assert "us_bis_dpl" in by_name["export_controls"]["children"]
    assert "us_ofac_sdn" not in by_name["export_controls"]["children"]
    assert "us_ofac_sdn" in by_name["sanctions"]["children"]


def test_a_name_nothing_can_read_is_a_bad_request(client) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["ཏཱ་ལའི་བླ་མ"]}}}}
    response = client.post("/match/default", json=body)
    assert response.status_code == 400 and "Tibetan script" in response.json()["detail"]
    search = client.get("/search/default", params={"q": "ཏཱ་ལའི་བླ་མ"})
    assert search.status_code == 400


def test_group_and_list_restrict_results(client) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Boris Rotenberg"]}}}}
    everywhere = client.post("/match/default", json=body).json()["responses"]["q"]["results"]
    assert len({d for r in everywhere for d in r["datasets"]}) > 1
    ofac = client.post("/match/us_ofac_sdn", json=body).json()["responses"]["q"]["results"]
    assert ofac and all("us_ofac_sdn" in r["datasets"] for r in ofac)
    exports = client.post("/match/export_controls", json=body).json()["responses"]["q"]
    allowed = {"jp_meti_end_user_list", "jp_meti_russia_export_ban", "us_bis_dpl", "us_trade_csl"}
    assert all(set(r["datasets"]) & allowed for r in exports["results"])
    excluded = client.post(
        "/match/default", json=body, params={"exclude_dataset": "us_ofac_sdn"}
    ).json()["responses"]["q"]["results"]
    assert all("us_ofac_sdn" not in r["datasets"] for r in excluded)
    skip = everywhere[0]["id"]
    rest = client.post("/match/default", json=body, params={"exclude_entity_ids": skip}).json()[
        "responses"
    ]["q"]["results"]
    assert skip not in [r["id"] for r in rest]


def test_cutoff_and_limit(client) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Boris Rotenberg"]}}}}
    high = client.post("/match/default", json=body, params={"cutoff": 0.75, "limit": 3}).json()
    results = high["responses"]["q"]["results"]
    assert len(results) <= 3 and high["limit"] == 3
    assert all(r["score"] >= 0.75 for r in results)


def test_algorithms(client) -> None:
    data = client.get("/algorithms").json()
    names = [a["name"] for a in data["algorithms"]]
    assert data["default"] == "embargo" and "embargo" in names and "logic-v2" in names
    assert set(data["algorithms"][0]["features"]) >= {"name", "birth_date", "country", "identifier"}


def test_openapi_is_served_without_key(make_client) -> None:
    spec = make_client().get("/openapi.json").json()
    assert "/match/{dataset}" in spec["paths"]
    assert {"HTTPBearer", "APIKeyHeader"} <= set(spec["components"]["securitySchemes"])


SHIPMENT = {
    "id": "S1",
    "parties": [{"role": "consignee", "name": "Alabuga Machinery", "country": "RU"}],
    "goods": [{"description": "microcontrollers", "hs_code": "8542.31"}],
    "route": {"origin": "DE", "destination": "RU"},
}


def test_screen_shipment(client) -> None:
    resp = client.post("/screen/shipment", json=SHIPMENT)
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert data["id"] == "S1" and data["decision"] == "block"
    assert any(r["rule"] == "party.listed" for r in data["reasons"])
    assert data["dataset_version"] == resp.headers["x-dataset-version"]


def test_screen_shipment_bad_input(client) -> None:
    bad = {**SHIPMENT, "route": {"origin": "Narnia"}}
    resp = client.post("/screen/shipment", json=bad)
    assert resp.status_code == 422
    assert "Narnia" in str(resp.json()["detail"])
    many = {**SHIPMENT, "parties": SHIPMENT["parties"] * 101}
    resp = client.post("/screen/shipment", json=many)
    assert resp.status_code == 422 and "too many parties" in resp.json()["detail"][0]["msg"]


def _hits(scores: list[float], lists: list[str]) -> list:
    from embargo.match.engine import Hit

    return [
        Hit(f"e{i}", f"E{i}", "Person", s, s >= 0.75, [{"list": lst}], {})
        for i, (s, lst) in enumerate(zip(scores, lists))
    ]


def test_top_hits_asks_only_for_what_it_shows() -> None:
    from embargo.api.app import CANDIDATES, top_hits

    pool = _hits([0.99, 0.9, 0.8, 0.7, 0.6, 0.4, 0.3], ["a", "b", "a", "b", "b", "a", "a"])
    asked: list[int] = []

    def check(n: int) -> list:
        asked.append(n)
        return pool[:n]

    kept, total = top_hits(check, lambda h: True, 2, 0.5, filtered=False)
    assert [h.entity_id for h in kept] == ["e0", "e1"] and asked == [2]
    assert total == {"value": 2, "relation": "gte"}
    asked.clear()
    kept, total = top_hits(check, lambda h: h.sources[0]["list"] == "a", 3, 0.5, filtered=True)
    assert [h.entity_id for h in kept] == ["e0", "e2"]  # e5, e6 are under the floor
    assert total == {"value": 2, "relation": "eq"} and asked == [35]
    asked.clear()
    many = _hits([0.9] * 60 + [0.8] * 5, ["b"] * 60 + ["a"] * 5)
    kept, total = top_hits(
        lambda n: asked.append(n) or many[:n], lambda h: h.sources[0]["list"] == "a", 2, 0.5, True
    )
    assert len(kept) == 2 and asked == [30, CANDIDATES]  # too few after filtering: asks for all


def test_scan_finds_alabuga_in_posted_text(client) -> None:
    """POST /scan: the news scanner behind the same keys and limits."""
    text = (
        "Iran helped Russia build a drone plant in the Alabuga Special Economic Zone; "
        "drones were shipped from Amirabad to Makhachkala."
    )
    response = client.post("/scan", json={"text": text, "format": "text"})
    assert response.status_code == 200, response.text
    mentions = response.json()["mentions"]
    kinds = {m["kind"] for m in mentions}
    assert {"entity", "jurisdiction", "place"} <= kinds
    for m in mentions:
        assert response.json()["text"][m["start"] : m["end"]] == m["text"]
