"""Keys, rate limits, size limits and bad input: always a 4xx with a clear message, never 500."""

from __future__ import annotations

import json

import pytest

PUTIN = {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}


def one(entity: dict | None = None) -> dict:
    return {"queries": {"q": entity or PUTIN}}


# -- authentication ----------------------------------------------------------------------------


def test_health_needs_no_key(make_client) -> None:
    c = make_client()
    assert c.get("/healthz").json() == {"status": "ok"}
    ready = c.get("/readyz")
    assert ready.status_code == 200 and ready.json()["version"]


def test_missing_key_is_401(make_client, api_key) -> None:
    c = make_client()
    for method, path in (("post", "/match/default"), ("get", "/catalog"),
                         ("get", "/search/default?q=putin"), ("get", "/entities/x")):  # fmt: skip
        resp = c.request(method, path, json=one() if method == "post" else None)
        assert resp.status_code == 401, (path, resp.text)
        assert "API key" in resp.json()["detail"]
        assert resp.headers["www-authenticate"].startswith("Bearer")


def test_wrong_key_is_401(make_client, api_key) -> None:
    c = make_client()
    resp = c.post("/match/default", json=one(), headers={"Authorization": "Bearer emb_nope"})
    assert resp.status_code == 401
    assert resp.json()["detail"] == "invalid or revoked API key"


def test_bearer_and_x_api_key_both_work(make_client, api_key) -> None:
    c = make_client()
    assert c.get("/catalog", headers={"Authorization": f"Bearer {api_key}"}).status_code == 200
    assert c.get("/catalog", headers={"X-API-Key": api_key}).status_code == 200


def test_revoked_key_is_401_on_the_next_request(make_client, key_store) -> None:
    secret, key = key_store.create("to revoke")
    c = make_client()
    c.headers["X-API-Key"] = secret
    assert c.get("/catalog").status_code == 200
    key_store.revoke(key.id)
    resp = c.get("/catalog")
    assert resp.status_code == 401
    assert "revoked" in resp.json()["detail"]


def test_keys_are_stored_hashed(key_store) -> None:
    secret, key = key_store.create("hashed")
    text = key_store.path.read_text()
    assert secret not in text
    assert key.sha256 in text
    assert key_store.lookup(secret) == key


def test_no_auth_mode(make_client) -> None:
    c = make_client(auth=False)
    assert c.post("/match/default", json=one()).status_code == 200


# -- rate limits ---------------------------------------------------------------------------------


def test_rate_limit_is_429_with_retry_after(make_client, key_store) -> None:
    secret, _ = key_store.create("slow", rate=0.5, burst=3)
    c = make_client()
    c.headers["X-API-Key"] = secret
    statuses = [c.get("/catalog").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    resp = c.get("/catalog")
    assert resp.status_code == 429
    assert int(resp.headers["retry-after"]) >= 1
    assert "rate limit" in resp.json()["detail"]


def test_batch_costs_one_token_per_query(make_client, key_store) -> None:
    secret, _ = key_store.create("batch", rate=0.1, burst=10)
    c = make_client()
    c.headers["X-API-Key"] = secret
    body = {"queries": {f"q{i}": PUTIN for i in range(6)}}
    assert c.post("/match/default", json=body).status_code == 200
    resp = c.post("/match/default", json=body)
    assert resp.status_code == 429, resp.text


def test_server_default_rate_applies_to_keys_without_one(make_client, key_store) -> None:
    secret, _ = key_store.create("default rate")
    c = make_client(rate=0.1, burst=2)
    c.headers["X-API-Key"] = secret
    assert [c.get("/catalog").status_code for _ in range(3)] == [200, 200, 429]


def test_workers_spend_from_one_bucket(make_client, key_store) -> None:
    """Two apps over one keys file are two uvicorn workers: a key gets its rate once, not
    once per worker."""
    secret, _ = key_store.create("shared", rate=0.01, burst=4)
    first, second = make_client(), make_client()
    statuses = []
    for c in (first, second, first, second, first, second):
        statuses.append(c.get("/catalog", headers={"X-API-Key": secret}).status_code)
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_buckets_are_shared_across_processes(tmp_path) -> None:
    import subprocess
    import sys

    from embargo.api.limits import SharedRateLimiter

    path = tmp_path / "buckets.sqlite"
    spend = (
        "from pathlib import Path; from embargo.api.limits import SharedRateLimiter; "
        f"b = SharedRateLimiter(Path({str(path)!r}), 0.01, 5); "
        "print([b.take('k') for _ in range(3)])"
    )
    out = subprocess.run([sys.executable, "-c", spend], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[0.0, 0.0, 0.0]"
    here = SharedRateLimiter(path, 0.01, 5)
    assert [here.take("k") == 0.0 for _ in range(3)] == [True, True, False]


def test_a_broken_bucket_file_still_limits(tmp_path, caplog) -> None:
    from embargo.api.limits import SharedRateLimiter

    broken = SharedRateLimiter(tmp_path / "missing" / "buckets.sqlite", 0.01, 2)
    assert [broken.take("k") == 0.0 for _ in range(3)] == [True, True, False]
    assert "workers now count alone" in caplog.text


# -- sizes ---------------------------------------------------------------------------------------


def test_body_over_limit_is_413_before_parsing(client) -> None:
    big = b"{" + b" " * (2 << 20) + b"}"  # not even valid JSON: refused for its size alone
    resp = client.post("/match/default", content=big, headers={"Content-Type": "application/json"})
    assert resp.status_code == 413
    assert "too large" in resp.json()["detail"]


def test_fifty_megabytes_is_413(client) -> None:
    resp = client.post(
        "/match/default",
        content=b"x" * (50 << 20),
        headers={"Content-Type": "application/json"},
    )
    assert resp.status_code == 413


def test_chunked_body_over_limit_is_413(client) -> None:
    def chunks():
        for _ in range(40):
            yield b" " * 65536

    resp = client.post(
        "/match/default", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 413


def test_limit_is_configurable(make_client, api_key) -> None:
    c = make_client(max_body=200)
    c.headers["X-API-Key"] = api_key
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 300]}}}}
    assert c.post("/match/default", json=body).status_code == 413
    assert c.post("/match/default", json=one()).status_code == 200


def test_too_many_queries_is_422(client) -> None:
    body = {"queries": {f"q{i}": PUTIN for i in range(101)}}
    resp = client.post("/match/default", json=body)
    assert resp.status_code == 422
    detail = resp.json()["detail"]
    assert detail[0]["loc"] == ["body", "queries"]
    assert "too many queries" in detail[0]["msg"] and "limit 100" in detail[0]["msg"]


def test_ten_thousand_queries_is_422_quickly(client) -> None:
    body = {"queries": {f"q{i}": {"schema": "Person", "properties": {"name": "a"}}
                        for i in range(10_000)}}  # fmt: skip
    assert len(json.dumps(body)) < 1 << 20
    resp = client.post("/match/default", json=body)
    assert resp.status_code == 422
    assert "10000" in resp.json()["detail"][0]["msg"]


def test_very_long_name_is_400(client) -> None:
    resp = client.post("/match/default", json=one({"schema": "Person",
                       "properties": {"name": ["ali " * 300]}}))  # fmt: skip
    assert resp.status_code == 400
    assert "characters" in resp.json()["detail"]


def test_too_many_names_is_400(client) -> None:
    names = [f"name {i}" for i in range(51)]
    resp = client.post(
        "/match/default", json=one({"schema": "Person", "properties": {"name": names}})
    )
    assert resp.status_code == 400
    assert "51 values" in resp.json()["detail"]


# -- malformed input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b'{"queries": {"a": ', b"not json", b"", b"[1, 2]", b'{"queries": []}', b'{"queries": 5}'],
)
def test_malformed_body_is_422(client, raw: bytes) -> None:
    resp = client.post("/match/default", content=raw, headers={"Content-Type": "application/json"})
    assert resp.status_code == 422, resp.text
    assert resp.json()["detail"]


def test_unknown_schema_is_400_naming_the_query(client) -> None:
    resp = client.post("/match/default", json={"queries": {"row7": {"schema": "Banana",
                       "properties": {"name": "x"}}}})  # fmt: skip
    assert resp.status_code == 400
    assert "row7" in resp.json()["detail"] and "Banana" in resp.json()["detail"]


def test_unscreenable_schema_is_400(client) -> None:
    resp = client.post("/match/default", json=one({"schema": "Sanction", "properties": {}}))
    assert resp.status_code == 400
    assert "cannot be screened" in resp.json()["detail"]


@pytest.mark.parametrize("props", [{}, {"name": []}, {"name": ["", "  "]}, {"birthDate": ["1952"]}])
def test_nothing_to_match_on_is_400(client, props) -> None:
    resp = client.post("/match/default", json=one({"schema": "Person", "properties": props}))
    assert resp.status_code == 400
    assert "nothing to match on" in resp.json()["detail"]


def test_non_string_values_are_400(client) -> None:
    resp = client.post("/match/default", json=one({"schema": "Person",
                       "properties": {"name": [{"first": "Vladimir"}]}}))  # fmt: skip
    assert resp.status_code == 400
    assert "values must be strings" in resp.json()["detail"]


def test_numbers_are_read_as_strings(client) -> None:
    resp = client.post("/match/default", json=one({"schema": "Company",
                       "properties": {"name": ["Rosneft"], "innCode": [7706107510]}}))  # fmt: skip
    assert resp.status_code == 200
    assert resp.json()["responses"]["q"]["query"]["properties"]["innCode"] == ["7706107510"]


def test_unknown_properties_are_ignored_like_yente(client) -> None:
    entity = {"schema": "Person", "properties": {"name": "Vladimir Putin", "favouriteColour": "x"}}
    resp = client.post("/match/default", json=one(entity))
    assert resp.status_code == 200
    assert "favouriteColour" not in resp.json()["responses"]["q"]["query"]["properties"]


def test_empty_queries_is_400(client) -> None:
    resp = client.post("/match/default", json={"queries": {}})
    assert resp.status_code == 400


def test_unknown_dataset_is_404_listing_the_choices(client) -> None:
    resp = client.post("/match/nowhere", json=one())
    assert resp.status_code == 404
    assert "us_ofac_sdn" in resp.json()["detail"] and "sanctions" in resp.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 1000}, {"threshold": 2}, {"cutoff": -1}]
)
def test_bad_parameters_are_422(client, params) -> None:
    assert client.post("/match/default", json=one(), params=params).status_code == 422


# -- CORS ----------------------------------------------------------------------------------------


def test_no_cors_unless_configured(make_client, api_key) -> None:
    c = make_client()
    resp = c.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in resp.headers
    c2 = make_client(cors_origins=["https://app.example"])
    resp = c2.get("/healthz", headers={"Origin": "https://app.example"})
    assert resp.headers["access-control-allow-origin"] == "https://app.example"
    resp = c2.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in resp.headers


def test_requests_screened_at_once_are_capped(make_client, monkeypatch) -> None:
    """The route handlers' thread pool is sized by the config, not anyio's default of 40."""
    import anyio.to_thread

    from embargo.api.config import ApiConfig

    monkeypatch.setenv("EMBARGO_API_THREADS", "3")
    assert ApiConfig.from_env().threads == 3
    monkeypatch.setenv("EMBARGO_API_THREADS", "0")
    with pytest.raises(ValueError, match="EMBARGO_API_THREADS"):
        ApiConfig.from_env()
    with make_client(threads=3) as client:
        tokens = client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )
    assert tokens == 3
